"""Dates of what a sentence only supposes, concedes or looks out on, not of what it reports:
a condition ("if the cycle ended in 2005/06"), a concession ("despite the introduction of a
simpler system in 2003, a backlog was building up") and the topic of an outlook ("the
prospects for the EU in 2005")."""

from __future__ import annotations

import re

from spacy.tokens import Token

from bot.nlp.site import MAX_CLIMB, Attachment, Site
from bot.nlp.timewords import CONCEDING, OUTLOOK, SUPPOSING

__all__ = ["concession", "condition", "outlook"]

FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})
# "the prospects for the EU in 2005", "the outlook for 2005": what the outlook is on.
OUTLOOK_ON = re.compile(
    rf"\b(?:{'|'.join(sorted(OUTLOOK))})\s+(?:for|of)\s+(?:[^,;]{{0,30}}\s)?(?:(?:in|during)\s+)?"
    r"(?:the\s+)?$"
)


def condition(site: Site) -> Attachment | None:
    """A date in an "if" or "unless" clause: "might miss its rule if the cycle ended in 2005/06"."""
    verb = site.verb  # "not known if the arrest announced today ...": "if" asks, supposes nothing
    if verb is None or verb.dep_ != "advcl":
        return None
    if any(c.dep_ == "mark" and c.lower_ in SUPPOSING for c in verb.children):
        return Attachment("no-event", "condition")
    return None


def concession(site: Site) -> Attachment | None:
    """A date under "despite": what the sentence grants before its news ("despite the
    introduction of a simpler system in 2003"), unless a clause of its own asserts it ("despite
    a report which said the economy shed 663,000 jobs in March", "despite starring in five
    films in 2004")."""
    token = site.span.root
    for _ in range(MAX_CLIMB * 2):
        if token.head == token or _finite(token):
            return None
        if token.tag_ == "VBG" and token.head.lower_ in CONCEDING:
            # "Despite starring in five films in 2004, Depardieu made ...": the subject's own
            # act, granted with its date, as a "since" or "after" clause's is
            return None
        token = token.head
        if token.lower_ in CONCEDING and token.dep_ in ("prep", "mark", "pobj"):
            return Attachment("qualifier", "concession")
    return None


def outlook(site: Site) -> Attachment | None:
    """The period an outlook or a prospect is for: "the prospects for the EU in 2005"."""
    return Attachment("qualifier", "outlook") if OUTLOOK_ON.search(site.before) else None


def _finite(token: Token) -> bool:
    # A clause of its own: "which said that", "since it was opened in 1992".
    return token.tag_ in FINITE or any(
        c.dep_ in ("aux", "auxpass") and c.tag_ in FINITE for c in token.children
    )
