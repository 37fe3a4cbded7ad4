"""Sentence vectors for the benchmark store's million passages, by a documented shortcut.

Embedding a million sentences takes hours on two cores, so a sample of the corpus's distinct
sentences is embedded by the real model (ingest's runner), and every other distinct sentence
gets the vector of a sampled one (chosen by a hash of its text) moved by Gaussian noise to a
cosine of about 0.9 with it, then made unit length: a million distinct vectors spread like
real ones around real ones. Copies of one sentence (the corpus repeated to size) share its
vector, as ingest would give them. What is timed (reading, comparing and rescoring the
vectors, memory) depends on their number and layout, not on what they mean; the answer rates
come from evaluation.questions on real vectors.
"""

from __future__ import annotations

import hashlib
import sqlite3
import time
from pathlib import Path

import numpy as np

from bot.index import vector_files
from bot.index.vectors import vector_segment
from bot.nlp.minilm import DIMENSIONS, load_bulk_encoder
from bot.services import index_folder
from bot.settings import Settings
from bot.store import open_engine, session_factory
from bot.store.articles import corpus_identity

NOISE = 0.025  # per dimension: |noise| ≈ 0.49 against a unit vector, cosine ≈ 0.9
SEGMENT = 200_000  # passages a saved segment


def fill_vectors(db: Path, sample: int, cache: Path) -> dict[str, float]:
    """Save vectors for every passage of `db` beside its index; the time the sample took."""
    con = sqlite3.connect(db)
    rows = con.execute("SELECT id, article_id, text FROM sentences ORDER BY id").fetchall()
    con.close()
    ids = np.array([r[0] for r in rows], np.int64)
    articles = np.array([r[1] for r in rows], np.int64)
    distinct = sorted({r[2] for r in rows}, key=_digest)
    taken = distinct[:sample]
    real, embed_s = _embedded(taken, cache)
    rng = np.random.default_rng(15)
    spread = real[[_digest(t) % len(taken) for t in distinct]]
    spread += rng.normal(0, NOISE, size=spread.shape).astype(np.float32)
    spread[: len(taken)] = real  # the sampled sentences keep their own vectors
    spread /= np.linalg.norm(spread, axis=1, keepdims=True)
    row_of = {text: n for n, text in enumerate(distinct)}
    of_passage = np.fromiter((row_of[r[2]] for r in rows), np.int64, len(rows))
    segments = tuple(
        vector_segment(ids[lo : lo + SEGMENT], articles[lo : lo + SEGMENT],
                       spread[of_passage[lo : lo + SEGMENT]])
        for lo in range(0, len(rows), SEGMENT)
    )  # fmt: skip
    engine = open_engine(f"sqlite:///{db}")
    with session_factory(engine)() as session:
        owner = corpus_identity(session)
    engine.dispose()
    folder = index_folder(Settings(f"sqlite:///{db}"))
    assert folder is not None
    vector_files.save(folder / "vectors", owner, (), segments)
    figures: dict[str, float] = {"vectors_sampled": len(taken),
                                 "vectors_distinct_sentences": len(distinct)}  # fmt: skip
    if embed_s is not None:  # not when the sample's vectors came from the cache
        figures["vectors_sample_sentences_per_s"] = len(taken) / embed_s
    return figures


def _embedded(texts: list[str], cache: Path) -> tuple[np.ndarray, float | None]:
    if cache.exists():
        cached = np.load(cache)
        if cached.shape == (len(texts), DIMENSIONS):
            return cached, None
    model = load_bulk_encoder()
    began = time.perf_counter()
    vectors = model.encode(texts)
    seconds = time.perf_counter() - began
    np.save(cache, vectors)
    return vectors, seconds


def _digest(text: str) -> int:
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "big")
