"""Near-duplicate detection for sentences that several outlets print almost word for word."""

from __future__ import annotations

import re

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
