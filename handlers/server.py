"""HTTP mode: a small threaded server handing Slack's POSTs to the Bolt app.

Bolt's own development server is single-threaded and binds every interface; this one serves
requests concurrently (a slow brief never delays another user's ack) on the host asked for.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from slack_bolt import App, BoltRequest

logger = logging.getLogger(__name__)
PATH = "/slack/events"
MAX_BODY = 1_000_000  # Slack's payloads are a few kilobytes


def make_server(
    app: App, host: str = "0.0.0.0", port: int = 3000, ready: Callable[[], bool] = lambda: True
) -> ThreadingHTTPServer:
    """A server for Slack's request URL (commands, events and interactivity at /slack/events).

    GET /healthz answers 200 once `ready()` (spaCy and the index loaded), 503 until then.
    """

    class SlackRequestHandler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the http.server API)
            path, _, query = self.path.partition("?")
            if path != PATH:
                self._send(404, {}, "")
                return
            body = self._body()
            if body is None:
                return
            headers: dict[str, str | Sequence[str]] = {
                k.lower(): v for k, v in self.headers.items()
            }
            response = app.dispatch(BoltRequest(body=body, query=query, headers=headers))
            self._send(response.status, response.headers, response.body)

        def _body(self) -> str | None:
            # Answer what Slack never sends (a bad length, non-UTF-8, a huge body) with a
            # status, before any signature work; the connection is not just dropped.
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                self._send(400, {}, "bad Content-Length")
                return None
            if length > MAX_BODY:
                self._send(413, {}, "request body too large")
                return None
            try:
                return self.rfile.read(length).decode("utf-8")
            except UnicodeDecodeError:
                self._send(400, {}, "body is not UTF-8")
                return None

        def do_GET(self) -> None:  # noqa: N802
            if self.path != "/healthz":
                self._send(404, {}, "")
            elif ready():
                self._send(200, {}, "ok")
            else:
                self._send(503, {}, "warming up: loading spaCy and the index")

        def _send(
            self, status: int, headers: Mapping[str, Sequence[str]], body: str | dict
        ) -> None:
            data = (body if isinstance(body, str) else json.dumps(body)).encode("utf-8")
            self.send_response(status)
            for name, values in headers.items():
                if name.lower() != "content-length":
                    for value in values:
                        self.send_header(name, value)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            logger.debug("%s " + format, self.address_string(), *args)

    server = ThreadingHTTPServer((host, port), SlackRequestHandler)
    server.daemon_threads = True
    return server
