"""Where a reply may go: a request's response_url must be Slack's, or nothing is sent.

A signed request could still carry any URL (a replayed or forged payload, a misconfigured
test setup); posting a brief there would hand the newsroom's text to whoever runs that host.
One Bolt global middleware checks every request (commands, actions, events; HTTP and Socket
Mode) before any listener runs.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from slack_bolt import BoltResponse

from bot.deliver.settings import DEFAULT_API_URL

logger = logging.getLogger(__name__)
Origin = tuple[str, str, int]  # scheme, host, port
SLACK_HOOKS: Origin = ("https", "hooks.slack.com", 443)
DEFAULT_PORTS = {"https": 443, "http": 80}
Middleware = Callable[..., BoltResponse | None]


def allowed_origins(api_url: str) -> frozenset[Origin]:
    """Slack's response_url origin, plus SLACK_API_URL's when it points at a test server."""
    origins = {SLACK_HOOKS}
    test_server = origin(api_url) if api_url != DEFAULT_API_URL else None
    if test_server is not None:
        origins.add(test_server)
    return frozenset(origins)


def origin(url: str) -> Origin | None:
    """A URL's scheme, host and port; None when it hides its host (user info, backslashes)."""
    parts = urlsplit(url.strip())
    if "@" in parts.netloc or "\\" in parts.netloc or not parts.hostname:
        return None
    scheme = parts.scheme.lower()
    try:
        port = parts.port or DEFAULT_PORTS.get(scheme)
    except ValueError:  # a port that is not a number, or out of range
        return None
    return (scheme, parts.hostname, port) if port else None


def response_urls(body: dict[str, Any]) -> list[str]:
    """Every URL a request asks to be answered at (commands and actions: one; modals: a list)."""
    urls = [body["response_url"]] if "response_url" in body else []
    for entry in body.get("response_urls") or []:
        if isinstance(entry, dict) and "response_url" in entry:
            urls.append(entry["response_url"])
    return [str(url) for url in urls]


def response_url_guard(allowed: frozenset[Origin]) -> Middleware:
    """A global middleware answering 400 (one log line, nothing posted) to a foreign URL."""

    def check_response_url(
        body: dict[str, Any], next_: Callable[[], BoltResponse | None]
    ) -> BoltResponse | None:
        for url in response_urls(body):
            if origin(url) not in allowed:
                host = urlsplit(url).netloc.rpartition("@")[2] or "?"
                logger.warning("refused a request whose response_url is not Slack's: %r", host)
                return BoltResponse(status=400, body="response_url is not Slack's")
        return next_()

    return check_response_url
