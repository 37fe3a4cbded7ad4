"""Rows as every supported database stores them, so SQLite and PostgreSQL keep the same.

PostgreSQL refuses a NUL character in text and a value longer than its column; SQLite keeps
both; neither driver can encode a lone UTF-16 surrogate. Ingest cleans such characters out of
what it reads; this is the guarantee at the database's edge for everything else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cache

from sqlalchemy import String, Table

from bot.errors import BadArticle

UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
# Columns that name an article: cut short, two articles could become one. In the order an
# editor recognises them: a record's key is its URL, a file's key its path.
IDENTITIES = ("url", "path", "key")


def storable(table: Table, row: Mapping[str, object], *, name: str) -> dict[str, object]:
    """The row with NUL and lone surrogates as U+FFFD (one character each, so offsets into the
    text stay right) and each text cut to its column's length; BadArticle, naming `name`, when
    an identifying column (key, path, URL) is too long to keep whole."""
    fitted = dict(row)
    too_long: dict[str, str] = {}
    for column, limit in _limits(table):
        value = fitted.get(column)
        if not isinstance(value, str):
            continue
        if UNSTORABLE.search(value):
            value = UNSTORABLE.sub("\ufffd", value)
        if limit is not None and len(value) > limit:
            too_long[column] = (
                f"its {column} is {len(value):,} characters long, more than the {limit:,} "
                "the database keeps"
            )
            value = value[: limit - 1] + "…"
        fitted[column] = value
    if refused := next((too_long[c] for c in IDENTITIES if c in too_long), None):
        raise BadArticle(name, refused)
    return fitted


@cache
def _limits(table: Table) -> tuple[tuple[str, int | None], ...]:
    return tuple((c.name, c.type.length) for c in table.columns if isinstance(c.type, String))
