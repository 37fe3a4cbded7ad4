"""${message}

Revision ID: ${up_revision}
Revises: ${down_revision | comma,n}
Create Date: ${create_date}
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
% if imports:
${imports}
% endif

revision = "${up_revision}"
down_revision: str | None = ${'"%s"' % down_revision if down_revision else "None"}
branch_labels: str | None = ${repr(branch_labels)}
depends_on: str | None = ${repr(depends_on)}


def upgrade() -> None:
    """What this revision adds or changes, and why."""
    ${upgrades if upgrades else "pass"}


def downgrade() -> None:
    """Undo upgrade()."""
    ${downgrades if downgrades else "pass"}
