from __future__ import annotations

import datetime as dt

import numpy as np

from bot.brief.compose import merge_events, summarise
from bot.records import ArticleRef, Event, Passage


def ref(n: int, published: dt.date | None = None) -> ArticleRef:
    return ArticleRef(n, f"Article {n}", None, published, f"/a/{n}.txt", None)


def passage(n: int, article: int, text: str, score: float) -> Passage:
    return Passage(n, ref(article), n, 0, len(text), text, score)


def test_near_duplicate_sentences_from_two_outlets_fold_into_one_with_both_sources():
    passages = [
        passage(
            1, 1, "Cleverly met Vice President Han Zheng at the Great Hall of the People.", 5.0
        ),
        passage(
            2, 2, "Cleverly met Vice-President Han Zheng in the Great Hall of the People.", 4.9
        ),
        passage(3, 3, "The committee published a report on Taiwan on Wednesday morning.", 4.0),
    ]
    items = summarise(passages)
    assert [i.text for i in items] == [passages[0].text, passages[2].text]
    assert [a.id for a in items[0].also] == [2]


def test_summary_takes_three_to_five_sentences_most_relevant_first():
    passages = [
        passage(n, n, f"Sentence number {n} talks about sanctions on MPs.", 10 - n)
        for n in range(8)
    ]
    # Distinct texts that share most words would fold; make each one different.
    passages = [
        passage(p.id, p.article.id, t, p.score)
        for p, t in zip(passages, [
            "Sanctions on British MPs were imposed by Beijing in 2021.",
            "The foreign secretary raised the sanctions during his visit.",
            "Kearns said the government lacked a credible strategy.",
            "Trade between the two countries passed 100 billion dollars.",
            "The committee report described Taiwan as an independent country.",
            "Han Zheng attended the coronation of King Charles in London.",
            "Cleverly insisted he had raised human rights at every meeting.",
            "Cop28 climate talks will be held in Dubai at the end of the year.",
        ], strict=True)
    ]  # fmt: skip
    items = summarise(passages)
    assert 3 <= len(items) <= 5
    assert [i.score for i in items] == sorted((i.score for i in items), reverse=True)


def test_fragments_and_quote_sentences_give_way_to_reporters_sentences():
    passages = [
        passage(1, 1, "“We raised sanctions at every meeting,” he said.", 9.0),
        passage(2, 1, "and sanctions", 8.0),
        passage(3, 2, "Beijing imposed sanctions on five British MPs in 2021.", 5.0),
        passage(4, 2, "The sanctions remain in place, officials said on Monday.", 4.0),
        passage(5, 3, "MPs asked the government to raise the sanctions with Beijing.", 3.0),
    ]
    texts = [i.text for i in summarise(passages)]
    assert texts == [passages[2].text, passages[3].text, passages[4].text]


def test_the_same_event_from_several_outlets_is_one_timeline_entry():
    met = Event(
        dt.date(2023, 8, 30), "day", "Wednesday", "Cleverly met Han Zheng on Wednesday.", 0, 0, 9
    )
    hunt = Event(dt.date(2018, 1, 1), "year", "2018", "Hunt visited Beijing in 2018.", 0, 0, 4)
    events = [
        (ref(2, dt.date(2023, 8, 31)), met),
        (ref(1, dt.date(2023, 8, 30)), met),
        (ref(3), hunt),
    ]
    timeline = merge_events(events)
    assert [(t.date.year, len(t.sources)) for t in timeline] == [(2018, 1), (2023, 2)]
    assert timeline[1].article.id == 1  # the earliest source leads


def test_a_quoted_phrase_repeated_inside_a_longer_quotation_is_listed_once():
    from bot.brief.compose import match_quotes
    from bot.records import Quote

    text = "Mr Balls said the rule would be met with a margin to spare, he told reporters."
    passages = [passage(1, 1, text, 3.0)]
    fragment = Quote("with a margin to spare", "Ed Balls", "Mr Balls", "said", True, 0, 0, 40)
    whole = Quote(
        "We will meet the golden rule with a margin to spare this year.",
        "Ed Balls", "he", "told", False, 0, 41, 80,
    )  # fmt: skip
    found = match_quotes(passages, [(ref(1), fragment), (ref(1), whole)])
    assert [q.text for q in found] == [whole.text]


def test_with_meanings_the_summary_covers_another_point_before_a_rewording_of_the_first():
    said = "The bank plans to cut 1,200 posts in Germany by the end of the year."
    again = "Some 1,200 jobs will go at the German lender before the year is out."
    other = "Its profits rose by a fifth to four billion euros in the last quarter."
    filler = "The chairman said the board would meet again in the spring to decide."
    passages = [
        passage(1, 1, said, 5.0), passage(2, 2, again, 4.8), passage(3, 3, other, 4.0),
        passage(4, 4, filler, 3.9),
    ]  # fmt: skip
    closeness = {(1, 2): 0.95}  # the two wordings of one fact; every other pair unrelated

    def similar(ids):
        return np.array([[1.0 if a == b else closeness.get((min(a, b), max(a, b)), 0.1)
                          for b in ids] for a in ids])  # fmt: skip

    by_score = [i.text for i in summarise(passages, limit=2)]
    by_meaning = [i.text for i in summarise(passages, limit=2, similar=similar)]
    assert by_score == [said, again]
    assert by_meaning == [said, other]


def test_a_quotations_later_sentences_give_way_to_reporters_sentences_too():
    from bot.brief.compose import compose_brief
    from bot.records import Quote

    words = "I am consistent in my approach and I will raise it every time we meet."
    said = "Cleverly said he raised human rights at every meeting in Beijing."
    quote_text = f"So this will continue to be an area of discussion. {words}"
    inner = Passage(1, ref(1), 1, 52, 52 + len(words), words, 9.0)
    passages = [
        inner,
        passage(2, 2, said, 5.0),
        passage(3, 3, "Human rights groups urged him to raise the issue in Beijing.", 4.0),
        passage(4, 4, "The talks in Beijing covered trade, climate and human rights.", 3.0),
    ]
    quote = Quote(quote_text, "James Cleverly", "he", "said", False, 0, 1, 1 + len(quote_text))
    brief = compose_brief("human rights", passages, [(ref(1), quote)], [])
    assert words not in [item.text for item in brief.summary]
