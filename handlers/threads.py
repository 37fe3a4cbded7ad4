"""Follow-up questions in a brief's thread, and mentions of the bot anywhere."""

from __future__ import annotations

import logging
import re
from typing import Any

from slack_bolt import BoltContext
from slack_sdk import WebClient

from bot import pipeline
from bot.deliver import state
from bot.deliver.slack import marked_query, post
from bot.records import Thread
from bot.render import blocks as render
from bot.services import Services
from handlers.commands import BRIEF_EVENT
from handlers.replies import Send, told

logger = logging.getLogger(__name__)
MENTION = re.compile(r"<@[A-Z0-9]+>")
ANSWERED_SUBTYPES = {None, "thread_broadcast", "file_share"}  # a person writing in the thread


def on_message(
    body: dict[str, Any],
    event: dict[str, Any],
    context: BoltContext,
    client: WebClient,
    *,
    services: Services,
) -> None:
    """A reply in a thread the bot started; mentions are left to on_mention."""
    if event.get("subtype") not in ANSWERED_SUBTYPES or event.get("bot_id"):
        return  # edits, deletions, joins, and bots (ourselves included)
    if not event.get("thread_ts"):
        return  # top-level chatter
    if event["thread_ts"] == event.get("ts"):
        return
    if context.bot_user_id and f"<@{context.bot_user_id}>" in event.get("text", ""):
        return  # Slack also sends an app_mention for this message: answer that one only
    thread = state.find_thread(services, event["channel"], event["thread_ts"])
    if thread is None and event.get("parent_user_id") == context.bot_user_id:
        thread = _thread_from_slack(client, event["channel"], event["thread_ts"], services)
    if thread is None or not _first_sighting(body, services):
        return
    _answer(thread, event, client, services)


def _thread_from_slack(
    client: WebClient, channel: str, thread_ts: str, services: Services
) -> Thread | None:
    # A reply under one of our messages that the database does not know yet: if the root is
    # a brief, its metadata names the query; record the thread and carry on.
    query = marked_query(client, channel, thread_ts, BRIEF_EVENT)
    if query is None:
        return None
    state.start_thread(services, channel, thread_ts, query)
    return Thread(channel, thread_ts, query)


def on_mention(
    body: dict[str, Any], event: dict[str, Any], client: WebClient, *, services: Services
) -> None:
    """@China Brief: a follow-up in one of its threads, or a brief anywhere else."""
    if event.get("bot_id") or not _first_sighting(body, services):
        return
    channel, root = event["channel"], event.get("thread_ts") or event["ts"]
    thread = state.find_thread(services, channel, root)
    if thread is not None:
        _answer(thread, event, client, services)
        return
    query = MENTION.sub(" ", event.get("text", "")).strip()
    send = _in_thread(client, channel, root)
    with told(send):
        if not query:
            send(render.text_message("Ask me about a topic, e.g. _@China Brief human rights_."))
            return
        send(render.brief_message(pipeline.make_brief(query, services), shareable=False))
        if not event.get("thread_ts"):  # the bot's reply starts this thread: it is ours
            state.start_thread(services, channel, root, query)


def _answer(thread: Thread, event: dict[str, Any], client: WebClient, services: Services) -> None:
    text = event.get("text", "")
    send = _in_thread(client, thread.channel, thread.thread_ts)
    with told(send):
        answer = pipeline.answer_followup(text, thread, services)
        send(render.answer_message(answer))
        state.add_turn(services, thread, text, answer.followup)


def _in_thread(client: WebClient, channel: str, thread_ts: str) -> Send:
    return lambda message: post(client, channel, message, thread_ts=thread_ts)


def _first_sighting(body: dict[str, Any], services: Services) -> bool:
    # Slack retries an event it thinks went unanswered; whichever process records the id first
    # answers it, every retry (here or in another process) stops here.
    event_id = body.get("event_id")
    if not event_id:
        return True
    first = state.first_sighting(services, str(event_id))
    if not first:
        logger.info("event %s already answered (retry %s)", event_id, body.get("retry_attempt"))
    return first
