"""Additive steps the revisions share: each adds only what the database lacks.

A database made before migrations has no alembic_version table, so Alembic runs every
revision on it from the first; these steps let those revisions fill in what such a
database is missing instead of failing on what it already has.
"""

from __future__ import annotations

from typing import Any

from alembic import op
from sqlalchemy import Column, MetaData, inspect


def create_missing(metadata: MetaData) -> None:
    """Create the tables of `metadata`, and the columns and indexes of those that exist."""
    bind = op.get_bind()
    inspector = inspect(bind)
    for table in metadata.sorted_tables:
        if not inspector.has_table(table.name):
            table.create(bind)  # with its indexes
            continue
        add_missing_columns(table.name, *(column._copy() for column in table.columns))
        indexes = {index["name"] for index in inspector.get_indexes(table.name)}
        for index in sorted(table.indexes, key=lambda index: str(index.name)):
            if index.name not in indexes:
                index.create(bind)


def add_missing_columns(table: str, *columns: Column[Any]) -> None:
    """Add the columns the table lacks (each nullable or with a server default)."""
    present = {column["name"] for column in inspect(op.get_bind()).get_columns(table)}
    for column in columns:
        if column.name not in present:
            op.add_column(table, column)
