"""The organisation a description, a pronoun or a document stands for in its article.

"Renault said ... However, the firm said", "The IMF said ... It added", "the ADB report
said": reporters vary the words for the body a passage is about as they do for a person.
A description names the body only when one body is in view: the single organisation that
was the subject of the last few sentences. Two bodies in view, or none, name nobody.
"""

from __future__ import annotations

from bisect import bisect_left

from spacy.tokens import Doc, Span, Token

from bot.nlp.cues import Inside
from bot.nlp.lexicon import BODY_NOUNS, DOCUMENT_NOUNS, HONORIFICS
from bot.nlp.names import entity_at, name_words
from bot.nlp.people import PeopleIndex
from bot.nlp.sentences import Sentences

LOOK_BACK = 3  # reporter's sentences before the description's own that may hold the body
SUBJECTS = {"nsubj", "nsubjpass"}
UNNAMED = "?"  # a body in view that the article has not named


class Bodies:
    """Organisations the article makes the subject of its sentences, in order."""

    def __init__(self, doc: Doc, people: PeopleIndex, inside: Inside, sentences: Sentences) -> None:
        self._people = people
        self._inside = inside
        self._sents = sentences
        self._tokens: list[int] = []  # subjects naming a body, in order
        self._names: list[str] = []  # what each of them names (UNNAMED for a body unnamed)
        self._documents: list[tuple[int, str, str | None]] = []  # (token, noun, owner)
        surnames = {w for name in people.full_names for w in name.split()}
        self._bodies_named = {
            e.text for e in doc.ents if e.label_ == "ORG" and len(e) == 1 and e.text not in surnames
        }
        for token in doc:
            if inside(token.idx):
                continue
            if _is_document(token):
                self._documents.append((token.i, token.lemma_, self._owner(token)))
            if token.dep_ not in SUBJECTS:
                continue
            name = self._organisation(token)
            if name is None and self._describes_a_body(token):
                name = self.body_at(token)
            elif name is None and _is_document(token):
                # "the NIESR report was optimistic ... It said": the report, or whoever
                # wrote it, is what "it" may be now.
                name = self._owner(token) or UNNAMED
            elif name is None and token.lemma_ in BODY_NOUNS and token.pos_ == "NOUN":
                # "the trade group for the Blue Cross plans", "a rival firm": another body,
                # unnamed, now in view; whoever "the group" is next, it is not sure.
                name = UNNAMED
            if name is not None:
                self._add(token, name)

    def described(self, span: Span) -> tuple[str, str, str] | None:
        """Who a subject that names no one stands for: (name, kind, rule), the rule `body`
        ("the firm", "it") or `document` ("the ADB report", "Mr Tanzi's statement")."""
        root = span.root
        if _is_document(root):
            author = self._author(root)
            if author is not None:
                return author, "person", "document"
            owner = self._owner(root) or self._earlier_owner(root)
            return (owner, "organisation", "document") if owner is not None else None
        if self._describes_a_body(root):
            name = self.body_at(root)
            return (name, "organisation", "body") if name is not None else None
        return None

    def _author(self, document: Token) -> str | None:
        # "Mr Tanzi's statement said": a person's own statement or letter is their words.
        owner = next((c for c in document.children if c.dep_ == "poss"), None)
        if owner is None or owner.ent_type_ != "PERSON" or self._inside(owner.idx):
            return None
        ent = entity_at(owner)
        words = name_words(ent) if ent is not None else []
        return self._people.canonical(words, owner.idx) if words else None

    def body_at(self, token: Token) -> str | None:
        """The one organisation in view at this token, if exactly one is."""
        first = self._sents.look_back_to(self._sents.of(token.i), LOOK_BACK)
        start = bisect_left(self._tokens, self._sents.starts[first])
        end = bisect_left(self._tokens, token.i)
        names = set(self._names[start:end])
        return names.pop() if len(names) == 1 and UNNAMED not in names else None

    def _describes_a_body(self, token: Token) -> bool:
        # "the firm", "it", "its": bare, so that "the Delta subsidiary" or "a rival firm",
        # bodies of their own, are not the one in view.
        if token.lower_ in {"it", "its"}:
            return token.dep_ in SUBJECTS or token.dep_ == "poss"
        if token.lemma_ not in BODY_NOUNS or token.tag_ != "NN":
            return False
        lefts = list(token.lefts)
        return [t.lower_ for t in lefts] == ["the"] and not any(
            c.dep_ in {"prep", "acl", "relcl", "appos"} for c in token.rights
        )

    def _organisation(self, token: Token) -> str | None:
        # A body the model tagged, not a person it filed as one ("Mr Clarke"); or a name it
        # tags as a body elsewhere in the article and as a person here ("Novartis said").
        ent = entity_at(token)
        if ent is None or ent.root.i != token.i:
            return None
        if ent.label_ == "PERSON" and len(ent) == 1 and token.text in self._bodies_named:
            return token.text
        if ent.label_ == "PERSON" and len(ent) == 1 and token.text.isupper() and _spelt_out(token):
            return token.text  # "CENTR, the Council of European ... Registries, agrees"
        if ent.label_ != "ORG":
            return None
        before = token.doc[ent.start - 1] if ent.start > 0 else None
        if before is not None and before.lower_ in HONORIFICS:
            return None
        words = name_words(ent)
        name = " ".join(words)
        if not words or name in self._people.mentions or name in self._people.full_names:
            return None
        return name

    def _owner(self, document: Token) -> str | None:
        # "the ADB report", "the IMF's report", "its report", "the letter from Qwest"
        for child in document.children:
            if child.dep_ in {"compound", "poss"}:
                if child.lower_ == "its":
                    return self.body_at(child)
                name = self._organisation(child)
                if name is not None:
                    return name
            if child.dep_ == "prep" and child.lower_ in {"from", "by", "of"}:
                pobj = next((c for c in child.children if c.dep_ == "pobj"), None)
                name = self._organisation(pobj) if pobj is not None else None
                if name is not None:
                    return name
        return None

    def _earlier_owner(self, document: Token) -> str | None:
        # "The National Audit Office report found ... The report said": the one body whose
        # report of that kind the article has named before, and no report of no one's ("a
        # 2022 U.N. report ... a new report published by the panel ... the report states").
        if [t.lower_ for t in document.lefts] != ["the"]:
            return None
        owners = {o for i, noun, o in self._documents if i < document.i and noun == document.lemma_}
        return owners.pop() if len(owners) == 1 and None not in owners else None

    def _add(self, token: Token, name: str) -> None:
        self._tokens.append(token.i)
        self._names.append(name)


def _is_document(token: Token) -> bool:
    return token.lemma_ in DOCUMENT_NOUNS and token.pos_ == "NOUN"


def _spelt_out(token: Token) -> bool:
    # Initials with the body's full name set beside them.
    return any(c.dep_ == "appos" and c.ent_type_ == "ORG" for c in token.children)
