"""Following feeds: `pipeline.poll_feeds` against real feeds and pages on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
from concurrent.futures import ThreadPoolExecutor
from email.utils import format_datetime

import pytest

from bot import pipeline
from bot.services import build_services
from bot.settings import Settings
from bot.store import feeds as followed
from bot.store.articles import list_articles
from tests.conftest import WebAnswer, WebRequest

STORIES = {
    "/news/tariffs": (
        "China cuts tariffs on British whisky",
        "China will cut tariffs on British whisky from next month, its commerce ministry said on "
        "Tuesday, in a gesture towards the resumed trade talks with London.",
    ),
    "/news/students": (
        "Chinese student numbers at UK universities fall",
        "The number of Chinese students starting courses at British universities fell for a "
        "second year, figures from the admissions service showed on Wednesday.",
    ),
    "/news/embassy": (
        "Planning decision on new Chinese embassy delayed again",
        "A decision on China's plans for a new embassy at the Royal Mint Court site in London has "
        "been delayed again, the local council said on Thursday evening.",
    ),
}

HALF_A_FEED = "<?xml version='1.0'?><rss><channel><item><title>Half"


def story_page(title: str, lede: str) -> str:
    """A realistic article page that states no date of its own: the feed's date fills it."""
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | Harbour Times</title><meta property="og:site_name" content="Harbour Times">
</head><body><nav><a href="/">Home</a> <a href="/world">World</a> <a href="/login">Log in</a></nav>
<article><h1>{title}</h1><p class="byline">By Li Wei</p><p>{lede}</p>
<p>Officials on both sides described the step as modest but said more could follow before the
end of the year, depending on the outcome of the next round of talks.</p>
<p>Business groups welcomed the news and urged both governments to keep talking.</p></article>
<footer>© 2024 Harbour Times · <a href="/privacy">Privacy</a></footer></body></html>"""


def rss(web, paths: list[str], *, title: str = "Harbour Times: China") -> str:
    items = []
    for number, path in enumerate(paths):
        when = dt.datetime(2023, 5, 2 + number, 8, 0, tzinfo=dt.UTC)
        items.append(
            f"<item><title>{STORIES[path][0]}</title><link>{web.url(path)}</link>"
            f'<guid isPermaLink="false">ht-{path.rsplit("/", 1)[1]}</guid>'
            f"<pubDate>{format_datetime(when)}</pubDate></item>"
        )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{title}</title><link>{web.base}</link><description>News</description>"
        + "".join(items)
        + "</channel></rss>"
    )


def conditional(body: str, etag: str):
    """A feed answer that honours If-None-Match, as real servers do."""

    def answer(request: WebRequest) -> WebAnswer:
        if request.headers.get("If-None-Match") == etag:
            return WebAnswer(status=304)
        return WebAnswer(body, content_type="application/rss+xml", headers={"ETag": etag})

    return answer


@pytest.fixture
def newsroom(web):
    for path, (title, lede) in STORIES.items():
        web.serve(path, story_page(title, lede))
    return web


def follow(services, url: str) -> None:
    with services.sessions.begin() as session:
        assert followed.add_feed(session, url, dt.datetime.now(dt.UTC))


def stored(services) -> dict[str, tuple[str | None, str]]:
    with services.sessions() as session:
        return {a.url or a.path: (str(a.published), a.title) for a in list_articles(session)}


def test_a_poll_stores_every_item_with_its_url_and_the_feeds_date(services, newsroom):
    feed = newsroom.serve("/feed.xml", rss(newsroom, ["/news/tariffs", "/news/students"]),
                          content_type="application/rss+xml")  # fmt: skip
    follow(services, feed)
    [poll] = pipeline.poll_feeds(services)
    assert poll.error is None and (poll.items, poll.known) == (2, 0)
    assert stored(services) == {
        newsroom.url("/news/students"): ("2023-05-03", STORIES["/news/students"][0]),
        newsroom.url("/news/tariffs"): ("2023-05-02", STORIES["/news/tariffs"][0]),
    }
    with services.sessions() as session:
        [state] = followed.list_feeds(session)
    assert state.title == "Harbour Times: China" and state.failures == 0


def test_a_second_poll_fetches_no_known_page_again_and_a_new_item_arrives(services, newsroom):
    paths = ["/news/tariffs", "/news/students"]
    newsroom.pages["/feed.xml"] = conditional(rss(newsroom, paths), '"v1"')
    follow(services, newsroom.url("/feed.xml"))
    pipeline.poll_feeds(services)
    [again] = pipeline.poll_feeds(services)
    assert again.not_modified and again.error is None
    assert newsroom.fetched("/feed.xml")[1].headers["If-None-Match"] == '"v1"'
    newsroom.pages["/feed.xml"] = conditional(rss(newsroom, [*paths, "/news/embassy"]), '"v2"')
    [third] = pipeline.poll_feeds(services)
    assert (third.items, third.known) == (3, 2)
    assert third.report.added == [newsroom.url("/news/embassy")]
    for path in paths:
        assert len(newsroom.fetched(path)) == 1, path
    assert len(stored(services)) == 3


def test_an_item_already_stored_under_its_url_is_not_fetched(services, newsroom):
    pipeline.ingest([newsroom.url("/news/tariffs")], services, progress=False)
    feed = newsroom.serve("/feed.xml", rss(newsroom, ["/news/tariffs"]))
    follow(services, feed)
    [poll] = pipeline.poll_feeds(services)
    assert (poll.items, poll.known) == (1, 1) and len(newsroom.fetched("/news/tariffs")) == 1


def test_a_changed_entry_fetches_its_page_again_and_replaces_the_article(services, newsroom):
    body = rss(newsroom, ["/news/tariffs"])
    feed = newsroom.serve("/feed.xml", body)
    follow(services, feed)
    pipeline.poll_feeds(services)
    title, lede = STORIES["/news/tariffs"]
    newsroom.serve("/news/tariffs", story_page(title, lede.replace("next month", "1 July")))
    stamp = '<a:updated xmlns:a="http://www.w3.org/2005/Atom">2023-05-09T10:00:00Z</a:updated>'
    newsroom.serve("/feed.xml", body.replace("</guid>", "</guid>" + stamp))
    [poll] = pipeline.poll_feeds(services)
    assert poll.report.replaced == [newsroom.url("/news/tariffs")]


@pytest.mark.parametrize(
    ("answer", "reason"),
    [
        (WebAnswer("<rss>", delay=2.0), "no answer"),
        (WebAnswer("oops", status=500, content_type="text/plain"), "the server answered 500"),
        (WebAnswer(HALF_A_FEED, content_type="application/rss+xml"), "not well-formed XML"),
    ],
    ids=["timeout", "500", "malformed"],
)  # fmt: skip
def test_a_failing_feed_is_reported_backs_off_and_the_others_still_arrive(
    services, newsroom, answer, reason
):
    newsroom.pages["/broken.xml"] = answer
    follow(services, newsroom.url("/broken.xml"))
    follow(services, newsroom.serve("/feed.xml", rss(newsroom, ["/news/tariffs"])))
    broken, good = pipeline.poll_feeds(services, timeout=0.5)
    assert reason in (broken.error or "") and broken.retry_at is not None
    assert good.error is None and good.report.added == [newsroom.url("/news/tariffs")]
    [again] = pipeline.poll_feeds(services, timeout=0.5)  # the broken one is backing off
    assert again.url == newsroom.url("/feed.xml")
    with services.sessions() as session:
        states = {f.url: f for f in followed.list_feeds(session)}
    assert states[broken.url].failures == 1 and reason in (states[broken.url].last_error or "")
    assert len(stored(services)) == 1


def test_a_failing_item_page_is_reported_and_tried_again_at_the_next_poll(services, newsroom):
    feed = rss(newsroom, ["/news/tariffs", "/news/students"])
    newsroom.pages["/feed.xml"] = conditional(feed, '"v1"')
    newsroom.serve("/news/students", "down", status=503, content_type="text/plain")
    follow(services, newsroom.url("/feed.xml"))
    [poll] = pipeline.poll_feeds(services)
    assert [r.path for r in poll.report.rejected] == [newsroom.url("/news/students")]
    title, lede = STORIES["/news/students"]
    newsroom.serve("/news/students", story_page(title, lede))
    [again] = pipeline.poll_feeds(services)  # validators were not kept: the feed is read whole
    assert not again.not_modified and again.report.added == [newsroom.url("/news/students")]
    assert len(newsroom.fetched("/news/tariffs")) == 1


def test_ingesting_a_feed_url_ingests_every_items_page(services, newsroom):
    feed = newsroom.serve("/feed.xml", rss(newsroom, list(STORIES)), content_type="text/xml")
    report = pipeline.ingest([feed], services, progress=False)
    assert sorted(report.added) == sorted(newsroom.url(path) for path in STORIES)
    assert stored(services)[newsroom.url("/news/embassy")][0] == "2023-05-04"


def test_an_atom_feed_is_read_as_well(services, newsroom):
    entries = "".join(
        f"<entry><title>{title}</title><link href='{newsroom.url(path)}'/>"
        f"<id>tag:harbourtimes.example,2023:{path}</id><updated>2023-06-0{n}T12:00:00Z</updated>"
        "</entry>"
        for n, (path, (title, _)) in enumerate(STORIES.items(), start=1)
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        "<title>Harbour Times</title><id>urn:ht</id><updated>2023-06-03T12:00:00Z</updated>"
        f"{entries}</feed>"
    )
    follow(services, newsroom.serve("/atom.xml", atom, content_type="application/atom+xml"))
    [poll] = pipeline.poll_feeds(services)
    assert len(poll.report.added) == 3
    assert stored(services)[newsroom.url("/news/students")][0] == "2023-06-02"


def test_on_a_schedule_a_feed_is_polled_again_only_when_its_interval_has_passed(services, newsroom):
    follow(services, newsroom.serve("/feed.xml", rss(newsroom, ["/news/tariffs"])))
    every = dt.timedelta(minutes=15)
    assert len(pipeline.poll_feeds(services, every=every)) == 1
    assert pipeline.poll_feeds(services, every=every) == []  # polled a moment ago
    assert len(pipeline.poll_feeds(services, every=dt.timedelta(0))) == 1


def test_a_claimed_feed_is_not_claimed_again_until_released_or_its_lease_runs_out(services):
    follow(services, "http://127.0.0.1:9/feed.xml")
    now = dt.datetime.now(dt.UTC)
    with services.sessions.begin() as session:
        [feed] = followed.list_feeds(session)
        assert followed.claim_feed(session, feed.id, "a", now)
        assert not followed.claim_feed(session, feed.id, "b", now)
        later = now + followed.LEASE + dt.timedelta(seconds=1)
        assert followed.claim_feed(session, feed.id, "b", later)  # "a" died holding it
        followed.release_feed(session, feed.id, "a")  # too late: "b" holds it now
        assert not followed.claim_feed(session, feed.id, "c", later)
        followed.release_feed(session, feed.id, "b")
        assert followed.claim_feed(session, feed.id, "c", later)


def test_processes_polling_together_poll_each_feed_once(services, newsroom, tmp_path, nlp):
    for name in ("a", "b", "c"):
        newsroom.pages[f"/{name}.xml"] = WebAnswer(
            rss(newsroom, ["/news/tariffs"]), content_type="application/rss+xml", delay=0.3
        )
        follow(services, newsroom.url(f"/{name}.xml"))
    other = build_services(Settings(f"sqlite:///{tmp_path / 'brief.sqlite3'}"), nlp=nlp)
    every = dt.timedelta(minutes=15)
    try:
        with ThreadPoolExecutor(2) as pool:
            runs = list(pool.map(lambda s: pipeline.poll_feeds(s, every=every), [services, other]))
    finally:
        other.close()
    assert sorted(p.url for run in runs for p in run) == [
        newsroom.url(f"/{name}.xml") for name in ("a", "b", "c")
    ]
    for name in ("a", "b", "c"):
        assert len(newsroom.fetched(f"/{name}.xml")) == 1


def test_an_item_taken_out_with_remove_is_not_fetched_or_stored_again(services, newsroom):
    tariffs = newsroom.url("/news/tariffs")
    newsroom.pages["/feed.xml"] = conditional(rss(newsroom, ["/news/tariffs"]), '"v1"')
    follow(services, newsroom.url("/feed.xml"))
    pipeline.poll_feeds(services)
    pipeline.remove([tariffs], services)
    newsroom.pages["/feed.xml"] = conditional(rss(newsroom, ["/news/tariffs"]), '"v2"')
    [again] = pipeline.poll_feeds(services)
    assert (again.known, again.report.added) == (1, [])
    # Another feed carrying the same story: fetched once, withheld, and never again.
    newsroom.pages["/mirror.xml"] = conditional(rss(newsroom, ["/news/tariffs"]), '"m1"')
    follow(services, newsroom.url("/mirror.xml"))
    _, mirror = pipeline.poll_feeds(services)
    assert mirror.report.withheld == [tariffs] and not mirror.report.added
    _, mirror_again = pipeline.poll_feeds(services)
    assert mirror_again.not_modified and len(newsroom.fetched("/news/tariffs")) == 2
    assert stored(services) == {}


def test_an_item_page_failing_three_polls_in_a_row_is_given_up_on(services, newsroom):
    newsroom.serve("/news/students", "gone", status=404, content_type="text/plain")
    feed = rss(newsroom, ["/news/tariffs", "/news/students"])
    newsroom.pages["/feed.xml"] = conditional(feed, '"v1"')
    follow(services, newsroom.url("/feed.xml"))
    polls = [pipeline.poll_feeds(services)[0] for _ in range(4)]
    assert [p.given_up for p in polls] == [[], [], [newsroom.url("/news/students")], []]
    assert polls[3].not_modified  # nothing left to retry: the validators were kept
    assert len(newsroom.fetched("/news/students")) == 3
    assert len(newsroom.fetched("/news/tariffs")) == 1
