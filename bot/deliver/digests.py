"""Daily digests: when each is due, and posting each channel's day exactly once.

A digest is claimed in the database (a unique channel+day row, committed) before anything is
posted, so a second bot process skips it. A claim whose process died mid-post is taken over
after STALE_CLAIM, and Slack's history is checked for the digest's metadata mark first, so a
restart does not post it twice.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import uuid
from dataclasses import dataclass
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from slack_sdk import WebClient

from bot import pipeline
from bot.deliver.slack import find_marked, post
from bot.errors import BadSchedule, ChannelUnavailable, DeliveryError, MessageRefused
from bot.render.blocks import Message, digest_message, text_message
from bot.services import Services
from bot.store import digests as store
from bot.store.digests import Subscription

logger = logging.getLogger(__name__)
DIGEST_EVENT = "china_brief_digest"
STALE_CLAIM = dt.timedelta(minutes=10)
FIRST_WINDOW = dt.timedelta(days=1)  # a channel's first digest covers the day before it
QUIET_LINE = "Nothing new in the corpus since the last digest."


@dataclass(frozen=True)
class Outcome:
    channel: str
    day: dt.date
    status: str  # posted, quiet, taken, already_posted, failed, refused, disabled
    ts: str | None = None


def parse_time(text: str) -> dt.time:
    """'08:00' or '8:00' → a time; anything else is explained to the user."""
    match = re.fullmatch(r"([01]?\d|2[0-3]):([0-5]\d)", text.strip())
    if not match:
        raise BadSchedule(f"'{text}' is not a time: use HH:MM in 24-hour form, e.g. 08:00.")
    return dt.time(int(match.group(1)), int(match.group(2)))


def parse_zone(name: str) -> str:
    """A known IANA time zone name, as given."""
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadSchedule(
            f"'{name}' is not a time zone: use a name like Europe/London or Asia/Hong_Kong."
        ) from None
    return name


def local_day(sub: Subscription, now: dt.datetime) -> dt.date:
    """The channel's calendar day at `now`, in its own time zone."""
    return now.astimezone(ZoneInfo(sub.timezone)).date()


def is_due(sub: Subscription, now: dt.datetime) -> bool:
    """Past today's local digest time, and that time came after the channel subscribed."""
    zone = ZoneInfo(sub.timezone)
    local = now.astimezone(zone)
    scheduled = dt.datetime.combine(local.date(), sub.at, zone)
    return local >= scheduled and scheduled >= sub.created_at


def post_due(services: Services, client: WebClient, now: dt.datetime) -> list[Outcome]:
    """Post every digest that is due and not yet taken; what happened to each."""
    with services.sessions() as session:
        subs = store.subscriptions(session)
    done = []
    for sub in subs:
        if not is_due(sub, now):
            continue
        with services.sessions() as session:
            run = store.run(session, sub.channel, local_day(sub, now))
        if run is None or _stale(run, now):
            done.append(deliver(services, client, sub, now))
    return done


def deliver(services: Services, client: WebClient, sub: Subscription, now: dt.datetime) -> Outcome:
    """Claim the channel's day, compose its digest, post it once, and record it."""
    day, token = local_day(sub, now), uuid.uuid4().hex
    claimed_at = _claim(services, sub.channel, day, token, now)
    if claimed_at is None:
        return Outcome(sub.channel, day, "taken")
    key = f"{sub.channel}:{day.isoformat()}"
    if claimed_at < now and find_marked(
        client, sub.channel, DIGEST_EVENT, key, f"{claimed_at.timestamp():.6f}"
    ):
        _finish(services, sub.channel, day, token, "posted", None, now)
        return Outcome(sub.channel, day, "already_posted")
    digest = pipeline.make_digest(day, sub.last_digest_at or now - FIRST_WINDOW, now, services)
    if digest.empty and not sub.post_when_empty:
        _finish(services, sub.channel, day, token, "skipped", None, now)
        return Outcome(sub.channel, day, "quiet")
    message: Message = text_message(QUIET_LINE) if digest.empty else digest_message(digest)
    metadata = {"event_type": DIGEST_EVENT, "event_payload": {"key": key}}
    try:
        ts = post(client, sub.channel, message, metadata=metadata)
    except ChannelUnavailable as exc:
        logger.warning("digest subscription for %s disabled: %s", sub.channel, exc)
        with services.sessions.begin() as session:
            store.disable(session, sub.channel)
            store.release(session, sub.channel, day, token)
        return Outcome(sub.channel, day, "disabled")
    except MessageRefused as exc:
        # Retrying every tick would hammer Slack all day with a post it will never take.
        logger.error("digest for %s on %s refused, not retried today: %s", sub.channel, day, exc)
        _finish(services, sub.channel, day, token, "failed", None, now)
        return Outcome(sub.channel, day, "refused")
    except DeliveryError as exc:
        logger.warning("digest for %s not posted, will retry: %s", sub.channel, exc)
        with services.sessions.begin() as session:
            store.release(session, sub.channel, day, token)
        return Outcome(sub.channel, day, "failed")
    _finish(services, sub.channel, day, token, "posted", ts, now)
    return Outcome(sub.channel, day, "posted", ts)


def preview(services: Services, sub: Subscription, now: dt.datetime) -> Message:
    """The digest the channel would get now, without claiming or recording anything."""
    day = local_day(sub, now)
    digest = pipeline.make_digest(day, sub.last_digest_at or now - FIRST_WINDOW, now, services)
    return text_message(QUIET_LINE) if digest.empty else digest_message(digest)


def _claim(
    services: Services, channel: str, day: dt.date, token: str, now: dt.datetime
) -> dt.datetime | None:
    # Returns when the day was first claimed (earlier than now when taking over a dead claim).
    with services.sessions.begin() as session:
        if store.claim(session, channel, day, token, now):
            return now
    with services.sessions.begin() as session:
        run = store.run(session, channel, day)
        if run is None or not _stale(run, now):
            return None
        if store.take_over(session, channel, day, run, token, now):
            logger.warning("taking over %s's digest for %s, left unfinished", channel, day)
            return run.claimed_at
    return None


def _stale(run: store.Run, now: dt.datetime) -> bool:
    return run.status == "claimed" and run.claimed_at < now - STALE_CLAIM


def _finish(
    services: Services,
    channel: str,
    day: dt.date,
    token: str,
    status: str,
    ts: str | None,
    now: dt.datetime,
) -> None:
    with services.sessions.begin() as session:
        store.finish(session, channel, day, token, status=status, message_ts=ts, until=now)
