"""What kind of answer a question asks for, and which sentences offer one.

"How many jobs will go?" is answered by a sentence with a number in it ("plans to cut 1,200
posts"), "when did he leave?" by one with a date: the expected answer type of question
answering systems since the TREC QA track, here only for the two kinds a sentence shows on
its face. A sentence offering the kind asked for gains a share of the best score; others keep
theirs, so a question of another kind, or a plain topic ("sanctions on British MPs"), ranks as
before.
"""

from __future__ import annotations

import calendar
import dataclasses
import re
from collections.abc import Sequence

from bot.records import Passage

BONUS = 0.15  # of the best passage's score

QUANTITY_QUESTION = re.compile(
    r"\bhow\s+(?:many|much|big|far|large|long|high|low|often|old|fast|heavy|deep)\b"
    r"|\bwhat\s+(?:share|percentage|proportion|rate|price|amount|number|level|figure|total)\b",
    re.IGNORECASE,
)
TIME_QUESTION = re.compile(
    r"^\s*(?:and\s+)?when\b|\bwhat\s+(?:year|date|day|month)\b", re.IGNORECASE
)
NUMBER_WORDS = (
    "one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty hundred hundreds thousand thousands million millions billion billions trillion half "
    "third quarter dozen dozens double doubled triple tripled"
).split()
QUANTITY = re.compile(r"\d|\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)
MONTHS = [m for m in calendar.month_name if m] + [d for d in calendar.day_name]
TIME = re.compile(
    r"\b(?:1[89]|20)\d\d\b|\b(?:"
    + "|".join(MONTHS)
    + r")\b|\b(?:last|next)\s+(?:week|month|year)\b"
)


def expected(question: str) -> re.Pattern[str] | None:
    """The pattern a sentence answering the question would match, if its kind shows."""
    if TIME_QUESTION.search(question):
        return TIME
    if QUANTITY_QUESTION.search(question):
        return QUANTITY
    return None


def favour_answers(question: str, passages: Sequence[Passage]) -> list[Passage]:
    """The passages, those offering the kind of answer the question asks for scored higher."""
    wanted = expected(question)
    if wanted is None or not passages:
        return list(passages)
    bonus = BONUS * max(p.score for p in passages)
    return [
        dataclasses.replace(p, score=p.score + bonus)
        if p.score > 0 and wanted.search(p.text)
        else p
        for p in passages
    ]
