from __future__ import annotations

import random

from bot.index.bm25 import build_segment
from bot.index.compare import content_digest, differences

WORDS = ["beijing", "trade", "sanction", "taiwan", "visit", "minister", "exports", "é-term"]


def _passages(count: int = 50) -> list[tuple[int, list[str]]]:
    rng = random.Random(7)
    return [(i, [rng.choice(WORDS) for _ in range(rng.randint(1, 8))]) for i in range(1, count + 1)]


def test_the_same_passages_in_other_segments_have_the_same_content():
    passages = _passages()
    whole = build_segment(passages)
    split = [build_segment(passages[:17]), build_segment(passages[17:])]
    assert content_digest(split) == content_digest([whole])
    assert differences(split, whole) == []


def test_passages_twice_missing_or_not_in_the_store_are_each_named():
    passages = _passages()
    fresh = build_segment(passages)
    doubled = [build_segment(passages[:20]), build_segment(passages[10:])]
    assert differences(doubled, fresh) == ["10 passages are indexed more than once (ids 11, 12, "
                                           "13, 14, 15, …)"]  # fmt: skip
    assert differences([build_segment(passages[:-2])], fresh) == [
        "2 of the store's passages are not indexed (ids 49, 50)"
    ]
    assert differences([build_segment([*passages, (99, ["gone"])])], fresh) == [
        "1 indexed passages are not in the store (ids 99)"
    ]


def test_a_changed_term_or_count_changes_the_content():
    passages = _passages()
    fresh = build_segment(passages)
    number, terms = passages[4]
    for changed in ([*terms[:-1], "other"], [*terms, terms[0]]):  # another term; one more often
        altered = [*passages[:4], (number, changed), *passages[5:]]
        assert differences([build_segment(altered)], fresh) == [
            "the terms indexed for some passages differ from the store's"
        ]
