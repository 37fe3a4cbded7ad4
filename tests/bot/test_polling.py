"""The serving process's feed clock, against a real feed on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import shutil
import time

from bot.polling import FeedPoller, VectorCatchUp
from bot.services import build_services
from bot.store import feeds as followed
from bot.store.articles import list_articles


def test_the_poller_polls_a_followed_feed_in_the_background_and_stops(services, web, one_item_feed):
    feed, page = one_item_feed
    with services.sessions.begin() as session:
        followed.add_feed(session, feed, dt.datetime.now(dt.UTC))
    poller = FeedPoller(services, dt.timedelta(minutes=15), check=0.1)
    poller.start()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            with services.sessions() as session:
                if list_articles(session):
                    break
            time.sleep(0.1)
        time.sleep(0.5)  # a few more checks: the feed is not due again for 15 minutes
    finally:
        poller.stop()
    with services.sessions() as session:
        assert [a.url for a in list_articles(session)] == [page]
    assert len(web.fetched("/feed.xml")) == 1


def test_serve_catch_up_embeds_what_ingest_left_and_stops(corpus):
    shutil.rmtree(corpus.vectors.folder)  # as an ingest leaves them, or a database from before
    serving = build_services(corpus.settings, nlp=corpus.nlp, encoder=corpus.encoder)
    index = serving.index.current(serving.sessions)
    embedder = VectorCatchUp(serving, check=0.1)
    embedder.start()
    try:
        deadline = time.monotonic() + 60
        while len(serving.vectors.missing(index, serving.sessions)) and time.monotonic() < deadline:
            time.sleep(0.1)
    finally:
        embedder.stop()
    assert not len(serving.vectors.missing(index, serving.sessions))
    assert embedder.tick() == 0  # each passage once
    serving.close()
