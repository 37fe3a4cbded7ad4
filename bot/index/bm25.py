"""Exact BM25Okapi (rank-bm25's formula and defaults) over sparse postings held in segments.

A segment holds, for each term, the rows that contain it and how often, and each row's length.
Once built it never changes, so it can be memory-mapped from disk. An index reads one or more
segments together: document frequencies, the document count and the total length are summed
over all of them, so idf and avgdl are those of the whole corpus and every score equals
rank-bm25's on the concatenated corpus, however the corpus arrived. A term's weights are
computed from tf and each row's length norm the first time a query asks for the term, and kept
for the life of that index: loading is a memory map, and a small addition becomes a new segment
and a new index without a pass over the old postings.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import chain, count, islice, repeat
from typing import TypeVar

import numpy as np

K1, B, EPSILON = 1.5, 0.75, 0.25
T = TypeVar("T")
Part = tuple[np.ndarray, np.ndarray]  # a term's rows in one segment and their weights
ROW_BITS = 32  # a posting sorts as term << 32 | row while building


@dataclass(frozen=True)
class Hit:
    passage_id: int
    score: float  # what the hits are ranked by: BM25's, or the hybrid search's fused score
    bm25: float | None = None  # in a hybrid search, the passage's own BM25 score (0: no term)
    semantic: float | None = None  # in a hybrid search, its cosine with the question


@dataclass(frozen=True)
class Segment:
    """Postings of a run of passages: rows[indptr[t]:indptr[t+1]] contain local term t."""

    ids: np.ndarray  # passage id of each row (int64)
    vocab: dict[str, int]
    indptr: np.ndarray  # int64, one more than the vocabulary
    rows: np.ndarray  # int32
    tfs: np.ndarray  # int32 term frequency of each posting
    lengths: np.ndarray  # int32 number of terms of each row

    @property
    def size(self) -> int:
        return len(self.ids)

    def document_frequencies(self) -> np.ndarray:
        """How many rows hold each local term."""
        return np.diff(self.indptr)


def build_segment(
    passages: Iterable[tuple[int, Sequence[str] | str]], chunk: int = 200_000
) -> Segment:
    """Postings for (passage id, terms) pairs, built with vectorised sorts, a chunk at a time.

    Terms may come as a list or as one string joined by single spaces (as the store keeps
    them), which is split in one call per chunk instead of once per passage.
    """
    # A missing term gets the next id inside the C-level map below: no Python loop per token.
    vocab: defaultdict[str, int] = defaultdict(count().__next__)
    ids, lengths, keys = [], [], []
    rows_done = 0
    for part in _batched(passages, chunk):
        passage_ids, docs = zip(*part, strict=True)  # C-level unzip: no loop per passage
        ids.append(np.array(passage_ids, np.int64))
        counts, tokens = _tokens(docs)
        term_ids = np.fromiter(map(vocab.__getitem__, tokens), np.int64, len(tokens))
        rows = np.repeat(np.arange(rows_done, rows_done + len(part), dtype=np.int64), counts)
        keys.append((term_ids << ROW_BITS) | rows)
        lengths.append(counts)
        rows_done += len(part)
    return _postings(dict(vocab), _joined(ids, np.int64), _joined(lengths, np.int32), _joined(keys))


def _tokens(docs: Sequence[Sequence[str] | str]) -> tuple[np.ndarray, list[str]]:
    if all(isinstance(d, str) for d in docs):
        joined: Sequence[str] = docs  # type: ignore[assignment]
        spaces = np.fromiter(map(str.count, joined, repeat(" ")), np.int64, len(joined))
        filled = np.fromiter(map(bool, joined), bool, len(joined))
        counts = np.where(filled, spaces + 1, 0)
        return counts, " ".join(filter(None, joined)).split(" ") if filled.any() else []
    lists = [d.split() if isinstance(d, str) else d for d in docs]
    counts = np.fromiter(map(len, lists), np.int64, len(lists))
    return counts, list(chain.from_iterable(lists))


def _batched(items: Iterable[T], size: int) -> Iterator[list[T]]:
    it = iter(items)
    while part := list(islice(it, size)):
        yield part


def _joined(parts: list[np.ndarray], dtype: type = np.int64) -> np.ndarray:
    return np.concatenate(parts).astype(dtype, copy=False) if parts else np.zeros(0, dtype)


def _postings(vocab: dict[str, int], ids: np.ndarray, lengths: np.ndarray, keys: np.ndarray
              ) -> Segment:  # fmt: skip
    keys.sort()  # by term, then row: each term's postings become one run
    starts = np.flatnonzero(np.diff(keys, prepend=-1)) if len(keys) else np.zeros(0, np.int64)
    tfs = np.diff(np.append(starts, len(keys))).astype(np.int32)
    unique = keys[starts]
    terms = unique >> ROW_BITS
    indptr = np.zeros(len(vocab) + 1, np.int64)
    np.cumsum(np.bincount(terms, minlength=len(vocab)), out=indptr[1:])
    rows = (unique & ((1 << ROW_BITS) - 1)).astype(np.int32)
    return Segment(ids, vocab, indptr, rows, tfs, lengths)


class BM25Index:
    """Segments searched as one corpus, with rank-bm25's BM25Okapi scores."""

    def __init__(
        self, segments: Sequence[Segment], k1: float = K1, b: float = B, epsilon: float = EPSILON
    ) -> None:
        self.segments = tuple(segments)
        self.vocab = _merged_vocab(self.segments)
        self.df = np.zeros(len(self.vocab), np.int64)
        for segment in self.segments:
            local = np.fromiter(map(self.vocab.__getitem__, segment.vocab), np.int64)
            np.add.at(self.df, local, segment.document_frequencies())
        self.size = sum(s.size for s in self.segments)
        self.idf = _okapi_idf(self.df, self.size, epsilon)
        total = sum(int(s.lengths.sum()) for s in self.segments)
        avgdl = total / self.size if total else 1.0
        # The length part of the denominator, per row: k1·(1 − b + b·dl/avgdl), as rank-bm25.
        self.norms = [k1 * (1 - b + b * np.asarray(s.lengths) / avgdl) for s in self.segments]
        self.k1 = k1
        # A term's weights are computed when a query first asks for it, then kept: loading
        # a million passages or adding a few costs no pass over every posting, and N and
        # avgdl are fixed for this index (an addition makes a new one).
        self._weight_cache: dict[tuple[int, int], np.ndarray] = {}
        self.offsets = np.cumsum([0] + [s.size for s in self.segments])[:-1].tolist()
        self.ids = np.concatenate([s.ids for s in self.segments]) if self.segments else np.zeros(0)

    def scores(self, terms: Sequence[str]) -> np.ndarray:
        """A score for every document, equal to rank-bm25's BM25Okapi.get_scores(terms)."""
        totals = np.zeros(self.size)
        for rows, weights in self._weights(terms):
            totals[rows] += weights  # rows are distinct within one term's postings
        return totals

    def search(self, terms: Sequence[str], k: int = 10) -> list[Hit]:
        """The k best documents with a positive score, best first (ties by passage id)."""
        parts = self._weights(terms) if k > 0 else []
        if not parts:
            return []
        if len(parts) == 1:
            rows, totals = parts[0]
        else:
            rows, totals = self._accumulate(parts)
        positive = totals > 0  # a term in most documents can score zero or below: no evidence
        return self._top(rows[positive], totals[positive], k, len(parts))

    def containing(self, terms: Sequence[str], k: int = 10) -> list[Hit]:
        """Documents holding the most distinct query terms: the fallback where BM25Okapi's
        idf is negative for every term (a corpus of one or two documents)."""
        parts = self._weights(list(dict.fromkeys(terms)))
        if not parts or k <= 0:
            return []
        counts = np.bincount(np.concatenate([p[0] for p in parts]), minlength=self.size)
        touched = np.flatnonzero(counts)
        order = np.lexsort((self.ids[touched], -counts[touched]))[:k]
        return [Hit(int(self.ids[touched[i]]), float(counts[touched[i]])) for i in order]

    def passages_with(self, term: str) -> np.ndarray:
        """Ids of the passages that contain the term."""
        rows = [rows for rows, _ in self._weights([term])]
        return self.ids[np.concatenate(rows)] if rows else np.zeros(0, np.int64)

    def document_frequency(self, term: str) -> int:
        """How many documents contain the term."""
        t = self.vocab.get(term)
        return 0 if t is None else int(self.df[t])

    def _weights(self, terms: Sequence[str]) -> list[Part]:
        parts: list[Part] = []
        for term in terms:  # a repeated term counts again, as in rank-bm25
            t = self.vocab.get(term)
            if t is None:
                continue
            for number, (segment, offset) in enumerate(
                zip(self.segments, self.offsets, strict=True)
            ):
                local = segment.vocab.get(term)
                if local is None:
                    continue
                lo, hi = segment.indptr[local], segment.indptr[local + 1]
                rows = segment.rows[lo:hi]
                weights = self._weight_cache.get((number, local))
                if weights is None:
                    weights = self._term_weights(number, t, rows, segment.tfs[lo:hi])
                    self._weight_cache[number, local] = weights
                parts.append((rows + offset if offset else rows, weights))
        return parts

    def _term_weights(self, number: int, t: int, rows: np.ndarray, tf: np.ndarray) -> np.ndarray:
        # rank-bm25's expression, in its order, so the floats agree exactly:
        # idf · (tf·(k1 + 1) / (tf + k1·(1 − b + b·dl/avgdl)))
        return self.idf[t] * (tf * (self.k1 + 1) / (tf + self.norms[number][rows]))

    def _accumulate(self, parts: list[Part]) -> tuple[np.ndarray, np.ndarray]:
        # One bincount over the touched rows (it sums each row's weights in query order, as
        # rank-bm25 does), then read back at those rows: no sort of the postings.
        rows = np.concatenate([p[0] for p in parts])
        weights = np.concatenate([p[1] for p in parts])
        totals = np.bincount(rows, weights=weights, minlength=int(rows.max()) + 1)
        return rows, totals[rows]

    def _top(self, rows: np.ndarray, totals: np.ndarray, k: int, repeats: int) -> list[Hit]:
        # A document appears at most once per part, so the k best documents are among the
        # k·repeats best entries: everything scoring below that entry can go before the sort.
        if len(totals) > k * repeats:
            cut = np.partition(totals, len(totals) - k * repeats)[len(totals) - k * repeats]
            keep = totals >= cut
            rows, totals = rows[keep], totals[keep]
        rows, first = np.unique(rows, return_index=True)
        totals = totals[first]
        ids = self.ids[rows]
        order = np.lexsort((ids, -totals))[:k]
        return [Hit(int(ids[i]), float(totals[i])) for i in order]


