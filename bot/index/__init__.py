"""The search index: BM25 over sentence passages."""

from bot.index.bm25 import BM25Index, Hit, build_index

__all__ = ["BM25Index", "Hit", "build_index"]
