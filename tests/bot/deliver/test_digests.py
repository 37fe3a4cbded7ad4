"""Daily digests: due times, exactly once across processes and restarts, Slack's errors."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from typing import Any

import pytest
from spacy.language import Language

from bot.deliver import digests as deliver
from bot.deliver.settings import SlackSettings
from bot.deliver.slack import web_client
from bot.errors import BadSchedule
from bot.services import Services, build_services
from bot.settings import Settings
from bot.store import digests as store
from bot.store.digests import Subscription

CHANNEL = "C0DIGEST"
LONDON = "Europe/London"
# 09:00 in London on a winter day, an hour after an 08:00 digest is due
NOW = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
SUBSCRIBED = NOW - dt.timedelta(days=3)


def _subscribe(services: Services, *, post_when_empty: bool = True, at: str = "08:00") -> None:
    with services.sessions.begin() as session:
        store.subscribe(
            session, CHANNEL, deliver.parse_time(at), LONDON,
            post_when_empty=post_when_empty, user="U1", now=SUBSCRIBED,
        )  # fmt: skip


def _client(slack: Any) -> Any:
    return web_client(SlackSettings("xoxb-test", api_url=slack.api_url))


def _sub(services: Services) -> Subscription:
    with services.sessions() as session:
        found = store.subscription(session, CHANNEL)
    assert found is not None
    return found


def _text(call: Any) -> str:
    return "\n".join(b["text"]["text"] for b in call.body["blocks"] if "text" in b)


def _subscribe_days_ago(services: Services) -> dt.datetime:
    # The seeds were stored moments ago, so to a digest due at midnight UTC they are new.
    now = dt.datetime.now(dt.UTC)
    with services.sessions.begin() as session:
        store.subscribe(
            session, CHANNEL, dt.time(0, 0), "UTC",
            post_when_empty=True, user=None, now=now - dt.timedelta(days=2),
        )  # fmt: skip
    return now


def test_subscribed_channel_gets_its_digest_once_with_two_concurrent_posters(
    corpus: Services, slack: Any, nlp: Language
) -> None:
    now = _subscribe_days_ago(corpus)
    other = build_services(Settings(corpus.settings.database_url), nlp=nlp)  # a 2nd process
    start = threading.Barrier(2)
    outcomes: list[list[deliver.Outcome]] = []

    def poster(services: Services) -> None:
        client = _client(slack)
        start.wait()
        outcomes.append(deliver.post_due(services, client, now))

    threads = [threading.Thread(target=poster, args=(s,)) for s in (corpus, other)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    other.close()
    (post,) = slack.calls_to("chat.postMessage")
    assert post.body["channel"] == CHANNEL
    text = _text(post)
    assert "New articles" in text and "Notable quotes" in text
    assert "*Alicia Kearns*" in text and "James Cleverly holds high-level talks" in text
    statuses = sorted(o.status for batch in outcomes for o in batch)
    assert statuses in (["posted"], ["posted", "taken"])
    # the next tick, the next process, a cron run: the day is done (a later time on the same
    # day, whatever the clock says when the suite runs)
    end_of_day = now.replace(hour=23, minute=59, second=59, microsecond=0)
    later = min(now + dt.timedelta(hours=1), max(end_of_day, now))
    assert deliver.post_due(corpus, _client(slack), later) == []
    assert deliver.deliver(corpus, _client(slack), _sub(corpus), now).status == "taken"
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_the_next_digest_holds_only_what_is_new_since_the_last(
    corpus: Services, slack: Any
) -> None:
    now = _subscribe_days_ago(corpus)
    first = deliver.deliver(corpus, _client(slack), _sub(corpus), now)
    assert first.status == "posted"
    tomorrow = now + dt.timedelta(days=1)
    second = deliver.deliver(corpus, _client(slack), _sub(corpus), tomorrow)
    assert second.status == "posted"
    quiet = slack.calls_to("chat.postMessage")[1]
    assert quiet.body["text"] == deliver.QUIET_LINE


def test_a_quiet_channel_gets_nothing_on_a_day_with_nothing_new(
    services: Services, slack: Any
) -> None:
    _subscribe(services, post_when_empty=False)
    outcomes = deliver.post_due(services, _client(slack), NOW)
    assert [o.status for o in outcomes] == ["quiet"]
    assert slack.calls_to("chat.postMessage") == []
    assert deliver.post_due(services, _client(slack), NOW) == []


def test_a_digest_is_not_due_before_its_time_or_on_the_day_it_was_set_up_after_it() -> None:
    sub = Subscription(CHANNEL, dt.time(8), LONDON, True, SUBSCRIBED, None)
    assert deliver.is_due(sub, NOW)
    assert not deliver.is_due(sub, NOW.replace(hour=7, minute=59))
    late = Subscription(CHANNEL, dt.time(8), LONDON, True, NOW.replace(hour=8, minute=30), None)
    assert not deliver.is_due(late, NOW)
    summer = dt.datetime(2026, 7, 15, 7, 30, tzinfo=dt.UTC)  # 08:30 in London (BST)
    assert deliver.is_due(sub, summer)


def test_restart_after_the_post_reached_slack_does_not_post_again(
    services: Services, slack: Any
) -> None:
    _subscribe(services)
    day = NOW.date()
    dead = NOW - dt.timedelta(minutes=30)
    with services.sessions.begin() as session:
        assert store.claim(session, CHANNEL, day, "dead-process", dead)
    # the dead process's message did reach the channel, with its mark
    slack.history[CHANNEL] = [{
        "ts": f"{dead.timestamp() + 5:.6f}", "text": "digest",
        "metadata": {"event_type": deliver.DIGEST_EVENT,
                     "event_payload": {"key": f"{CHANNEL}:{day.isoformat()}"}},
    }]  # fmt: skip
    outcomes = deliver.post_due(services, _client(slack), NOW)
    assert [o.status for o in outcomes] == ["already_posted"]
    assert slack.calls_to("chat.postMessage") == []
    with services.sessions() as session:
        run = store.run(session, CHANNEL, day)
    assert run is not None and run.status == "posted"


def test_restart_before_the_post_reached_slack_posts_it_once(
    services: Services, slack: Any
) -> None:
    _subscribe(services)
    with services.sessions.begin() as session:
        store.claim(session, CHANNEL, NOW.date(), "dead-process", NOW - dt.timedelta(minutes=30))
    assert [o.status for o in deliver.post_due(services, _client(slack), NOW)] == ["posted"]
    assert deliver.post_due(services, _client(slack), NOW) == []
    assert len(slack.calls_to("chat.postMessage")) == 1


def test_a_fresh_claim_of_another_process_is_left_alone(services: Services, slack: Any) -> None:
    _subscribe(services)
    with services.sessions.begin() as session:
        store.claim(session, CHANNEL, NOW.date(), "busy-process", NOW - dt.timedelta(minutes=1))
    assert deliver.post_due(services, _client(slack), NOW) == []
    assert slack.calls_to("chat.postMessage") == []


def test_rate_limited_post_waits_for_retry_after_and_posts_once(
    services: Services, slack: Any
) -> None:
    _subscribe(services)
    slack.script("chat.postMessage", 429, {"ok": False, "error": "ratelimited"}, Retry_After="0")
    assert [o.status for o in deliver.post_due(services, _client(slack), NOW)] == ["posted"]
    calls = slack.calls_to("chat.postMessage")
    assert len(calls) == 2 and len(slack.history[CHANNEL]) == 1


def test_not_in_channel_disables_the_subscription_with_a_log_line(
    services: Services, slack: Any, caplog: pytest.LogCaptureFixture
) -> None:
    _subscribe(services)
    slack.script("chat.postMessage", 200, {"ok": False, "error": "not_in_channel"})
    with caplog.at_level(logging.WARNING):
        outcomes = deliver.post_due(services, _client(slack), NOW)
    assert [o.status for o in outcomes] == ["disabled"]
    assert f"digest subscription for {CHANNEL} disabled" in caplog.text
    with services.sessions() as session:
        assert store.subscription(session, CHANNEL) is None


def test_a_dropped_connection_is_retried_and_the_digest_posted_once(
    services: Services, slack: Any
) -> None:
    _subscribe(services)
    slack.script("chat.postMessage", 200, None)
    assert [o.status for o in deliver.post_due(services, _client(slack), NOW)] == ["posted"]
    assert len(slack.history[CHANNEL]) == 1


def test_a_post_that_keeps_failing_releases_the_day_for_a_later_try(
    services: Services, slack: Any
) -> None:
    _subscribe(services)
    for _ in range(4):
        slack.script("chat.postMessage", 200, {"ok": False, "error": "fatal_error"})
    assert [o.status for o in deliver.post_due(services, _client(slack), NOW)] == ["failed"]
    slack.scripted.clear()
    assert [o.status for o in deliver.post_due(services, _client(slack), NOW)] == ["posted"]


def test_bad_times_and_zones_are_explained() -> None:
    assert deliver.parse_time("8:05") == dt.time(8, 5)
    with pytest.raises(BadSchedule, match="HH:MM"):
        deliver.parse_time("25:00")
    with pytest.raises(BadSchedule, match="Europe/London"):
        deliver.parse_zone("Mars/Olympus")


def test_a_digest_slack_refuses_for_good_is_not_retried_all_day(
    services: Services, slack: Any, caplog: pytest.LogCaptureFixture
) -> None:
    _subscribe(services)
    slack.script("chat.postMessage", 200, {"ok": False, "error": "invalid_blocks"})
    with caplog.at_level("ERROR", logger="bot.deliver.digests"):
        assert [o.status for o in deliver.post_due(services, _client(slack), NOW)] == ["refused"]
    assert "invalid_blocks" in caplog.text
    later = NOW + dt.timedelta(minutes=5)
    assert [o.status for o in deliver.post_due(services, _client(slack), later)] == []
    assert len(slack.calls_to("chat.postMessage")) == 1
