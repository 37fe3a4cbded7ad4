"""The brief on the bundled seeds: retrieval, sections, citations and helpful errors."""

from __future__ import annotations

import pytest

from bot import pipeline
from bot.errors import EmptyCorpus, EmptyQuery, NoMatches
from bot.services import build_services
from bot.settings import Settings
from bot.store.articles import iter_passages

DEBRIS = ("Advertisement", "Latest Headlines", "03:26", "Photo by", "Picture by")


@pytest.mark.parametrize(
    ("query", "article_prefix"),
    [
        ("Huawei 5G", "002_"),
        ("Taiwan independent country report", "003_"),
        ("coronation", "001_"),
        ("artificial intelligence safety summit", "000_"),
        ("transnational repression", "004_"),
    ],
)
def test_a_query_finds_the_article_that_answers_it(seeded, query, article_prefix):
    brief = pipeline.make_brief(query, seeded)
    assert brief.summary[0].article.path.rsplit("/", 1)[-1].startswith(article_prefix)


def test_brief_has_three_sections_each_item_cited(seeded):
    brief = pipeline.make_brief("sanctions on British MPs", seeded)
    assert 3 <= len(brief.summary) <= 5
    assert brief.quotes and brief.timeline
    for item in (*brief.summary, *brief.quotes, *brief.timeline):
        assert item.article.title and item.article.path.endswith(".txt")
    assert all(q.speaker for q in brief.quotes)
    dates = [t.date for t in brief.timeline]
    assert dates == sorted(dates)


def test_no_summary_sentence_carries_web_debris(seeded):
    for query in (
        "Beijing talks",
        "Taiwan visit",
        "Great Hall of the People",
        "human rights",
        "Wang Yi",
    ):
        for item in pipeline.make_brief(query, seeded).summary:
            assert not any(d in item.text for d in DEBRIS), item.text


def test_human_rights_quotes_include_cleverly_and_kearns(seeded):
    brief_speakers = {q.speaker for q in pipeline.make_brief("human rights", seeded).quotes}
    assert "James Cleverly" in brief_speakers
    speakers = {q.speaker for q in pipeline.find_quotes("human rights", None, seeded)}
    assert {"James Cleverly", "Alicia Kearns"} <= speakers


def test_empty_query_asks_for_words(seeded):
    with pytest.raises(EmptyQuery, match="Type a few words"):
        pipeline.make_brief("   ", seeded)


def test_stopword_only_query_is_explained(seeded):
    with pytest.raises(EmptyQuery, match="only common words"):
        pipeline.make_brief("the of and", seeded)


def test_misspelt_query_suggests_the_name_and_the_corpus_topics(seeded):
    with pytest.raises(NoMatches) as caught:
        pipeline.make_brief("Taiwn", seeded)
    assert "Did you mean 'Taiwan'?" in str(caught.value)
    assert "China" in caught.value.suggestions


def test_empty_corpus_says_how_to_add_articles(services):
    with pytest.raises(EmptyCorpus, match="china-brief ingest"):
        pipeline.make_brief("China", services)


def test_quotes_by_speaker_surname_find_the_canonical_person(seeded):
    items = pipeline.find_quotes(None, "Kearns", seeded)
    assert items and {q.speaker for q in items} == {"Alicia Kearns"}


def test_whole_corpus_timeline_is_in_date_order_with_no_year_for_undated_datelines(seeded):
    items = pipeline.build_timeline(None, seeded)
    assert [i.date for i in items] == sorted(i.date for i in items)
    assert {i.date.year for i in items} >= {1930, 2015, 2018, 2019, 2021, 2022}
    assert all(i.expression != "Aug. 30" for i in items)


def test_index_follows_an_ingest_by_another_process(services, write):
    pipeline.ingest(
        [write("a.txt", "Officials in Beijing discussed trade on Monday.")],
        services,
        progress=False,
    )
    assert pipeline.make_brief("trade", services).summary
    with pytest.raises(NoMatches):
        pipeline.make_brief("semiconductor", services)
    pipeline.ingest(
        [write("b.txt", "Export controls on semiconductor equipment were tightened.")],
        services,
        progress=False,
    )
    assert pipeline.make_brief("semiconductor", services).summary


TWO_PROCESS_ARTICLES = {
    "a": "Beijing trade talks\n\nTrade ministers met in Beijing on Monday, officials said.",
    "b": 'Taiwan visit\n\n"We will not back down," the minister said on May 6, 2023.',
    "c": "Sanctions\n\nBeijing sanctioned nine British MPs in March 2021.\n\nLondon protested.",
}


def test_ingest_in_two_processes_stores_what_one_process_stores(tmp_path, nlp, write):
    paths = [write(f"{n}.txt", text) for n, text in TWO_PROCESS_ARTICLES.items()]
    stored = []
    for jobs in (1, 2):
        built = build_services(Settings(f"sqlite:///{tmp_path / f'jobs{jobs}.sqlite3'}"), nlp=nlp)
        pipeline.ingest(paths, built, progress=False, jobs=jobs)
        with built.sessions() as session:
            stored.append(list(iter_passages(session)))
        built.close()
    assert stored[0] == stored[1] and len(stored[0]) == 4
