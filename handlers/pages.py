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
        return render.timeline_message(page.title(), items[page.start :], page=page)
    if page.kind == "speaker" and page.topic:
        found, note = pipeline.quotes_from(page.text, page.topic, services)
    elif page.kind == "speaker":
        found = pipeline.find_quotes(None, page.text, services)
        note = several_speakers(page.text, found)
        if not found:  # a name no one quoted is read as a topic ("quotes espionage")
            found = pipeline.find_quotes(page.text, None, services)
    else:
        found, note = pipeline.find_quotes(page.text or None, None, services), None
    first = page.start == 0  # the note heads the list once
    return render.quotes_message(page.title(), found[page.start :], note if first else None, page)
