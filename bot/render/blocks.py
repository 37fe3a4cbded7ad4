"""Brief, lists and digests → Slack Block Kit, built only from slack_sdk.models.blocks.

Every message carries a plain-text fallback. `.to_dict()` on each block enforces Slack's own
limits (section text ≤ 3000, header ≤ 150); sections longer than that are cut here, with a
count of what was left out and a button to ask for the rest, so Slack never rejects a message.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Literal

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    HeaderBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.records import (
    Answer,
    ArticleRef,
    Brief,
    CorpusStats,
    Digest,
    Feed,
    QuoteItem,
    SummaryItem,
    TimelineItem,
)
from bot.render.text import entry_date

MAX_BLOCKS = 50
SECTION_CHARS = 3000
HEADER_CHARS = 150
SECTION_BLOCKS = 3  # section blocks per part of a brief before the rest is cut
FALLBACK_CHARS = 3000
ITEM_TEXT_CHARS = 1800  # an item's own text, so its citation always fits in the 3000
MAX_LINKED_URL = 600  # a longer URL would crowd out the text; the title stays, unlinked

PAGE_ITEMS = 25  # quotes or timeline entries per message when a list can be paged

# action_id of each button, shared with handlers/ which listens for them
MORE_QUOTES, FULL_TIMELINE, SHARE = "more_quotes", "full_timeline", "share_brief"
NEXT_PAGE = "next_page"


@dataclass(frozen=True)
class Page:
    """Where a long list stands: what it lists (quotes on a topic, a speaker's quotes, a
    timeline), for what text, and the position of its first item. A "Next" button carries
    it, so the next page is fetched afresh rather than kept anywhere."""

    kind: Literal["quotes", "speaker", "timeline"]
    text: str  # the topic; for "speaker", the name
    start: int = 0
    topic: str = ""  # for "speaker" in a thread: their quotes on this topic come first

    def title(self) -> str:
        """The list's header, the same on every page."""
        if self.kind == "timeline":
            return f"Timeline: {self.text or 'whole corpus'}"
        if self.kind == "speaker" and self.topic:
            return f"Quotes from {self.text} on {self.topic}"
        return f"Quotes: {self.text or 'all'}"

    def button_value(self) -> str:
        """The page as a button value (Slack keeps at most 2000 characters)."""
        fields = {"kind": self.kind, "text": self.text[:900], "start": self.start}
        return json.dumps(fields | ({"topic": self.topic[:900]} if self.topic else {}))

    @classmethod
    def from_button(cls, value: str) -> Page | None:
        """The page a button carries, or None for a value this code did not write."""
        try:
            data = json.loads(value)
            kind, text, start = data["kind"], str(data["text"]), int(data["start"])
            topic = str(data.get("topic", ""))
        except (ValueError, TypeError, KeyError, AttributeError):
            return None
        if kind not in ("quotes", "speaker", "timeline") or start < 0:
            return None
        return cls(kind, text, start, topic)


@dataclass(frozen=True)
class Message:
    """What a Slack message needs: the fallback text and the blocks as JSON-ready dicts."""

    text: str
    blocks: list[dict[str, Any]]


