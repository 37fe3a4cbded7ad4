"""Which response_urls the bot will answer at: Slack's, or the test server it was pointed at."""

from __future__ import annotations

import pytest

from bot.deliver.settings import DEFAULT_API_URL
from handlers.response_urls import allowed_origins, origin, response_urls

SLACK_ONLY = allowed_origins(DEFAULT_API_URL)


def test_slacks_response_urls_are_allowed() -> None:
    assert origin("https://hooks.slack.com/commands/T1/1/abc") in SLACK_ONLY
    assert origin("https://HOOKS.slack.com:443/actions/T1/2/def") in SLACK_ONLY


@pytest.mark.parametrize(
    "url",
    [
        "http://hooks.slack.com/commands/T1/1/abc",  # not TLS
        "https://hooks.slack.com:8443/commands/T1/1/abc",  # another port
        "https://hooks.slack.com.example.net/commands/T1/1/abc",  # a look-alike host
        "https://slack.com/api/chat.postMessage",  # Slack, but not where replies go
        "https://hooks.slack.com@169.254.169.254/latest/meta-data",  # user info hides the host
        "https://169.254.169.254\\@hooks.slack.com/",  # parsers disagree on backslashes
        "https://hooks.slack.com:99999/",
        "file:///etc/passwd",
        "",
    ],
)
def test_anything_else_is_refused(url: str) -> None:
    assert origin(url) not in SLACK_ONLY


def test_a_test_servers_origin_is_allowed_only_when_slack_api_url_names_it() -> None:
    local = allowed_origins("http://127.0.0.1:8123/api/")
    assert origin("http://127.0.0.1:8123/response/T1/1/abc") in local
    assert origin("http://127.0.0.1:8124/response/T1/1/abc") not in local
    assert origin("https://hooks.slack.com/commands/T1/1/abc") in local
    assert origin("http://127.0.0.1:8123/response/T1/1/abc") not in SLACK_ONLY


def test_every_response_url_in_a_payload_is_checked() -> None:
    modal = {"response_urls": [{"response_url": "https://a/1"}, {"block_id": "b"}, "junk"]}
    assert response_urls({"response_url": "https://b/2"} | modal) == ["https://b/2", "https://a/1"]
    assert response_urls({"type": "event_callback"}) == []
