"""Frozen records that cross stage boundaries (never a spaCy Doc, an ORM row or a Slack dict)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Literal

Precision = Literal["day", "week", "month", "quarter", "year", "decade"]
# A timeline entry's event: reported as having happened, or expected (a forecast, a plan).
Status = Literal["reported", "expected"]


# Mentions that describe nobody an editor could use: the speaker is simply not named.
UNNAMING = frozenset("he she it they we i you him her them this that who".split())


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
    # The rule that named the speaker ("cue-subject", "pronoun", "continuation", ...), so an
    # editor sees why and an evaluation can count by rule; None when nobody is named.
    attribution: str | None = None
    speaker_kind: str | None = None  # "person" or "organisation" where a speaker is named


@dataclass(frozen=True)
class Event:
    date: dt.date  # the start of the period the expression names
    precision: Precision
    expression: str
    text: str  # the sentence that says what happened
    sentence: int
    start: int
    end: int
    # Resolved against a publication date the system inferred, not one the article gave.
    inferred: bool = False
    evidence: str | None = None  # why the inferred date was believed
    people: tuple[str, ...] = ()  # PERSON entities in the sentence, as written
    organisations: tuple[str, ...] = ()  # ORG entities in the sentence, as written
    status: Status | None = None  # None: stored before statuses were read


@dataclass(frozen=True)
class UnplacedEvent:
    """A report on a weekday the article cannot place (it has no publication date).

    Kept so that the timeline can list the article as another source of an event that a
    dated article places, never to give it a date of its own.
    """

    expression: str
    text: str
    sentence: int
    start: int
    end: int
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()


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
    unplaced: tuple[UnplacedEvent, ...] = ()
    speaker_roles: tuple[SpeakerRole, ...] = ()
    rules: str | None = None  # the version of the quote and date rules that made it


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
class StoredArticle:
    """An article as stored: its citation, its byline and the cleaned text that was annotated."""

    ref: ArticleRef
    byline: str | None
    text: str


@dataclass(frozen=True)
class SummaryItem:
    text: str
    article: ArticleRef
    score: float
    also: tuple[ArticleRef, ...] = ()  # other articles that carry a near-duplicate sentence
    bm25: float | None = None
    semantic: float | None = None


@dataclass(frozen=True)
class QuoteItem:
    text: str
    speaker: str | None
    speaker_mention: str | None
    cue: str | None
    partial: bool
    article: ArticleRef
    score: float = field(default=0.0, compare=False)  # ranking, not identity
    attribution: str | None = None  # the rule that named the speaker; None: nobody named

    @property
    def speaker_label(self) -> str:
        """Who said it, as shown to an editor: a name, an unnamed description, or nobody."""
        if self.speaker:
            return self.speaker
        mention = (self.speaker_mention or "").strip()
        if mention and mention.lower() not in UNNAMING:
            return f"{mention} (not named)"
        return "speaker not named in the article"


@dataclass(frozen=True)
class TimelineItem:
    date: dt.date
    precision: Precision
    expression: str
    text: str
    article: ArticleRef
    sources: tuple[ArticleRef, ...] = ()
    inferred: bool = False
    evidence: str | None = None
    people: tuple[str, ...] = ()
    organisations: tuple[str, ...] = ()
    score: float = field(default=0.0, compare=False)  # relevance to the query, not identity
    status: Status | None = None  # "reported", "expected"; None: stored before it was read


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
    terms: tuple[str, ...] = ()  # the index terms, for recognising the same fact elsewhere
    bm25: float | None = None  # its BM25 score (in a hybrid search, besides the fused score)
    semantic: float | None = None  # its cosine with the question (hybrid search only)


@dataclass(frozen=True)
class DigestArticle:
    """A new article in a digest: its citation and a one-sentence summary (its lede)."""

    article: ArticleRef
    lede: str | None


@dataclass(frozen=True)
class Digest:
    """What arrived in the corpus between `since` and `until`, for one channel's day."""

    day: dt.date
    since: dt.datetime | None
    until: dt.datetime
    articles: tuple[DigestArticle, ...]
    quotes: tuple[QuoteItem, ...]
    timeline: tuple[TimelineItem, ...]

    @property
    def empty(self) -> bool:
        return not (self.articles or self.quotes or self.timeline)


