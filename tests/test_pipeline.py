"""The brief on the bundled seeds: retrieval, sections, citations and helpful errors."""

from __future__ import annotations

import dataclasses
import sqlite3
from pathlib import Path

import pytest

from bot import pipeline
from bot.errors import EmptyCorpus, EmptyQuery, NoMatches
from bot.index import persist
from bot.index.bm25 import build_segment
from bot.render import text as render_text
from bot.services import build_services
from bot.settings import Settings
from bot.store.articles import corpus_identity, corpus_version
from bot.store.passages import iter_passages

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


@pytest.mark.parametrize("search", ["hybrid", "bm25"])
def test_brief_has_three_sections_each_item_cited(seeded, search):
    services = build_services(dataclasses.replace(seeded.settings, search=search), nlp=seeded.nlp)
    brief = pipeline.make_brief("sanctions on British MPs", services)
    assert 3 <= len(brief.summary) <= 5
    assert brief.quotes and brief.timeline
    for item in (*brief.summary, *brief.quotes, *brief.timeline):
        assert item.article.title and item.article.path.endswith(".txt")
    # By meaning, a quote about UK-Taiwan contacts (UPI, whose speaker the article does not
    # name) joins; the quotes sharing the query's words all have their speakers.
    assert all(q.speaker for q in brief.quotes) or search == "hybrid"
    dates = [t.date for t in brief.timeline]
    assert dates == sorted(dates)
    services.close()


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
    assert {i.date.year for i in items} >= {2018, 2022, 2023}
    assert all(i.expression != "Aug. 30" for i in items)


@pytest.mark.parametrize(
    "query", ["human rights", "Iain Duncan Smith appeasement", "Cleverly visit to China"]
)
def test_seed_brief_no_longer_heads_its_timeline_with_the_1930s_parallels(seeded, query):
    timeline = pipeline.make_brief(query, seeded).timeline
    assert all(item.date.year != 1930 for item in timeline)


def test_seed_timeline_files_the_committee_report_under_no_year_of_the_review_it_answers(seeded):
    items = pipeline.build_timeline("integrated review Kearns committee", seeded)
    assert all("integrated review of 2021" not in item.text for item in items)


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


def test_the_same_fact_from_two_seed_outlets_is_one_summary_item_citing_both(seeded):
    brief = pipeline.make_brief("first visit by a foreign secretary in five years", seeded)
    top = brief.summary[0]
    assert top.text.startswith("It is the first visit to China by a UK foreign secretary")
    assert [a.path.rsplit("/", 1)[-1][:3] for a in top.also] == ["000"]
    assert all("Jeremy Hunt" not in item.text for item in brief.summary)


def test_follow_up_about_a_speaker_returns_only_her_quotes(seeded):
    from bot.records import Thread

    answer = pipeline.answer_followup(
        "what did Kearns say?", Thread("C1", "1", "human rights"), seeded
    )
    assert answer.followup.speaker == "Kearns" and answer.quotes
    assert {q.speaker for q in answer.quotes} == {"Alicia Kearns"}
    assert "espionage" in answer.quotes[0].text  # her quote on human rights comes first


def test_follow_up_for_someone_never_quoted_says_the_corpus_has_nothing(seeded):
    from bot.records import Thread

    answer = pipeline.answer_followup(
        "what did Nobody Atall say?", Thread("C1", "1", "human rights"), seeded
    )
    assert answer.quotes == () and answer.note == "The corpus has no quotes from Nobody Atall."


def test_when_was_that_gives_the_thread_topics_timeline(seeded):
    from bot.records import Thread

    answer = pipeline.answer_followup("when was that?", Thread("C1", "1", "human rights"), seeded)
    assert answer.followup.intent == "timeline"
    # The 1930s parallels and "a 2022 U.N. report" date nothing that happened then.
    assert [t.date.year for t in answer.timeline] == [2023]
    # "during Wednesday's meetings" in the undated UPI piece: placed only as an inference.
    assert [t.inferred for t in answer.timeline] == [True]


