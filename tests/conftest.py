"""Shared fixtures: the real spaCy model once per session, real SQLite files per test."""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest
from spacy.language import Language
from spacy.tokens import Doc

import bot
from bot import pipeline
from bot.index import BM25Index
from bot.ingest.bundled import bundled_seeds
from bot.nlp.minilm import NumpyMiniLM, load_numpy_minilm
from bot.nlp.model import load_nlp
from bot.services import Services, build_services
from bot.settings import DEFAULT_MODELS, Settings


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(DEFAULT_MODELS)


@pytest.fixture(scope="session")
def encoder() -> NumpyMiniLM:
    """The sentence model, loaded once (load_numpy_minilm keeps one copy per process)."""
    return load_numpy_minilm()


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return bundled_seeds()


@pytest.fixture
def services(tmp_path: Path, nlp: Language) -> Iterator[Services]:
    """An empty database in a fresh SQLite file."""
    built = build_services(Settings(f"sqlite:///{tmp_path / 'brief.sqlite3'}"), nlp=nlp)
    yield built
    built.close()


@pytest.fixture(scope="session")
def seeded(
    tmp_path_factory: pytest.TempPathFactory, nlp: Language, seeds_dir: Path
) -> Iterator[Services]:
    """The bundled seeds ingested once for the whole session; tests must not write to it."""
    path = tmp_path_factory.mktemp("seeded") / "brief.sqlite3"
    built = build_services(Settings(f"sqlite:///{path}"), nlp=nlp)
    report = pipeline.ingest([seeds_dir], built, progress=False)
    assert len(report.added) == 5 and not report.rejected
    pipeline.catch_up_vectors(built)  # as the first-run seed load does
    yield built
    built.close()


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text) -> path: a small article file in the test's own folder."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write


class _CountingDoc(Doc):
    """A parsed Doc that counts whole-document walks: `ents` and `text` rebuild from every
    token on each access, so a walk per sentence or per quote makes a long article quadratic."""

    walks = 0

    @property
    def ents(self):  # type: ignore[override]
        self.walks += 1
        return super().ents

    @property
    def text(self):  # type: ignore[override]
        self.walks += 1
        return super().text


@pytest.fixture
def counting() -> Callable[[Doc], tuple[Doc, Callable[[], int]]]:
    """counting(doc) -> (copy, walks): a copy of a parsed Doc, and how often it was walked."""

    def _counting(doc: Doc) -> tuple[Doc, Callable[[], int]]:
        copy = _CountingDoc(doc.vocab).from_bytes(doc.to_bytes())
        return copy, lambda: copy.walks

    return _counting


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    """A folder of issue 14's inputs, each of which once ended the run, beside one good
    article (good.txt)."""
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, text in {
        "bigint.json": '{"title": "T", "text": "x", "n": ' + "9" * 5000 + "}",
        "deep.json": "[" * 100_000 + "]" * 100_000,
        "brackets.md": "[" * 60_000,
        "bang.md": "![" * 30_000,
        "lone.json": '{"title": "Lone", "text": "Officials met in Paris.", "byline": "\\udc80"}',
        os.fsdecode(b"caf\xe9.txt"): "Officials met in Rome\x00 on Monday to discuss trade.",
        "good.txt": "date 2023-05-06\nCleverly met Wang Yi in Beijing on Wednesday for talks.",
    }.items():
        (folder / name).write_text(text, encoding="utf-8", errors="surrogateescape")
    os.mkfifo(folder / "fifo.txt")
    return folder


@pytest.fixture
def news(write) -> Path:
    """A folder of 48 short articles on a few shared topics, for ingests that take a while."""
    places = ["Beijing", "Taipei", "London", "Hong Kong", "Shanghai", "Brussels"]
    for number in range(48):
        place, other = places[number % 6], places[(number * 5 + 1) % 6]
        path = write(f"news/n{number:02}.txt", (
            f"Report {number} from {place}\n\n"
            f"Officials in {place} discussed trade with envoys from {other} on Monday.\n\n"
            f"Exports of chips rose by {number} percent. Talks on sanctions stalled again.\n\n"
            f"Ministers from {other} said the visit number {number} would go ahead."
        ))  # fmt: skip
    return path.parent


@pytest.fixture
def ingest_while_serving():
    """ingest_while_serving(services, folder, meanwhile): `china-brief ingest` runs in another
    process while this one answers questions, checking the index before each as `serve` does,
    and calls meanwhile(index) after each."""

    def _run(
        services: Services, folder: Path, meanwhile: Callable[[BM25Index], None] | None = None
    ) -> None:
        env = os.environ | {"PYTHONPATH": str(Path(bot.__file__).parents[1])}
        if services.settings.index_dir:
            env["CHINA_BRIEF_INDEX_DIR"] = str(services.settings.index_dir)
        db = services.settings.database_url
        ingest = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "--db", db, "ingest", "--quiet", "--jobs", "1",
             str(folder)], env=env, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        )  # fmt: skip
        while ingest.poll() is None:
            index = services.index.current(services.sessions)
            index.search(["beijing", "trade"])
            if meanwhile:
                meanwhile(index)
        _, errors = ingest.communicate()
        assert ingest.returncode == 0, errors

    return _run


