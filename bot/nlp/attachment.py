"""What a time expression is attached to in spaCy's parse, and so whether it dates an event.

A sentence makes a timeline entry at a date only when its reported event (what happened,
was said, or is scheduled) takes place there. A date can instead be a baseline for a
comparison ("up from 5% in 2003"), the start or end of a period ("has fallen since 2001"),
a qualifier of a noun ("the 2012 bid", "the review of 2021", "a loss for the fourth quarter of
2004", a relative clause's "founded in 1990"), the date of something the sentence denies ("no
sign of a slowdown in 2005"), or not a date at all: a clock time ("at 2005 GMT") or a quantity
("some 2000 jobs", "resolution 1441").

The verdict comes from an ordered list of small rules (`STRATEGIES`), each looking at the
expression where it sits in the parse (`bot.nlp.site`) and returning its verdict or nothing;
the first that answers wins and its name is kept, so an evaluation can count by rule.
Baselines and period bounds live in `bot.nlp.bounds`. An expression no rule claims dates the
event of the verb that governs it. A clause on what a past "be" or "involve" presents ("The
case involved Wang Xuebing, jailed in 2003") is the sentence's news, not background, and a
"for" phrase opening a past sentence ("For the whole of 2004, GM earned") is its event's period.
"""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.nlp.background import concession, condition, outlook
from bot.nlp.bounds import BARE_NUMBER, comparison, period
from bot.nlp.site import PRE_MODIFIER, Attachment, Role, Site, Strategy, path_to_verb
from bot.nlp.tense import LOOKING_AHEAD, event_status
from bot.nlp.timewords import (
    CLOCK_AFTER,
    COUNTING,
    EXPECTING,
    GOALS,
    NEGATING,
    NUMBERED,
    OCCASIONS,
    PRESENTING,
    TIME_PARTS,
    TITLED,
)

__all__ = ["Attachment", "Role", "Site", "attach", "STRATEGIES"]

NOMINAL = frozenset({"NOUN", "PROPN", "PRON", "NUM"})
CLAUSE_OF_NOUN = frozenset({"relcl", "acl"})
# A year or a decade named outright: "in 2003", "in the 1990s", "in March 2002".
NAMES_YEAR = re.compile(r"(?<!\d)(?:1[5-9]\d\d|20\d\d)(?!\d)|\d0['’]?s\b")
# Right before the year, a list of versions: "Windows 95, 98, ME, NT, 2000 and XP".
VERSION_LIST = re.compile(r"\b\d\d\s*,\s*\d\d\s*,(?:\s*[a-z]{2,3}\s*,)*\s*$")
# Prepositions whose noun frames the event of the verb they hang on: "told him at a dinner
# hosted by Prescott in November 2003" is dated by the dinner.
FRAMING = frozenset("at during on".split())
# How a clause's noun hangs on a verb that presents it: "involved ..., Wang Xuebing, jailed in
# 2003" (the small model reads the name as npadvmod), "was minister - a role he won in 2002".
COMPLEMENT = frozenset("attr dobj npadvmod oprd".split())
# Pronouns that open a clause on a noun.
RELATIVES = frozenset("which who whom that".split())
# How a noun hangs on the noun it belongs to: "the ex-president of Bank of China, Wang Xuebing".
WITHIN_NOUN = frozenset("appos conj compound pobj prep".split())


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
    if previous in NUMBERED or VERSION_LIST.search(site.before):
        # "Windows 95, 98, ME, NT, 2000 and XP": one of a list of versions
        return Attachment("quantity", "numbered")
    if previous in TITLED:
        return Attachment("qualifier", "title")
    token, noun = site.root, site.root.head
    counted = token.dep_ == "nummod" and noun.tag_ == "NNS" and noun.i > token.i
    # "made 2005 cars" counts them; "its 2004 results", "the 2004 accounts" say which ones.
    which = any(c.dep_ in ("det", "poss") and c.i < token.i for c in noun.children)
    # "During 2004 blogs ... have become hugely popular": a time, whatever follows it.
    if counted and previous not in {"during", "throughout"} and (previous in COUNTING or not which):
        return Attachment("quantity", "count")
    return None


