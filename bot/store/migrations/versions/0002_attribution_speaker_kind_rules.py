"""Quotes keep the rule that named their speaker and the speaker's kind; articles their rules.

Revision ID: 0002
Revises: 0001
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, String

from bot.store.migrations.ops import add_missing_columns

revision = "0002"
down_revision: str | None = "0001"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add quotes.attribution, quotes.speaker_kind and articles.rules, all nullable.

    Only where missing: development builds after 0.1 added them on start without
    recording it. Existing rows keep NULL (no rules version), so the next ingest of their
    files annotates them anew and fills them in.
    """
    add_missing_columns("quotes", Column("attribution", String(64)))
    add_missing_columns("quotes", Column("speaker_kind", String(16)))
    add_missing_columns("articles", Column("rules", String(64)))


def downgrade() -> None:
    """Drop the three columns."""
    op.drop_column("articles", "rules")
    op.drop_column("quotes", "speaker_kind")
    op.drop_column("quotes", "attribution")
