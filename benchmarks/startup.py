"""The bot from a cold start: `china-brief serve --http` as a user runs it, against the store.

Times two moments from process start: /healthz answering 200 (spaCy and the index loaded, so
the next question is answered at full speed), and the first signed `/china-brief` command's
brief arriving at its response_url. Slack's side is a small local server answering auth.test
and recording the response_url post, so no workspace is needed.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import IO
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SECRET = "0123456789abcdef0123456789abcdef"
TIMEOUT_S = 120.0


class _Slack(BaseHTTPRequestHandler):
    """auth.test for Bolt's start-up check; any other POST is a response_url delivery."""

    delivered = threading.Event()

    def do_POST(self) -> None:  # noqa: N802 (the http.server API)
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        answer = {"ok": True, "user_id": "UBOT", "bot_id": "BBOT", "team_id": "T1"}
        data = json.dumps(answer).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)
        if not self.path.startswith("/api/") and b'"blocks"' in body and b"Summary" in body:
            type(self).delivered.set()  # a brief, not an error message

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


def startup_seconds(db: Path, query: str, repo: Path, rounds: int = 3) -> dict[str, float]:
    """Seconds from `serve` starting to ready (/healthz 200) and to the first brief (medians)."""
    runs = [_start_once(db, query, repo) for _ in range(rounds)]
    return {
        "serve_ready_s": statistics.median(r[0] for r in runs),
        "serve_first_brief_s": statistics.median(r[1] for r in runs),
    }


def _start_once(db: Path, query: str, repo: Path) -> tuple[float, float]:
    slack = ThreadingHTTPServer(("127.0.0.1", 0), _Slack)
    _Slack.delivered.clear()
    threading.Thread(target=slack.serve_forever, args=(0.01,), daemon=True).start()
    slack_url = f"http://127.0.0.1:{slack.server_address[1]}"
    port = _free_port()
    env = {
        **os.environ, "PYTHONPATH": str(repo), "SLACK_BOT_TOKEN": "xoxb-benchmark",
        "SLACK_SIGNING_SECRET": SECRET, "SLACK_API_URL": slack_url + "/api/",
    }  # fmt: skip
    command = [sys.executable, "-m", "bot.startup", "--db", f"sqlite:///{db}", "serve", "--http"]
    with tempfile.TemporaryFile() as log:  # a file, not a pipe nobody reads until the end
        began = time.perf_counter()
        server = subprocess.Popen(
            [*command, "--port", str(port), "--host", "127.0.0.1"],
            env=env, cwd=repo, stdout=subprocess.DEVNULL, stderr=log,
        )  # fmt: skip
        try:
            _wait(lambda: _healthy(port), server, log, "never answered /healthz with 200")
            ready_s = time.perf_counter() - began
            _command(port, query, slack_url + "/response/1")
            _wait(_Slack.delivered.is_set, server, log, "never delivered the brief")
            answered_s = time.perf_counter() - began
        finally:
            server.send_signal(signal.SIGTERM)  # what a process manager sends
            try:
                server.communicate(timeout=30)
            except subprocess.TimeoutExpired:
                server.kill()
                raise
            slack.shutdown()
            slack.server_close()
    return ready_s, answered_s


def _wait(
    done: Callable[[], bool], server: subprocess.Popen[bytes], log: IO[bytes], what: str
) -> None:
    deadline = time.perf_counter() + TIMEOUT_S
    while not done():
        if server.poll() is not None:
            log.seek(0)
            raise RuntimeError(f"china-brief serve exited: {log.read().decode()[-2000:]}")
        if time.perf_counter() > deadline:
            raise RuntimeError(f"china-brief serve {what} in {TIMEOUT_S:.0f} s")
        time.sleep(0.01)


def _healthy(port: int) -> bool:
    try:
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
            return bool(response.status == 200)
    except OSError:  # refused, reset, or no answer yet while spaCy loads
        return False


def _command(port: int, query: str, response_url: str) -> None:
    body = urlencode({
        "command": "/china-brief", "text": query, "channel_id": "C1", "user_id": "U1",
        "team_id": "T1", "response_url": response_url,
    })  # fmt: skip
    ts = str(int(time.time()))
    signature = SignatureVerifier(SECRET).generate_signature(timestamp=ts, body=body) or ""
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}/slack/events", data=body.encode(), method="POST",
        headers={
            "Content-Type": "application/x-www-form-urlencoded",
            "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": signature,
        },
    )  # fmt: skip
    with urllib.request.urlopen(request, timeout=10) as response:
        if response.status != 200:
            raise RuntimeError(f"the slash command got HTTP {response.status}")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])
