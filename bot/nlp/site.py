"""Where a time expression sits in spaCy's parse, read once for every attachment rule, and the
verdict a rule gives on it."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from bot.nlp.tense import governing_verb
from bot.nlp.timewords import TIME_PARTS
from bot.records import Status

__all__ = ["MAX_CLIMB", "PRE_MODIFIER", "Attachment", "Role", "Site", "Strategy", "path_to_verb"]

# event: the date of what the sentence reports; every other role makes no timeline entry.
Role = Literal["event", "baseline", "period", "qualifier", "clock-time", "quantity", "no-event"]
PRE_MODIFIER = frozenset({"compound", "nummod", "amod", "poss", "nmod", "npadvmod", "quantmod"})
MAX_CLIMB = 8


@dataclass(frozen=True)
class Attachment:
    """What an expression dates: its role, the rule that said so, and an event's status."""

    role: Role
    rule: str
    status: Status | None = None  # "reported" or "expected", for an event

    @property
    def entry(self) -> bool:
        """Whether the sentence goes on the timeline at this date."""
        return self.role == "event"


@dataclass(frozen=True)
class Site:
    """Where an expression sits in the parse, read once for every rule."""

    span: Span  # the expression's tokens
    root: Token  # its head word; the first one's for the second of two ("1997 and 2001")
    expression: str
    before: str  # up to 60 characters of the sentence before the expression, lowercased
    after: str  # up to 20 characters after it, lowercased
    prep: Token | None  # the preposition it is the object of ("in", "since"), if any
    head: Token  # what the expression (or its preposition) attaches to
    verb: Token | None  # the verb whose clause holds it
    main: Token | None  # the sentence's main verb

    @classmethod
    def of(cls, doc: Doc, start: int, end: int, sentence: Span | None) -> Site | None:
        """The expression at characters [start, end) of the document, or None if no tokens."""
        span = doc.char_span(start, end, alignment_mode="expand")
        if span is None or not len(span):
            return None
        sent = sentence if sentence is not None else span.sent
        root = span.root
        while root.dep_ == "conj" and root.head != root:
            root = root.head  # "between 1994 and 1997": the first one's preposition
        prep = None
        if root.dep_ == "prep":  # "on Thursday" holds its preposition
            prep = root
        elif root.dep_ == "pobj" and root.head.dep_ in ("prep", "agent"):
            prep = root.head  # "seen ... by 2012" is parsed as a passive's agent, never one
        elif (
            root.dep_ in PRE_MODIFIER
            and root.head.lower_ in TIME_PARTS
            and root.head.dep_ == "pobj"
            and root.head.head.dep_ == "prep"
        ):
            prep = root.head.head  # "for the 2003 fiscal year": the year's preposition
        elif root.dep_ in PRE_MODIFIER and span.start > 0 and _orphan(doc[span.start - 1]):
            # "by 2019 poverty could fall": the parser hung the year on the noun after it and
            # left the preposition before it with no object. The year is that object.
            prep = doc[span.start - 1]
        # "until the end of 2005", "since the start of 2004": the part's preposition counts.
        while (
            prep is not None
            and prep.lower_ == "of"
            and prep.head.lower_ in TIME_PARTS
            and prep.head.dep_ == "pobj"
            and prep.head.head.dep_ == "prep"
        ):
            prep = prep.head.head
        head = prep.head if prep is not None else root.head
        before = sent.text[max(0, start - sent.start_char - 60) : start - sent.start_char]
        after = sent.text[end - sent.start_char : end - sent.start_char + 20]
        return cls(
            span, root, span.text, before.lower(), after.lower(), prep, head,
            governing_verb(prep if prep is not None else root), sent.root,
        )  # fmt: skip


Strategy = Callable[[Site], Attachment | None]


def _orphan(token: Token) -> bool:
    return (
        token.dep_ == "prep"
        and token.pos_ == "ADP"
        and not any(c.dep_ in {"pobj", "pcomp"} for c in token.children)
    )


def path_to_verb(site: Site) -> list[Token]:
    """The tokens from the expression up to the verb of its clause, the verb left out."""
    path = []
    token = site.span.root
    for _ in range(MAX_CLIMB):
        if token.head == token or token == site.verb:
            break
        token = token.head
        if token == site.verb:
            break
        path.append(token)
    return path
