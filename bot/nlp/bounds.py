"""Dates a sentence measures from or between, not dates of its event: a comparison's baseline
("up from 5% in 2003", "higher than it was at the start of 2004") and a period's bounds ("has
fallen since 2001", "from 1983 to 1992", "until 2008")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.nlp.site import Attachment, Site, path_to_verb
from bot.nlp.tense import LOOKING_AHEAD
from bot.nlp.timewords import (
    AS_POINT,
    CHANGE_WORDS,
    COMPARING,
    LIKENING,
    PERIOD_BOUND,
    PERIOD_END,
    PERIOD_START,
    PUTTING_OFF,
    UNITS,
)

__all__ = ["BARE_NUMBER", "comparison", "period"]

BARE_NUMBER = re.compile(r"\d{4}")
YEAR_LIKE = re.compile(r"1[5-9]\d\d|20\d\d")
YEAR_SPAN = re.compile(r"\d\d[/-]$")
SPANS = frozenset({*UNITS, "period", "half"})
AT_LEAST = re.compile(r"\bat\s+least\s+(?:the\s+)?$")
# "a performance comparable with 2003"
COMPARABLE = re.compile(
    r"\b(?:comparable|in\s+comparison)\s+(?:with|to)\s+(?:in\s+)?(?:the\s+)?$"
)  # "fell to 9.6% last month in comparison with January 2004"
# The end of a range however the parser hung its "to": "delivery from December 2004 to".
FROM_TO = re.compile(r"\bfrom\s+[^,;]{1,30}\s+to\s+(?:the\s+)?$")
# "not as quickly as in 2004", "the same as in 2003" (but "as early as 2005" is a point).
AS_THEN = re.compile(r"\b(?:as\s+(\w+)|same)\s+as\s+(?:(?:in|during|at|on|of)\s+)?(?:the\s+)?$")
# "from fewer than 100,000 in 1980", "from 2.4bn euros in", "from the same period in": a
# figure's baseline, however it is parsed. An amount, not any number: "emerged from Chapter 11
# bankruptcy in March 2003" is an event, and so is the end of a rise: "could grow from 17 million
# last year to 55 million in 2006".
AMOUNT = (
    r"(?:[$£€¥]\s?\d[\d,.]*|\d[\d,.]*\s?(?:%|per\s?cent|m\b|bn\b|tn\b|million|billion|trillion)"
    r"|\d{1,3}(?:,\d{3})+|\d+\.\d+)"
)
FIGURE_THEN = re.compile(
    rf"\b(?:from|compared\s+(?:with|to))\s+(?:(?:(?!\bto\b)[^,;]|,\d){{0,25}}{AMOUNT}(?:(?!\bto\b)[^,;]|,\d){{0,25}}\s"
    r"|[^,;]{0,25}\bsame\s+\w+\s+)(?:in|of)\s+(?:the\s+)?$"
)


def comparison(site: Site) -> Attachment | None:
    """A comparison's baseline: "compared with 2003", "than in 2003", "up 12% on 2003"."""
    if FIGURE_THEN.search(site.before):
        return Attachment("baseline", "figure-from")
    if COMPARABLE.search(site.before):
        return Attachment("baseline", "compared")  # however "with" was hung
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
    for token in path_to_verb(site):
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


def period(site: Site) -> Attachment | None:
    """A period's bound: "since 2001", "from 1983 to 1992"; "until 2008" unless put off to it."""
    # "since 2001" starts a period; "until 2008" ends one unless something is put off to it.
    word = site.prep.lower_ if site.prep is not None else (site.before.split() or [""])[-1]
    if YEAR_SPAN.search(site.before):
        return Attachment("period", "year-span")  # the 2004 of "2003/2004": one fiscal year
    if word in PERIOD_START or _since_clause(site):
        return Attachment("period", "since")
    if word == "to" and (
        site.before.rstrip().endswith("up to")
        or site.head.pos_ == "NOUN"
        or _after_span(site)
        or FROM_TO.search(site.before) is not None  # "from December 2004 to April 2005"
    ):
        return Attachment("period", "until")  # "costs up to 2010", "four years of growth to 2004"
    if word in ("to", "from") and site.verb is not None and site.verb.lemma_ == "date":
        return Attachment("period", "dates-back")  # "a relationship which dates back to 1970"
    put_off = site.verb is not None and site.verb.lemma_ in LOOKING_AHEAD | PUTTING_OFF
    put_off = put_off and not AT_LEAST.search(site.before)  # "until at least 2006": no one date
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


def _after_span(site: Site) -> bool:
    # "the three months to 31 December 2004", "the year to March 2005": the end of a span,
    # however the parser hung the "to" ("Reporting its results for the three months to ...").
    # "a quiet start to 2005" is the start of 2005, no span.
    prep = site.prep
    return prep is not None and prep.i > 0 and prep.doc[prep.i - 1].lemma_ in SPANS


def _changed(token: Token) -> bool:
    # A word of change: "up", "rose", "an increase".
    return token.lower_ in CHANGE_WORDS or token.lemma_ in CHANGE_WORDS


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
    return any(t.lower_ in PERIOD_START for t in path_to_verb(site))


def _figure(token: Token) -> bool:
    # A number that is an amount ("5%", "2.4bn"), not a year ("from 1983 to 1992").
    return token.text == "%" or (token.like_num and not YEAR_LIKE.fullmatch(token.text))