@pytest.fixture
def corpus(seeded: Services, tmp_path: Path, nlp: Language) -> Iterator[Services]:
    """A writable copy of the seeded database (Slack tests store threads and digests)."""
    import sqlite3

    source = seeded.engine.url.database
    target = tmp_path / "corpus.sqlite3"
    with sqlite3.connect(str(source)) as src, sqlite3.connect(str(target)) as dst:
        src.backup(dst)  # the backup API is WAL-safe, unlike copying the file
    # The saved index and sentence vectors too, so a copy does not embed the seeds again.
    shutil.copytree(f"{source}.index", f"{target}.index")
    built = build_services(Settings(f"sqlite:///{target}"), nlp=nlp)
    yield built
    built.close()


@dataclass
class SlackCall:
    """One request the fake Slack received: the Web API method (or 'response_url') and body."""

    method: str
    body: dict[str, Any]
    headers: dict[str, str]


class QuietHandler(BaseHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


class LocalServer:
    """A real HTTP server on 127.0.0.1, on a free port, in a thread of its own."""

    server: ThreadingHTTPServer

    def _start(self, handler: type[BaseHTTPRequestHandler]) -> str:
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, args=(0.05,), daemon=True).start()
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class FakeSlack(LocalServer):
    """A local HTTP server speaking enough of Slack's Web API, recording every call.

    Answers auth.test, apps.connections.open (Socket Mode), chat.postMessage,
    chat.postEphemeral, conversations.history and conversations.replies at /api/…, and any
    response_url at /response/…. `script(method, …)` queues canned answers (a rate limit, an
    error, a dropped connection) for the next calls.
    """

    bot_user_id = "UBOT"

    def __init__(self) -> None:
        self.socket_mode_url: str | None = None  # what apps.connections.open hands out
        self.calls: list[SlackCall] = []
        self.history: dict[str, list[dict[str, Any]]] = {}
        self.scripted: dict[str, list[tuple[int, dict[str, str], dict[str, Any] | None]]] = {}
        self.changed = threading.Condition()
        self._ts = 1_700_000_000
        self.url = self._start(self._handler())
        self.api_url = self.url + "/api/"

    def script(self, method: str, status: int, body: dict | None, **headers: str) -> None:
        """The next call to `method` gets this answer (body None: the connection is dropped)."""
        self.scripted.setdefault(method, []).append((status, headers, body))

    def calls_to(self, method: str) -> list[SlackCall]:
        with self.changed:
            return [c for c in self.calls if c.method == method]

    def wait_for(self, method: str, count: int = 1, timeout: float = 15.0) -> list[SlackCall]:
        """Block until `method` has been called `count` times; those calls."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while len([c for c in self.calls if c.method == method]) < count:
                left = deadline - time.monotonic()
                assert left > 0, f"Slack never got {count} × {method}: {self.calls}"
                self.changed.wait(left)
            return [c for c in self.calls if c.method == method]

    def answer(self, method: str, body: dict[str, Any]) -> dict[str, Any]:
        if method == "auth.test":
            return {"ok": True, "user_id": self.bot_user_id, "bot_id": "BBOT", "team_id": "T1"}
        if method == "apps.connections.open" and self.socket_mode_url:
            return {"ok": True, "url": self.socket_mode_url}
        if method in {"chat.postMessage", "chat.postEphemeral"}:
            self._ts += 1
            ts = f"{self._ts}.000100"
            channel = str(body.get("channel"))
            self.history.setdefault(channel, []).append({**body, "ts": ts, "bot_id": "BBOT"})
            return {"ok": True, "channel": channel, "ts": ts, "message_ts": ts}
        messages = self.history.get(str(body.get("channel")), [])
        if method == "conversations.history":  # newest first, as Slack sends them
            return {"ok": True, "messages": list(reversed(messages)), "has_more": False}
        if method == "conversations.replies":  # the thread's root first, then its replies
            ts = body.get("ts")
            thread = [m for m in messages if ts in (m.get("ts"), m.get("thread_ts"))]
            return {"ok": True, "messages": thread, "has_more": False}
        return {"ok": False, "error": "unknown_method"}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        fake = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802
                self._serve()

            def do_POST(self) -> None:  # noqa: N802
                self._serve()

            def _serve(self) -> None:
                path, _, query = self.path.partition("?")
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
                body = _parse_body(raw, self.headers.get("Content-Type", ""), query)
                method = path.removeprefix("/api/") if path.startswith("/api/") else "response_url"
                with fake.changed:
                    fake.calls.append(SlackCall(method, body, dict(self.headers.items())))
                    queued = fake.scripted.get(method)
                    canned = queued.pop(0) if queued else None
                    fake.changed.notify_all()
                if canned is not None and canned[2] is None:
                    self.connection.close()  # a network failure, as the client sees it
                    return
                status, headers, answer = canned or (200, {}, None)
                if answer is None:
                    answer = {"ok": True} if method == "response_url" else fake.answer(method, body)
                data = json.dumps(answer).encode()
                self.send_response(status)
                for name, value in headers.items():
                    self.send_header(name.replace("_", "-"), value)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

        return Handler


def _parse_body(raw: str, content_type: str, query: str) -> dict[str, Any]:
    body: dict[str, Any] = {k: v[0] for k, v in parse_qs(query).items()}
    if "json" in content_type and raw:
        body.update(json.loads(raw))
    elif raw:
        for key, values in parse_qs(raw).items():
            value = values[0]
            body[key] = json.loads(value) if key in {"blocks", "metadata"} else value
    return body


@pytest.fixture
def slack() -> Iterator[FakeSlack]:
    """A fresh fake Slack Web API server on an ephemeral local port."""
    fake = FakeSlack()
    yield fake
    fake.close()


class FakeSocketMode:
    """A local WebSocket server playing Slack's Socket Mode end: it sends envelopes (slash
    commands, events) to the app that connects, and records the acks the app sends back."""

    def __init__(self) -> None:
        from websockets.sync.server import serve

        self.envelopes: list[dict[str, Any]] = []  # sent, in order, to each app that connects
        self.acks: queue.Queue[dict[str, Any]] = queue.Queue()
        self.server = serve(self._connected, "127.0.0.1", 0)
        self.url = f"ws://127.0.0.1:{self.server.socket.getsockname()[1]}/link"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def _connected(self, websocket: Any) -> None:
        websocket.send(json.dumps({"type": "hello", "num_connections": 1}))
        for envelope in self.envelopes:
            websocket.send(json.dumps(envelope))
        for message in websocket:
            self.acks.put(json.loads(message))

    def close(self) -> None:
        self.server.shutdown()


@pytest.fixture
def socket_mode(slack: FakeSlack) -> Iterator[FakeSocketMode]:
    """A Socket Mode server that the fake Slack's apps.connections.open points apps to."""
    fake = FakeSocketMode()
    slack.socket_mode_url = fake.url
    yield fake
    fake.close()


