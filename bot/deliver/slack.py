"""A WebClient that retries as Slack documents, and posting that turns Slack errors into ours."""

from __future__ import annotations

import logging
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import (
    ConnectionErrorRetryHandler,
    RateLimitErrorRetryHandler,
)

from bot.deliver.settings import SlackSettings
from bot.errors import ChannelUnavailable, DeliveryError, MessageRefused
from bot.render.blocks import Message

logger = logging.getLogger(__name__)
NETWORK_RETRIES = 3  # a dropped connection is retried this often, with backoff
RATE_LIMIT_RETRIES = 3  # each retry waits the Retry-After that Slack sends
GONE = {"not_in_channel", "channel_not_found", "is_archived"}
# Slack's own trouble, worth another try later; every other error is about our request or
# our token, and the same post would be refused again.
TRANSIENT = {"ratelimited", "internal_error", "fatal_error", "service_unavailable",
             "request_timeout", "team_added_to_org"}  # fmt: skip


def web_client(settings: SlackSettings, timeout: int = 15) -> WebClient:
    """A WebClient for the bot token; SLACK_API_URL points it at another Web API server."""
    return WebClient(
        token=settings.bot_token,
        base_url=settings.api_url,
        timeout=timeout,
        retry_handlers=[
            ConnectionErrorRetryHandler(max_retry_count=NETWORK_RETRIES),
            RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES),
        ],
    )


def post(
    client: WebClient,
    channel: str,
    message: Message,
    *,
    thread_ts: str | None = None,
    metadata: dict[str, Any] | None = None,
) -> str:
    """Post a message as the bot; returns its ts. Raises ChannelUnavailable or DeliveryError."""
    try:
        response = client.chat_postMessage(
            channel=channel,
            text=message.text,
            blocks=message.blocks,
            thread_ts=thread_ts,
            metadata=metadata,
            unfurl_links=False,
        )
    except SlackApiError as exc:
        error = str(exc.response.get("error", ""))
        if error in GONE:
            raise ChannelUnavailable(
                f"Slack refused to post in {channel} ({error}): invite the bot with /invite."
            ) from None
        if error in TRANSIENT or exc.response.status_code >= 500:
            raise DeliveryError(
                f"Slack could not take the message for {channel} ({error})."
            ) from None
        raise MessageRefused(f"Slack refused the message for {channel} ({error}).") from None
    except OSError as exc:  # the network retries are spent
        raise DeliveryError(f"Could not reach Slack to post in {channel} ({exc}).") from None
    return str(response["ts"])


def find_marked(client: WebClient, channel: str, event_type: str, key: str, oldest: str) -> bool:
    """Whether the channel holds a message since `oldest` carrying our metadata mark `key`."""
    try:
        response = client.conversations_history(
            channel=channel, oldest=oldest, include_all_metadata=True, limit=200
        )
    except SlackApiError as exc:
        logger.warning("cannot read %s's history to check for a digest: %s", channel, exc)
        return False
    for message in response.get("messages") or []:
        meta = message.get("metadata") or {}
        if meta.get("event_type") == event_type and meta.get("event_payload", {}).get("key") == key:
            return True
    return False


def marked_query(client: WebClient, channel: str, ts: str, event_type: str) -> str | None:
    """The query carried in the metadata of our message `ts`, when that message is a brief."""
    try:
        response = client.conversations_replies(
            channel=channel, ts=ts, limit=1, inclusive=True, include_all_metadata=True
        )
    except SlackApiError as exc:
        logger.warning("cannot read the thread %s in %s: %s", ts, channel, exc)
        return None
    for message in response.get("messages") or []:
        meta = message.get("metadata") or {}
        if message.get("ts") == ts and meta.get("event_type") == event_type:
            query = meta.get("event_payload", {}).get("query")
            return str(query) if query else None
    return None
