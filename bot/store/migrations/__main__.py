"""Alembic's own commands on china-brief's migrations, for developers.

    python -m bot.store.migrations revision --autogenerate -m "why the schema changes"
    python -m bot.store.migrations history | heads | current | upgrade head | downgrade -1

The database is CHINA_BRIEF_DB when it is set, otherwise a throwaway SQLite file at the
newest revision, so that `revision --autogenerate` writes what bot/store/schema.py has that
the revisions do not make. A new revision is numbered after the newest (`--rev-id` to choose).
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from alembic.config import CommandLine

from bot.store.engine import open_engine
from bot.store.migrations import alembic_config, newest_revision


def main(argv: Sequence[str] | None = None) -> None:
    """Run one Alembic command on these scripts."""
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["revision"] and not any(a.startswith("--rev-id") for a in args):
        args += ["--rev-id", f"{int(newest_revision()) + 1:04d}"]
    cli = CommandLine(prog="python -m bot.store.migrations")
    options = cli.parser.parse_args(args)
    if not hasattr(options, "cmd"):
        cli.parser.error("too few arguments")
    with _database() as url:
        config = alembic_config(options=options)
        config.set_main_option("sqlalchemy.url", url.replace("%", "%%"))
        cli.run_cmd(config, options)


@contextmanager
def _database() -> Iterator[str]:
    if os.environ.get("CHINA_BRIEF_DB"):
        yield os.environ["CHINA_BRIEF_DB"]
        return
    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{Path(folder) / 'head.sqlite3'}"
        open_engine(url).dispose()  # brought to the newest revision
        yield url


if __name__ == "__main__":
    main()
