"""HTTP mode's edges: signatures, replays, foreign response_urls, sizes and stalled clients.

Real signed requests into the real server, answered at a local fake Slack.
"""

from __future__ import annotations

import http.client
import json
import socket
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any
from urllib.parse import urlsplit

import pytest

from bot.deliver.settings import SlackSettings
from bot.services import Services
from handlers.app import create_app
from handlers.server import make_server
from tests.conftest import FakeSlack
from tests.handlers.served import SECRET, Bot, drop_table, signed_headers

FORM = "application/x-www-form-urlencoded"


def _quietly_refused(bot: Bot, caplog: pytest.LogCaptureFixture) -> None:
    # Nothing was answered and nothing went wrong: no brief, no traceback in the log.
    time.sleep(0.2)
    assert bot.slack.calls_to("response_url") == []
    assert [r for r in caplog.records if r.levelname == "ERROR" or r.exc_info] == []


def test_requests_with_a_bad_or_stale_signature_are_refused(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    assert bot.command("human rights", secret="0" * 32)[0] == 401
    assert bot.command("human rights", timestamp=int(time.time()) - 60 * 10)[0] == 401
    _quietly_refused(bot, caplog)


def test_a_missing_or_non_numeric_timestamp_is_refused_with_401(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    body = bot.command_form("human rights")
    signed = signed_headers(body)
    for bad in ("soon", "", "1e9", "9" * 5000):
        headers = signed | {"X-Slack-Request-Timestamp": bad}
        assert bot.send(body, {"Content-Type": FORM, **headers})[0] == 401, bad
    no_timestamp = {"X-Slack-Signature": signed["X-Slack-Signature"]}
    assert bot.send(body, {"Content-Type": FORM, **no_timestamp})[0] == 401
    no_signature = {"X-Slack-Request-Timestamp": signed["X-Slack-Request-Timestamp"]}
    assert bot.send(body, {"Content-Type": FORM, **no_signature})[0] == 401
    _quietly_refused(bot, caplog)


def test_unsigned_malformed_json_is_refused_before_it_is_parsed(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    for body in ('{"type": "event_callback", ', "[1, 2", '{"payload": }'):
        assert bot.send(body, {"Content-Type": "application/json"})[0] == 401
        with_bad_signature = signed_headers(body, secret="0" * 32)
        assert bot.send(body, {"Content-Type": "application/json", **with_bad_signature})[0] == 401
    _quietly_refused(bot, caplog)


def test_signed_malformed_json_gets_400_not_a_dropped_connection(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    assert bot.post('{"type": "event_callback", ', "application/json")[0] == 400
    _quietly_refused(bot, caplog)


def test_slacks_unsigned_certificate_check_gets_200_and_runs_nothing(
    bot: Bot, caplog: pytest.LogCaptureFixture
) -> None:
    assert bot.send("ssl_check=1&token=legacy", {"Content-Type": FORM})[0] == 200
    smuggled = "ssl_check=1&" + bot.command_form("human rights")
    assert bot.send(smuggled, {"Content-Type": FORM})[0] == 200
    assert bot.send("ssl_check=true&token=legacy", {"Content-Type": FORM})[0] == 401
    _quietly_refused(bot, caplog)


def _raw_post(bot: Bot, body: bytes, length: str) -> int:
    where = urlsplit(bot.url)
    conn = http.client.HTTPConnection(where.hostname, where.port, timeout=10)
    conn.request("POST", where.path, body=body, headers={"Content-Length": length})
    status = conn.getresponse().status
    conn.close()
    return status


def test_malformed_requests_get_a_status_not_a_dropped_connection(bot: Bot) -> None:
    assert _raw_post(bot, b"command=x", "abc") == 400
    assert _raw_post(bot, b"\xff\xfe\xfa", "3") == 400
    assert _raw_post(bot, b"x", "50000000") == 413
    assert bot.slack.calls_to("response_url") == []


def test_a_replayed_signed_command_is_acknowledged_and_answered_once(bot: Bot) -> None:
    body = bot.command_form("human rights")
    headers = {"Content-Type": FORM, **signed_headers(body)}
    assert bot.send(body, headers)[0] == 200
    assert bot.send(body, headers)[0] == 200  # the same bytes, timestamp and signature again
    bot.slack.wait_for("response_url")
    time.sleep(0.5)
    assert len(bot.slack.calls_to("response_url")) == 1


def test_a_replay_to_another_bot_process_on_the_same_database_is_answered_once(
    bot: Bot, twin: Bot, slack: Any
) -> None:
    body = bot.command_form("human rights")
    headers = {"Content-Type": FORM, **signed_headers(body)}
    assert bot.send(body, headers)[0] == 200
    assert twin.send(body, headers)[0] == 200
    slack.wait_for("response_url")
    time.sleep(0.5)
    assert len(slack.calls_to("response_url")) == 1


@pytest.fixture
def elsewhere() -> Iterator[FakeSlack]:
    """Another local server, standing for any host that is not Slack."""
    fake = FakeSlack()
    yield fake
    fake.close()


def test_a_response_url_that_is_not_slacks_gets_400_and_nothing_is_posted(
    bot: Bot, elsewhere: FakeSlack, caplog: pytest.LogCaptureFixture
) -> None:
    foreign = f"{elsewhere.url}/response/T1/1/abc"
    with caplog.at_level("WARNING", logger="handlers.response_urls"):
        assert bot.command("human rights", response_url=foreign)[0] == 400
        assert bot.command("share human rights", response_url=foreign)[0] == 400
        assert bot.click("more_quotes", "human rights", response_url=foreign)[0] == 400
    time.sleep(0.5)
    assert elsewhere.calls == []
    assert bot.slack.calls_to("response_url") == bot.slack.calls_to("chat.postMessage") == []
    refusals = [r for r in caplog.records if r.name == "handlers.response_urls"]
    assert len(refusals) == 3 and f"127.0.0.1:{urlsplit(foreign).port}" in refusals[0].message
    assert "/response/" not in refusals[0].message  # the URL's secret path stays out of logs


def _stall(bot: Bot, sent: bytes) -> socket.socket:
    where = urlsplit(bot.url)
    client = socket.create_connection((where.hostname, where.port), timeout=10)
    client.sendall(sent)
    return client


def _closed_within(client: socket.socket, seconds: float) -> bool:
    client.settimeout(seconds)
    try:
        return client.recv(1024) == b""  # the server closed it without an answer
    except ConnectionResetError:
        return True
    except TimeoutError:
        return False
    finally:
        client.close()


def test_stalled_clients_are_disconnected_and_never_delay_a_signed_command(
    corpus: Services, slack: Any
) -> None:
    bot = Bot(corpus, slack, read_timeout=1.0)
    try:
        head = b"POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n"
        stalled = [_stall(bot, b"")]  # connected, said nothing
        stalled += [_stall(bot, b"POST /slack/events HTTP/1.1\r\nHost")]  # half the headers
        stalled += [_stall(bot, head + b"command=") for _ in range(20)]  # half a body
        started = time.monotonic()
        status, seconds = bot.command("human rights")
        assert status == 200 and seconds < 3.0
        slack.wait_for("response_url")
        assert all(_closed_within(client, 5.0) for client in stalled)
        assert time.monotonic() - started < 8.0
    finally:
        bot.close()


def test_a_client_trickling_its_request_is_disconnected_at_the_deadline(
    corpus: Services, slack: Any
) -> None:
    bot = Bot(corpus, slack, read_timeout=1.0)
    client = _stall(bot, b"POST /slack/events HTTP/1.1\r\n")
    started = time.monotonic()
    try:
        with pytest.raises(OSError):  # a header byte every 0.2 s: never silent for a second
            while time.monotonic() - started < 5.0:
                client.sendall(b"X")
                time.sleep(0.2)
        assert time.monotonic() - started < 3.0
    finally:
        client.close()
        bot.close()


def test_a_request_the_database_cannot_record_gets_503_and_is_logged(
    bot: Bot, corpus: Services, caplog: pytest.LogCaptureFixture
) -> None:
    drop_table(corpus, "slack_seen_events")
    with caplog.at_level("ERROR", logger="handlers.server"):
        assert bot.command("human rights")[0] == 503  # Slack retries a 5xx
    (record,) = caplog.records
    assert record.exc_info is not None and "asked Slack to retry" in record.getMessage()
    time.sleep(0.2)
    assert bot.slack.calls_to("response_url") == []


def _health(port: int) -> int:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
            return int(response.status)
    except urllib.error.HTTPError as refused:
        return refused.code


def test_healthz_answers_503_until_spacy_and_the_index_are_loaded(
    corpus: Services, slack: Any
) -> None:
    ready = threading.Event()
    settings = SlackSettings("xoxb-test", signing_secret=SECRET, api_url=slack.api_url)
    app = create_app(settings, corpus)
    server = make_server(
        app, "127.0.0.1", 0, ready=ready.is_set, signing_secret=SECRET, first_sighting=bool
    )
    threading.Thread(target=server.serve_forever, args=(0.05,), daemon=True).start()
    try:
        assert _health(server.server_address[1]) == 503
        ready.set()
        assert _health(server.server_address[1]) == 200
    finally:
        server.shutdown()
        server.server_close()


def test_the_request_key_fits_the_seen_events_column() -> None:
    from handlers.server import request_key

    headers = {k.lower(): v for k, v in signed_headers(json.dumps({"x": 1})).items()}
    assert len(request_key(headers)) <= 64 and request_key(headers).startswith("request:")
