"""Schema as of release 0.1: created whole, or completed in a database made before migrations.

Revision ID: 0001
Revises:
Create Date: 2026-12-02
"""

from __future__ import annotations

from alembic import op

from bot.store.migrations.baseline import release_0_1
from bot.store.migrations.ops import create_missing

revision = "0001"
down_revision: str | None = None
branch_labels: str | None = None
depends_on: str | None = None


def upgrade() -> None:
    """Create release 0.1's tables; in an older database, the tables, columns, indexes it lacks.

    Releases before migrations created new tables on start and added the newer event
    columns by hand; a database one of them made is completed here, then stamped.
    """
    create_missing(release_0_1())


def downgrade() -> None:
    """Drop every table."""
    release_0_1().drop_all(op.get_bind())
