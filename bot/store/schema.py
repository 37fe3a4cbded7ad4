"""The database tables (SQLAlchemy 2.0 typed models). Only bot.store imports these."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class ArticleRow(Base):
    __tablename__ = "articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(1024), unique=True)
    path: Mapped[str] = mapped_column(String(1024))
    url: Mapped[str | None] = mapped_column(String(2048))
    title: Mapped[str] = mapped_column(String(512))
    source: Mapped[str | None] = mapped_column(String(256))
    byline: Mapped[str | None] = mapped_column(String(512))
    published: Mapped[dt.date | None] = mapped_column(Date, index=True)
    dateline: Mapped[str | None] = mapped_column(String(64))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    # The rules version that annotated it (None: before versions were kept).
    rules: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    ingested_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    sentences: Mapped[list[SentenceRow]] = relationship(
        back_populates="article", cascade="all, delete-orphan", passive_deletes=True
    )
    mentions: Mapped[list[MentionRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    quotes: Mapped[list[QuoteRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    events: Mapped[list[EventRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )
    unplaced: Mapped[list[UnplacedEventRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True
    )


class SentenceRow(Base):
    """A sentence: the unit of search (a BM25 passage) and of the summary."""

    __tablename__ = "sentences"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    terms: Mapped[str] = mapped_column(Text)  # index terms joined by spaces: no spaCy at query time

    article: Mapped[ArticleRow] = relationship(back_populates="sentences")

    # AUTOINCREMENT: a sentence id is never reused, so "every id above the last one indexed"
    # is exactly what was added since (the index adds it as a segment instead of rebuilding).
    __table_args__ = (
        Index("ix_sentences_article_position", "article_id", "position"),
        {"sqlite_autoincrement": True},
    )


class MentionRow(Base):
    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(16), index=True)
    text: Mapped[str] = mapped_column(String(512))
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_mentions_article", "article_id"),)


class QuoteRow(Base):
    __tablename__ = "quotes"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    paragraph: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(512), index=True)
    speaker_mention: Mapped[str | None] = mapped_column(String(512))
    cue: Mapped[str | None] = mapped_column(String(64))
    partial: Mapped[bool] = mapped_column(Boolean)
    attribution: Mapped[str | None] = mapped_column(String(64))
    speaker_kind: Mapped[str | None] = mapped_column(String(16))

    __table_args__ = (Index("ix_quotes_article", "article_id"),)


class EventRow(Base):
    __tablename__ = "events"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence: Mapped[int] = mapped_column(Integer)
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    precision: Mapped[str] = mapped_column(String(16))
    expression: Mapped[str] = mapped_column(String(256))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    inferred: Mapped[bool] = mapped_column(Boolean, server_default=false())
    evidence: Mapped[str | None] = mapped_column(Text)
    people: Mapped[str] = mapped_column(Text, server_default="")  # one name a line
    organisations: Mapped[str] = mapped_column(Text, server_default="")  # one name a line
    # "reported" or "expected" (a forecast, a plan); NULL on rows stored before it was read.
    status: Mapped[str | None] = mapped_column(String(16), nullable=True)

    __table_args__ = (Index("ix_events_article", "article_id"),)


class ThreadRow(Base):
    """A Slack thread that the bot started with a brief (its root message)."""

    __tablename__ = "slack_threads"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    thread_ts: Mapped[str] = mapped_column(String(32))
    query: Mapped[str] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))

    turns: Mapped[list[ThreadTurnRow]] = relationship(
        cascade="all, delete-orphan", passive_deletes=True, order_by="ThreadTurnRow.id"
    )

    __table_args__ = (UniqueConstraint("channel", "thread_ts", name="uq_slack_threads_ts"),)


class ThreadTurnRow(Base):
    """A follow-up in a thread, as the bot understood it, so later replies carry it over."""

    __tablename__ = "slack_thread_turns"

    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(
        ForeignKey("slack_threads.id", ondelete="CASCADE"), index=True
    )
    text: Mapped[str] = mapped_column(Text)
    intent: Mapped[str] = mapped_column(String(16))
    query: Mapped[str | None] = mapped_column(Text)
    speaker: Mapped[str | None] = mapped_column(String(512))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class SeenEventRow(Base):
    """A Slack event already taken by some bot process: Slack's retries are answered once."""

    __tablename__ = "slack_seen_events"

    event_id: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)