def _setting(site: Site) -> Attachment | None:
    # "This title is set in 1992": when a story takes place, not when anything happened.
    verb, prep = site.verb, site.prep
    if verb is None or prep is None or prep.lower_ != "in" or prep.head != verb:
        return None
    if verb.lemma_ != "set" or verb.tag_ != "VBN" or not _present(verb):
        return None
    return Attachment("qualifier", "setting")


def _year_as_subject(site: Site) -> Attachment | None:
    # "2005 offers the chance of a breakthrough", "2005 should be the year for campaigning":
    # a year that is the subject of a present or a modal verb is what is said of it, not a
    # time something happens. A past one is its own record ("2004 was a record year").
    root, verb = site.root, site.root.head
    if site.prep is not None or root.dep_ not in ("nsubj", "nsubjpass") or verb.i < root.i:
        return None
    if verb.lemma_ in {"see", "witness"}:
        return None  # "2005 could see another big innovation": it happens in 2005
    modal = any(c.tag_ == "MD" for c in verb.children)
    present = _present(verb) or verb.lemma_ == "set" and verb.tag_ == "VBN"
    return Attachment("no-event", "year-as-subject") if modal or present else None


def _name_label(site: Site) -> Attachment | None:
    # "an International Forum design award 2005", "Media Centre edition 2005": a year right
    # after a common noun, with no preposition, is part of the thing's name.
    doc, span = site.span.doc, site.span
    if site.prep is not None or span.start == 0 or not BARE_NUMBER.fullmatch(site.expression):
        return None
    before = doc[span.start - 1]
    return (
        Attachment("qualifier", "name-label") if before.pos_ == "NOUN" and before.is_lower else None
    )


def _bracketed_label(site: Site) -> Attachment | None:
    # "Humphrey Bogart in Casablanca (1944)": a year alone in brackets after a name says
    # which film or edition, not when the sentence's event took place.
    doc, span = site.span.doc, site.span
    if span.start == 0 or span.end >= len(doc):
        return None
    opened, closed = doc[span.start - 1], doc[span.end]
    if opened.text != "(" or closed.text != ")" or opened.i == 0:
        return None
    return Attachment("qualifier", "bracketed-label") if doc[opened.i - 1].pos_ == "PROPN" else None


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
    if _occasion_of_verb(root.head, frame):
        return None  # "came second in the 2001 election": the election frames the event
    if frame is not None and frame.lower_ in FRAMING and root.dep_ == "poss":
        return None  # "during Wednesday's meetings": the meetings frame the event
    if frame is not None and frame.lower_ == "during" and frame.head == site.main:
        return None  # "reaped the benefits ... during the 1992 election campaign"; a clause's
        # "during" is too often its noun's ("accused it of espionage during a 1998 contest")
    return Attachment("qualifier", "pre-modifier")


