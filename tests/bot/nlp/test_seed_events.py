"""Golden test: the seeds' dated events against a hand annotation (tests/fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.store import articles as stored

FIXTURE = Path(__file__).parents[2] / "fixtures" / "seed_events.json"
ANNOTATION = json.loads(FIXTURE.read_text(encoding="utf-8"))["articles"]


@pytest.fixture(scope="module")
def seed_events(seeded):
    with seeded.sessions() as session:
        events = stored.events_in_articles(session)
        refs = stored.article_refs(session, {a for a, _ in events} | set(range(1, 10)))
    by_file: dict[str, list] = {Path(r.path).name: [] for r in refs.values()}
    for article_id, event in events:
        by_file[Path(refs[article_id].path).name].append(event)
    return by_file


def _matching(events, expected):
    return [
        e
        for e in events
        if expected["in"] in e.text and expected["text"].lower() in e.expression.lower()
    ]


@pytest.mark.parametrize(
    "article, expected",
    [(a, x) for a in ANNOTATION for x in a["expressions"]],
    ids=lambda v: v["file"][:3] if "file" in v else v["text"],
)
def test_each_annotated_expression_is_placed_as_annotated_or_not_at_all(
    seed_events, article, expected
):
    found = _matching(seed_events[article["file"]], expected)
    if expected["date"] is None:
        assert found == [], expected["why"]
        return
    assert len(found) == 1
    event = found[0]
    assert (event.date.isoformat(), event.precision) == (expected["date"], expected["precision"])
    assert event.inferred == expected.get("inferred", False)
    assert (event.evidence is not None) == event.inferred


def test_no_event_is_placed_that_the_annotation_does_not_place(seed_events):
    for article in ANNOTATION:
        placed = [x for x in article["expressions"] if x["date"] is not None]
        events = seed_events[article["file"]]
        unexpected = [
            e.expression for e in events if not any(e in _matching([e], x) for x in placed)
        ]
        assert unexpected == [], article["file"]


def test_undated_articles_carry_no_relative_date_unless_inferred_with_evidence(seed_events):
    for article in ANNOTATION:
        if article["published"] is None:
            for event in seed_events[article["file"]]:
                explicit = event.expression[-4:].isdigit() or event.expression.endswith("0s")
                assert explicit or (event.inferred and "dateline" in (event.evidence or ""))
