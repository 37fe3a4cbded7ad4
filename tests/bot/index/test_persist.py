from __future__ import annotations

import json
import logging
import os
import random
from pathlib import Path

import numpy as np
import pytest

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


def _saved_then_damaged(tmp_path: Path, damage) -> persist.Saved | None:
    name = persist.save(tmp_path, "db", (40, 39), (), _segment(1))
    damage(tmp_path / name)
    return persist.load(tmp_path, "db")


def _emptied(array: str):
    return lambda folder: (folder / f"{array}.npy").write_bytes(b"")


def _cut_short(array: str):
    def cut(folder: Path) -> None:
        data = np.load(folder / f"{array}.npy")
        np.save(folder / f"{array}.npy", data[: len(data) // 2])

    return cut


def _altered(array: str):
    def alter(folder: Path) -> None:
        data = np.load(folder / f"{array}.npy")
        data[len(data) // 2] += 1  # the same shape and type: only the checksum tells
        np.save(folder / f"{array}.npy", data)

    return alter


@pytest.mark.parametrize(
    "damage",
    [_emptied("rows"), _emptied("lengths"), _cut_short("lengths"), _cut_short("ids"),
     _altered("tfs"), _altered("rows"), _altered("indptr"),
     lambda folder: (folder / "segment.json").unlink(),
     lambda folder: (folder.parent / "manifest.json").write_bytes(b""),
     lambda folder: (folder / "rows.npy").write_bytes((folder / "rows.npy").read_bytes()[:-9])],
    ids=["empty rows", "empty lengths", "short lengths", "short ids", "altered tfs",
         "altered rows", "altered indptr", "no segment.json", "empty manifest", "truncated rows"],
)  # fmt: skip
def test_a_damaged_segment_file_is_refused_with_one_log_line(tmp_path: Path, damage, caplog):
    with caplog.at_level(logging.WARNING, logger="bot.index.persist"):
        assert _saved_then_damaged(tmp_path, damage) is None
    assert len(caplog.records) == 1 and "rebuilding" in caplog.records[0].getMessage()
    assert "\n" not in caplog.records[0].getMessage()


def test_an_index_naming_a_passage_twice_is_refused(tmp_path: Path):
    name = persist.save(tmp_path, "db", (40, 39), (), _segment(1))
    persist.save(tmp_path, "db", (80, 39), (name,), _segment(1))  # the same passages again
    assert persist.load(tmp_path, "db") is None
    persist.save(tmp_path, "db", (80, 79), (name,), _segment(2, start=40))
    assert persist.load(tmp_path, "db") is not None


def test_an_index_whose_version_does_not_count_its_passages_is_refused(tmp_path: Path):
    persist.save(tmp_path, "db", (41, 40), (), _segment(1))  # counts a passage it lacks
    assert persist.load(tmp_path, "db") is None


def test_saving_the_same_segment_twice_makes_one_folder(tmp_path: Path):
    first = persist.save(tmp_path, "db", (40, 39), (), _segment(1))
    again = persist.save(tmp_path, "db", (40, 39), (), _segment(1))  # another process, say
    assert first == again
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", first]
    assert persist.load(tmp_path, "db") is not None


def test_a_damaged_folder_under_a_segments_name_is_replaced_when_it_is_saved_again(tmp_path):
    name = persist.save(tmp_path, "db", (40, 39), (), _segment(1))
    (tmp_path / name / "rows.npy").write_bytes(b"")  # a crash before the data reached the disk
    assert persist.save(tmp_path, "db", (40, 39), (), _segment(1)) == name
    assert persist.load(tmp_path, "db") is not None


def test_what_a_writer_left_half_done_is_cleared_once_stale(tmp_path: Path):
    left = [tmp_path / "tmp-0123456789ab", tmp_path / "seg-00000000000000ff"]
    for folder in left:
        folder.mkdir()
        os.utime(folder, (0, 0))  # long ago
    (tmp_path / "manifest.0123456789ab.tmp").write_text("{")
    os.utime(tmp_path / "manifest.0123456789ab.tmp", (0, 0))
    name = persist.save(tmp_path, "db", (40, 39), (), _segment(1))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json", name]
