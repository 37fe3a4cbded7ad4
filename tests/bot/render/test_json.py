"""The JSON contract of a timeline entry."""

from __future__ import annotations

import datetime as dt

from bot.records import ArticleRef, TimelineItem
from bot.render.json import timeline_dict

REF = ArticleRef(1, "Budget", "BBC", None, "/a.txt", None)


def test_a_timeline_entry_carries_its_status_expected_or_reported():
    vote = TimelineItem(dt.date(2005, 5, 1), "month", "May 2005", "A vote is expected.", REF,
                        (REF,), status="expected")  # fmt: skip
    assert timeline_dict(vote)["status"] == "expected"
    assert (
        timeline_dict(TimelineItem(dt.date(2004, 1, 1), "year", "2004", "Sales rose.", REF))[
            "status"
        ]
        is None
    )
