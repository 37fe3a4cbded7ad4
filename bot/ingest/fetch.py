"""Fetching a web page or a feed at a bounded cost: http and https only, a timeout on every
wait and on the whole download, at most 5 MB and 5 redirects, and a User-Agent that says
who is asking.

Only the http and https handlers are installed, so a `file://` or `ftp://` URL, given or
reached by a redirect, is refused rather than read.
"""

from __future__ import annotations

import http.client
import socket
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from typing import IO, Any
from urllib.parse import urljoin, urlsplit

MAX_PAGE_BYTES = 5 * 1024 * 1024  # a news page with its markup is a few hundred KB
MAX_REDIRECTS = 5
TIMEOUT = 20.0  # seconds for any one wait: connecting, or the next bytes
DEADLINE = 60.0  # seconds for the whole download: a server trickling bytes is cut off
CHUNK = 64 * 1024
SCHEMES = ("http", "https")


def _user_agent() -> str:
    try:
        release = version("china-brief")
    except PackageNotFoundError:  # run from a checkout that was never installed
        release = "dev"
    return f"china-brief/{release} (newsroom briefing bot; fetches pages it is given)"


USER_AGENT = _user_agent()


class FetchError(Exception):
    """A page or feed that could not be fetched; the message says why, for the editor."""


@dataclass(frozen=True)
class Fetched:
    """What a server answered: the body and what a later conditional request needs."""

    url: str  # after redirects
    body: bytes
    content_type: str  # lower case, without parameters: "text/html"
    etag: str | None = None
    last_modified: str | None = None
    not_modified: bool = False  # 304: the copy from last time still holds


def is_web_url(text: str) -> bool:
    """Whether the text is an http:// or https:// URL (what `ingest` fetches)."""
    return text.lower().startswith(("http://", "https://"))


def fetch(
    url: str,
    *,
    etag: str | None = None,
    last_modified: str | None = None,
    timeout: float = TIMEOUT,
    deadline: float = DEADLINE,
    limit: int = MAX_PAGE_BYTES,
) -> Fetched:
    """GET the URL within the limits above, or FetchError saying why not.

    With `etag` or `last_modified` from an earlier answer the request is conditional, and an
    unchanged resource comes back as `not_modified` with no body.
    """
    if urlsplit(url).scheme.lower() not in SCHEMES or not urlsplit(url).hostname:
        raise FetchError("is not an http:// or https:// URL")
    headers = {"User-Agent": USER_AGENT, "Accept": "text/html, application/xhtml+xml, */*;q=0.5"}
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    try:
        with _OPENER.open(request, timeout=timeout) as response:
            body = _read(response, limit, time.monotonic() + deadline)
            return Fetched(
                url=response.geturl(),
                body=body,
                content_type=response.headers.get_content_type(),
                etag=response.headers.get("ETag"),
                last_modified=response.headers.get("Last-Modified"),
            )
    except urllib.error.HTTPError as exc:
        if exc.code == 304:
            return Fetched(url, b"", "", etag, last_modified, not_modified=True)
        if 300 <= exc.code < 400:
            raise FetchError(f"redirects more than {MAX_REDIRECTS} times") from None
        raise FetchError(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise FetchError(_why(exc.reason)) from None
    except TimeoutError:
        raise FetchError(f"no answer within {timeout:g} s") from None
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise FetchError(_why(exc)) from None


def _read(response: IO[bytes], limit: int, deadline: float) -> bytes:
    length = getattr(response, "headers", {}).get("Content-Length")
    if length and length.isdigit() and int(length) > limit:
        raise FetchError(_too_large(limit))
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read(CHUNK):
        size += len(chunk)
        if size > limit:
            raise FetchError(_too_large(limit))
        if time.monotonic() > deadline:
            raise FetchError("took too long to download; the server sends it too slowly")
        chunks.append(chunk)
    return b"".join(chunks)


def _why(reason: object) -> str:
    if isinstance(reason, TimeoutError):
        return "no answer in time"
    if isinstance(reason, ConnectionRefusedError):
        return "the server refused the connection"
    if isinstance(reason, socket.gaierror):
        return "the host name is not known"
    return f"could not be fetched ({reason})"


def _too_large(limit: int) -> str:
    return f"is larger than {limit // (1024 * 1024)} MB, more than a web page may be"


class _Redirects(urllib.request.HTTPRedirectHandler):
    max_redirections = MAX_REDIRECTS

    def http_error_302(  # type: ignore[override]
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str, headers: Any
    ) -> Any:
        # Checked before urllib's own check, which would let ftp:// through.
        target = urljoin(req.full_url, headers.get("Location") or headers.get("URI") or "")
        if urlsplit(target).scheme.lower() not in SCHEMES:
            raise FetchError(f"redirects to a URL that is not http(s): {target}")
        return super().http_error_302(req, fp, code, msg, headers)

    http_error_301 = http_error_303 = http_error_307 = http_error_308 = http_error_302


def _opener() -> urllib.request.OpenerDirector:
    # Not build_opener: it would add the file, FTP and data handlers too.
    opener = urllib.request.OpenerDirector()
    for handler in (
        urllib.request.ProxyHandler(),
        urllib.request.HTTPHandler(),
        urllib.request.HTTPSHandler(),
        _Redirects(),
        urllib.request.HTTPDefaultErrorHandler(),
        urllib.request.HTTPErrorProcessor(),
    ):
        opener.add_handler(handler)
    return opener


_OPENER = _opener()
