"""Databases as an earlier release left them, and processes starting on one together."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, MetaData, create_engine, select

from bot.store.engine import open_engine

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
Rows = dict[str, list[dict[str, Any]]]

LEAD = "The lighthouse keepers of Penzance met James Cleverly on Friday."
QUOTE = '"We keep the light burning," said Mary Trelawny, the head keeper.'
ARRIVED = dt.datetime(2023, 8, 26, 9, 30, tzinfo=dt.UTC)

# What release 0.1 wrote for one article and a Slack thread; ids are left to the database.
RELEASE_0_1_ROWS: Rows = {
    "articles": [
        {
            "key": "/archive/lighthouse.txt",
            "path": "/archive/lighthouse.txt",
            "url": "https://example.org/lighthouse",
            "title": "Lighthouse keepers meet the Foreign Secretary",
            "source": "Cornish Post",
            "byline": "By A Reporter",
            "published": dt.date(2023, 8, 26),
            "dateline": None,
            "content_hash": "c0ffee" * 10 + "c0de",
            "text": f"{LEAD}\n\n{QUOTE}",
            "ingested_at": ARRIVED,
        }
    ],
    "sentences": [
        {"article_id": 1, "position": 0, "paragraph": 0, "start": 0, "end": len(LEAD),
         "text": LEAD, "terms": "lighthouse keeper penzance meet james cleverly friday"},
        {"article_id": 1, "position": 1, "paragraph": 1, "start": len(LEAD) + 2,
         "end": len(LEAD) + 2 + len(QUOTE), "text": QUOTE,
         "terms": "light burning say mary trelawny head keeper"},
    ],
    "mentions": [
        {"article_id": 1, "sentence": 0, "label": "PERSON", "text": "James Cleverly",
         "start": LEAD.index("James"), "end": LEAD.index(" on Friday")},
        {"article_id": 1, "sentence": 1, "label": "PERSON", "text": "Mary Trelawny",
         "start": len(LEAD) + 2 + QUOTE.index("Mary"),
         "end": len(LEAD) + 2 + QUOTE.index(", the")},
    ],
    "quotes": [
        {"article_id": 1, "paragraph": 1, "start": len(LEAD) + 3,
         "end": len(LEAD) + 28, "text": "We keep the light burning",
         "speaker": "Mary Trelawny", "speaker_mention": "Mary Trelawny", "cue": "said",
         "partial": False},
    ],
    "events": [
        {"article_id": 1, "sentence": 0, "date": dt.date(2023, 8, 25), "precision": "day",
         "expression": "on Friday", "text": LEAD, "start": LEAD.index("on Friday"),
         "end": len(LEAD) - 1, "inferred": False, "evidence": None,
         "people": "James Cleverly", "organisations": ""},
    ],
    "speaker_roles": [{"article_id": 1, "name": "Mary Trelawny", "role": "head keeper"}],
    "slack_threads": [
        {"channel": "C1", "thread_ts": "1700000000.000100", "query": "lighthouse",
         "created_at": ARRIVED},
    ],
    "slack_thread_turns": [
        {"thread_id": 1, "text": "who said that?", "intent": "who", "query": None,
         "speaker": None, "created_at": ARRIVED},
    ],
    "digest_subscriptions": [
        {"channel": "C1", "at": "08:00", "timezone": "Europe/London", "post_when_empty": True,
         "enabled": True, "created_at": ARRIVED, "last_digest_at": None, "created_by": "U1"},
    ],
}  # fmt: skip


def build_release_0_1(url: str) -> Rows:
    """Make at `url` the database release 0.1 left: its schema, RELEASE_0_1_ROWS in it.

    Returns every row of every table as read back, to compare after an upgrade.
    """
    engine = create_engine(url)
    ddl = (FIXTURES / f"release_0_1.{engine.dialect.name}.sql").read_text(encoding="utf-8")
    statements = "\n".join(line for line in ddl.splitlines() if not line.startswith("--"))
    with engine.begin() as connection:
        for statement in filter(str.strip, statements.split(";")):
            connection.exec_driver_sql(statement)
        tables = MetaData()
        tables.reflect(connection)
        for name, rows in RELEASE_0_1_ROWS.items():
            connection.execute(tables.tables[name].insert(), rows)
    try:
        return all_rows(engine)
    finally:
        engine.dispose()


def all_rows(engine: Engine) -> Rows:
    """Every row of every table but alembic_version, in key order."""
    tables = MetaData()
    tables.reflect(engine)
    found: Rows = {}
    with engine.connect() as connection:
        for table in tables.sorted_tables:
            if table.name != "alembic_version":
                rows = connection.execute(select(table).order_by(*table.primary_key.columns))
                found[table.name] = [dict(row._mapping) for row in rows]
    return found


def as_before(before: Rows, after: Rows) -> Rows:
    """The rows `after` holds, with only the columns their tables had `before`."""
    return {
        name: [{k: new[k] for k in old} for old, new in zip(rows, after[name], strict=False)]
        + after[name][len(rows) :]
        for name, rows in before.items()
    }


def open_all_at_once(url: str, processes: int = 4) -> list[Exception]:
    """What went wrong when `processes` bot processes opened the database at the same moment."""
    start, failures = threading.Barrier(processes), []

    def open_it() -> None:
        start.wait()
        try:
            open_engine(url).dispose()
        except Exception as exc:  # each failure is the finding, kept for the assert
            failures.append(exc)

    starting = [threading.Thread(target=open_it) for _ in range(processes)]
    for process in starting:
        process.start()
    for process in starting:
        process.join(timeout=60)
    return failures
