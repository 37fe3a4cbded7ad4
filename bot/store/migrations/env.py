"""Alembic's entry point for china-brief's migrations.

At start, bot.store.migrations hands in the connection (in a transaction, under the schema
lock); `python -m bot.store.migrations` passes a URL instead. Online only: revision 0001
inspects the database, which a generated SQL script cannot do.
"""

from __future__ import annotations

from alembic import context
from sqlalchemy import Connection, create_engine, pool

from bot.store.schema import Base


def _migrate(connection: Connection) -> None:
    context.configure(connection=connection, target_metadata=Base.metadata)
    with context.begin_transaction():  # nothing of its own inside the caller's transaction
        context.run_migrations()


def _run() -> None:
    config = context.config
    if context.is_offline_mode():
        raise SystemExit("china-brief's migrations run online only (no --sql).")
    connection = config.attributes.get("connection")
    if connection is not None:
        _migrate(connection)
        return
    engine = create_engine(config.get_main_option("sqlalchemy.url") or "", poolclass=pool.NullPool)
    with engine.connect() as connection:
        _migrate(connection)


_run()
