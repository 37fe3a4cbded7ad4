"""Index terms for benchmark passages, fast enough for a million sentences.

Running the full spaCy pipeline over all 2.4M words of Reuters takes minutes on two cores, so
passages are tokenised by spaCy's own tokenizer with its stopword and punctuation flags, and
lemmatised by a table learnt from the full pipeline (tagger + lemmatizer, `bot.nlp.terms`) on a
sample of the same corpus; a word the sample never saw stays lowercased. The result is close to,
not identical with, what ingest stores; queries go through the real `query_terms`.
"""

from __future__ import annotations

import pickle
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from benchmarks.corpus import Article, split_sentences
from bot.nlp.terms import STOP_LEMMAS, index_terms


@dataclass(frozen=True)
class Passage:
    article: int  # index into the article list
    position: int
    paragraph: int
    start: int
    end: int
    text: str
    terms: str  # index terms joined by spaces, as the store keeps them


def tokenise(
    articles: Sequence[Article], nlp: Language, cache: Path, sample: int = 400
) -> list[Passage]:
    """Every sentence of every article with its index terms (cached on disk per corpus)."""
    if cache.exists():
        with cache.open("rb") as fh:
            cached: list[Passage] = pickle.load(fh)
        return cached
    lemmas = learn_lemmas(nlp, [a.body for a in articles[:sample]])
    passages = []
    for number, article in enumerate(articles):
        spans = list(_sentence_spans(article.body))
        docs = nlp.tokenizer.pipe(article.body[s:e] for _, s, e in spans)
        for position, ((paragraph, start, end), doc) in enumerate(zip(spans, docs, strict=True)):
            terms = [
                lemmas.get(t.lower_, t.lower_)
                for t in doc
                if not (t.is_stop or t.is_punct or t.is_space)
            ]
            kept = [t for t in terms if t not in STOP_LEMMAS and any(c.isalnum() for c in t)]
            text = article.body[start:end]
            passages.append(Passage(number, position, paragraph, start, end, text, " ".join(kept)))
    cache.parent.mkdir(parents=True, exist_ok=True)
    with cache.open("wb") as fh:
        pickle.dump(passages, fh, protocol=pickle.HIGHEST_PROTOCOL)
    return passages


def learn_lemmas(nlp: Language, texts: Sequence[str]) -> dict[str, str]:
    """The term the real pipeline gives each lowercased word, by majority over the sample."""
    seen: dict[str, Counter[str]] = defaultdict(Counter)
    with nlp.select_pipes(disable=[p for p in ("parser", "ner") if p in nlp.pipe_names]):
        for doc in nlp.pipe(texts, batch_size=32):
            for token in doc:
                found = index_terms([token])
                if found:
                    seen[token.lower_][found[0]] += 1
    return {word: counts.most_common(1)[0][0] for word, counts in seen.items()}


def _sentence_spans(body: str) -> list[tuple[int, int, int]]:
    spans, cursor = [], 0
    for paragraph, text in enumerate(body.split("\n\n")):
        for sentence in split_sentences(text):
            start = body.index(sentence, cursor)
            cursor = start + len(sentence)
            spans.append((paragraph, start, cursor))
    return spans
