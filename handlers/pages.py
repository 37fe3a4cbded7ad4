"""Long lists of quotes or timeline entries, a page at a time, fetched afresh for each page."""

from __future__ import annotations

from bot import pipeline
from bot.brief.speakers import several_speakers
from bot.render import blocks as render
from bot.render.blocks import Message, Page
from bot.services import Services


def page_message(page: Page, services: Services) -> Message:
    """The page of a list that `page` names, with a Next button when more follow."""
    if page.kind == "timeline":
        items = pipeline.build_timeline(page.text or None, services)
        title = f"Timeline: {page.text or 'whole corpus'}"
        return render.timeline_message(title, items[page.start :], page=page)
    if page.kind == "speaker":
        found = pipeline.find_quotes(None, page.text, services)
        note = several_speakers(page.text, found) if page.start == 0 else None
    else:
        found, note = pipeline.find_quotes(page.text or None, None, services), None
    return render.quotes_message(f"Quotes: {page.text or 'all'}", found[page.start :], note, page)
