"""The serving process's feed clock: poll the followed feeds on a schedule, in a thread."""

from __future__ import annotations

import datetime as dt
import logging
import threading

from bot import pipeline
from bot.services import Services

logger = logging.getLogger(__name__)
CHECK_SECONDS = 60.0  # how often to look for a feed that is due: one small query


class FeedPoller:
    """Polls each followed feed every `every`, checking each `check` seconds for one that is
    due; several processes on one database poll each feed once (bot.store.feeds claims)."""

    def __init__(
        self, services: Services, every: dt.timedelta, *, check: float = CHECK_SECONDS
    ) -> None:
        self.services, self.every, self.check = services, every, check
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="feed-poller", daemon=True)

    def start(self) -> None:
        """Start polling in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the current poll."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout=self.check + 5)

    def tick(self) -> None:
        """Poll whatever feed is due now."""
        for poll in pipeline.poll_feeds(self.services, every=self.every):
            if poll.error:
                logger.warning("feed %s failed: %s", poll.url, poll.error)
            for rejected in poll.report.rejected:
                logger.warning("feed %s: skipped %s: %s", poll.url, rejected.path, rejected.reason)
            added = len(poll.report.added) + len(poll.report.replaced)
            logger.info("feed %s: %d new or changed articles", poll.url, added)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # the clock must keep going; the traceback goes to the log
                logger.exception("feed poll failed; trying again in %.0f s", self.check)
            self._stop.wait(self.check)
