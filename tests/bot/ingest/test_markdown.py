from __future__ import annotations

import pytest

from bot.ingest import read_articles
from bot.ingest.markdown import markdown_text
from bot.records import Rejected, SourceText


def test_markup_goes_and_the_words_stay():
    heading, text = markdown_text(
        "# Talks in Beijing\n\nThe minister **met** [officials](https://x.org) in *London*.\n\n"
        '![a photo](https://x.org/p.jpg)\n\n> "We are ready," she said.\n\n## Background\n\n'
        "- Trade rose `5%` last year.\n"
    )
    assert heading == "Talks in Beijing"
    assert text.split("\n\n") == [
        "The minister met officials in London.",
        '"We are ready," she said.',
        "Background",
        "Trade rose 5% last year.",
    ]


def test_a_heading_after_the_first_paragraph_is_text_not_the_title():
    heading, text = markdown_text("Officials met today.\n\n# Later heading\n")
    assert heading is None and text == "Officials met today.\n\nLater heading"


def test_lines_of_a_paragraph_stay_lines_for_paragraph_splitting():
    assert markdown_text("First line.\nSecond line.")[1] == "First line.\nSecond line."


@pytest.mark.parametrize("unit", ["[", "![", "x *a", "**a", "[a](", "<a "])
def test_unclosed_markup_over_60_kb_is_read_in_linear_time(write, unit):
    # Hand-written regexes backtracked on these for minutes; the parser takes well under one.
    [item] = read_articles([write("hostile.md", unit * (60_000 // len(unit)))])
    assert isinstance(item, SourceText | Rejected) and item.path.endswith("hostile.md")
