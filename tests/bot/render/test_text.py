from __future__ import annotations

import datetime as dt
from dataclasses import replace

from bot.records import ArticleRef, TimelineItem
from bot.render.text import timeline_text


def item(date: dt.date, precision: str, text: str) -> TimelineItem:
    ref = ArticleRef(1, "Talks", "UPI", None, "/a.txt", None)
    return TimelineItem(date, precision, "x", text, ref, (ref,))  # type: ignore[arg-type]


def test_timeline_column_fits_the_longest_date_so_every_entry_lines_up():
    lines = timeline_text(
        [
            item(dt.date(2018, 1, 1), "year", "Hunt visited Beijing."),
            item(dt.date(2023, 4, 24), "week", "Cleverly gave a speech to business leaders."),
        ]
    )
    text_columns = {
        line.index(marker) for line, marker in zip(lines[::2], ("Hunt", "Cleverly"), strict=True)
    }
    assert len(text_columns) == 1  # both texts start in the same column
    assert lines[2].startswith("week of 24 Apr 2023  Cleverly")
    assert lines[1].index("“Talks”") == lines[3].index("“Talks”")


def test_an_expected_event_is_marked_expected_beside_its_date():
    expected = replace(item(dt.date(2006, 1, 1), "year", "A referendum could be held."),
                       status="expected")  # fmt: skip
    lines = timeline_text([item(dt.date(2004, 1, 1), "year", "Profits rose."), expected])
    assert lines[0].lstrip().startswith("2004  Profits rose.")
    assert lines[2].startswith("2006 (expected)  A referendum")