def test_digest_holds_the_articles_stored_in_its_window_only(seeded):
    import datetime as dt

    now = dt.datetime.now(dt.UTC)
    digest = pipeline.make_digest(now.date(), now - dt.timedelta(days=1), now, seeded)
    assert len(digest.articles) == 5 and all(a.lede for a in digest.articles)
    assert {q.speaker for q in digest.quotes} >= {"Alicia Kearns", "James Cleverly"}
    assert all(not q.partial for q in digest.quotes)
    assert pipeline.make_digest(now.date(), now, now + dt.timedelta(hours=1), seeded).empty


def test_seed_timeline_runs_from_hunts_2018_visit_to_2023_with_honest_precision(seeded):
    items = pipeline.build_timeline(None, seeded)
    shown = [(render_text.format_date(i.date, i.precision), i.inferred) for i in items]
    expected = [
        ("2018", False), ("2022", False), ("Sept 2022", False), ("Mar 2023", False),
        ("Mar 2023", True),
        ("week of 24 Apr 2023", False), ("week of 1 May 2023", False), ("4 May 2023", False),
        ("30 Aug 2023", True),
    ]  # fmt: skip
    assert [s for s in dict.fromkeys(shown)] == expected
    visit = [i for i in items if i.date.isoformat() == "2023-08-30"]
    assert visit and all("Aug. 30" in (i.evidence or "") for i in visit)


def test_the_visit_is_one_entry_merged_across_outlets_and_undated_ones_get_no_date(seeded):
    items = pipeline.build_timeline(None, seeded)
    [visit] = [i for i in items if i.expression == "on Wednesday"]
    assert [Path(s.path).name[:3] for s in visit.sources] == ["003", "004"]
    assert visit.article == visit.sources[0] and visit.inferred
    undated = {"000", "004"}
    own = [i for i in items if Path(i.article.path).name[:3] in undated]
    assert all(i.expression[-4:].isdigit() for i in own)  # explicit years only


def test_timeline_text_shows_precision_and_why_a_date_was_inferred(seeded):
    text = "\n".join(render_text.timeline_text(pipeline.build_timeline(None, seeded)))
    assert "Sept 2022" in text and "week of 24 Apr 2023" in text and "2018" in text
    assert "1930s" not in text
    assert "date inferred: dateline “Aug. 30”" in text


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


def test_a_speaker_search_matches_whole_words_not_letters_inside_names(seeded):
    # "Li" is inside "Alicia"; "%" would match every name if passed to LIKE unescaped.
    assert pipeline.find_quotes(None, "Li", seeded) == []
    assert pipeline.find_quotes(None, "%", seeded) == []
    assert {q.speaker for q in pipeline.find_quotes(None, "Kearns", seeded)} == {"Alicia Kearns"}


def test_a_follow_up_never_lists_the_same_quote_twice(seeded):
    from bot.records import Thread

    answer = pipeline.answer_followup(
        "what did Kearns say?", Thread("C1", "1", "human rights"), seeded
    )
    texts = [q.text for q in answer.quotes]
    assert len(texts) == len(set(texts))


def test_hostile_files_are_refused_one_by_one_and_the_good_article_is_stored(services, hostile):
    folder = hostile
    report = pipeline.ingest(
        [folder, folder / "fifo.txt", Path("/dev/zero")], services, progress=False
    )
    assert {Path(r.path).name: r.reason for r in report.rejected} == {
        "bang.md": "has no article text left after removing page debris",
        "bigint.json": "holds a number 5,000 characters long (at most 100)",
        "brackets.md": "has no article text left after removing page debris",
        "deep.json": "is nested too deeply (lists or objects hundreds of levels inside one "
        "another)",
        "fifo.txt": "is a named pipe (FIFO), not a file; only regular files are read",
        "zero": "is a character device, not a file; only regular files are read",
    }
    assert sorted(Path(k).name for k in report.added) == [
        "caf\\xe9.txt",
        "good.txt",
        "lone.json#record 1",
    ]
    assert pipeline.make_brief("Cleverly Wang Beijing", services).summary


