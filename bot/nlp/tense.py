"""The tense of the verb that governs a time expression, and whether its event is expected."""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from bot.nlp.calendar import Tense
from bot.nlp.timewords import ACTS, EXPECTING, FORECAST_NOUNS, MODALS
from bot.records import Status

FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "’ll"})
# "is expected to meet on Friday", "plans to visit in November": the plan is in the future.
PLANNING = frozenset(
    "expect plan schedule set due intend aim prepare hope propose promise vow go".split()
)
# "postponed until Tuesday", "a deadline of Jan. 14": the date lies ahead whatever the tense.
LOOKING_AHEAD = frozenset("plan schedule postpone delay deadline due slate resume".split())
AHEAD_CUES = re.compile(r"\b(?:until|till|as soon as|by|through|effective|payable)$")
FUTURE_WORDS = frozenset({"next", "coming", "upcoming", "tomorrow"})
PAST_WORDS = frozenset({"last", "ago", "earlier", "yesterday", "previous"})
MAX_CLIMB = 8


@dataclass(frozen=True)
class SentenceView:
    """What reading tense needs of a sentence, made once for all its time expressions:
    `doc.text` rebuilds the whole document's string on every access, and `Span.sent` walks
    to the sentence's ends, which made a long article quadratic."""

    start: int  # character offset of `text` in the document
    text: str
    root: Token | None

    @classmethod
    def of(cls, doc: Doc, start: int, text: str) -> SentenceView:
        span = doc.char_span(start, start + len(text), alignment_mode="expand")
        return cls(start, text, span.root if span is not None and len(span) else None)


def tense_at(doc: Doc, start: int, end: int, sentence: SentenceView | None = None) -> Tense | None:
    """Past, present or future for the clause around a character span; None when unclear.

    `sentence` is the sentence holding the span, when the caller has it.
    """
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    words = {t.lower_ for t in span}
    if words & FUTURE_WORDS:
        return "future"
    if words & PAST_WORDS:
        return "past"
    if sentence is None:
        sent = span.sent
        sentence = SentenceView(sent.start_char, sent.text, sent.root)
    offset = start - sentence.start
    before = sentence.text[max(0, offset - 14) : offset].lower().rstrip()
    if AHEAD_CUES.search(before):
        return "future"
    verb = governing_verb(span.root)
    if verb is not None and verb.lemma_ in LOOKING_AHEAD:
        return "future"
    tense = _verb_tense(verb) if verb is not None else None
    # A modal or no verb at all ("might be different from ... in September"): the sentence's
    # main verb says when it is told from.
    if tense is None and sentence.root is not None:
        return _verb_tense(sentence.root)
    return tense


def governing_verb(token: Token) -> Token | None:
    """The verb whose clause holds a token (the token itself if it is one), or None."""
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX") and token.dep_ != "aux":
            return token
        if token.head.i == token.i:
            return None
        token = token.head
    return None


def _verb_tense(verb: Token) -> Tense | None:
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in FUTURE_AUX for a in auxes):
        return "future"
    if verb.tag_ == "VB" and verb.dep_ == "xcomp" and verb.head.lemma_ in PLANNING:
        return "future"
    if verb.tag_ == "VBG" and verb.lemma_ == "go" and any(c.dep_ == "xcomp" for c in verb.children):
        return "future"  # "is going to meet"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return "past"
    if verb.tag_ == "VBN":
        if any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
            return "present"
        return "past"  # "has visited", "published in March"
    if any(a.tag_ == "MD" for a in auxes):
        return None  # would, could, might: no time of their own
    if verb.tag_ == "VBG" and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "future"  # "is meeting on Friday": a plan
    if verb.tag_ in ("VBZ", "VBP"):
        return "present"
    if verb.tag_ == "VB" and verb.dep_ in ("xcomp", "ccomp", "advcl", "conj"):
        return _verb_tense(verb.head) if verb.head.i != verb.i else None
    return None