class DigestSubscriptionRow(Base):
    """A channel's daily digest: when, in which time zone, and what to do on a quiet day."""

    __tablename__ = "digest_subscriptions"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32), unique=True)
    at: Mapped[str] = mapped_column(String(5))  # HH:MM local time
    timezone: Mapped[str] = mapped_column(String(64))
    post_when_empty: Mapped[bool] = mapped_column(Boolean)
    enabled: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    last_digest_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str | None] = mapped_column(String(32))


class DigestRunRow(Base):
    """One channel's digest for one local day; the unique pair is what makes it exactly once."""

    __tablename__ = "digest_runs"

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(32))
    day: Mapped[dt.date] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))  # claimed, posted, skipped
    token: Mapped[str] = mapped_column(String(64))  # which claim holds the row
    claimed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    posted_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    message_ts: Mapped[str | None] = mapped_column(String(32))

    __table_args__ = (UniqueConstraint("channel", "day", name="uq_digest_runs_day"),)


class UnplacedEventRow(Base):
    """A weekday report in an undated article: another source for an event, never a date."""

    __tablename__ = "unplaced_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    sentence: Mapped[int] = mapped_column(Integer)
    expression: Mapped[str] = mapped_column(String(256))
    text: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    people: Mapped[str] = mapped_column(Text, server_default="")  # one name a line
    organisations: Mapped[str] = mapped_column(Text, server_default="")  # one name a line

    __table_args__ = (Index("ix_unplaced_events_article", "article_id"),)


class SpeakerRoleRow(Base):
    """A role an article gives a quoted person; bot.store.speakers folds names across articles."""

    __tablename__ = "speaker_roles"

    id: Mapped[int] = mapped_column(primary_key=True)
    article_id: Mapped[int] = mapped_column(ForeignKey("articles.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(512), index=True)
    role: Mapped[str] = mapped_column(String(256))


class CorpusRemovalsRow(Base):
    """One row counting articles removed from the corpus (retractions, takedowns).

    Every other change raises a highest id, which serving processes check before each
    search; a removal lowers nothing they watch, so it raises this count instead.
    """

    __tablename__ = "corpus_removals"

    id: Mapped[int] = mapped_column(primary_key=True)  # always 1
    removals: Mapped[int] = mapped_column(Integer, default=0)


class RemovedArticleRow(Base):
    """An article taken out of the corpus: its content is remembered so it stays out."""

    __tablename__ = "removed_articles"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(1024))
    content_hash: Mapped[str] = mapped_column(String(64), index=True)
    removed_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))


class FeedRow(Base):
    """A followed RSS or Atom feed, with what its next conditional request and back-off need."""

    __tablename__ = "feeds"

    id: Mapped[int] = mapped_column(primary_key=True)
    url: Mapped[str] = mapped_column(String(2048), unique=True)
    title: Mapped[str | None] = mapped_column(String(512))
    added_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    etag: Mapped[str | None] = mapped_column(String(512))
    last_modified: Mapped[str | None] = mapped_column(String(128))
    polled_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, server_default="0")  # in a row
    last_error: Mapped[str | None] = mapped_column(String(512))
    # After a failure, the feed is not fetched again before this (back-off).
    retry_at: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))
    # The process polling it now, until when: several serving processes poll each feed once.
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    claimed_until: Mapped[dt.datetime | None] = mapped_column(DateTime(timezone=True))


class FeedItemRow(Base):
    """A feed item whose page is stored, or failed: its GUID, link, the feed's update stamp
    for it, and how many polls in a row failed to fetch it (0 once stored)."""

    __tablename__ = "feed_items"

    id: Mapped[int] = mapped_column(primary_key=True)
    feed_id: Mapped[int] = mapped_column(ForeignKey("feeds.id", ondelete="CASCADE"), index=True)
    guid: Mapped[str] = mapped_column(String(1024))
    url: Mapped[str] = mapped_column(String(2048))
    updated: Mapped[str | None] = mapped_column(String(64))  # as the feed writes it
    stored_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True))
    failures: Mapped[int] = mapped_column(Integer, server_default="0")

    __table_args__ = (UniqueConstraint("feed_id", "guid", name="uq_feed_items_guid"),)
