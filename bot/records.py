"""Frozen records that cross stage boundaries (never a spaCy Doc, an ORM row or a Slack dict)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "week", "month", "quarter", "year", "decade"]


@dataclass(frozen=True)
class SourceText:
    """An article as read from a file, cleaned, before any NLP."""

    key: str  # stable identity of the input: the file path, or path#record for JSON records
    path: str
    text: str  # cleaned body: paragraphs separated by a blank line
    title: str
    content_hash: str
    published: dt.date | None = None
    source: str | None = None
    url: str | None = None
    byline: str | None = None
    dateline: str | None = None  # as written, e.g. "Aug. 30": a partial date never becomes a year


@dataclass(frozen=True)
class Rejected:
    """An input that was reported and skipped."""

    path: str
    reason: str


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class Sentence:
    position: int
    paragraph: int
    start: int
    end: int
    text: str
    tokens: tuple[str, ...]  # the index terms: lowercased lemmas without stopwords/punctuation


@dataclass(frozen=True)
class Mention:
    label: str  # PERSON, ORG, GPE, NORP, DATE
    text: str
    start: int
    end: int
    sentence: int


@dataclass(frozen=True)
class Quote:
    text: str
    speaker: str | None  # canonical name where the article gives one
    speaker_mention: str | None  # as written at the cue
    cue: str | None
    partial: bool
    paragraph: int
    start: int
    end: int


@dataclass(frozen=True)
class Event:
    date: dt.date  # the start of the period the expression names
    precision: Precision
    expression: str
    text: str  # the sentence that says what happened
    sentence: int
    start: int
    end: int


@dataclass(frozen=True)
class SpeakerRole:
    """The role an article gives a quoted person ("foreign secretary" for James Cleverly)."""

    name: str
    role: str


@dataclass(frozen=True)
class AnnotatedArticle:
    source: SourceText
    paragraphs: tuple[Span, ...]
    sentences: tuple[Sentence, ...]
    mentions: tuple[Mention, ...]
    quotes: tuple[Quote, ...]
    events: tuple[Event, ...]
    speaker_roles: tuple[SpeakerRole, ...] = ()


@dataclass(frozen=True)
class ArticleRef:
    """What a brief cites: enough to find and judge the article."""

    id: int
    title: str
    source: str | None
    published: dt.date | None
    path: str
    url: str | None


@dataclass(frozen=True)
class SummaryItem:
    text: str
    article: ArticleRef
    score: float
    also: tuple[ArticleRef, ...] = ()  # other articles that carry a near-duplicate sentence


@dataclass(frozen=True)
class QuoteItem:
    text: str
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    partial: bool
    article: ArticleRef
    score: float = 0.0


@dataclass(frozen=True)
class TimelineItem:
    date: dt.date
    precision: Precision
    expression: str
    text: str
    article: ArticleRef
    sources: tuple[ArticleRef, ...] = ()


@dataclass(frozen=True)
class Brief:
    query: str
    summary: tuple[SummaryItem, ...]
    quotes: tuple[QuoteItem, ...]
    timeline: tuple[TimelineItem, ...]
    notes: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class Passage:
    """A search hit: one stored sentence with its score and citation."""

    id: int
    article: ArticleRef
    position: int
    start: int
    end: int
    text: str
    score: float


@dataclass(frozen=True)
class Speaker:
    """One person (or body) quoted across the corpus, under every name the articles use."""

    name: str  # the fullest form: "James Cleverly"
    aliases: tuple[str, ...]  # every canonical speaker folded in: "Cleverly", "James Cleverly"
    roles: tuple[str, ...]  # most frequent first: "foreign secretary"
    quotes: int
    articles: int
