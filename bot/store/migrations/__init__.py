"""Schema migrations (Alembic): each start brings the database to this release's schema.

The revisions are in versions/, loaded from this package (no alembic.ini). A database made
before migrations (tables, no alembic_version) is completed by revision 0001 and stamped;
one made by a newer release is refused. `python -m bot.store.migrations` runs Alembic's own
commands on these scripts (see the README's Development section).
"""

from __future__ import annotations

import logging
import sys
from argparse import Namespace
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Connection, inspect, text

from bot.errors import SchemaTooNew

if TYPE_CHECKING:
    from alembic.config import Config

logger = logging.getLogger(__name__)
SCRIPTS = Path(__file__).resolve().parent


def alembic_config(
    connection: Connection | None = None, options: Namespace | None = None
) -> Config:
    """Alembic's configuration for these scripts; env.py migrates `connection` when given."""
    from alembic.config import Config

    config = Config(cmd_opts=options, stdout=sys.stdout)  # as it is now, not at import
    config.set_main_option("script_location", str(SCRIPTS).replace("%", "%%"))
    config.set_main_option("file_template", "%%(rev)s_%%(slug)s")
    config.attributes["connection"] = connection
    return config


@cache
def _known() -> frozenset[str]:
    # Each script is named for its revision ("0004_follow_rss_and_atom_feeds.py"), one after
    # another: read from the names, a start on a current schema never imports alembic (80 ms
    # of every `ask`). A test holds these to alembic's own reading of the scripts.
    return frozenset(path.name.split("_", 1)[0] for path in (SCRIPTS / "versions").glob("*_*.py"))


def newest_revision() -> str:
    """The revision this release's schema is at."""
    return max(_known())


def schema_is_current(connection: Connection) -> bool:
    """Whether the database is at this release's schema; SchemaTooNew if a newer one's."""
    current = _stamped(connection)
    head = newest_revision()
    unknown = sorted(set(current) - _known())
    if unknown:
        shown = connection.engine.url.render_as_string(hide_password=True)
        raise SchemaTooNew(
            f"The database {shown} was upgraded by a newer china-brief (schema revision "
            f"{', '.join(unknown)}; this one knows up to {head}). Upgrade china-brief to use it."
        )
    return tuple(current) == (head,)


def upgrade_schema(connection: Connection) -> None:
    """Bring the database to this release's schema, in the caller's transaction.

    The caller holds the schema lock: another process may have upgraded it meanwhile.
    """
    if schema_is_current(connection):
        return
    from alembic import command

    logger.info("Upgrading the database schema to revision %s", newest_revision())
    command.upgrade(alembic_config(connection), "head")


def _stamped(connection: Connection) -> tuple[str, ...]:
    """The revisions alembic recorded in the database (none in a new one)."""
    if not inspect(connection).has_table("alembic_version"):
        return ()
    rows = connection.execute(text("SELECT version_num FROM alembic_version"))
    return tuple(row[0] for row in rows)
