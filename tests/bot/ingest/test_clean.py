from __future__ import annotations

from pathlib import Path

import pytest

from bot.ingest import read_articles
from bot.ingest.clean import clean_paragraphs, printable, split_paragraphs
from bot.records import SourceText

DEBRIS = ("Advertisement", "Latest Headlines", "03:26", "Picture by", "Photo by", "Florence Lo")


@pytest.fixture(scope="module")
def seed_articles(seeds_dir: Path) -> dict[str, SourceText]:
    items = list(read_articles([seeds_dir]))
    assert all(isinstance(i, SourceText) for i in items)
    return {Path(i.path).name[:3]: i for i in items if isinstance(i, SourceText)}


@pytest.mark.parametrize("marker", DEBRIS)
def test_seed_debris_never_reaches_the_article_text(seed_articles, marker):
    for article in seed_articles.values():
        assert marker not in article.text, (article.path, marker)


def test_video_title_after_a_running_time_is_dropped(seed_articles):
    assert "Beijing slams Taiwan visit" not in seed_articles["000"].text


def test_photo_caption_printed_twice_is_dropped(seed_articles):
    assert "shake hands ahead of their meeting" not in seed_articles["003"].text


def test_real_paragraphs_are_kept_whole(seed_articles, seeds_dir):
    text = seed_articles["003"].text
    paragraphs = text.split("\n\n")
    assert len(paragraphs) == 16
    assert paragraphs[0].startswith("British Foreign Secretary James Cleverly held")
    assert paragraphs[-1].startswith("Parliament angered Beijing in March")
    assert paragraphs[-1].endswith("renegade province.")
    raw = (seeds_dir / "004_98270c53636b98ca.txt").read_text()
    for para in seed_articles["004"].text.split("\n\n"):
        assert para in raw


def test_one_paragraph_per_line_is_kept_as_lines():
    lines = ["First paragraph, a full sentence.", "Second one, also a sentence."]
    assert split_paragraphs("\n".join(lines)) == lines


def test_hard_wrapped_paragraph_is_joined():
    text = (
        "The foreign secretary met the vice president in\n"
        "London on Thursday, and the two discussed climate\n"
        "change and trade.\n\nA second paragraph."
    )
    assert split_paragraphs(text) == [
        "The foreign secretary met the vice president in London on Thursday, and the two "
        "discussed climate change and trade.",
        "A second paragraph.",
    ]


def test_a_paragraph_repeated_later_is_kept_once():
    paras = ["One sentence here.", "Another sentence.", "One sentence here."]
    assert clean_paragraphs(paras) == ["One sentence here.", "Another sentence."]


def test_a_sentence_mentioning_a_photo_is_not_a_credit():
    para = "The photo by the harbour was taken by a reporter, officials said."
    assert clean_paragraphs([para]) == [para]


def test_a_long_run_of_symbols_is_debris_but_ordinary_punctuation_is_not():
    kept = ['"Really?!" she asked...', "Shares rose 5% (to $3.20) on Monday."]
    assert clean_paragraphs(["=" * 60, "[" * 60_000, *kept]) == kept


def test_printable_drops_control_characters_and_marks_lone_surrogates():
    assert printable("a\x00b\x1bc\td\ne\udc80f") == "abc\td\ne\ufffdf"
