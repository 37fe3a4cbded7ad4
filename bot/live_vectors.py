"""The passages' sentence vectors, kept beside the BM25 index and up to date with it.

Vectors follow the index's passages by id: a passage added to the index is embedded (by the
process that added it: ingest pays for it, not the next question), a removed one is left out
of every search at once and its row dropped when stale rows pass a quarter of the whole, and
vectors missing altogether (a database from before vectors, a deleted folder) are embedded
again from the store's text by `check --repair`. A question embeds only itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from sqlalchemy.orm import sessionmaker
from tqdm import tqdm

from bot.index import BM25Index
from bot.index import vector_files as saved
from bot.index.vectors import Vectors, VectorSegment, vector_segment
from bot.nlp.minilm import Encoder
from bot.store.articles import corpus_identity
from bot.store.passages import sentences_by_id

logger = logging.getLogger(__name__)
CHUNK = 2048  # passages embedded and saved at a time: a stopped run keeps what it finished
STALE_SHARE = 0.25  # past this share of rows for passages gone, the segments are compacted
COMPACT_FLOOR = 1000


@dataclass
class LiveVectors:
    """The vectors of the index's passages: mapped from `folder` (None: memory only)."""

    folder: Path | None = None
    _segments: tuple[VectorSegment, ...] = ()
    _names: tuple[str, ...] = ()
    _owner: str = ""
    _vectors: Vectors | None = None
    _for: BM25Index | None = None  # the index whose passages _vectors holds
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, index: BM25Index, sessions: sessionmaker) -> Vectors:
        """The saved vectors of `index`'s passages (maybe not all of them); embeds nothing."""
        with self._lock:
            return self._current(index, sessions)

    def missing(self, index: BM25Index, sessions: sessionmaker) -> np.ndarray:
        """Ids of the index's passages without a vector."""
        return np.setdiff1d(index.ids.astype(np.int64), self.current(index, sessions).covered())

    def catch_up(
        self, index: BM25Index, sessions: sessionmaker, encoder: Callable[[int], Encoder],
        *, progress: bool = False,
    ) -> int:  # fmt: skip
        """Embed every passage of `index` that has no vector and save them, compacting away
        rows of passages gone; how many were embedded. `encoder(n)` gives the model for n
        sentences, called only when there are some."""
        with self._lock:
            vectors = self._current(index, sessions)
            missing = np.setdiff1d(index.ids.astype(np.int64), vectors.covered())
            if vectors.stale() > max(COMPACT_FLOOR, STALE_SHARE * (vectors.size + vectors.stale())):
                self._compact(vectors, index)
            if not len(missing):
                return 0
            model = encoder(len(missing))
            with tqdm(total=len(missing), unit="sentence", desc="embedding", disable=not progress
                      ) as bar:  # fmt: skip
                for ids, articles, texts in _texts(sessions, missing):
                    self._add(vector_segment(ids, articles, model.encode(texts)), index)
                    bar.update(len(ids))
            return len(missing)

    def _current(self, index: BM25Index, sessions: sessionmaker) -> Vectors:
        if self.folder is not None:
            with sessions() as session:
                self._owner = corpus_identity(session)
            names = saved.saved_names(self.folder, self._owner)
            if names is not None and names != self._names:
                # Another process saved vectors since: map them (the ones known stay mapped).
                known = dict(zip(self._names, self._segments, strict=True))
                loaded = saved.load(self.folder, self._owner, known)
                if loaded is not None:
                    self._names, self._segments = loaded
                    self._vectors = None
        if self._vectors is None or self._for is not index:
            self._vectors, self._for = Vectors(self._segments, index.ids), index
        return self._vectors

    def _add(self, segment: VectorSegment, index: BM25Index) -> None:
        self._segments = (*self._segments, segment)
        self._save()
        self._vectors, self._for = Vectors(self._segments, index.ids), index

    def _compact(self, vectors: Vectors, index: BM25Index) -> None:
        everything = np.arange(vectors.size)
        kept = vector_segment(vectors.ids, vectors.articles, vectors.matrix(everything))
        self._segments, self._names = (kept,), ()
        self._save()
        self._vectors, self._for = Vectors(self._segments, index.ids), index

    def _save(self) -> None:
        if self.folder is None:
            return
        try:
            self._names = saved.save(self.folder, self._owner, self._names, self._segments)
        except OSError as exc:  # a read-only folder still serves, from memory
            logger.warning("could not save the vectors in %s (%s)", self.folder, exc)


def _texts(
    sessions: sessionmaker, ids: np.ndarray
) -> Iterator[tuple[list[int], list[int], list[str]]]:
    for lo in range(0, len(ids), CHUNK):
        with sessions() as session:
            found = sentences_by_id(session, [int(i) for i in ids[lo : lo + CHUNK]])
        rows = sorted(found.values(), key=lambda s: s.id)
        if rows:
            yield [s.id for s in rows], [s.article_id for s in rows], [s.text for s in rows]