def escape(text: str) -> str:
    """Escape a user's or an article's text for mrkdwn, so `<!channel>` cannot ping anyone."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def cite(article: ArticleRef) -> str:
    """Title (linked when the article has a URL), source and date, as mrkdwn."""
    title = escape(article.title)
    if article.url and len(article.url) <= MAX_LINKED_URL:
        title = f"<{escape(article.url)}|{title.replace('|', '¦')}>"
    when = article.published.isoformat() if article.published else "undated"
    return f"{title} · {escape(article.source or 'source unknown')} · {when}"


def clip(text: str, limit: int = ITEM_TEXT_CHARS) -> str:
    """Escaped item text cut to fit beside its citation, never inside an `&amp;` entity."""
    escaped = escape(text)
    if len(escaped) <= limit:
        return escaped
    cut = escaped[: limit - 1]
    amp = cut.rfind("&")
    if amp != -1 and ";" not in cut[amp:]:
        cut = cut[:amp]
    return cut.rstrip() + "…"


def summary_line(item: SummaryItem) -> str:
    """One summary sentence with its citation (and the other outlets carrying it)."""
    line = f"{clip(item.text)}\n_— {cite(item.article)}_"
    if item.also:
        line += "\n_also: " + "; ".join(cite(a) for a in item.also) + "_"
    return line


def quote_line(item: QuoteItem) -> str:
    """A quote, its speaker and its citation."""
    mark = "…" if item.partial else ""
    who = escape(item.speaker_label)
    return f"> “{mark}{clip(item.text)}{mark}”\n— *{who}*, {cite(item.article)}"


def timeline_line(item: TimelineItem) -> str:
    """A dated event with every source that reports it."""
    sources = "; ".join(cite(a) for a in (item.sources or (item.article,)))
    return f"*{entry_date(item)}*  {clip(item.text)}\n_{sources}_"


def brief_message(brief: Brief, *, shareable: bool) -> Message:
    """The whole brief; `shareable` adds the "Share in channel" button (ephemeral copies)."""
    query = escape(brief.query)
    blocks: list[Block] = [HeaderBlock(text=_cut(f"Brief: {brief.query}", HEADER_CHARS))]
    parts = [
        ("Summary", [summary_line(i) for i in brief.summary], "No summary sentences match."),
        ("Quotes", [quote_line(i) for i in brief.quotes], "No quotes match this query."),
        ("Timeline", [timeline_line(i) for i in brief.timeline], "No dated events match."),
    ]
    for title, lines, empty in parts:
        blocks += _part(title, lines, empty)
        blocks.append(DividerBlock())
    blocks += [_context(f"_{escape(note)}_") for note in brief.notes]
    blocks.append(_buttons(brief.query, shareable))
    fallback = (
        f"Brief: {query}: {len(brief.summary)} summary sentences, "
        f"{len(brief.quotes)} quotes, {len(brief.timeline)} timeline entries"
    )
    return _message(fallback, blocks)


def quotes_message(
    title: str, items: Sequence[QuoteItem], note: str | None = None, page: Page | None = None
) -> Message:
    """A list of quotes under a title (a follow-up answer or `/china-brief quotes`).

    With `page`, `items` start at page.start, and a list longer than a page ends with a
    button for the next one."""
    lines = [quote_line(i) for i in items]
    return _list_message(title, lines, "No quotes found.", note, page)


def timeline_message(
    title: str, items: Sequence[TimelineItem], note: str | None = None, page: Page | None = None
) -> Message:
    """A list of dated events under a title; paged as quotes_message is."""
    lines = [timeline_line(i) for i in items]
    return _list_message(title, lines, "No dated events found.", note, page)


def text_message(text: str) -> Message:
    """A short reply: an error, a confirmation, a help line. The text is taken as mrkdwn."""
    return _message(text, [SectionBlock(text=MarkdownTextObject(text=_cut(text, SECTION_CHARS)))])


def digest_message(digest: Digest) -> Message:
    """The daily digest: new articles, notable new quotes, new timeline entries."""
    blocks: list[Block] = [HeaderBlock(text=_cut(f"China brief digest, {digest.day}", 150))]
    articles = [
        f"*{escape(a.article.title)}* · {escape(a.article.source or 'source unknown')}"
        + (f" · <{escape(a.article.url)}|link>" if a.article.url else "")
        + (f"\n{escape(a.lede)}" if a.lede else "")
        for a in digest.articles
    ]
    blocks += _part("New articles", articles, "No new articles.")
    if digest.quotes:
        blocks += _part("Notable quotes", [quote_line(q) for q in digest.quotes], "")
    if digest.timeline:
        blocks += _part("New on the timeline", [timeline_line(t) for t in digest.timeline], "")
    fallback = (
        f"China brief digest, {digest.day}: {len(digest.articles)} new articles, "
        f"{len(digest.quotes)} quotes, {len(digest.timeline)} timeline entries"
    )
    return _message(fallback, blocks)


def _list_message(
    title: str, lines: list[str], empty: str, note: str | None, page: Page | None
) -> Message:
    blocks: list[Block] = [HeaderBlock(text=_cut(title, HEADER_CHARS))]
    if note:  # above the list: it changes how the list is read ("'Wang' matches 3 people")
        blocks.append(_context(f"_{escape(note)}_"))
    if page is None or (page.start == 0 and len(lines) <= PAGE_ITEMS):
        blocks += _part(None, lines, empty, limit=MAX_BLOCKS - 3)
        return _message(f"{escape(title)}: {len(lines)} found", blocks)
    shown, left = lines[:PAGE_ITEMS], lines[PAGE_ITEMS:]
    total, end = page.start + len(lines), page.start + len(shown)
    blocks += _part(None, shown, empty, limit=MAX_BLOCKS - 4)
    more = f" {len(left)} more." if left else ""
    blocks.append(_context(f"_{page.start + 1}–{end} of {total}.{more}_"))
    if left:
        after = Page(page.kind, page.text, end, page.topic).button_value()
        label = f"Next {min(len(left), PAGE_ITEMS)}"
        button = ButtonElement(text=label, action_id=NEXT_PAGE, value=after)
        blocks.append(ActionsBlock(elements=[button]))
    return _message(f"{escape(title)}: {page.start + 1}–{end} of {total}", blocks)


def _part(title: str | None, lines: list[str], empty: str, limit: int = SECTION_BLOCKS) -> list:
    """Lines packed into section blocks of at most 3000 characters; the rest counted."""
    head = f"*{title}*\n" if title else ""
    if not lines:
        return [SectionBlock(text=MarkdownTextObject(text=f"{head}{empty}"))] if empty else []
    chunks: list[str] = []
    shown = 0
    for line in lines:
        line = _cut(line, SECTION_CHARS - len(head))
        if chunks and len(chunks[-1]) + 2 + len(line) <= SECTION_CHARS:
            chunks[-1] += "\n\n" + line
        elif len(chunks) < limit:
            chunks.append((head if not chunks else "") + line)
        else:
            break
        shown += 1
    blocks: list[Block] = [SectionBlock(text=MarkdownTextObject(text=c)) for c in chunks]
    if shown < len(lines):
        what = (title or "items").lower()
        blocks.append(_context(f"_{len(lines) - shown} more {what} not shown._"))
    return blocks


def _buttons(query: str, shareable: bool) -> ActionsBlock:
    value = query[:2000]
    buttons = [
        ButtonElement(text="More quotes", action_id=MORE_QUOTES, value=value),
        ButtonElement(text="Full timeline", action_id=FULL_TIMELINE, value=value),
    ]
    if shareable:
        buttons.append(
            ButtonElement(text="Share in channel", action_id=SHARE, value=value, style="primary")
        )
    return ActionsBlock(elements=buttons)


def _context(text: str) -> ContextBlock:
    return ContextBlock(elements=[MarkdownTextObject(text=_cut(text, 2000))])


def _message(fallback: str, blocks: list[Block]) -> Message:
    if len(blocks) > MAX_BLOCKS:
        blocks = blocks[: MAX_BLOCKS - 1] + [_context("_Cut at Slack's 50-block limit._")]
    return Message(_cut(fallback, FALLBACK_CHARS), [b.to_dict() for b in blocks])


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def answer_message(answer: Answer) -> Message:
    """A thread follow-up's answer: a brief, quotes or a timeline, with its note."""
    followup = answer.followup
    if answer.brief is not None:
        return brief_message(answer.brief, shareable=False)
    topic = followup.query or ""
    if followup.intent == "timeline":
        page = Page("timeline", topic)
        return timeline_message(page.title(), answer.timeline, answer.note, page)
    if followup.speaker:
        page = Page("speaker", followup.speaker, topic=topic)
    else:
        page = Page("quotes", topic)
    return quotes_message(page.title(), answer.quotes, answer.note, page)