Intent = Literal["brief", "quotes", "timeline"]


@dataclass(frozen=True)
class FollowUp:
    """A thread reply read as a person means it: what to look up, about what, by whom."""

    intent: Intent
    query: str | None  # the topic, carried over from the thread when the reply names none
    speaker: str | None = None


@dataclass(frozen=True)
class Answer:
    """A follow-up's answer: a brief, or quotes, or a timeline, with a note for the reader."""

    followup: FollowUp
    brief: Brief | None = None
    quotes: tuple[QuoteItem, ...] = ()
    timeline: tuple[TimelineItem, ...] = ()
    note: str | None = None


@dataclass(frozen=True)
class Thread:
    """A Slack thread the bot started with a brief: its query and the follow-ups so far."""

    channel: str
    thread_ts: str
    query: str
    turns: tuple[FollowUp, ...] = ()


@dataclass(frozen=True)
class Speaker:
    """One person (or body) quoted across the corpus, under every name the articles use."""

    name: str  # the fullest form: "James Cleverly"
    aliases: tuple[str, ...]  # every canonical speaker folded in: "Cleverly", "James Cleverly"
    roles: tuple[str, ...]  # most frequent first: "foreign secretary"
    quotes: int
    articles: int
    kind: str | None = None  # "person" or "organisation"


@dataclass(frozen=True)
class CorpusStats:
    """What the corpus holds: counts, date range and outlets."""

    articles: int
    sentences: int
    first: dt.date | None
    last: dt.date | None
    undated: int
    sources: tuple[tuple[str, int], ...]
    feeds: tuple[Feed, ...] = ()  # followed RSS and Atom feeds


@dataclass
class IngestReport:
    """What one ingest run did with each input: by key, or the reason it was refused."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (input, already stored as)
    rejected: list[Rejected] = field(default_factory=list)
    withheld: list[str] = field(default_factory=list)  # rejected as text `remove` took out


@dataclass
class RemovalReport:
    """What `remove` did: the articles taken out, and the targets that matched none."""

    removed: list[ArticleRef] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class IndexAudit:
    """The saved index held against the store: what is wrong with it, and what is worth saying."""

    indexed: int | None  # passages in the saved index; None when none could be read
    problems: list[str]
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Problem:
    """Something `check` found wrong, and whether `check --repair` can put it right."""

    part: Literal["store", "index", "vectors"]
    text: str
    repairable: bool


@dataclass
class CheckReport:
    """What `check` found: the store's integrity and the saved index's agreement with it."""

    database: str
    index: str
    articles: int | None  # None when the database could not be read
    sentences: int | None
    indexed: int | None
    problems: list[Problem] = field(default_factory=list)  # still wrong
    repaired: list[Problem] = field(default_factory=list)  # found, then put right by --repair
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Feed:
    """A followed RSS or Atom feed and how its last polls went."""

    id: int
    url: str
    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    polled_at: dt.datetime | None = None
    failures: int = 0  # in a row
    last_error: str | None = None
    retry_at: dt.datetime | None = None  # backing off until then


@dataclass(frozen=True)
class FeedItem:
    """One item of a feed: its page, and what the feed says of it."""

    guid: str
    url: str
    title: str | None = None
    published: dt.date | None = None
    updated: str | None = None  # the feed's own stamp: a change means the page changed


@dataclass
class FeedPoll:
    """What one poll of one feed did."""

    url: str
    error: str | None = None
    retry_at: dt.datetime | None = None
    not_modified: bool = False
    items: int = 0
    known: int = 0  # stored already, or given up on: not fetched
    given_up: list[str] = field(default_factory=list)  # item pages failed too often: not again
    report: IngestReport = field(default_factory=IngestReport)
