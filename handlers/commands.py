"""`/china-brief …`: parse the command text, call one library function, reply."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import Ack, Respond
from slack_sdk import WebClient

from bot import pipeline
from bot.deliver import digests as deliver_digests
from bot.deliver import state
from bot.deliver.slack import post
from bot.render import blocks as render
from bot.render.blocks import Page
from bot.services import Services
from handlers.pages import page_message
from handlers.replies import Send, ephemeral, told

logger = logging.getLogger(__name__)
COMMAND = "/china-brief"
BRIEF_EVENT = "china_brief_brief"  # metadata type of a brief posted in a channel
MAX_QUERY = 500
HELP = """*/china-brief QUERY*: a sourced brief (only you see it, with a button to share it)
*/china-brief share QUERY*: the brief, posted straight to the channel
*/china-brief quotes [SPEAKER or TOPIC]*: quotes, by a speaker or on a topic
*/china-brief timeline [TOPIC]*: dated events on a topic, or the whole corpus
*/china-brief sources*: what the corpus holds, and the feeds followed
*/china-brief digest subscribe [HH:MM] [TIMEZONE] [quiet]*: a daily digest here (08:00 UTC \
by default; `quiet` posts nothing on a day with nothing new)
*/china-brief digest unsubscribe* · */china-brief digest preview*
Reply in a brief's thread to ask more: _who said that?_, _what did Kearns say?_, \
_what about Taiwan?_, _when was that?_"""


def china_brief(
    ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient, *, services: Services
) -> None:
    """The slash command: ack at once, then do the work and answer at the response_url."""
    ack()
    text = str(command.get("text", "")).strip()
    word, _, rest = text.partition(" ")
    run = SUBCOMMANDS.get(word.lower())
    if run is not None:
        text = rest.strip()
    channel, user = str(command.get("channel_id", "")), str(command.get("user_id", ""))
    request = Request(channel, user, text[:MAX_QUERY], client, services)
    send = ephemeral(respond)
    with told(send):
        (run or brief)(request, send)


@dataclass(frozen=True)
class Request:
    """What a subcommand needs: who asked where, the rest of the text, and the collaborators."""

    channel: str
    user: str
    text: str
    client: WebClient
    services: Services


def brief(request: Request, send: Send) -> None:
    """The brief, visible to the asker with a Share button."""
    made = pipeline.make_brief(request.text, request.services)
    send(render.brief_message(made, shareable=True))


def share(request: Request, send: Send) -> None:
    """The brief posted to the channel as the bot; its thread takes follow-ups."""
    share_brief(request.text, request.channel, request.client, request.services)


def share_brief(query: str, channel: str, client: WebClient, services: Services) -> str:
    """Post a brief in a channel and remember its thread; returns the message ts."""
    made = pipeline.make_brief(query, services)
    # The query rides along as metadata, so a reply that races the database write below (or
    # reaches a process with a restored database) can still find what the thread is about.
    metadata = {"event_type": BRIEF_EVENT, "event_payload": {"query": query}}
    ts = post(client, channel, render.brief_message(made, shareable=False), metadata=metadata)
    state.start_thread(services, channel, ts, query)
    return ts


def quotes(request: Request, send: Send) -> None:
    """Quotes by a speaker (when the text names one) or on a topic."""
    text, services = request.text, request.services
    send(page_message(Page("speaker" if text else "quotes", text), services))


def timeline(request: Request, send: Send) -> None:
    """Dated events on a topic, or the whole corpus's timeline."""
    send(page_message(Page("timeline", request.text), request.services))


def sources(request: Request, send: Send) -> None:
    """Article count, date range and outlets."""
    send(render.sources_message(pipeline.corpus_sources(request.services)))


def help_(request: Request, send: Send) -> None:
    """What the command can do."""
    send(render.text_message(HELP))


def digest(request: Request, send: Send) -> None:
    """`digest subscribe|unsubscribe|preview`."""
    action, _, rest = request.text.partition(" ")
    run = DIGEST_ACTIONS.get(action.lower())
    if run is None:
        send(
            render.text_message(
                "Use `digest subscribe [HH:MM] [TIMEZONE]`, `unsubscribe` or `preview`."
            )
        )
        return
    run(request, rest.split(), send)


def subscribe(request: Request, args: list[str], send: Send) -> None:
    """Subscribe this channel to a daily digest."""
    quiet = "quiet" in (a.lower() for a in args)
    args = [a for a in args if a.lower() != "quiet"]
    at = deliver_digests.parse_time(args[0] if args else "08:00")
    zone = deliver_digests.parse_zone(args[1] if len(args) > 1 else "UTC")
    state.subscribe(
        request.services, request.channel, at, zone, post_when_empty=not quiet, user=request.user
    )
    empty = "nothing" if quiet else "one short line"
    send(render.text_message(
        f"This channel gets a digest every day at {at:%H:%M} {zone}: new articles, notable "
        f"quotes and timeline entries ({empty} on a day with nothing new)."
    ))  # fmt: skip


def unsubscribe(request: Request, args: list[str], send: Send) -> None:
    """Stop this channel's digest."""
    removed = state.unsubscribe(request.services, request.channel)
    send(render.text_message("Digest stopped." if removed else "This channel has no digest."))


def preview(request: Request, args: list[str], send: Send) -> None:
    """Today's digest as it would be posted now, shown only to the asker."""
    sub = state.subscription(request.services, request.channel)
    if sub is None:
        send(render.text_message("This channel has no digest: `/china-brief digest subscribe`."))
        return
    send(deliver_digests.preview(request.services, sub, dt.datetime.now(dt.UTC)))


SUBCOMMANDS: dict[str, Callable[[Request, Send], None]] = {
    "help": help_,
    "share": share,
    "quotes": quotes,
    "timeline": timeline,
    "sources": sources,
    "digest": digest,
}
DIGEST_ACTIONS: dict[str, Callable[[Request, list[str], Send], None]] = {
    "subscribe": subscribe,
    "unsubscribe": unsubscribe,
    "preview": preview,
}


def command_paths() -> set[str]:
    """Every subcommand the handlers answer, as typed after /china-brief (for the manifest)."""
    paths = {name for name in SUBCOMMANDS if name != "digest"}
    return paths | {f"digest {action}" for action in DIGEST_ACTIONS}
