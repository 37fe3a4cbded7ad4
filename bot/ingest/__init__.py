"""Files → cleaned article texts."""

from bot.ingest.readers import read_articles

__all__ = ["read_articles"]
