"""Fetching at a bounded cost, against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import time

import pytest

from bot.ingest.fetch import MAX_REDIRECTS, FetchError, fetch
from tests.conftest import WebAnswer, WebRequest


def test_a_page_comes_with_its_type_and_what_a_conditional_request_needs(web):
    stamp = "Sat, 06 May 2023 09:30:00 GMT"
    url = web.serve("/a", "<p>hello</p>", headers={"ETag": '"v1"', "Last-Modified": stamp})
    page = fetch(url)
    assert (page.body, page.content_type, page.url) == (b"<p>hello</p>", "text/html", url)
    assert (page.etag, page.last_modified) == ('"v1"', stamp)
    assert web.fetched("/a")[0].headers["User-Agent"].startswith("china-brief/")


def test_an_unchanged_page_answers_304_and_is_not_sent_again(web):
    def answer(request: WebRequest) -> WebAnswer:
        if request.headers.get("If-None-Match") == '"v1"':
            return WebAnswer(status=304)
        return WebAnswer("<p>hello</p>", headers={"ETag": '"v1"'})

    web.pages["/a"] = answer
    page = fetch(web.url("/a"), etag='"v1"', last_modified="Sat, 06 May 2023 09:30:00 GMT")
    assert page.not_modified and page.body == b""
    assert web.fetched("/a")[0].headers["If-Modified-Since"] == "Sat, 06 May 2023 09:30:00 GMT"


def test_up_to_five_redirects_are_followed_and_a_sixth_is_refused(web):
    for hop in range(MAX_REDIRECTS + 1):
        web.serve(f"/r{hop}", status=302, headers={"Location": f"/r{hop + 1}"})
    web.serve(f"/r{MAX_REDIRECTS + 1}", "<p>arrived</p>")
    assert fetch(web.url("/r1")).url == web.url(f"/r{MAX_REDIRECTS + 1}")
    with pytest.raises(FetchError, match="redirects more than 5 times"):
        fetch(web.url("/r0"))


@pytest.mark.parametrize("target", ["file:///etc/passwd", "ftp://example.com/x"])
def test_a_redirect_away_from_http_is_refused(web, target):
    url = web.serve("/away", status=302, headers={"Location": target})
    with pytest.raises(FetchError, match="redirects to a URL that is not http"):
        fetch(url)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "http://"])
def test_only_http_and_https_urls_are_fetched(url):
    with pytest.raises(FetchError, match="is not an http:// or https:// URL"):
        fetch(url)


def test_a_page_over_the_size_cap_is_refused(web):
    url = web.serve("/big", b"x" * (5 * 1024 * 1024 + 1))
    with pytest.raises(FetchError, match="larger than 5 MB"):
        fetch(url)


def test_a_server_that_does_not_answer_in_time_is_given_up(web):
    url = web.serve("/slow", "<p>late</p>", delay=3)
    started = time.monotonic()
    with pytest.raises(FetchError, match="no answer"):
        fetch(url, timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_a_refused_connection_says_so(web):
    url = web.url("/x")
    web.close()
    with pytest.raises(FetchError, match="refused the connection"):
        fetch(url)
