"""Block Kit within Slack's limits, citations, escaping and the "more" affordance."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from slack_sdk.models.blocks import Block

from bot import pipeline
from bot.records import (
    Answer,
    ArticleRef,
    Brief,
    CorpusStats,
    Feed,
    FollowUp,
    QuoteItem,
    SummaryItem,
    TimelineItem,
)
from bot.render import blocks
from bot.services import Services

DATED = ArticleRef(1, "Talks in <Beijing> & after", "Reuters", dt.date(2023, 8, 30), "/a", None)
LINKED = ArticleRef(2, "Kearns | the view", None, None, "/b", "https://example.org/b?x=1&y=2")


def _within_limits(message: blocks.Message) -> None:
    assert message.text.strip()  # every message has a plain-text fallback
    assert 0 < len(message.blocks) <= blocks.MAX_BLOCKS
    for block in message.blocks:
        parsed = Block.parse(block)
        assert parsed is not None
        parsed.to_dict()  # raises SlackObjectFormationError past any of Slack's limits
        if block["type"] == "section":
            assert len(block["text"]["text"]) <= 3000
        if block["type"] == "header":
            assert len(block["text"]["text"]) <= 150


@pytest.mark.parametrize(
    "query", ["human rights", "Cleverly Beijing visit", "sanctions on British MPs", "Taiwan"]
)
def test_seed_briefs_are_within_slack_limits(seeded: Services, query: str) -> None:
    brief = pipeline.make_brief(query, seeded)
    message = blocks.brief_message(brief, shareable=True)
    _within_limits(message)
    text = _all_text(message.blocks)
    assert "*Summary*" in text and "*Quotes*" in text and "*Timeline*" in text


def test_a_long_brief_is_cut_with_a_count_and_buttons_never_rejected() -> None:
    long = "Sanctions were discussed at length " * 120  # ~4,000 characters each
    brief = Brief(
        query="x" * 400,
        summary=tuple(SummaryItem(long, DATED, 1.0) for _ in range(40)),
        quotes=tuple(
            QuoteItem(long, "Alicia Kearns", None, "said", False, LINKED) for _ in range(80)
        ),
        timeline=tuple(
            TimelineItem(dt.date(2023, 1, 1), "day", "1 Jan 2023", long, DATED) for _ in range(90)
        ),
    )
    message = blocks.brief_message(brief, shareable=True)
    _within_limits(message)
    text = _all_text(message.blocks)
    assert "more quotes not shown" in text and "more timeline not shown" in text
    buttons = [
        e["text"]["text"] for b in message.blocks if b["type"] == "actions" for e in b["elements"]
    ]
    assert buttons == ["More quotes", "Full timeline", "Share in channel"]


def test_long_quote_list_stays_within_fifty_blocks() -> None:
    items = [QuoteItem("q " * 1400, "A Person", None, "said", False, DATED) for _ in range(200)]
    message = blocks.quotes_message("Quotes: everything", items)
    _within_limits(message)
    assert "more items not shown" in _all_text(message.blocks)


def _quotes(count: int) -> list[QuoteItem]:
    return [QuoteItem(f"Quote number {n}.", "A Person", None, "said", False, DATED)
            for n in range(count)]  # fmt: skip


def test_a_long_paged_list_shows_one_page_and_a_next_button_carrying_where_it_stopped() -> None:
    page = blocks.Page("speaker", "Cleverly")
    message = blocks.quotes_message("Quotes: Cleverly", _quotes(60), page=page)
    _within_limits(message)
    text = _all_text(message.blocks)
    assert "Quote number 24." in text and "Quote number 25." not in text
    assert "1–25 of 60. 35 more." in text
    (button,) = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    assert button["action_id"] == blocks.NEXT_PAGE and button["text"]["text"] == "Next 25"
    assert blocks.Page.from_button(button["value"]) == blocks.Page("speaker", "Cleverly", 25)


def test_the_last_page_says_where_it_is_and_offers_no_next_button() -> None:
    page = blocks.Page("quotes", "", 50)
    message = blocks.quotes_message("Quotes: all", _quotes(60)[50:], page=page)
    assert "51–60 of 60." in _all_text(message.blocks)
    assert not [b for b in message.blocks if b["type"] == "actions"]


@pytest.mark.parametrize("value", ["", "{}", "[1]", '{"kind": "x", "text": "", "start": 0}',
                                   '{"kind": "quotes", "text": "a", "start": -1}'])  # fmt: skip
def test_a_button_value_this_code_did_not_write_is_no_page(value: str) -> None:
    assert blocks.Page.from_button(value) is None


def test_a_long_thread_answer_pages_with_its_speaker_and_topic_carried() -> None:
    followup = FollowUp("quotes", "human rights", "James Cleverly")
    message = blocks.answer_message(Answer(followup, quotes=tuple(_quotes(30))))
    assert message.blocks[0]["text"]["text"] == "Quotes from James Cleverly on human rights"
    (button,) = [e for b in message.blocks if b["type"] == "actions" for e in b["elements"]]
    page = blocks.Page.from_button(button["value"])
    assert page == blocks.Page("speaker", "James Cleverly", 25, topic="human rights")
    assert page is not None and page.title() == message.blocks[0]["text"]["text"]


def test_citations_give_title_source_date_or_undated_and_a_link_when_there_is_one() -> None:
    assert blocks.cite(DATED) == "Talks in &lt;Beijing&gt; &amp; after · Reuters · 2023-08-30"
    assert blocks.cite(LINKED) == (
        "<https://example.org/b?x=1&amp;y=2|Kearns ¦ the view> · source unknown · undated"
    )


def test_user_text_cannot_ping_a_channel_or_inject_a_link() -> None:
    brief = Brief("<!channel> <https://evil|click>", (), (), ())
    message = blocks.brief_message(brief, shareable=False)
    assert "<!channel>" not in message.text and "&lt;!channel&gt;" in message.text
    for block in message.blocks:
        if block.get("text", {}).get("type") == "mrkdwn":
            assert "<!channel>" not in block["text"]["text"]
    assert "Share in channel" not in _all_text(message.blocks)


def test_empty_sections_say_so() -> None:
    text = _all_text(blocks.brief_message(Brief("x", (), (), ()), shareable=True).blocks)
    assert "No quotes match this query." in text and "No dated events match." in text


def test_partial_quotes_are_marked_and_unknown_speakers_said_so() -> None:
    line = blocks.quote_line(QuoteItem("golden era", None, None, None, True, DATED))
    assert "“…golden era…”" in line and "speaker not named in the article" in line


def test_an_unnamed_description_is_shown_as_not_named_and_a_bare_pronoun_is_not_shown() -> None:
    described = QuoteItem("we will appeal", None, "a Treasury spokesman", "said", False, DATED)
    pronoun = QuoteItem("we will appeal", None, "he", "said", False, DATED)
    assert "*a Treasury spokesman (not named)*" in blocks.quote_line(described)
    assert "*speaker not named in the article*" in blocks.quote_line(pronoun)


def _all_text(message_blocks: list[dict[str, Any]]) -> str:
    parts: list[str] = []
    for block in message_blocks:
        if "text" in block:
            parts.append(block["text"]["text"])
        for element in block.get("elements", []):
            if "text" in element:
                text = element["text"]
                parts.append(text["text"] if isinstance(text, dict) else text)
    return "\n".join(parts)


def test_a_very_long_quote_keeps_its_citation_and_never_splits_an_entity():
    from bot.records import ArticleRef, QuoteItem
    from bot.render.blocks import quote_line

    ref = ArticleRef(1, "Talks in Beijing", "UPI", None, "/a.txt", "https://example.org/a")
    item = QuoteItem("Trade & " * 700, "James Cleverly", "Cleverly", "said", False, ref)
    line = quote_line(item)
    assert len(line) <= 3000
    assert line.endswith("<https://example.org/a|Talks in Beijing> · UPI · undated")
    body = line.split("”")[0]
    assert body.endswith("…") and body.count("&") == body.count("&amp;")


def test_an_expected_event_is_marked_expected_in_slack():
    vote = TimelineItem(dt.date(2005, 5, 1), "month", "May 2005", "A vote is expected.", DATED,
                        status="expected")  # fmt: skip
    held = TimelineItem(dt.date(2004, 1, 1), "year", "2004", "A vote was held.", DATED,
                        status="reported")  # fmt: skip
    assert blocks.timeline_line(vote).startswith("*May 2005 (expected)*  A vote is expected.")
    assert blocks.timeline_line(held).startswith("*2004*  A vote was held.")


def test_sources_lists_the_followed_feeds_linked_with_how_each_is_doing():
    polled = dt.datetime(2023, 5, 6, 9, 30, tzinfo=dt.UTC)
    feeds = (
        Feed(1, "https://ht.example/china.rss", "Harbour Times <China>", polled_at=polled),
        Feed(2, "https://lw.example/feed", None, failures=2, last_error="the server answered 500"),
        Feed(3, "https://new.example/atom.xml"),
    )
    stats = CorpusStats(5, 120, dt.date(2023, 5, 1), dt.date(2023, 9, 1), 1, (("UPI", 2),), feeds)
    message = blocks.sources_message(stats)
    _within_limits(message)
    text = message.blocks[1]["text"]["text"]
    first = "<https://ht.example/china.rss|Harbour Times &lt;China&gt;>"
    assert f"{first} (last polled 2023-05-06 09:30 UTC)" in text
    failing = "<https://lw.example/feed|https://lw.example/feed>"
    assert f"{failing} (failing: the server answered 500)" in text
    assert "atom.xml> (not polled yet)" in text
