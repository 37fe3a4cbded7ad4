"""The one clock the pipeline reads (UTC), so every stage dates things alike."""

from __future__ import annotations

import datetime as dt


def now() -> dt.datetime:
    """The current time, in UTC."""
    return dt.datetime.now(dt.UTC)
