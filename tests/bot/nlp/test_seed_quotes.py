"""Golden tests: every direct quote in the bundled seeds, with the speaker a reader would name.

The annotation (tests/fixtures/seed_quotes.json) was made by reading the five articles; the
same file feeds `python3 -m evaluation.quotes --seeds`. A speaker is a person's or a body's
name, in full where the corpus gives it ("Han" is Han Zheng); a document or a description
("the report", "the two sides") names nobody, and its speaker is null.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.ingest import read_articles
from bot.nlp.annotate import annotate
from bot.records import Quote, SourceText
from bot.store.speakers import served_names, with_corpus_name

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "seed_quotes.json"
GOLD: dict[str, list[dict]] = json.loads(FIXTURE.read_text(encoding="utf-8"))
CASES = [(name, want) for name, quotes in GOLD.items() for want in quotes]
# Quotes the extractor still gets wrong at this commit: strict xfail, so fixing one fails the
# test until it is taken off this list.
KNOWN_WRONG: set[str] = set()


@pytest.fixture(scope="module")
def seed_quotes(nlp, seeds_dir) -> dict[str, list[Quote]]:
    found = {}
    for source in read_articles([seeds_dir]):
        assert isinstance(source, SourceText)
        found[Path(source.path).name] = list(annotate(nlp(source.text), source).quotes)
    # As the store serves them: a short name the corpus knows in full is given in full.
    names = served_names(q for quotes in found.values() for q in quotes)
    return {name: [with_corpus_name(q, names) for q in quotes] for name, quotes in found.items()}


def _case_id(case: tuple[str, dict]) -> str:
    return f"{case[0][:3]}:{case[1]['text'][:30]}"


def _same_start(text: str, start: str) -> bool:
    return " ".join(text.split()).startswith(" ".join(start.split()))


@pytest.mark.parametrize(
    "name, want",
    [
        pytest.param(*case, id=_case_id(case), marks=[pytest.mark.xfail(strict=True)])
        if case[1]["text"] in KNOWN_WRONG
        else pytest.param(*case, id=_case_id(case))
        for case in CASES
    ],
)
def test_seed_quote_is_found_with_its_speaker_mention_and_partial_flag(seed_quotes, name, want):
    found = [q for q in seed_quotes[name] if _same_start(q.text, want["text"])]
    assert len(found) == 1, f"{want['text']!r} not found once in {name}"
    got = found[0]
    assert (got.speaker, got.speaker_mention, got.partial) == (
        want["speaker"],
        want["speaker_mention"],
        want["partial"],
    )


def test_seed_articles_hold_no_quote_beyond_the_annotation(seed_quotes):
    extra = [
        (name, q.text)
        for name, quotes in seed_quotes.items()
        for q in quotes
        if not any(_same_start(q.text, w["text"]) for w in GOLD[name])
    ]
    assert extra == []


def test_the_annotation_covers_all_five_seed_articles(seed_quotes):
    assert set(GOLD) == set(seed_quotes) and len(GOLD) == 5
