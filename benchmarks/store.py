"""A fast path that fills a SQLite store with a million passages for the benchmark.

Running ingest (spaCy on every article) to a million sentences would take hours, so articles and
their tokenised sentences are inserted as rows directly, in the schema `bot.store` creates,
repeating the corpus until it holds the requested number of passages. Quotes, mentions and events
are not made up: only articles that go through the real ingest have them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import sqlite3
import sys
from collections.abc import Iterator, Sequence
from itertools import groupby
from pathlib import Path

from benchmarks.corpus import Article
from benchmarks.terms import Passage
from bot.store import open_engine


def fill_store(
    db: Path, articles: Sequence[Article], passages: Sequence[Passage], size: int, copy: int = 0
) -> int:
    """Add repeated articles to the SQLite file `db` until `size` passages are added; the count."""
    open_engine(f"sqlite:///{db}").dispose()  # the real schema, created by the real code
    by_article = [list(g) for _, g in groupby(passages, key=lambda p: p.article)]
    con = sqlite3.connect(db)
    con.execute("PRAGMA synchronous=OFF")
    added = 0
    now = dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")  # SQLAlchemy's format
    with con:
        for rows in _repeated(by_article, copy):
            if added >= size:
                break
            article = articles[rows[0].article]
            key = f"bench/{rows[0].article}#{copy}.{added}"
            published = article.published.isoformat() if article.published else None
            digest = hashlib.sha256(key.encode()).hexdigest()
            article_id = con.execute(
                "INSERT INTO articles (key, path, url, title, source, byline, published, "
                "dateline, content_hash, text, ingested_at) "
                "VALUES (?,?,NULL,?,?,NULL,?,NULL,?,?,?)",
                (key, key, article.title, "bench", published, digest, article.body, now),
            ).lastrowid
            take = rows[: size - added]
            con.executemany(
                'INSERT INTO sentences (article_id, position, paragraph, start, "end", text, '
                "terms) VALUES (?,?,?,?,?,?,?)",
                [
                    (article_id, p.position, p.paragraph, p.start, p.end, p.text, p.terms)
                    for p in take
                ],
            )
            added += len(take)
    con.close()
    return added


def _repeated(by_article: list[list[Passage]], copy: int) -> Iterator[list[Passage]]:
    while True:
        yield from by_article
        copy += 1


def copy_articles(db: Path, count: int) -> int:
    """Another writer's small addition: copies of the first `count` articles; passages added."""
    con = sqlite3.connect(db, timeout=30)
    with con:
        first = [r[0] for r in con.execute("SELECT id FROM articles ORDER BY id LIMIT ?", (count,))]
        added = 0
        for old in first:
            new = con.execute(
                "INSERT INTO articles (key, path, url, title, source, byline, published, dateline,"
                " content_hash, text, ingested_at) SELECT key || '+' || (SELECT max(id) FROM "
                "articles), path, url, title, source, byline, published, dateline, "
                "content_hash, text, ingested_at FROM articles WHERE id = ?",
                (old,),
            ).lastrowid
            added += con.execute(
                'INSERT INTO sentences (article_id, position, paragraph, start, "end", text, terms)'
                ' SELECT ?, position, paragraph, start, "end", text, terms FROM sentences'
                " WHERE article_id = ? ORDER BY position",
                (new, old),
            ).rowcount
    con.close()
    return added


if __name__ == "__main__":
    print(copy_articles(Path(sys.argv[1]), int(sys.argv[2])))
