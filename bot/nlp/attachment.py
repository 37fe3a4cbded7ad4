"""What a time expression is attached to in spaCy's parse, and so whether it dates an event.

A sentence makes a timeline entry at a date only when its reported event (what happened,
was said, or is scheduled) takes place there. A date can instead be a baseline for a
comparison ("up from 5% in 2003"), the start or end of a period ("has fallen since 2001"),
a qualifier of a noun ("the 2012 bid", "the review of 2021", a relative clause's "founded in
1990" in a sentence about today), or not a date at all: a clock time ("at 2005 GMT") or a
quantity ("some 2000 jobs", "resolution 1441").

The verdict comes from an ordered list of small rules (`STRATEGIES`), each looking at the
expression where it sits in the parse and returning its verdict or nothing; the first that
answers wins and its name is kept, so an evaluation can count by rule. An expression no
rule claims dates the event of the verb that governs it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from bot.nlp.tense import LOOKING_AHEAD, event_status, governing_verb
from bot.nlp.timewords import (
    AS_POINT,
    CHANGE_WORDS,
    CLOCK_AFTER,
    COMPARING,
    COUNTING,
    EXPECTING,
    LIKENING,
    NEGATING,
    NUMBERED,
    PERIOD_BOUND,
    PERIOD_END,
    PERIOD_START,
    PUTTING_OFF,
    TIME_PARTS,
    TITLED,
)
from bot.records import Status

__all__ = ["Attachment", "Role", "Site", "attach", "STRATEGIES"]

# event: the date of what the sentence reports; every other role makes no timeline entry.
Role = Literal["event", "baseline", "period", "qualifier", "clock-time", "quantity", "no-event"]
BARE_NUMBER = re.compile(r"\d{4}")
YEAR_LIKE = re.compile(r"1[5-9]\d\d|20\d\d")
YEAR_SPAN = re.compile(r"\d\d[/-]$")
NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
PRE_MODIFIER = frozenset({"compound", "nummod", "amod", "poss", "nmod", "npadvmod", "quantmod"})
CLAUSE_OF_NOUN = frozenset({"relcl", "acl"})
# A year or a decade named outright: "in 2003", "in the 1990s", "in March 2002".
NAMES_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|\d0['’]?s\b")
# Prepositions whose noun frames the event of the verb they hang on: "told him at a dinner
# hosted by Prescott in November 2003" is dated by the dinner.
FRAMING = frozenset("at during on".split())
# "not as quickly as in 2004", "the same as in 2003" (but "as early as 2005" is a point).
AS_THEN = re.compile(r"\b(?:as\s+(\w+)|same)\s+as\s+(?:(?:in|during|at|on|of)\s+)?(?:the\s+)?$")
MAX_CLIMB = 8
# "from fewer than 100,000 in 1980", "from 2.4bn euros in", "from the same period in": a
# figure's baseline, however it is parsed. An amount, not any number: "emerged from Chapter 11
# bankruptcy in March 2003" is an event.
AMOUNT = (
    r"(?:[$£€¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:%|per\s?cent|m\b|bn\b|tn\b|million|billion|trillion)"
    r"|\d{1,3}(?:,\d{3})+|\d+\.\d+)"
)
FIGURE_THEN = re.compile(
    rf"\b(?:from|compared\s+(?:with|to))\s+(?:(?:[^,;]|,\d){{0,25}}{AMOUNT}(?:[^,;]|,\d){{0,25}}\s"
    r"|[^,;]{0,25}\bsame\s+\w+\s+)(?:in|of)\s+(?:the\s+)?$"
)


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


def _clock_time(site: Site) -> Attachment | None:
    # "at 2005 GMT", "at 1900": a four-digit clock time is no year.
    if not BARE_NUMBER.fullmatch(site.expression):
        return None
    after = site.after.split()
    if (after and after[0].strip(".,;") in CLOCK_AFTER) or site.before.rstrip().endswith(" at"):
        return Attachment("clock-time", "clock-time")
    if any(t.ent_type_ == "TIME" for t in site.span):
        return Attachment("clock-time", "time-entity")
    return None


def _quantity(site: Site) -> Attachment | None:
    # "some 2000 jobs", "2005m", "resolution 1441": a count or a name's number.
    if not BARE_NUMBER.fullmatch(site.expression):
        return None
    if site.after[:1].isalpha():
        return Attachment("quantity", "unit")
    words = site.before.split()
    previous = words[-1].strip("(,") if words else ""
    if previous in NUMBERED:
        return Attachment("quantity", "numbered")
    if previous in TITLED:
        return Attachment("qualifier", "title")
    token, noun = site.root, site.root.head
    counted = token.dep_ == "nummod" and noun.tag_ == "NNS" and noun.i > token.i
    # "made 2005 cars" counts them; "its 2004 results", "the 2004 accounts" say which ones.
    which = any(c.dep_ in ("det", "poss") and c.i < token.i for c in noun.children)
    if counted and (previous in COUNTING or not which):
        return Attachment("quantity", "count")
    return None


def _comparison(site: Site) -> Attachment | None:
    # "compared with 2003", "than in 2003", "up from 5% in 2003", "up 12% on 2003".
    if FIGURE_THEN.search(site.before):
        return Attachment("baseline", "figure-from")
    equal = AS_THEN.search(site.before)
    if equal is not None and equal.group(1) not in AS_POINT:
        return Attachment("baseline", "as-as")
    if _compared_clause(site.verb):
        return Attachment("baseline", "than-clause")
    verb = site.verb
    if verb is not None and (
        verb.lemma_ in LIKENING
        or any(c.dep_ == "dobj" and c.lower_ in LIKENING for c in verb.children)
    ):
        return Attachment("baseline", "likened")
    for token in _path(site):
        word = token.lower_
        if word in COMPARING and token.pos_ != "VERB":  # "like 1970", not "would like"
            return Attachment("baseline", "compared")
        if token.lemma_ == "level" and token.pos_ == "NOUN":  # "levels last seen in 1995"
            return Attachment("baseline", "level")
        if word == "from" and token.dep_ == "prep" and token != site.prep:
            figure = any(_figure(t) for t in token.subtree if t not in site.span)
            if figure or _changed(token.head):
                return Attachment("baseline", "up-from")
        if word == "on" and token.dep_ == "prep" and token != site.prep:
            head = token.head  # "up about 30% on the start of 2004", not "rose on 5 May 2004"
            if _changed(head) or _figure(head) or any(_changed(c) for c in head.children):
                return Attachment("baseline", "up-on")
    if (
        site.prep is not None
        and site.prep.lower_ == "on"
        and BARE_NUMBER.fullmatch(site.expression)
    ):
        return Attachment("baseline", "on-year")
    return None


def _period(site: Site) -> Attachment | None:
    # "since 2001" starts a period; "until 2008" ends one unless something is put off to it.
    word = site.prep.lower_ if site.prep is not None else (site.before.split() or [""])[-1]
    if YEAR_SPAN.search(site.before):
        return Attachment("period", "year-span")  # the 2004 of "2003/2004": one fiscal year
    if word in PERIOD_START or _since_clause(site):
        return Attachment("period", "since")
    if word == "to" and (site.before.rstrip().endswith("up to") or site.head.pos_ == "NOUN"):
        return Attachment("period", "until")  # "costs up to 2010", "four years of growth to 2004"
    if word in ("to", "from") and site.verb is not None and site.verb.lemma_ == "date":
        return Attachment("period", "dates-back")  # "a relationship which dates back to 1970"
    put_off = site.verb is not None and site.verb.lemma_ in LOOKING_AHEAD | PUTTING_OFF
    if word in PERIOD_END and not put_off:
        return Attachment("period", "until")
    if word == "between":
        return Attachment("period", "between")
    if word in PERIOD_BOUND:
        return Attachment("period", "before-after")
    if site.prep is None:
        return None
    around = [*site.prep.children, *site.prep.head.children]
    if word == "from":  # "from 1991 to 1997", "the old law, dating from 1945"
        ranged = any(t.lower_ in ("to", "until", "till") for t in around)
        return Attachment("period", "from-to" if ranged else "from")
    if word in ("to", "until") and site.prep.head.lower_ == "from":
        return Attachment("period", "from-to")  # the end of "from 1983 to 1992"
    return None


def _pre_modifier(site: Site) -> Attachment | None:
    # "the 2012 bid", "its 2004 results", "a 2022 U.N. report": the year only says which one.
    root = site.root
    if site.prep is not None or root.dep_ not in PRE_MODIFIER:
        return None
    if root.head.i < root.i or (root.head.pos_ not in NOMINAL and root.dep_ != "nummod"):
        return None  # a nummod's head is a noun, whatever the tagger says ("2004 figures")
    if root.head.lower_ in TIME_PARTS:
        return None  # "in the 2005 fiscal year" is a date itself
    frame = root.head.head if root.head.dep_ == "pobj" else None
    if frame is not None and frame.lower_ in ("during", "at", "on") and root.dep_ == "poss":
        return None  # "during Wednesday's meetings": the meetings frame the event
    return Attachment("qualifier", "pre-modifier")


def _of_noun(site: Site) -> Attachment | None:
    # "the integrated review of 2021". Other prepositions on a noun ("in", "on") are left to
    # the verb: the small model hangs many a verb's date on a noun ("shot in the back on
    # Friday"), and TimeBank links those to the verb's event.
    if site.prep is None or site.prep.lower_ != "of" or site.head.pos_ not in NOMINAL:
        return None
    if site.head.lower_ in TIME_PARTS:
        return None  # "at the end of 2005": the end is the date the verb's event is at
    return Attachment("qualifier", "of-noun")


def _relative_clause(site: Site) -> Attachment | None:
    # "the firm, which was founded in 1990, says ...": a past fact in a sentence about today,
    # or one dated by its year in a past report ("Mr Leslie, who was elected in 1997, said").
    # A past report's clause dated from the report is often the news itself ("a new report
    # published Wednesday"), and TimeBank links nine in ten such dates to their clause's event.
    verb = site.verb
    if verb is None or verb.dep_ not in CLAUSE_OF_NOUN or site.main is None:
        return None
    if verb.tag_ not in ("VBD", "VBN") or any(c.tag_ == "MD" for c in verb.children):
        return None  # "reports it may be taken over early in 2005": a plan, not a past fact
    if site.prep is not None and site.prep.lower_ == "by":
        return None  # "returning to the surpluses seen in the 1990s by 2012": a target
    if verb.tag_ == "VBN" and (verb.lemma_ in EXPECTING or verb.lemma_ in LOOKING_AHEAD):
        return None  # "a vote in the referendum, expected in 2006" ("the target she set": past)
    noun = verb.head
    if noun.dep_ == "pobj" and noun.head.lower_ in FRAMING and noun.head.head.pos_ == "VERB":
        return None  # "told him at a dinner hosted ... in November 2003": where it happened
    if NAMES_YEAR.search(site.expression):
        # A report's own news is dated from the report ("a study published on Wednesday");
        # a clause that names the year tells history: "Ms James, who won the prize in 2003".
        return Attachment("qualifier", "relative-clause")
    about_today = site.main.tag_ in ("VBZ", "VBP") or any(
        c.tag_ in ("VBZ", "VBP") and c.dep_ == "aux" for c in site.main.children
    )
    return Attachment("qualifier", "relative-clause") if about_today else None


def _results_period(site: Site) -> Attachment | None:
    # "a loss for the fourth quarter of 2004", "hit its targets for 2005", "profits for the 2003
    # fiscal year": the period a figure or a target is for, not when anything happens. Only a
    # plan or a forecast is dated by "for": "scheduled for October 2006", "growth of 4% for 2005".
    if site.prep is None or site.prep.lower_ != "for" or _planned(site.head):
        return None
    return Attachment("qualifier", "results-period")


def _negated(site: Site) -> Attachment | None:
    # "shareholders did not get a dividend in 2003", "no sign of a slowdown in 2005": the
    # sentence denies the event at the date.
    if site.verb is None:
        return None
    for token in (site.verb, *_path(site)):
        if any(c.dep_ in ("neg", "det") and c.lower_ in NEGATING for c in token.children):
            return Attachment("no-event", "negated")
    return None


STRATEGIES: tuple[Strategy, ...] = (
    _clock_time,
    _quantity,
    _comparison,
    _period,
    _pre_modifier,
    _relative_clause,
    _of_noun,
    _results_period,
    _negated,
)


def attach(site: Site) -> Attachment:
    """The first rule's verdict on an expression, else the event of the verb governing it."""
    for rule in STRATEGIES:
        found = rule(site)
        if found is not None:
            return found
    if site.verb is None:  # a dateline ("NAIROBI, August 21 --"), a caption: nothing happens
        return Attachment("no-event", "no-verb")
    return Attachment("event", "verb", event_status(site.span, site.prep, site.verb))