def test_check_finds_rows_whose_article_is_gone_and_repair_deletes_them(corpus):
    corpus.index.current(corpus.sessions)
    assert pipeline.check(corpus).problems == []
    with sqlite3.connect(corpus.engine.url.database) as raw:  # foreign keys off: no cascade
        raw.execute("DELETE FROM articles WHERE id = (SELECT max(id) FROM articles)")
    found = pipeline.check(corpus)
    assert [(p.part, p.repairable) for p in found.problems] == [("store", True)]
    assert "sentences" in found.problems[0].text and "quotes" in found.problems[0].text
    repaired = pipeline.check(corpus, repair=True)
    assert repaired.problems == [] and repaired.repaired == found.problems
    assert repaired.indexed == repaired.sentences < found.sentences


def test_check_finds_an_index_saved_whole_but_with_other_terms(corpus):
    corpus.index.current(corpus.sessions)
    with corpus.sessions() as session:
        passages = list(iter_passages(session))
        version, owner = corpus_version(session), corpus_identity(session)
    passages[3] = (passages[3][0], [*passages[3][1], "fabricated"])
    folder = corpus.index.folder
    persist.save(folder, owner, version, (), build_segment(passages))  # checksums agree
    found = pipeline.check(corpus)
    assert [p.text for p in found.problems] == [
        "the terms indexed for some passages differ from the store's"
    ]
    assert pipeline.check(corpus, repair=True).problems == []
    restarted = build_services(corpus.settings, nlp=corpus.nlp)
    assert restarted.index.current(restarted.sessions).document_frequency("fabricated") == 0
    restarted.close()


def test_check_notes_an_index_behind_the_store_and_faults_one_ahead_of_it(corpus, write):
    corpus.index.current(corpus.sessions)
    database = Path(str(corpus.engine.url.database))
    backup = database.with_name("backup.sqlite3")
    with sqlite3.connect(database) as live, sqlite3.connect(backup) as copy:
        live.backup(copy)
    elsewhere = build_services(corpus.settings, nlp=corpus.nlp)
    elsewhere.index.folder = None  # a process whose index is not saved
    article = write("new.txt", "Envoys met in Geneva on Friday to discuss rare earth exports.")
    pipeline.ingest([article], elsewhere, progress=False)
    pipeline.catch_up_vectors(elsewhere)  # as its `ingest` command does
    elsewhere.close()
    behind = pipeline.check(corpus)
    assert behind.problems == [] and "the next question catches up" in behind.notes[0]
    corpus.index.current(corpus.sessions)  # catches up, and saves the index with the article
    with sqlite3.connect(backup) as copy, sqlite3.connect(database) as live:
        copy.backup(live)  # the database restored from the backup taken before it
    ahead = pipeline.check(corpus)
    assert [p.part for p in ahead.problems] == ["index"]
    assert "restored from a backup" in ahead.problems[0].text
    assert pipeline.check(corpus, repair=True).problems == []


def test_when_did_cleverly_visit_beijing_shows_the_august_meetings(seeded):
    brief = pipeline.make_brief("When did Cleverly visit Beijing?", seeded)
    dates = [t.date.isoformat() for t in brief.timeline]
    assert "2023-08-30" in dates and dates == sorted(dates)


def test_a_web_page_goes_in_with_its_url_and_a_changed_page_replaces_it(services, web, web_pages):
    html = (web_pages / "trade-talks.html").read_text(encoding="utf-8")
    url = web.serve("/world/talks", html)
    report = pipeline.ingest([url, web.url("/gone")], services, progress=False)
    assert report.added == [url]
    assert [(r.path, r.reason) for r in report.rejected] == [
        (web.url("/gone"), "the server answered 404 Not Found")
    ]
    brief = pipeline.make_brief("trade talks Beijing", services)
    cited = brief.summary[0].article
    assert cited.url == "https://harbourtimes.example/world/china/trade-talks-resume"
    assert (cited.source, str(cited.published)) == ("Harbour Times", "2023-05-06")
    assert pipeline.ingest([url], services, progress=False).unchanged == [url]
    web.serve("/world/talks", html.replace("three hours", "four hours"))
    assert pipeline.ingest([url], services, progress=False).replaced == [url]
