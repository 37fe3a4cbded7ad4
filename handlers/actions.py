"""The buttons on a brief: More quotes, Full timeline, Share in channel."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot import pipeline
from bot.render import blocks as render
from bot.services import Services
from handlers.commands import share_brief
from handlers.replies import ephemeral, told


def more_quotes(ack: Ack, action: dict[str, Any], respond: Respond, *, services: Services) -> None:
    """Every quote matching the brief's query, shown to the person who clicked."""
    ack()
    query = action.get("value", "")
    send = ephemeral(respond)
    with told(send):
        send(render.quotes_message(f"Quotes: {query}", pipeline.find_quotes(query, None, services)))


def full_timeline(
    ack: Ack, action: dict[str, Any], respond: Respond, *, services: Services
) -> None:
    """The whole timeline for the brief's query, shown to the person who clicked."""
    ack()
    query = action.get("value", "")
    send = ephemeral(respond)
    with told(send):
        items = pipeline.build_timeline(query, services)
        send(render.timeline_message(f"Timeline: {query}", items))


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
