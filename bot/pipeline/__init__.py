"""The flow, start to finish: read this first.

ingest:      files, URLs → ingest (clean, metadata) → nlp (spaCy) → store (one transaction each)
             → index (BM25)
catch_up_vectors: store (passages without a vector) → sentence model → vectors (saved)
remove:      ids, keys or files → store (one transaction) → index (rebuilt, saved)
check:       store (integrity) → index (saved, held against the store) → repair what can be
make_brief:  query → nlp (terms) → index (BM25) → store (passages, quotes, events) → brief
make_digest: store (articles new since the last digest, their quotes and events) → digest
answer_followup: thread reply + thread context → intent → brief, quotes or timeline
"""

from __future__ import annotations

from bot.pipeline.asking import (
    SEARCH_DEPTH,
    answer_followup,
    build_timeline,
    corpus_sources,
    find_quotes,
    list_speakers,
    make_brief,
    make_digest,
    quotes_from,
    search,
)
from bot.pipeline.feeding import poll_feeds
from bot.pipeline.ingesting import TRIAGE_BATCH, catch_up_vectors, ingest
from bot.pipeline.upkeep import check, remove

__all__ = [
    "SEARCH_DEPTH",
    "TRIAGE_BATCH",
    "answer_followup",
    "build_timeline",
    "catch_up_vectors",
    "check",
    "corpus_sources",
    "find_quotes",
    "ingest",
    "list_speakers",
    "make_brief",
    "make_digest",
    "poll_feeds",
    "quotes_from",
    "remove",
    "search",
]
