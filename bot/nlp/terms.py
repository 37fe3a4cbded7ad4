"""Index terms: lowercased lemmas without stopwords, punctuation or spaces."""

from __future__ import annotations

from collections.abc import Container, Iterable

from spacy.tokens import Token


def index_terms(tokens: Iterable[Token]) -> tuple[str, ...]:
    """The BM25 terms of a run of tokens; the same function serves documents and queries."""
    terms = []
    for token in tokens:
        if token.is_stop or token.is_punct or token.is_space:
            continue
        lemma = _term(token)
        # Possessive and hyphen debris ("'s", "-") carries no meaning for search.
        if lemma and any(ch.isalnum() for ch in lemma) and lemma not in STOP_LEMMAS:
            terms.append(lemma)
    return tuple(terms)


def is_name(token: Token) -> bool:
    """A proper noun, or a word capitalised inside a sentence: part of a name, most likely."""
    return token.pos_ == "PROPN" or (token.text[:1].isupper() and not token.is_sent_start)


def _term(token: Token) -> str:
    # Names keep their written form: the lemmatiser turns "Kearns" into "kearn" in one
    # sentence and not in another, depending on the tag it guesses.
    if is_name(token):
        return token.lower_.strip()
    return (token.lemma_ or token.text).lower().strip()


# Lemmas of stopwords that spaCy does not flag in every inflection ("'s", "n't").
STOP_LEMMAS = frozenset({"'s", "’s", "n't", "n’t", "-pron-"})


def query_terms(tokens: Iterable[Token], known: Container[str]) -> tuple[str, ...]:
    """Index terms of a query, preferring the written form where only that is indexed."""
    terms = []
    for token in tokens:
        found = index_terms([token])
        if not found:
            continue
        term = found[0]
        if term not in known and token.lower_ in known:
            term = token.lower_  # "Kearns" alone is tagged a plural noun; the corpus has "kearns"
        terms.append(term)
    return tuple(terms)