def _changed(token: Token) -> bool:
    # A word of change: "up", "rose", "an increase".
    return token.lower_ in CHANGE_WORDS or token.lemma_ in CHANGE_WORDS


def _planned(token: Token) -> bool:
    # A plan or forecast at or above the word: "growth forecast for", "expected to rise to".
    for _ in range(3):
        if token.lemma_ in EXPECTING or token.lemma_ in LOOKING_AHEAD:
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def _compared_clause(verb: Token | None) -> bool:
    # A clause set up to compare with: "higher than it was at the start of 2004", "the same
    # passion ... as when Labour came to power in 1997".
    if verb is None:
        return False
    if any(c.dep_ == "mark" and c.lower_ in COMPARING for c in verb.children):
        return True
    link = verb.head if verb.dep_ == "pcomp" else None
    link = link or next((c for c in verb.children if c.dep_ == "mark" and c.lower_ == "as"), None)
    if link is None or link.lower_ != "as":
        return False
    return any(t.lower_ in ("same", "as") for t in link.doc[max(0, link.i - 8) : link.i])


def _since_clause(site: Site) -> bool:
    # "since his release in July 2003": the date starts the period the sentence measures. A
    # clause of its own is an event at its date: "since Jeremy Hunt travelled to Beijing ... in
    # 2018" (the seeds' annotation).
    return any(t.lower_ in PERIOD_START for t in _path(site))


def _figure(token: Token) -> bool:
    # A number that is an amount ("5%", "2.4bn"), not a year ("from 1983 to 1992").
    return token.text == "%" or (token.like_num and not YEAR_LIKE.fullmatch(token.text))


def _path(site: Site) -> list[Token]:
    # The tokens from the expression up to the verb of its clause, the verb left out.
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
