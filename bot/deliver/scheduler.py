"""The serving process's clock: post due digests every tick, in a background thread."""

from __future__ import annotations

import datetime as dt
import logging
import threading
from collections.abc import Callable

from slack_sdk import WebClient

from bot.deliver.digests import post_due
from bot.services import Services
from bot.store.threads import forget_events_before

logger = logging.getLogger(__name__)
TICK_SECONDS = 30.0
KEEP_EVENT_IDS = dt.timedelta(days=1)  # Slack retries within minutes; a day is plenty


def _utcnow() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DigestScheduler:
    """Runs `tick()` every TICK_SECONDS until stopped; safe with several processes running."""

    def __init__(
        self,
        services: Services,
        client: WebClient,
        *,
        every: float = TICK_SECONDS,
        clock: Callable[[], dt.datetime] = _utcnow,
    ) -> None:
        self.services, self.client, self.every, self.clock = services, client, every, clock
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="digest-scheduler", daemon=True)

    def start(self) -> None:
        """Start ticking in the background."""
        self._thread.start()

    def stop(self) -> None:
        """Stop after the current tick."""
        self._stop.set()
        self._thread.join(timeout=self.every + 5)

    def tick(self) -> None:
        """Post whatever is due now and forget old event ids."""
        now = self.clock()
        for outcome in post_due(self.services, self.client, now):
            logger.info("digest %s %s: %s", outcome.channel, outcome.day, outcome.status)
        with self.services.sessions.begin() as session:
            forget_events_before(session, now - KEEP_EVENT_IDS)

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                self.tick()
            except Exception:  # the clock must keep going; the traceback goes to the log
                logger.exception("digest tick failed; trying again in %.0f s", self.every)
            self._stop.wait(self.every)
