"""Near-duplicate detection for sentences that several outlets print almost word for word."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

WORD = re.compile(r"[^\W_]+", re.UNICODE)
# Function words shared by any two English sentences say nothing about duplication.
FUNCTION_WORDS = frozenset(
    "a an the and or but of to in on at for with by from as is are was were be been has have "
    "had it its that this which who he she they his her their we our you i not".split()
)


def content_words(text: str) -> frozenset[str]:
    """Lowercased words of a sentence without function words."""
    return frozenset(w for w in WORD.findall(text.lower()) if w not in FUNCTION_WORDS)


def near_duplicate(a: frozenset[str], b: frozenset[str], threshold: float = 0.6) -> bool:
    """True when two sentences share most of their content words (Jaccard, or containment)."""
    if not a or not b:
        return False
    shared = len(a & b)
    jaccard = shared / len(a | b)
    containment = shared / min(len(a), len(b))
    return jaccard >= threshold or (containment >= 0.85 and min(len(a), len(b)) >= 5)


NAMED = re.compile(r"(?<!^)(?<![.!?]\s)\b[A-Z][\w'’-]*|\b\w*\d[\w.,]*", re.UNICODE)


@dataclass(frozen=True)
class Fingerprint:
    terms: frozenset[str]  # lemma index terms: "meetings" and "meeting" agree
    named: frozenset[str]  # names and numbers as written, lowercased


def fingerprint(text: str, terms: Iterable[str] = ()) -> Fingerprint:
    """What two sentences must share to state the same fact."""
    # "Vice-President" and "Vice President" name the same office.
    named = frozenset(
        part
        for m in NAMED.finditer(text.strip())
        for part in m.group().lower().strip(".,").split("-")
        if part
    )
    return Fingerprint(frozenset(terms) or content_words(text), named)


def same_fact(a: Fingerprint, b: Fingerprint) -> bool:
    """Paraphrases of one fact: most terms shared, and no name, place or number in conflict.

    "met Han Zheng in Beijing on Wednesday" and "met Han Zheng in London on Thursday" share
    most words but name different places and days: they are two facts, never folded.
    """
    short, long = (a, b) if len(a.terms) <= len(b.terms) else (b, a)
    if not short.named <= long.named and not long.named <= short.named:
        return False
    shared = len(a.terms & b.terms)
    if not shared:
        return False
    jaccard = shared / len(a.terms | b.terms)
    containment = shared / len(short.terms)
    return jaccard >= 0.6 or (containment >= 0.7 and shared >= 5)