def build_index(
    passages: Iterable[tuple[int, Sequence[str]]],
    k1: float = K1,
    b: float = B,
    epsilon: float = EPSILON,
) -> BM25Index:
    """Index (passage id, terms) pairs; an empty corpus gives an index that finds nothing."""
    return BM25Index([build_segment(passages)], k1, b, epsilon)


def _merged_vocab(segments: Sequence[Segment]) -> dict[str, int]:
    if not segments:
        return {}
    vocab = segments[0].vocab
    for segment in segments[1:]:
        fresh = [t for t in segment.vocab if t not in vocab]
        if fresh:
            vocab = vocab if vocab is not segments[0].vocab else dict(vocab)
            vocab.update(zip(fresh, range(len(vocab), len(vocab) + len(fresh)), strict=True))
    return vocab


def _okapi_idf(df: np.ndarray, n_docs: int, epsilon: float) -> np.ndarray:
    # rank-bm25: idf = log(N − n + 0.5) − log(n + 0.5); a negative idf is floored at
    # epsilon × the mean idf of the vocabulary.
    if len(df) == 0:
        return np.zeros(0)
    idf = np.log(n_docs - df + 0.5) - np.log(df + 0.5)
    idf[idf < 0] = epsilon * float(idf.sum()) / len(idf)
    return idf