def event_status(expression: Span, prep: Token | None, verb: Token | None) -> Status:
    """Expected for a forecast or plan ("could decide in 2006", "by 2008"), else reported.

    `prep` is the preposition the expression is the object of, `verb` the verb of its clause.
    """
    words = {t.lower_ for t in expression}
    if words & PAST_WORDS:
        return "reported"  # "said earlier this week he would": the date is behind us
    if words & FUTURE_WORDS:
        return "expected"  # "next year"
    if prep is not None and prep.lower_ == "by":  # a target "by 2008", unless already met
        # "A previous prediction from Datamonitor put the figure at 4.6 million by 2008": what a
        # forecast puts, however past the verb, is still ahead
        foretold = verb is not None and any(
            c.dep_ in ("nsubj", "nsubjpass") and c.lemma_ in FORECAST_NOUNS for c in verb.children
        )
        done = prep.head == verb and verb is not None and _done(verb) and not foretold
        return "reported" if done else "expected"
    for _ in range(3):
        if verb is None:
            return "reported"
        auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
        planning = verb.lemma_ in EXPECTING and not _act_at(verb, prep)
        if any(a.lower_ in MODALS for a in auxes) or planning or _bound(verb):
            return "expected"  # "could decide in 2006", "a decision is due in 2005"
        if verb.dep_ in ("acl", "pcomp") and verb.head.lower_ in EXPECTING | {"plans"}:
            # "the group's plans to create 10,000 jobs in 2005", "Due to enter service in 2006"
            return "expected"
        if verb.dep_ == "pcomp" and verb.head.lower_ == "to" and verb.head.head.lemma_ == "look":
            return "expected"  # "look forward to receiving approval in early 2005"
        # "is expected to be completed in May", "would sunset, or disappear, in 2010", "I
        # expect that to be the case in 2005": a verb with no tense of its own takes the
        # status of the verb above.
        if verb.dep_ == "pcomp" and verb.head.head != verb.head:
            verb = verb.head.head  # "could go some way to pushing up sales in 2005"
            continue
        planned = verb.dep_ == "xcomp" or (verb.tag_ in ("VB", "VBG") and verb.dep_ == "advcl")
        planned = planned or (verb.tag_ == "VB" and verb.dep_ in ("ccomp", "conj"))
        if not planned or verb.head == verb:
            return "reported"
        verb = verb.head
    return "reported"


def _act_at(verb: Token, prep: Token | None) -> bool:
    # "The Academy was set up in 1927", "saw it postponed for two days in 1968", "in 1983
    # ... we were forecasting": the setting up, the postponing or the forecast happened at
    # the date; only a date it points to ("postponed until May") lies ahead.
    if any(c.dep_ == "prt" for c in verb.children):
        return True  # "set up", "set out": not "set to"
    past = verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children)
    if prep is None or prep.lower_ not in {"in", "on", "during", "at"}:
        return False
    # the parser may hang the date on a length of time ("postponed for two days in 1968")
    held = prep.head
    if held.dep_ == "pobj" and held.head.lower_ == "for":
        held = held.head.head
    if held != verb:
        return False
    # A forecast's own date comes before it ("In 1983 we were forecasting"); after it, the
    # date is what is forecast ("was forecast to grow, with a forecast of 3% in 2005").
    foretelling = verb.lemma_ in {"forecast", "predict"}
    return verb.lemma_ in ACTS and past and (prep.i < verb.i or not foretelling)


def _bound(verb: Token) -> bool:
    # "a decision is due in 2005", "Unilever is to merge its boards in 2005": a plan stated
    # with "be".
    due = any(c.dep_ == "acomp" and c.lemma_ in EXPECTING for c in verb.children)
    present_be = verb.lemma_ == "be" and verb.tag_ in ("VBZ", "VBP")
    to = any(c.dep_ == "xcomp" and any(a.lower_ == "to" for a in c.children) for c in verb.children)
    return due or (present_be and to)


def _done(verb: Token) -> bool:
    # "felt by November 2003", "had saved £100m by 2004": a past verb with no modal.
    modal = any(c.tag_ == "MD" for c in verb.children)
    return not modal and (verb.tag_ == "VBD" or any(c.tag_ == "VBD" for c in verb.children))
