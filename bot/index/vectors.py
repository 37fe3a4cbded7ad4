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
        if np.array_equal(ids, live):  # the usual case: every vector live, in id order
            self.rows = np.arange(len(ids))
        elif len(ids) < 2 or bool((ids[1:] > ids[:-1]).all()):  # each once: keep the live
            at = np.minimum(np.searchsorted(live, ids), max(len(live) - 1, 0))
            self.rows = np.flatnonzero(live[at] == ids) if len(live) else np.zeros(0, np.int64)
        else:
            # Each passage once: a passage embedded twice (two processes catching up
            # together) keeps its first row.
            _, first = np.unique(ids, return_index=True)
            keep = np.zeros(len(ids), bool)
            keep[first] = True
            keep &= np.isin(ids, live)
            self.rows = np.flatnonzero(keep)  # global rows in use
        every = len(self.rows) == len(ids)
        self.ids = ids if every else ids[self.rows]
        articles = _joined([s.articles for s in self.segments])
        self.articles = articles if every else articles[self.rows]
        codes = [s.codes for s in self.segments] or [np.zeros((WORDS, 0), "<u8")]
        joined = codes[0] if len(codes) == 1 else np.concatenate(codes, axis=1)
        self.codes = joined if every else joined[:, self.rows]
        self._order, self._sorted = _sorting(self.ids)
        self._by_article, self._articles_sorted = _sorting(self.articles)
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
        take = min(max(k, RESCORE), self.size)
        near = self._closest_bits(bits, take)
        cosines = self.cosines(near, query)
        best = np.argsort(-cosines, kind="stable")[:k]
        return near[best], cosines[best]

    def _closest_bits(self, bits: np.ndarray, take: int) -> np.ndarray:
        """Positions of about `take` rows nearest in Hamming distance to the query's bits."""
        if take >= self.size:
            return np.arange(self.size)
        # First the first 128 bits, over every row; then all 384 over the closest 2%: a third
        # of the passes over memory, which is what this costs (a million rows are 48 MB).
        coarse = self._distances(bits, np.arange(2), None)
        kept = _smallest(coarse, min(self.size, max(take * 8, self.size // 50)))
        fine = self._distances(bits, np.arange(WORDS), kept)
        return kept[_smallest(fine, take)]

    def _distances(self, bits: np.ndarray, words: np.ndarray, rows: np.ndarray | None
                   ) -> np.ndarray:  # fmt: skip
        count = self.size if rows is None else len(rows)
        distance = np.zeros(count, np.uint16)
        scratch = np.empty(count, np.uint64)
        for word in words:
            codes = self.codes[word] if rows is None else self.codes[word][rows]
            np.bitwise_xor(codes, bits[word], out=scratch)
            distance += np.bitwise_count(scratch)
        return distance

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
        at = np.minimum(np.searchsorted(self._sorted, wanted), max(self.size - 1, 0))
        found = self._sorted[at] == wanted if self.size else np.zeros(len(wanted), bool)
        vectors = np.zeros((len(wanted), DIMENSIONS), np.float32)
        vectors[found] = self.matrix(self._order[at[found]])
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
        wanted = np.unique(np.asarray(article_ids, np.int64))
        lo = np.searchsorted(self._articles_sorted, wanted)
        hi = np.searchsorted(self._articles_sorted, wanted, side="right")
        runs = [self._by_article[a:b] for a, b in zip(lo, hi, strict=True) if b > a]
        return np.sort(np.concatenate(runs)) if runs else np.zeros(0, np.int64)


def _sorting(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The order that sorts `values`, and them sorted: no sort when they already are."""
    if len(values) < 2 or bool((values[1:] >= values[:-1]).all()):
        return np.arange(len(values)), values
    order = np.argsort(values, kind="stable")
    return order, values[order]


def _smallest(values: np.ndarray, count: int) -> np.ndarray:
    """Indices of about the `count` smallest small integers (ties at the cut all kept), found by
    counting them: no sort, nor a partition, of a million values."""
    if count >= len(values):
        return np.arange(len(values))
    tally = np.cumsum(np.bincount(values))
    cut = int(np.searchsorted(tally, count))  # the distance at which `count` is reached
    return np.flatnonzero(values <= cut)


def _joined(parts: list[np.ndarray]) -> np.ndarray:
    return np.concatenate(parts).astype(np.int64, copy=False) if parts else np.zeros(0, np.int64)
