from __future__ import annotations

import json
import random
from pathlib import Path

import numpy as np

from bot.index import BM25Index, persist
from bot.index.bm25 import build_segment


def _segment(seed: int, start: int = 0):
    rng = random.Random(seed)
    words = ["beijing", "trade", "sanction", "taiwan", "visit", "minister", "exports", "é-term"]
    docs = [[rng.choice(words) for _ in range(rng.randint(1, 9))] for _ in range(40)]
    return build_segment(enumerate(docs, start=start))


def test_saved_segments_load_memory_mapped_and_score_the_same(tmp_path: Path):
    first, second = _segment(1), _segment(2, start=40)
    name = persist.save(tmp_path, "db", (40, 39), (), first)
    persist.save(tmp_path, "db", (80, 79), (name,), second)
    saved = persist.load(tmp_path, "db")
    assert saved is not None and saved.version == (80, 79) and len(saved.segments) == 2
    assert isinstance(saved.segments[0].rows.base, np.memmap)
    loaded, built = BM25Index(saved.segments), BM25Index([first, second])
    for query in (["trade"], ["é-term", "visit", "visit"]):
        np.testing.assert_array_equal(loaded.scores(query), built.scores(query))
        assert loaded.search(query) == built.search(query)


def test_a_damaged_or_missing_index_is_ignored_so_it_gets_rebuilt(tmp_path: Path):
    assert persist.load(tmp_path, "db") is None
    name = persist.save(tmp_path, "db", (40, 39), (), _segment(1))
    assert persist.load(tmp_path, "another db") is None
    (tmp_path / name / "terms.json").write_text(json.dumps(["only-one"]), encoding="utf-8")
    assert persist.load(tmp_path, "db") is None
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    assert persist.load(tmp_path, "db") is None and persist.saved_version(tmp_path, "db") is None
