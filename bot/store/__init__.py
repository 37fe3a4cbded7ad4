"""Articles and their annotations in any SQLAlchemy database (SQLite by default)."""

from bot.store.engine import open_engine, session_factory, snapshot

__all__ = ["open_engine", "session_factory", "snapshot"]