def _feed_line(feed: Feed) -> str:
    name = escape(feed.title or feed.url)
    line = f"• <{escape(feed.url)}|{name.replace('|', '¦')}>"
    if feed.failures:
        return line + f" (failing: {escape(feed.last_error or 'unknown error')})"
    polled = feed.polled_at.strftime("%Y-%m-%d %H:%M UTC") if feed.polled_at else None
    return line + (f" (last polled {polled})" if polled else " (not polled yet)")


def sources_message(stats: CorpusStats) -> Message:
    """What the corpus holds: article count, date range, outlets."""
    first = stats.first.isoformat() if stats.first else "no dated articles"
    span = f"{first} to {stats.last.isoformat()}" if stats.first and stats.last else first
    outlets = ", ".join(f"{escape(s)} ({n})" for s, n in stats.sources) or "none named"
    text = (
        f"*{stats.articles} articles*, {stats.sentences} sentences\n"
        f"*Published:* {span} ({stats.undated} undated)\n*Outlets:* {outlets}"
    )
    if stats.feeds:
        text += "\n*Feeds followed:*\n" + "\n".join(map(_feed_line, stats.feeds))
    blocks: list[Block] = [HeaderBlock(text="What the corpus holds")]
    blocks.append(SectionBlock(text=MarkdownTextObject(text=_cut(text, SECTION_CHARS))))
    return _message(f"The corpus holds {stats.articles} articles ({span}).", blocks)
