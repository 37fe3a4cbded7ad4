"""The Slack app served over HTTP on a local port, and requests signed as Slack signs them."""

from __future__ import annotations

import itertools
import json
import threading
import time
import urllib.error
import urllib.request
from functools import partial
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

from bot.deliver import state
from bot.deliver.settings import SlackSettings
from bot.services import Services
from handlers.app import create_app
from handlers.server import READ_TIMEOUT, make_server

SECRET = "8f742231b10e8888abcd99yyyzzz85a5".replace("y", "e").replace("z", "f")
ROOT_CHANNEL = "C0NEWSROOM"


def signed_headers(body: str, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    """The two headers Slack adds to every request: when, and the signature over both."""
    ts = str(timestamp if timestamp is not None else int(time.time()))
    signature = SignatureVerifier(secret).generate_signature(timestamp=ts, body=body)
    return {"X-Slack-Request-Timestamp": ts, "X-Slack-Signature": str(signature)}


class Bot:
    """The app served over HTTP on a local port, as Slack would reach it."""

    def __init__(
        self, services: Services, slack: Any, *, read_timeout: float = READ_TIMEOUT
    ) -> None:
        settings = SlackSettings("xoxb-test", signing_secret=SECRET, api_url=slack.api_url)
        self.app = create_app(settings, services)
        self.server = make_server(
            self.app,
            "127.0.0.1",
            0,
            signing_secret=SECRET,
            first_sighting=partial(state.first_sighting, services),
            read_timeout=read_timeout,
        )
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/slack/events"
        self.slack, self.services = slack, services
        # Slack gives every command and click its own trigger_id, so no two requests are the
        # same bytes: a repeated body with the same timestamp and signature is a replay.
        self._triggers = itertools.count(3)
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()

    def post(
        self,
        body: str,
        content_type: str,
        *,
        timestamp: int | None = None,
        secret: str = SECRET,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, float]:
        """A request signed as Slack signs it; (status, seconds until the response)."""
        signed = signed_headers(body, timestamp, secret)
        return self.send(body, {"Content-Type": content_type, **signed, **(headers or {})})

    def send(self, body: str, headers: dict[str, str]) -> tuple[int, float]:
        """A request with exactly these headers; (status, seconds until the response)."""
        request = urllib.request.Request(
            self.url, data=body.encode(), method="POST", headers=headers
        )
        started = time.monotonic()
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, time.monotonic() - started
        except urllib.error.HTTPError as exc:
            return exc.code, time.monotonic() - started

    def command_form(self, text: str, response_url: str | None = None) -> str:
        """A slash command's form body, answered at the fake Slack unless told otherwise."""
        form = {
            "command": "/china-brief",
            "text": text,
            "team_id": "T1",
            "channel_id": ROOT_CHANNEL,
            "user_id": "U0EDITOR",
            "response_url": response_url or f"{self.slack.url}/response/T1/1/abc",
            "trigger_id": f"1.2.{next(self._triggers)}",
        }
        return urlencode(form)

    def command(
        self, text: str, *, response_url: str | None = None, **kwargs: Any
    ) -> tuple[int, float]:
        body = self.command_form(text, response_url)
        return self.post(body, "application/x-www-form-urlencoded", **kwargs)

    def event(self, event: dict[str, Any], event_id: str, **kwargs: Any) -> tuple[int, float]:
        body = {
            "token": "legacy",
            "team_id": "T1",
            "api_app_id": "A1",
            "type": "event_callback",
            "event_id": event_id,
            "event_time": int(time.time()),
            "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}],
            "event": event,
        }
        return self.post(json.dumps(body), "application/json", **kwargs)

    def click(
        self, action_id: str, value: str, *, response_url: str | None = None
    ) -> tuple[int, float]:
        payload = {
            "type": "block_actions",
            "team": {"id": "T1"},
            "user": {"id": "U0EDITOR"},
            "channel": {"id": ROOT_CHANNEL},
            "container": {"type": "message", "channel_id": ROOT_CHANNEL, "is_ephemeral": True},
            "response_url": response_url or f"{self.slack.url}/response/T1/2/def",
            "trigger_id": f"1.2.{next(self._triggers)}",
            "actions": [
                {"type": "button", "action_id": action_id, "value": value, "block_id": "b"}
            ],
        }
        return self.post(
            urlencode({"payload": json.dumps(payload)}), "application/x-www-form-urlencoded"
        )

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def drop_table(services: Services, table: str) -> None:
    """A real database fault for the bot to meet, not a patched function."""
    from sqlalchemy import text

    with services.engine.begin() as conn:
        conn.execute(text(f"DROP TABLE {table}"))
