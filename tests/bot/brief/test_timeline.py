from __future__ import annotations

import datetime as dt

from bot.brief.timeline import merge_events
from bot.records import ArticleRef, Event, UnplacedEvent

VISIT = dt.date(2023, 8, 30)  # a Wednesday


def ref(n: int, published: dt.date | None = None) -> ArticleRef:
    return ArticleRef(n, f"Article {n}", None, published, f"/a/{n}.txt", None)


def event(text: str, people=(), date=VISIT, expression="on Wednesday") -> Event:
    return Event(date, "day", expression, text, 0, 0, 5, people=tuple(people))


def test_two_outlets_wording_one_meeting_differently_merge_on_date_and_people():
    a = event(
        "Cleverly met Han Zheng in Beijing on Wednesday for talks on trade and climate.",
        ["James Cleverly", "Han Zheng"],
    )
    b = event(
        "On Wednesday Mr Cleverly held talks with Han Zheng in Beijing, covering trade.",
        ["Mr Cleverly", "Han Zheng"],
    )
    items = merge_events([(ref(2, VISIT), b), (ref(1, VISIT), a)])
    assert [[s.id for s in i.sources] for i in items] == [[1, 2]]
    assert items[0].people == ("James Cleverly", "Han Zheng", "Mr Cleverly")


def test_same_day_events_in_one_article_stay_apart_even_with_a_shared_person():
    talks = event("Cleverly met Han Zheng in Beijing on Wednesday.", ["Cleverly", "Han Zheng"])
    report = event("A report published Wednesday overshadowed Cleverly's trip.", ["Cleverly"])
    items = merge_events([(ref(1), talks), (ref(1), report)])
    assert len(items) == 2


def test_same_date_and_person_but_a_different_story_is_a_different_entry():
    talks = event("Cleverly met Han Zheng in Beijing on Wednesday.", ["Cleverly", "Han Zheng"])
    other = event("Cleverly's committee appearance was cancelled, aides said.", ["Cleverly"])
    assert len(merge_events([(ref(1), talks), (ref(2), other)])) == 2


def test_an_undated_report_of_the_same_weekday_meeting_joins_as_a_source_only():
    talks = event("Cleverly met Han Zheng in Beijing on Wednesday.", ["Cleverly", "Han Zheng"])
    talks = Event(**{**talks.__dict__, "inferred": True, "evidence": "dateline “Aug. 30”"})
    undated = UnplacedEvent(
        "on Wednesday morning", "After meeting Mr Zheng on Wednesday morning, Mr Cleverly spoke.",
        3, 0, 9, ("Mr Zheng", "Mr Cleverly"),
    )  # fmt: skip
    [item] = merge_events([(ref(1), talks)], [(ref(2), undated)])
    assert ([s.id for s in item.sources], item.date, item.inferred) == ([1, 2], VISIT, True)
    assert "Article 2" in (item.evidence or "") and "cleverly, zheng" in (item.evidence or "")


def test_an_undated_report_sharing_one_name_or_matching_two_entries_is_left_out():
    talks = event("Cleverly met Han Zheng in Beijing on Wednesday.", ["Cleverly", "Han Zheng"])
    one_name = UnplacedEvent(
        "Wednesday", "Cleverly flew home on Wednesday.", 0, 0, 9, ("Cleverly",)
    )
    assert [len(i.sources) for i in merge_events([(ref(1), talks)], [(ref(2), one_name)])] == [1]
    week_later = event(
        "Cleverly met Han Zheng again on Wednesday.",
        ["Cleverly", "Han Zheng"],
        date=VISIT + dt.timedelta(days=7),
    )
    both = UnplacedEvent(
        "on Wednesday",
        "Mr Cleverly saw Han Zheng on Wednesday.",
        0,
        0,
        9,
        ("Cleverly", "Han Zheng"),
    )
    items = merge_events([(ref(1), talks), (ref(3), week_later)], [(ref(2), both)])
    assert [len(i.sources) for i in items] == [1, 1]


def test_the_brief_keeps_the_most_relevant_entries_and_shows_them_in_date_order():
    from bot.brief.timeline import most_relevant
    from bot.records import TimelineItem

    def item(day: int, score: float) -> TimelineItem:
        return TimelineItem(
            dt.date(2023, 1, day), "day", f"{day} Jan", f"e{day}", ref(1), score=score
        )

    items = [item(1, 0.5), item(2, 0.4), item(3, 3.0), item(4, 2.0)]
    assert [i.date.day for i in most_relevant(items, 2)] == [3, 4]
