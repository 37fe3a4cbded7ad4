"""The schema as release 0.1 left it, frozen: what revision 0001 creates.

Never edit it to change the schema (bot/store/schema.py changes, and a new revision says
how a database gets there); it is the starting point every database is brought to first.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.types import TypeEngine


def release_0_1() -> MetaData:
    """A fresh MetaData holding release 0.1's tables, indexes and constraints."""
    metadata = MetaData()
    _corpus(metadata)
    _annotations(metadata)
    _slack(metadata)
    return metadata


def _article_id() -> Column[int]:
    return Column(
        "article_id", Integer, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False
    )


def _required(name: str, kind: TypeEngine[Any] | type[TypeEngine[Any]]) -> Column[Any]:
    return Column(name, kind, nullable=False)


def _corpus(metadata: MetaData) -> None:
    Table(
        "articles",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("key", String(1024), nullable=False, unique=True),
        _required("path", String(1024)),
        Column("url", String(2048)),
        _required("title", String(512)),
        Column("source", String(256)),
        Column("byline", String(512)),
        Column("published", Date, index=True),
        Column("dateline", String(64)),
        Column("content_hash", String(64), nullable=False, index=True),
        _required("text", Text),
        _required("ingested_at", DateTime(timezone=True)),
    )
    Table(
        "sentences",
        metadata,
        Column("id", Integer, primary_key=True),
        _article_id(),
        _required("position", Integer),
        _required("paragraph", Integer),
        _required("start", Integer),
        _required("end", Integer),
        _required("text", Text),
        _required("terms", Text),
        Index("ix_sentences_article_position", "article_id", "position"),
        sqlite_autoincrement=True,
    )
    Table(
        "corpus_removals",
        metadata,
        Column("id", Integer, primary_key=True),
        _required("removals", Integer),
    )
    Table(
        "removed_articles",
        metadata,
        Column("id", Integer, primary_key=True),
        _required("key", String(1024)),
        Column("content_hash", String(64), nullable=False, index=True),
        _required("removed_at", DateTime(timezone=True)),
    )


def _annotations(metadata: MetaData) -> None:
    Table(
        "mentions",
        metadata,
        Column("id", Integer, primary_key=True),
        _article_id(),
        _required("sentence", Integer),
        Column("label", String(16), nullable=False, index=True),
        _required("text", String(512)),
        _required("start", Integer),
        _required("end", Integer),
        Index("ix_mentions_article", "article_id"),
    )
    Table(
        "quotes",
        metadata,
        Column("id", Integer, primary_key=True),
        _article_id(),
        _required("paragraph", Integer),
        _required("start", Integer),
        _required("end", Integer),
        _required("text", Text),
        Column("speaker", String(512), index=True),
        Column("speaker_mention", String(512)),
        Column("cue", String(64)),
        _required("partial", Boolean),
        Index("ix_quotes_article", "article_id"),
    )
    Table(
        "events",
        metadata,
        Column("id", Integer, primary_key=True),
        _article_id(),
        _required("sentence", Integer),
        Column("date", Date, nullable=False, index=True),
        _required("precision", String(16)),
        _required("expression", String(256)),
        _required("text", Text),
        _required("start", Integer),
        _required("end", Integer),
        Column("inferred", Boolean, nullable=False, server_default=false()),
        Column("evidence", Text),
        Column("people", Text, nullable=False, server_default=""),
        Column("organisations", Text, nullable=False, server_default=""),
        Index("ix_events_article", "article_id"),
    )
    Table(
        "unplaced_events",
        metadata,
        Column("id", Integer, primary_key=True),
        _article_id(),
        _required("sentence", Integer),
        _required("expression", String(256)),
        _required("text", Text),
        _required("start", Integer),
        _required("end", Integer),
        Column("people", Text, nullable=False, server_default=""),
        Column("organisations", Text, nullable=False, server_default=""),
        Index("ix_unplaced_events_article", "article_id"),
    )
    Table(
        "speaker_roles",
        metadata,
        Column("id", Integer, primary_key=True),
        _article_id(),
        Column("name", String(512), nullable=False, index=True),
        _required("role", String(256)),
    )


def _slack(metadata: MetaData) -> None:
    Table(
        "slack_threads",
        metadata,
        Column("id", Integer, primary_key=True),
        _required("channel", String(32)),
        _required("thread_ts", String(32)),
        _required("query", Text),
        _required("created_at", DateTime(timezone=True)),
        UniqueConstraint("channel", "thread_ts", name="uq_slack_threads_ts"),
    )
    Table(
        "slack_thread_turns",
        metadata,
        Column("id", Integer, primary_key=True),
        Column(
            "thread_id",
            Integer,
            ForeignKey("slack_threads.id", ondelete="CASCADE"),
            nullable=False,
            index=True,
        ),
        _required("text", Text),
        _required("intent", String(16)),
        Column("query", Text),
        Column("speaker", String(512)),
        _required("created_at", DateTime(timezone=True)),
    )
    Table(
        "slack_seen_events",
        metadata,
        Column("event_id", String(64), primary_key=True),
        Column("seen_at", DateTime(timezone=True), nullable=False, index=True),
    )
    Table(
        "digest_subscriptions",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("channel", String(32), nullable=False, unique=True),
        _required("at", String(5)),
        _required("timezone", String(64)),
        _required("post_when_empty", Boolean),
        _required("enabled", Boolean),
        _required("created_at", DateTime(timezone=True)),
        Column("last_digest_at", DateTime(timezone=True)),
        Column("created_by", String(32)),
    )
    Table(
        "digest_runs",
        metadata,
        Column("id", Integer, primary_key=True),
        _required("channel", String(32)),
        _required("day", Date),
        _required("status", String(16)),
        _required("token", String(64)),
        _required("claimed_at", DateTime(timezone=True)),
        Column("posted_at", DateTime(timezone=True)),
        Column("message_ts", String(32)),
        UniqueConstraint("channel", "day", name="uq_digest_runs_day"),
    )
