"""Web pages, saved as .html files or fetched from a real local server, → articles."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.ingest import read_articles
from bot.records import Rejected, SourceText


def read(*targets: Path | str) -> list[SourceText | Rejected]:
    return list(read_articles(targets))


def test_a_saved_page_gives_its_story_title_byline_site_canonical_url_and_date(web_pages):
    (article,) = read(web_pages / "trade-talks.html")
    assert isinstance(article, SourceText)
    assert article.title == "Britain and China resume trade talks after five-year pause"
    assert (article.byline, article.source) == ("Jane Doe", "Harbour Times")
    assert article.url == "https://harbourtimes.example/world/china/trade-talks-resume"
    assert article.published == dt.date(2023, 5, 6)  # published, not modified on the 8th
    assert article.text.startswith("Britain and China agreed on Thursday")
    assert article.text.endswith("said Iain Duncan Smith, a former Conservative leader.")


def test_navigation_ads_asides_captions_and_footers_stay_out_of_the_text(web_pages):
    (article,) = read(web_pages / "trade-talks.html")
    assert isinstance(article, SourceText)
    debris = "cookies|Subscribe|Advertisement|Read more|whisky|Most read|Storm batters"
    for words in (debris + "|Photo: Reuters|Privacy|All rights reserved").split("|"):
        assert words not in article.text, words
    assert article.text.count("\n\n") == 3  # four paragraphs, as written


def test_json_ld_gives_the_date_author_and_publisher(web_pages):
    (article,) = read(web_pages / "export-controls.html")
    assert isinstance(article, SourceText)
    assert article.published == dt.date(2023, 6, 30)
    assert (article.byline, article.source) == ("Pieter de Vries", "Lowland Wire")
    assert "Share this article" not in article.text


def test_a_page_that_states_no_date_stays_undated_whatever_its_copyright_line_says(web_pages):
    (article,) = read(web_pages / "undated-blog.html")
    assert isinstance(article, SourceText)
    assert article.published is None  # not 1 January 2024 from "Copyright 2024", nor today
    assert (article.byline, article.source) == ("Amina Otieno", "Corridor Notes")


def test_a_folder_of_pages_is_read_with_the_other_files(web_pages):
    items = read(web_pages)
    assert len(items) == 3 and all(isinstance(i, SourceText) for i in items)


def test_a_page_with_no_story_in_it_is_reported(write):
    page = write("empty.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    (item,) = read(page)
    assert isinstance(item, Rejected) and "no article text" in item.reason


def test_a_page_in_latin_1_is_read_by_its_own_charset(write, web_pages):
    html = (web_pages / "undated-blog.html").read_text(encoding="utf-8")
    html = html.replace('charset="utf-8"', 'charset="iso-8859-1"').replace("Otieno", "Otiéno")
    (article,) = read(write("latin.html", html.encode("iso-8859-1")))
    assert isinstance(article, SourceText) and article.byline == "Amina Otiéno"


def test_a_url_is_fetched_and_keyed_by_its_address(web, web_pages):
    url = web.serve("/news/talks", (web_pages / "trade-talks.html").read_bytes())
    (article,) = read(url)
    assert isinstance(article, SourceText)
    assert article.key == url and article.path == url
    assert article.url == "https://harbourtimes.example/world/china/trade-talks-resume"
    assert article.published == dt.date(2023, 5, 6)
    assert web.fetched("/news/talks")[0].headers["User-Agent"].startswith("china-brief/")


def test_a_page_without_a_canonical_url_is_cited_by_the_address_it_came_from(web, web_pages):
    url = web.serve("/tech/chips", (web_pages / "export-controls.html").read_bytes())
    (article,) = read(url)
    assert isinstance(article, SourceText) and article.url == url


def test_a_failing_page_is_reported_by_url_and_the_others_still_arrive(web, web_pages):
    good = web.serve("/good", (web_pages / "trade-talks.html").read_bytes())
    items = read(
        web.url("/missing"),
        web.serve("/broken", "oops", status=500, content_type="text/plain"),
        web.serve("/report.pdf", b"%PDF-1.4", content_type="application/pdf"),
        good,
    )
    rejected = {i.path: i.reason for i in items if isinstance(i, Rejected)}
    assert rejected == {
        web.url("/missing"): "the server answered 404 Not Found",
        web.url("/broken"): "the server answered 500 Internal Server Error",
        web.url("/report.pdf"): "is not a web page (the server sent application/pdf)",
    }
    assert [i.key for i in items if isinstance(i, SourceText)] == [good]


def blog_with(line: str, web_pages: Path) -> str:
    html = (web_pages / "undated-blog.html").read_text(encoding="utf-8")
    return html.replace(
        '<p class="author">By Amina Otieno</p>', f'<p class="author">By Amina Otieno</p>{line}'
    )


@pytest.mark.parametrize(
    ("line", "published"),
    [
        ("<p>Published: May 6, 2023 at 9:30am</p>", dt.date(2023, 5, 6)),
        ("<p>First published on Saturday 6 May 2023 09.30 BST</p>", dt.date(2023, 5, 6)),
        ("<p>Posted <b>6 May 2023</b></p>", dt.date(2023, 5, 6)),
        ("<p>Last updated 8 May 2023</p>", None),  # an update is not the publication date
        ("<p>Published 2 hours ago</p>", None),
    ],
)
def test_a_visible_published_line_dates_a_page_whose_markup_does_not(
    write, web_pages, line, published
):
    (article,) = read(write("blog.html", blog_with(line, web_pages)))
    assert isinstance(article, SourceText) and article.published == published