def _occasion_of_verb(noun: Token, frame: Token | None) -> bool:
    # An occasion the verb's event took place at or acted on, not a thing the year picks out
    # ("its 2004 results"): a main or reporting verb's object, or its "in"/"at"/"during".
    if noun.lemma_.lower() not in OCCASIONS:
        return False
    if noun.dep_ == "dobj":
        return noun.head.pos_ == "VERB"
    if frame is None or frame.lower_ not in FRAMING | {"in"} or noun.dep_ != "pobj":
        return False
    held = frame.head  # the verb, or its object: "secured second place in the 2001 election"
    return held.pos_ == "VERB" or (held.dep_ == "dobj" and held.head.pos_ == "VERB")


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
    if verb is not None and verb.dep_ == "pcomp" and _clause_of_noun(verb) is None:
        # "Apple, which opened its online store in 2003 after launching the iPod in 2001,
        # uses ...": a participle inside the clause belongs to it
        verb = verb.head.head
    clause = _clause_of_noun(verb) if verb is not None else None
    if verb is None or clause is None or site.main is None:
        return None
    if _restrictive_present(clause):
        return Attachment("qualifier", "restrictive-clause")
    if verb.tag_ not in ("VBD", "VBN") or any(c.tag_ == "MD" for c in verb.children):
        return None  # "reports it may be taken over early in 2005": a plan, not a past fact
    if site.prep is not None and site.prep.lower_ == "by":
        return None  # "returning to the surpluses seen in the 1990s by 2012": a target
    if verb.tag_ == "VBN" and (verb.lemma_ in EXPECTING or verb.lemma_ in LOOKING_AHEAD):
        return None  # "a vote in the referendum, expected in 2006" ("the target she set": past)
    noun = clause.head
    framing = noun.dep_ == "pobj" and noun.head.lower_ in FRAMING
    if framing and noun.head.head.pos_ == "VERB" and not _present(noun.head.head):
        # "told him at a dinner hosted ... in November 2003": where it happened; but "They
        # are now held at the Kodak Theatre, which opened in 2002" is the place's history
        return None
    if _presented(noun):
        return None  # "The case involved Wang Xuebing, jailed in 2003": what the sentence tells
    if NAMES_YEAR.search(site.expression):
        # A report's own news is dated from the report ("a study published on Wednesday");
        # a clause that names the year tells history: "Ms James, who won the prize in 2003".
        return Attachment("qualifier", "relative-clause")
    return Attachment("qualifier", "relative-clause") if _present(site.main) else None


def _having_done(site: Site) -> Attachment | None:
    # "Fiat owns a 56% stake in Ferrari, having first bought into the business in 1969": a
    # perfect participle tells what led to a sentence about today, not its news.
    verb, main = site.verb, site.main
    if verb is None or main is None or verb.dep_ != "advcl" or not _present(main):
        return None
    if not any(c.lower_ == "having" and c.dep_ == "aux" for c in verb.children):
        return None
    return Attachment("qualifier", "having-done")


def _results_period(site: Site) -> Attachment | None:
    # "a loss for the fourth quarter of 2004", "hit its targets for 2005", "profits for the 2003
    # fiscal year": the period a figure or a target is for, not when anything happens. Only a
    # plan or a forecast is dated by "for": "scheduled for October 2006", "growth of 4% for 2005".
    if site.prep is None or site.prep.lower_ != "for" or _planned(site.head):
        return None
    if _opens_past_clause(site):
        return None  # "For 2004 as a whole, eBay earned $778.2m": the period its event took
    return Attachment("qualifier", "results-period")


def _negated(site: Site) -> Attachment | None:
    # "shareholders did not get a dividend in 2003", "no sign of a slowdown in 2005": the
    # sentence denies the event at the date.
    if site.verb is None:
        return None
    for token in (site.verb, *path_to_verb(site)):
        if any(c.dep_ in ("neg", "det") and c.lower_ in NEGATING for c in token.children):
            return Attachment("no-event", "negated")
    return None


