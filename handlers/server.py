"""HTTP mode: a small threaded server handing Slack's POSTs to the Bolt app.

Bolt's own development server is single-threaded and binds every interface; this one serves
requests concurrently (a slow brief never delays another user's ack) on the host asked for.
Before Bolt sees a request the server checks what Slack always sends: a body of sane size, a
valid signature over it (before anything parses it), and a signature not already answered.
"""

from __future__ import annotations

import hashlib
import io
import json
import logging
import socket
import time
from collections.abc import Callable, Mapping, Sequence
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import TYPE_CHECKING
from urllib.parse import parse_qs

from slack_bolt import App, BoltRequest
from slack_sdk.signature import SignatureVerifier

if TYPE_CHECKING:
    from _typeshed import WriteableBuffer

logger = logging.getLogger(__name__)
PATH = "/slack/events"
MAX_BODY = 1_000_000  # Slack's payloads are a few kilobytes
READ_TIMEOUT = 30.0  # seconds a client has to send a whole request before it is disconnected


def make_server(
    app: App,
    host: str = "0.0.0.0",
    port: int = 3000,
    ready: Callable[[], bool] = lambda: True,
    *,
    signing_secret: str,
    first_sighting: Callable[[str], bool],
    read_timeout: float = READ_TIMEOUT,
) -> ThreadingHTTPServer:
    """A server for Slack's request URL (commands, events and interactivity at /slack/events).

    A request whose signature does not verify gets 401 before its body is parsed. A signed
    request seen before (`first_sighting(request_key(...))` is False; the store is shared by
    every process on one database) gets an empty 200 and is not answered again. A client that
    has not sent its whole request `read_timeout` seconds after connecting is disconnected.
    GET /healthz answers 200 once `ready()` (spaCy and the index loaded), 503 until then.
    """
    verifier = SignatureVerifier(signing_secret)

    class SlackRequestHandler(BaseHTTPRequestHandler):
        # Each connection's socket times out; http.server answers TimeoutError by closing the
        # connection, freeing its thread for good.
        timeout = read_timeout

        def setup(self) -> None:
            super().setup()
            # A per-read timeout alone lets a client trickle a byte every few seconds forever;
            # the whole request must arrive within one deadline.
            self.rfile = io.BufferedReader(_DeadlineReader(self.connection, read_timeout))

        def do_POST(self) -> None:  # noqa: N802 (the http.server API)
            path, _, query = self.path.partition("?")
            if path != PATH:
                self._send(404, {}, "")
                return
            body = self._body()
            if body is None:
                return
            self.connection.settimeout(read_timeout)  # for writing the answer, however late
            headers = {k.lower(): v for k, v in self.headers.items()}
            if not verified(verifier, body, headers):
                # Slack's certificate check may come unsigned; it is answered, never dispatched.
                ssl_check = parse_qs(body).get("ssl_check") == ["1"]
                self._send(200 if ssl_check else 401, {}, "" if ssl_check else "bad signature")
                return
            try:
                first = first_sighting(request_key(headers))
            except Exception:  # the database is unreachable: Slack retries a 5xx later
                logger.exception("could not record a signed request; asked Slack to retry")
                self._send(503, {}, "try again shortly")
                return
            if not first:
                logger.info("a signed request came again: acknowledged, not answered twice")
                self._send(200, {}, "")
                return
            try:
                request = BoltRequest(body=body, query=query, headers=dict(headers))
            except ValueError:  # signed, yet neither JSON nor a form: Slack never sends that
                self._send(400, {}, "body is not a Slack payload")
                return
            response = app.dispatch(request)
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


def verified(verifier: SignatureVerifier, body: str, headers: Mapping[str, str]) -> bool:
    """Whether Slack signed this body within the last five minutes."""
    try:
        return verifier.is_valid_request(body, headers)
    except ValueError:  # a timestamp that is not a number: slack_sdk's int() raises
        return False


def request_key(headers: Mapping[str, str]) -> str:
    """The seen-requests key of a verified request: its timestamp and signature, hashed.

    Hashed to fit the event-id column it shares with Slack's event ids ("Ev…"), which a
    "request:" key can never equal.
    """
    signed = f"{headers['x-slack-request-timestamp']}:{headers['x-slack-signature']}"
    return "request:" + hashlib.sha256(signed.encode("utf-8")).hexdigest()[:56]


class _DeadlineReader(io.RawIOBase):
    """A socket's reads, each allowed only what is left of one deadline for the whole request."""

    def __init__(self, connection: socket.socket, seconds: float) -> None:
        self._connection, self._deadline = connection, time.monotonic() + seconds

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: WriteableBuffer) -> int:
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the request did not arrive in time")
        self._connection.settimeout(left)
        return self._connection.recv_into(buffer)
