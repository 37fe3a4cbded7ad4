"""The buttons on a brief: More quotes, Full timeline, Share in channel."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot.render import blocks as render
from bot.render.blocks import Page
from bot.services import Services
from handlers.commands import share_brief
from handlers.pages import page_message
from handlers.replies import ephemeral, told


def more_quotes(ack: Ack, action: dict[str, Any], respond: Respond, *, services: Services) -> None:
    """Every quote matching the brief's query, shown to the person who clicked."""
    ack()
    query = action.get("value", "")
    send = ephemeral(respond)
    with told(send):
        send(page_message(Page("quotes", query), services))


def full_timeline(
    ack: Ack, action: dict[str, Any], respond: Respond, *, services: Services
) -> None:
    """The whole timeline for the brief's query, shown to the person who clicked."""
    ack()
    query = action.get("value", "")
    send = ephemeral(respond)
    with told(send):
        send(page_message(Page("timeline", query), services))


def next_page(ack: Ack, action: dict[str, Any], respond: Respond, *, services: Services) -> None:
    """The next page of a long list of quotes or timeline entries, for whoever clicked."""
    ack()
    send = ephemeral(respond)
    page = Page.from_button(str(action.get("value", "")))
    with told(send):
        if page is None:
            send(render.text_message("That list has expired: run the command again."))
        else:
            send(page_message(page, services))


def share(
    ack: Ack,
    action: dict[str, Any],
    body: dict[str, Any],
    respond: Respond,
    client: WebClient,
    *,
    services: Services,
) -> None:
    """Post the brief to the channel as the bot, and drop the private copy."""
    ack()
    channel = (body.get("channel") or {}).get("id") or body.get("container", {}).get("channel_id")
    send = ephemeral(respond)
    with told(send):
        share_brief(action.get("value", ""), str(channel), client, services)
        respond(delete_original=True)
