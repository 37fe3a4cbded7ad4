"""Sentence vectors beside the BM25 index: stored, searched exactly or by their sign bits.

A vector segment holds, for a run of passages, each one's article and its unit-length vector
in float16 (half the memory of float32; cosines move by under 1e-3) and the vector's sign
bits, 384 bits in six 64-bit words. Segments are keyed by passage id, not by the BM25
segments' runs: a BM25 rebuild (after a removal or a replacement) re-reads terms in seconds,
but re-embedding a million sentences would take hours, so vectors of passages still in the
corpus are kept and only passages without one are embedded.

Searching the whole corpus by meaning compares sign bits (Hamming distance, a few tens of ms
for a million passages), then scores the closest few hundred exactly: binary quantisation
with rescoring, which keeps nearly all of exact search's recall at a fraction of its cost.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from bot.nlp.minilm import DIMENSIONS

WORDS = DIMENSIONS // 64  # 64-bit words of sign bits per vector
RESCORE = 400  # rows scored exactly after the bit comparison


@dataclass(frozen=True)
class VectorSegment:
    ids: np.ndarray  # passage id of each row (int64)
    articles: np.ndarray  # article id of each row (int64)
    vectors: np.ndarray  # float16 (rows, DIMENSIONS), unit length
    codes: np.ndarray  # uint64 (WORDS, rows): the vectors' sign bits, one word-row at a time

    @property
    def size(self) -> int:
        return len(self.ids)


def vector_segment(
    ids: Sequence[int] | np.ndarray, articles: Sequence[int] | np.ndarray, vectors: np.ndarray
) -> VectorSegment:
    """A segment of these passages' vectors (float32 rows, unit length)."""
    vectors = np.asarray(vectors, np.float32).reshape(len(ids), DIMENSIONS)
    bits = np.packbits(vectors > 0, axis=1, bitorder="little")  # (rows, 48) bytes
    codes = np.ascontiguousarray(bits.view("<u8").T) if len(ids) else np.zeros((WORDS, 0), "<u8")
    return VectorSegment(
        np.asarray(ids, np.int64), np.asarray(articles, np.int64), vectors.astype(np.float16), codes
    )


class Vectors:
    """Vector segments searched as one, holding only `live` passages (those the BM25 index
    holds now): a vector whose passage was removed is never returned."""

    def __init__(self, segments: Sequence[VectorSegment], live: np.ndarray) -> None:
        self.segments = tuple(segments)
        ids = _joined([s.ids for s in self.segments])
        # Each passage once: a passage embedded twice (two processes catching up together)
        # keeps its first row.
        _, first = np.unique(ids, return_index=True)
        keep = np.zeros(len(ids), bool)
        keep[first] = True
        keep &= np.isin(ids, live, assume_unique=False)
        self.rows = np.flatnonzero(keep)  # global rows in use
        self.ids = ids[self.rows]
        self.articles = _joined([s.articles for s in self.segments])[self.rows]
        self.codes = (
            np.concatenate([s.codes for s in self.segments], axis=1)[:, self.rows]
            if self.segments
            else np.zeros((WORDS, 0), "<u8")
        )
        self._order = np.argsort(self.ids, kind="stable")
        self._sorted = self.ids[self._order]
        self._offsets = np.cumsum([0] + [s.size for s in self.segments])

    @property
    def size(self) -> int:
        return len(self.ids)

    def covered(self) -> np.ndarray:
        """Every passage id with a vector, live or not, sorted: what need not be embedded."""
        return np.unique(_joined([s.ids for s in self.segments]))

    def stale(self) -> int:
        """Rows kept for passages no longer in the corpus (or embedded twice)."""
        return sum(s.size for s in self.segments) - self.size

    def nearest(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """Positions (into ids) of about the k passages closest to `query`, and their cosines."""
        if not self.size or k <= 0:
            return np.zeros(0, np.int64), np.zeros(0, np.float32)
        bits = np.packbits(query > 0, bitorder="little").view("<u8")
        distance = np.zeros(self.size, np.uint16)
        scratch = np.empty(self.size, np.uint64)
        for word in range(WORDS):
            np.bitwise_xor(self.codes[word], bits[word], out=scratch)
            distance += np.bitwise_count(scratch)
        take = min(max(k, RESCORE), self.size)
        near = np.argpartition(distance, take - 1)[:take] if take < self.size else np.arange(take)
        cosines = self.cosines(near, query)
        best = np.argsort(-cosines, kind="stable")[:k]
        return near[best], cosines[best]

    def cosines(self, positions: np.ndarray, query: np.ndarray) -> np.ndarray:
        """Exact cosines of these positions' vectors with `query`."""
        return self.matrix(positions) @ np.asarray(query, np.float32)

    def matrix(self, positions: np.ndarray) -> np.ndarray:
        """The vectors at these positions, float32, one row each."""
        rows = self.rows[np.asarray(positions, np.int64)]
        out = np.empty((len(rows), DIMENSIONS), np.float32)
        segment_of = np.searchsorted(self._offsets, rows, side="right") - 1
        for number in np.unique(segment_of):
            here = segment_of == number
            local = rows[here] - self._offsets[number]
            out[here] = self.segments[number].vectors[local]
        return out

    def pairwise(self, passage_ids: Sequence[int]) -> np.ndarray:
        """Cosines between these passages, a square matrix; 0 where one has no vector."""
        wanted = np.asarray(passage_ids, np.int64)
        found = np.isin(wanted, self._sorted)
        vectors = np.zeros((len(wanted), DIMENSIONS), np.float32)
        vectors[found] = self.matrix(self.positions(wanted[found]))
        return vectors @ vectors.T

    def positions(self, passage_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Positions of these passages (those with a vector), in the order given."""
        wanted = np.asarray(passage_ids, np.int64)
        at = np.searchsorted(self._sorted, wanted)
        at = np.minimum(at, max(len(self._sorted) - 1, 0))
        found = self._sorted[at] == wanted if len(self._sorted) else np.zeros(len(wanted), bool)
        return self._order[at[found]]

    def in_articles(self, article_ids: Sequence[int] | np.ndarray) -> np.ndarray:
        """Positions of every passage of these articles."""
        return np.flatnonzero(np.isin(self.articles, np.asarray(article_ids, np.int64)))


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts).astype(np.int64, copy=False) if parts else np.zeros(0, np.int64)
