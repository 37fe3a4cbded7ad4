"""Files → cleaned article texts."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from bot.ingest.readers import read_articles

__all__ = ["read_articles"]


def __getattr__(name: str) -> Any:
    # The readers (and the Markdown, feed and page parsers under them) on first use: a
    # command that imports bot.ingest.fetch or .bundled, as every one does, never reads a file.
    if name == "read_articles":
        from bot.ingest.readers import read_articles

        return read_articles
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