@dataclass
class WebRequest:
    path: str
    headers: dict[str, str]


@dataclass
class WebAnswer:
    body: bytes | str = b""
    status: int = 200
    content_type: str = "text/html; charset=utf-8"
    headers: dict[str, str] | None = None
    delay: float = 0.0  # seconds before answering: a server that hangs


class LocalWeb(LocalServer):
    """A real HTTP server on 127.0.0.1 serving pages and feeds set per path, recording every
    request it gets (path and headers), for fetching tests that need no network."""

    def __init__(self) -> None:
        self.pages: dict[str, WebAnswer | Callable[[WebRequest], WebAnswer]] = {}
        self.requests: list[WebRequest] = []
        self.base = self._start(self._handler())

    def url(self, path: str) -> str:
        return self.base + path

    def serve(self, path: str, body: bytes | str = b"", **answer: Any) -> str:
        """Answer GET `path` with this body (and status, content_type, headers, delay)."""
        self.pages[path] = WebAnswer(body, **answer)
        return self.url(path)

    def fetched(self, path: str) -> list[WebRequest]:
        return [r for r in self.requests if r.path == path]

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        web = self

        class Handler(QuietHandler):
            def do_GET(self) -> None:  # noqa: N802
                request = WebRequest(self.path, dict(self.headers.items()))
                web.requests.append(request)
                page = web.pages.get(self.path)
                answer = page(request) if callable(page) else page
                if answer is None:
                    answer = WebAnswer("not found", status=404, content_type="text/plain")
                time.sleep(answer.delay)
                body = answer.body.encode() if isinstance(answer.body, str) else answer.body
                try:
                    self.send_response(answer.status)
                    self.send_header("Content-Type", answer.content_type)
                    self.send_header("Content-Length", str(len(body)))
                    for name, value in (answer.headers or {}).items():
                        self.send_header(name, value)
                    self.end_headers()
                    if answer.status != 304:
                        self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up first (a timeout test)

        return Handler


@pytest.fixture
def web() -> Iterator[LocalWeb]:
    served = LocalWeb()
    yield served
    served.close()


@pytest.fixture(scope="session")
def web_pages() -> Path:
    """Realistic saved article pages: meta tags, JSON-LD, bylines, navigation and footers."""
    return Path(__file__).parent / "fixtures" / "web"


@pytest.fixture
def one_item_feed(web: LocalWeb, web_pages: Path) -> tuple[str, str]:
    """A served RSS feed at /feed.xml with one item, a real article page: (feed, page) URLs."""
    page = web.serve("/chips", (web_pages / "export-controls.html").read_bytes())
    feed = web.serve(
        "/feed.xml",
        "<?xml version='1.0'?><rss version='2.0'><channel><title>Lowland Wire</title>"
        f"<item><title>Chips</title><link>{page}</link><guid>lw-1</guid></item></channel></rss>",
        content_type="application/rss+xml",
    )
    return feed, page
