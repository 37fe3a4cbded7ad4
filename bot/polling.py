"""The serving process's clocks, each in a thread: poll the followed feeds on a schedule, and
embed the passages ingest left without a sentence vector."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from bot import pipeline
from bot.services import Services

logger = logging.getLogger(__name__)
CHECK_SECONDS = 60.0  # how often to look for a feed that is due: one small query
CATCH_UP_SECONDS = 30.0  # how often to look for passages without a vector: a set difference


class _Clock:
    """Calls `tick` every `check` seconds in a daemon thread until stopped; a failing tick is
    logged with its traceback and tried again at the next."""

    name = "clock"
    wait_first = False  # True: the first tick comes after one wait, not at start

    def __init__(self, check: float) -> None:
        self.check = check
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name=self.name, daemon=True)

    def start(self) -> None:
        """Start ticking in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the current tick."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.check + 5)

    def tick(self) -> object:
        raise NotImplementedError

    def _loop(self) -> None:
        if self.wait_first and self._stop.wait(self.check):
            return
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # the clock must keep going; the traceback goes to the log
                logger.exception("%s failed; trying again in %.0f s", self.name, self.check)
            self._stop.wait(self.check)


class FeedPoller(_Clock):
    """Polls each followed feed every `every`, checking each `check` seconds for one that is
    due; several processes on one database poll each feed once (bot.store.feeds claims)."""

    name = "feed-poller"

    def __init__(
        self, services: Services, every: dt.timedelta, *, check: float = CHECK_SECONDS
    ) -> None:
        super().__init__(check)
        self.services, self.every = services, every

    def tick(self) -> None:
        """Poll whatever feed is due now."""
        for poll in pipeline.poll_feeds(self.services, every=self.every):
            if poll.error:
                logger.warning("feed %s failed: %s", poll.url, poll.error)
            for rejected in poll.report.rejected:
                logger.warning("feed %s: skipped %s: %s", poll.url, rejected.path, rejected.reason)
            added = len(poll.report.added) + len(poll.report.replaced)
            logger.info("feed %s: %d new or changed articles", poll.url, added)


class VectorCatchUp(_Clock):
    """Embeds, every `check` seconds, the passages that have no sentence vector yet (stored
    by an ingest, a feed poll, another process); processes on one machine share the vectors
    folder and take turns (bot.live_vectors), so each passage is embedded once per machine."""

    name = "vector-catch-up"
    wait_first = True  # the start-up's CPU goes to loading what answering needs

    def __init__(self, services: Services, *, check: float = CATCH_UP_SECONDS) -> None:
        super().__init__(check)
        self.services = services

    def tick(self) -> int | None:
        """Embed whatever has no vector now (stopping between chunks once told to stop); how
        many, None if another process is at it."""
        embedded = pipeline.catch_up_vectors(self.services, stop=self._stop)
        if embedded:
            logger.info("embedded %d passages that had no sentence vector", embedded)
        return embedded