STRATEGIES: tuple[Strategy, ...] = (
    _clock_time,
    _quantity,
    comparison,
    period,
    _year_as_subject,
    _setting,
    _bracketed_label,
    _name_label,
    _pre_modifier,
    _relative_clause,
    _of_noun,
    _having_done,
    _results_period,
    outlook,
    concession,
    condition,
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


def _planned(token: Token) -> bool:
    # A plan or forecast at or above the word: "growth forecast for", "expected to rise to".
    # A target named as a noun is what the year qualifies: "reiterating a 2.5% target for 2005".
    if token.pos_ == "NOUN" and token.lemma_ in GOALS:
        return False
    for _ in range(3):
        if token.lemma_ in EXPECTING or token.lemma_ in LOOKING_AHEAD:
            return True
        if token.head == token:
            return False
        token = token.head
    return False


def _clause_of_noun(verb: Token) -> Token | None:
    # The verb of the clause on a noun that holds this verb: itself, the first of two ("the
    # Oatleys, who founded the label and sold it to Southcorp in 2001"), or a clause opened by
    # a relative pronoun that the parser hung on the main verb ("the US - which accounted for
    # 46% of profit in 2004 -").
    while verb.dep_ == "conj" and verb.head != verb and verb.sent.root.pos_ in ("VERB", "AUX"):
        verb = verb.head  # with no main verb found, a second verb may be the main clause's
    if verb.dep_ in CLAUSE_OF_NOUN:
        return verb
    relative = any(
        c.dep_ in ("nsubj", "nsubjpass") and c.tag_ in ("WDT", "WP") and c.lower_ in RELATIVES
        for c in verb.children
    )
    return verb if relative and verb.dep_ not in ("ROOT", "ccomp") else None  # not "asked who"


def _restrictive_present(clause: Token) -> bool:
    # "roll over mortgage loans that come due in the first half of 2005": a present clause
    # with no comma before it says which loans, as "the 2005 loans" would. A clause set off by
    # commas tells more about its noun, plans included ("the vote, which is due in May 2005").
    if clause.dep_ != "relcl" or clause.tag_ not in ("VBZ", "VBP"):
        return False
    pronoun = next((c for c in clause.children if c.lower_ in RELATIVES and c.i < clause.i), None)
    return pronoun is not None and pronoun.i > 0 and not pronoun.nbor(-1).is_punct


def _present(verb: Token) -> bool:
    # A sentence about today: "says", "is", "has been recovering".
    return verb.tag_ in ("VBZ", "VBP") or any(
        c.tag_ in ("VBZ", "VBP") and c.dep_ in ("aux", "auxpass") for c in verb.children
    )  # "are now held"


def _presented(noun: Token) -> bool:
    # Whether a past "be" or "involve" presents the noun (or the noun it is part of): "The
    # most high-profile case involved the ex-president of Bank of China, Wang Xuebing", "It
    # was a commitment to public service that brought Jim Callaghan into Parliament in 1945".
    token = noun
    for _ in range(4):
        link, token = token.dep_, token.head
        if token.pos_ in ("VERB", "AUX"):
            return link in COMPLEMENT and token.lemma_ in PRESENTING and token.tag_ == "VBD"
        if link not in WITHIN_NOUN or token.head == token:
            return False
    return False


def _opens_past_clause(site: Site) -> bool:
    # A "for" phrase opening a past sentence gives the period of the clause's event: "For the
    # whole of 2004, GM earned $3.7bn" is "In 2004, GM earned $3.7bn". After the verb it is
    # too often a figure's ("posted a loss for the fourth quarter"), however it is parsed; and
    # a date in a clause of its own only ends the period ("For the year ended Sept. 30").
    prep, verb = site.prep, site.verb
    if prep is None or verb is None or verb != prep.head or not _opens_sentence(prep):
        return False
    if verb.lemma_ == "be":
        return False  # "for 2003/2004, Asians were 1.9 times more likely": a figure for it
    if any(t.tag_ in ("VBD", "VBN", "VBG") for t in prep.doc[prep.i + 1 : site.span.start]):
        return False
    if any(c.tag_ == "MD" for c in verb.children):
        return False
    return verb.tag_ == "VBD" or any(c.tag_ == "VBD" and c.dep_ == "aux" for c in verb.children)


def _opens_sentence(token: Token) -> bool:
    # The sentence's first word, after any opening quote or bracket: "For 1988, BellSouth
    # earned". Further in, the small model hangs many a duration on the main verb ("even
    # though he has been in Bethesda for the last week, she frowned").
    return all(t.is_punct for t in token.sent[: token.i - token.sent.start])
