"""Timeline events say whether they were reported or are expected (issue 12).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op
from sqlalchemy import Column, String

from bot.store.migrations.ops import add_missing_columns

revision = "0003"
down_revision: str | None = "0002"
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Add events.status, nullable.

    Existing rows keep NULL (their articles carry an older rules version), so the next ingest
    of their files annotates them anew with the attachment rules and fills it in.
    """
    add_missing_columns("events", Column("status", String(16)))


def downgrade() -> None:
    """Drop the column."""
    op.drop_column("events", "status")
