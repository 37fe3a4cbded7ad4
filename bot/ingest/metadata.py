"""Title, source and publication date, read from what the article itself says."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from bot.ingest.clean import looks_like_headline

MONTH = (
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.?"
    r"|January|February|March|April|June|July|August|September|October|November|December"
)
# "Aug. 30 (UPI) --", "LONDON, May 6 (Reuters) -", "BEIJING (AP) —"
DATELINE = re.compile(
    rf"^(?:(?P<place>[A-Z][A-Za-z .'-]{{1,40}}?),?\s+)?"
    rf"(?:(?P<date>(?:{MONTH})\s+\d{{1,2}}(?:,\s*(?P<year>\d{{4}}))?)\s*)?"
    r"\((?P<source>[A-Z][A-Za-z0-9 .&'-]{1,40})\)\s*(?:--|-|—|–)\s*"
)
DATE_LINE = re.compile(r"^\s*date\s*:?\s+(?P<date>\d{4}-\d{2}-\d{2})\b[ \t]*\n?", re.IGNORECASE)
# `title: ...` lines before the first blank line of a plain-text file; `date` is the
# publication date, and `date 2023-05-06` without a colon reads as it always has.
HEADER_LINE = re.compile(
    r"^[ \t]*(?P<name>title|source|url|byline|date)[ \t]*(?::|(?=[ \t]+\d{4}-\d{2}-\d{2}[ \t]*$))"
    r"[ \t]*(?P<value>.*?)[ \t]*$",
    re.IGNORECASE,
)
HEADER_FIELDS = {"date": "published"}
SENTENCE_BREAK = re.compile(r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)]))\s+(?=[\"“‘A-Z0-9])")
MAX_TITLE = 150


@dataclass(frozen=True)
class Dateline:
    text: str | None  # the date as written, e.g. "Aug. 30"
    source: str
    published: dt.date | None  # only when the dateline itself gives the year
    rest: str  # the paragraph without its dateline


def parse_iso_date(value: str) -> dt.date:
    """An ISO date or datetime ("2023-05-06", "2023-05-06T09:00Z") as a date, else ValueError."""
    value = value.strip()
    try:
        return (
            dt.date.fromisoformat(value[:10]) if len(value) >= 10 else dt.date.fromisoformat(value)
        )
    except ValueError:
        raise ValueError(f"{shorten(value, 40)!r} is not an ISO date (YYYY-MM-DD)") from None


def split_date_line(text: str) -> tuple[dt.date | None, str]:
    """Take an optional leading `date YYYY-MM-DD` marker off the text."""
    match = DATE_LINE.match(text)
    if not match:
        return None, text
    return parse_iso_date(match.group("date")), text[match.end() :]


def split_header(text: str) -> tuple[dict[str, str], str]:
    """Take a block of `name: value` header lines (title, source, url, byline, date) off the
    text when every line before the first blank line is one; else no fields and the text."""
    block, blank, rest = text.lstrip("\n").partition("\n\n")
    fields: dict[str, str] = {}
    for line in block.splitlines() if blank else ():
        match = HEADER_LINE.match(line)
        if match is None:
            return {}, text
        name = match.group("name").lower()
        if match.group("value"):
            fields[HEADER_FIELDS.get(name, name)] = match.group("value")
    if not blank or not block.strip():
        return {}, text
    return fields, rest


def parse_dateline(paragraph: str) -> Dateline | None:
    """Read a wire-style dateline at the start of the first paragraph."""
    match = DATELINE.match(paragraph)
    if not match or not paragraph[match.end() :].strip():
        return None
    date_text = match.group("date")
    published = None
    if date_text and match.group("year"):
        published = _month_day_year(date_text)
    return Dateline(
        text=date_text,
        source=match.group("source").strip(),
        published=published,
        rest=paragraph[match.end() :].strip(),
    )


# "Published: May 6, 2023", "First published on Saturday 6 May 2023 09.30 BST", "Posted 6 May
# 2023": a page's own words for when it was published (an update line is not).
PUBLISHED_LINE = re.compile(
    r"^\s*(?:first\s+)?(?:published|posted)(?:\s+on)?\s*:?\s*"
    r"(?:(?:Mon|Tues?|Wed(?:nes)?|Thu(?:rs)?|Fri|Sat(?:ur)?|Sun)(?:day)?\.?,?\s+)?"
    rf"(?:(?P<day>\d{{1,2}})\s+(?P<month>{MONTH})|(?P<month2>{MONTH})\s+(?P<day2>\d{{1,2}}),?)"
    r"\s+(?P<year>\d{4})\b",
    re.IGNORECASE,
)


def published_line(text: str) -> dt.date | None:
    """The date a line such as "Published: 6 May 2023" gives, or None."""
    match = PUBLISHED_LINE.match(text)
    if not match:
        return None
    month = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    return _month_day_year(f"{month.title()} {day} {match.group('year')}")


def _month_day_year(text: str) -> dt.date | None:
    cleaned = re.sub(r"\s+", " ", text.replace(".", "").replace(",", ""))
    for fmt in ("%b %d %Y", "%B %d %Y"):
        try:
            return dt.datetime.strptime(cleaned.replace("Sept ", "Sep "), fmt).date()
        except ValueError:
            continue
    return None


def first_sentence(paragraph: str) -> str:
    """The first sentence of a paragraph, by punctuation (spaCy is not needed for a title)."""
    return SENTENCE_BREAK.split(paragraph, maxsplit=1)[0].strip()


def headline_and_body(paragraphs: list[str]) -> tuple[str | None, list[str]]:
    """Split off a leading headline line; the body keeps every other paragraph."""
    if len(paragraphs) >= 2 and looks_like_headline(paragraphs[0]):
        return paragraphs[0], paragraphs[1:]
    return None, paragraphs


def shorten(title: str, limit: int = MAX_TITLE) -> str:
    """Cut a long title at a word boundary."""
    if len(title) <= limit:
        return title
    return title[: limit - 1].rsplit(" ", 1)[0].rstrip(",;:") + "…"
