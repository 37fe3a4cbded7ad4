"""How saved segments differ from a fresh build of the same corpus, for `china-brief check`."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np

from bot.index.bm25 import Segment

CHUNK = 4_000_000  # postings hashed at a time: a million passages' worth stays in ~100 MB
SHOWN = 5  # passage ids named in a finding


def differences(saved: Sequence[Segment], fresh: Segment) -> list[str]:
    """What differs between the saved segments and a fresh build, in an operator's words;
    empty when both index the same passages once each, with the same terms."""
    ids = np.concatenate([s.ids for s in saved]) if saved else np.zeros(0, np.int64)
    unique, counts = np.unique(ids, return_counts=True)
    found = []
    if (twice := unique[counts > 1]).size:
        found.append(f"{twice.size:,} passages are indexed more than once{_some(twice)}")
    if (missing := np.setdiff1d(fresh.ids, unique)).size:
        found.append(f"{missing.size:,} of the store's passages are not indexed{_some(missing)}")
    if (extra := np.setdiff1d(unique, fresh.ids)).size:
        found.append(f"{extra.size:,} indexed passages are not in the store{_some(extra)}")
    if not found and content_digest(saved) != content_digest([fresh]):
        found.append("the terms indexed for some passages differ from the store's")
    return found


def content_digest(segments: Sequence[Segment]) -> int:
    """A digest of (term, passage, count) for every posting and (passage, length) for every
    passage, the same however the passages are split into segments or ordered."""
    total = 0
    for segment in segments:
        terms = _term_keys(segment)
        per_posting = np.repeat(np.arange(len(terms)), np.diff(segment.indptr))
        for lo in range(0, len(segment.rows), CHUNK):
            hi = lo + CHUNK
            passage = segment.ids[segment.rows[lo:hi]].astype(np.uint64)
            tf = segment.tfs[lo:hi].astype(np.uint64)
            total += _sum(terms[per_posting[lo:hi]] ^ _mixed(passage) ^ (tf << np.uint64(40)))
        lengths = segment.lengths.astype(np.uint64)
        total += _sum(_mixed(segment.ids.astype(np.uint64)) + lengths)
    return total % 2**64


def _sum(keys: np.ndarray) -> int:
    return int(_mixed(keys).sum(dtype=np.uint64))  # array sums wrap around: a sum modulo 2**64


def _term_keys(segment: Segment) -> np.ndarray:
    keys = np.zeros(len(segment.vocab), np.uint64)
    for term, local in segment.vocab.items():
        digest = hashlib.blake2b(term.encode(), digest_size=8).digest()
        keys[local] = int.from_bytes(digest, "little")
    return keys


def _mixed(x: np.ndarray) -> np.ndarray:
    # splitmix64's finaliser: nearby inputs give unrelated outputs, so sums do not cancel.
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def _some(ids: np.ndarray) -> str:
    shown = ", ".join(str(int(i)) for i in ids[:SHOWN])
    return f" (ids {shown}{', …' if ids.size > SHOWN else ''})"
