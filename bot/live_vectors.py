"""The passages' sentence vectors, kept beside the BM25 index and up to date with it.

Vectors follow the index's passages by id, a step behind: ingest stores articles and BM25
passages only, and a catch-up embeds, from the store's text, every passage still without a
vector (the `ingest` command's last phase, the serving process's background thread, the
first-run seed load, `check --repair`); until then BM25 alone finds them. A removed passage is
left out of every search at once and its row dropped when stale rows pass a quarter of the
whole. A question embeds only itself.

One catch-up at a time per vectors folder (a lock file beside them: the folder, like the
index's, is per machine), saved chunk by chunk, so a stopped one keeps what it finished.
"""

from __future__ import annotations

import contextlib
import logging
import sys
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
    _embedding: threading.Lock = field(default_factory=threading.Lock)  # one catch-up at a time

    def current(self, index: BM25Index, sessions: sessionmaker) -> Vectors:
        """The saved vectors of `index`'s passages (maybe not all of them); embeds nothing."""
        with self._lock:
            return self._current(index, sessions)

    def missing(self, index: BM25Index, sessions: sessionmaker) -> np.ndarray:
        """Ids of the index's passages without a vector."""
        return np.setdiff1d(index.ids.astype(np.int64), self.current(index, sessions).covered())

    def catch_up(
        self, index: BM25Index, sessions: sessionmaker, encoder: Callable[[int], Encoder],
        *, progress: bool = False, chunk: int = CHUNK, stop: threading.Event | None = None,
    ) -> int | None:  # fmt: skip
        """Embed every passage of `index` that has no vector and save them, `chunk` at a time,
        compacting away rows of passages gone; how many were embedded, or None when another
        catch-up (this process's or another's on this machine) is at it. `encoder(n)` gives
        the model for n sentences, called only when there are some. Searches go on meanwhile;
        `stop`, once set, ends it after the chunk being embedded."""
        with self._embedding_turn() as turn:
            if not turn:
                return None
            with self._lock:
                vectors = self._current(index, sessions)
                missing = np.setdiff1d(index.ids.astype(np.int64), vectors.covered())
                stale = vectors.stale()
                if stale > max(COMPACT_FLOOR, STALE_SHARE * (vectors.size + stale)):
                    self._compact(vectors, index)
            if not len(missing):
                return 0
            model, done = encoder(len(missing)), 0
            with tqdm(total=len(missing), unit="sentence", desc="embedding", disable=not progress
                      ) as bar:  # fmt: skip
                for ids, articles, texts in _texts(sessions, missing, chunk):
                    if stop is not None and stop.is_set():
                        break
                    segment = vector_segment(ids, articles, model.encode(texts))
                    with self._lock:  # held for the save only: never across an encode
                        self._add(segment, index)
                    bar.update(len(ids))
                    done += len(ids)
            return done

    @contextlib.contextmanager
    def _embedding_turn(self) -> Iterator[bool]:
        if not self._embedding.acquire(blocking=False):
            yield False
            return
        try:
            if self.folder is None:
                yield True
                return
            with _folder_lock(self.folder) as held:
                yield held
        finally:
            self._embedding.release()

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
    sessions: sessionmaker, ids: np.ndarray, chunk: int
) -> Iterator[tuple[list[int], list[int], list[str]]]:
    for lo in range(0, len(ids), chunk):
        with sessions() as session:
            found = sentences_by_id(session, [int(i) for i in ids[lo : lo + chunk]])
        rows = sorted(found.values(), key=lambda s: s.id)
        if rows:
            yield [s.id for s in rows], [s.article_id for s in rows], [s.text for s in rows]


@contextlib.contextmanager
def _folder_lock(folder: Path) -> Iterator[bool]:
    """Whether this process holds the folder's embedding lock (released by the OS if it dies)."""
    if sys.platform == "win32":  # no flock: processes there may embed the same passages twice
        yield True
        return
    import fcntl

    try:
        folder.mkdir(parents=True, exist_ok=True)
        handle = (folder / "embedding.lock").open("a")
    except OSError:  # a read-only folder: embedded into memory only, as _save allows
        yield True
        return
    with handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
