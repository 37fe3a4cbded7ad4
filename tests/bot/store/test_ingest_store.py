"""Storing articles: idempotent, replacing, and all-or-nothing per article."""

from __future__ import annotations

from sqlalchemy import func, select, text, update

from bot import pipeline
from bot.nlp.annotate import RULES_VERSION
from bot.store.articles import corpus_stats, list_articles
from bot.store.schema import ArticleRow, QuoteRow, SentenceRow

ARTICLE = (
    "date 2023-05-06\nForeign Secretary James Cleverly met Vice-President Han Zheng in London.\n\n"
    "“We discussed climate change and trade in detail,” Cleverly said."
)


def counts(services) -> tuple[int, int, int]:
    with services.sessions() as s:
        return (
            s.scalar(select(func.count(ArticleRow.id))),
            s.scalar(select(func.count(SentenceRow.id))),
            s.scalar(select(func.count(QuoteRow.id))),
        )


def test_ingesting_the_same_file_twice_changes_nothing(services, write):
    path = write("a.txt", ARTICLE)
    first = pipeline.ingest([path], services, progress=False)
    before = counts(services)
    second = pipeline.ingest([path], services, progress=False)
    assert len(first.added) == 1 and second.unchanged == first.added and not second.added
    assert counts(services) == before


def test_a_changed_file_replaces_its_old_version(services, write):
    path = write("a.txt", ARTICLE)
    pipeline.ingest([path], services, progress=False)
    path.write_text(ARTICLE.replace("London", "Beijing"), encoding="utf-8")
    report = pipeline.ingest([path], services, progress=False)
    assert len(report.replaced) == 1
    with services.sessions() as s:
        texts = s.scalars(select(SentenceRow.text)).all()
    assert any("Beijing" in t for t in texts) and not any("London" in t for t in texts)
    assert counts(services)[0] == 1


def test_the_same_text_under_another_name_is_a_duplicate(services, write):
    pipeline.ingest([write("a.txt", ARTICLE)], services, progress=False)
    report = pipeline.ingest([write("copy.txt", ARTICLE)], services, progress=False)
    assert len(report.duplicates) == 1 and counts(services)[0] == 1


def test_a_malformed_file_is_skipped_and_the_others_go_in(services, write):
    good = write("good.txt", ARTICLE)
    bad = write("bad.json", "{oops")
    report = pipeline.ingest([good, bad], services, progress=False)
    assert len(report.added) == 1
    assert [r.path for r in report.rejected] == [str(bad.resolve())]


def test_a_failure_while_storing_leaves_nothing_half_written(services, write):
    # A real database error half-way through the article's rows (after the article and
    # its sentences are inserted): the whole article must roll back.
    with services.engine.begin() as conn:
        conn.execute(text(
            "CREATE TRIGGER refuse_quotes BEFORE INSERT ON quotes "
            "WHEN NEW.text LIKE '%climate%' BEGIN SELECT RAISE(ABORT, 'refused'); END"
        ))  # fmt: skip
    fine = write("fine.txt", "Officials met in Beijing on Wednesday for talks on trade.")
    report = pipeline.ingest([write("a.txt", ARTICLE), fine], services, progress=False)
    assert [r.reason for r in report.rejected] == [
        "could not be stored (the database said: refused)"
    ]
    assert len(report.added) == 1
    assert counts(services) == (1, 1, 0)


def test_a_failed_article_goes_in_on_the_next_run(services, write):
    with services.engine.begin() as conn:
        conn.execute(text(
            "CREATE TRIGGER refuse_quotes BEFORE INSERT ON quotes "
            "BEGIN SELECT RAISE(ABORT, 'refused'); END"
        ))  # fmt: skip
    path = write("a.txt", ARTICLE)
    assert pipeline.ingest([path], services, progress=False).rejected
    with services.engine.begin() as conn:
        conn.execute(text("DROP TRIGGER refuse_quotes"))
    assert len(pipeline.ingest([path], services, progress=False).added) == 1


def test_corpus_stats_and_listing(seeded):
    with seeded.sessions() as s:
        stats = corpus_stats(s)
        listed = list_articles(s)
    assert (stats.articles, stats.undated) == (5, 3)
    assert (str(stats.first), str(stats.last)) == ("2023-05-06", "2023-11-14")
    assert stats.sources == (("UPI", 1),)
    assert [str(a.published) for a in listed[:2]] == ["2023-11-14", "2023-05-06"]


def test_two_copies_in_one_run_are_stored_once(services, write):
    report = pipeline.ingest(
        [write("a.txt", ARTICLE), write("copy.txt", ARTICLE)], services, progress=False
    )
    assert len(report.added) == 1 and len(report.duplicates) == 1
    assert counts(services)[0] == 1


def test_an_article_too_long_for_the_model_goes_in_as_parts_of_whole_paragraphs(services, write):
    paragraphs = [f"Officials met in Beijing on day {n} to talk about trade." for n in range(12)]
    services.nlp.max_length, limit = 400, services.nlp.max_length
    try:
        long = write("long.txt", "\n\n".join(paragraphs))
        report = pipeline.ingest([write("a.txt", ARTICLE), long], services, progress=False)
    finally:
        services.nlp.max_length = limit
    key = str(long.resolve())
    assert not report.rejected
    assert report.added[1:] == [key, f"{key}#part2"]
    with services.sessions() as s:
        rows = s.execute(select(ArticleRow.title, ArticleRow.text).where(ArticleRow.path == key))
        titles, texts = zip(*rows, strict=True)
    assert titles[1].endswith("(part 2 of 2)")
    assert all(len(t) <= 400 for t in texts) and "\n\n".join(texts) == "\n\n".join(paragraphs)


def test_copies_and_reruns_are_recognised_across_the_batches_the_store_is_checked_in(
    services, tmp_path
):
    folder = tmp_path / "archive"
    folder.mkdir()
    count = pipeline.TRIAGE_BATCH + 1  # the last file is checked in a second batch
    for n in range(count - 1):
        (folder / f"{n:04d}.txt").write_text(f"Officials met {n} times in Beijing.\n")
    (folder / f"{count - 1:04d}.txt").write_text("Officials met 0 times in Beijing.\n")
    first = pipeline.ingest([folder], services, progress=False)
    assert len(first.added) == count - 1
    assert first.duplicates == [(str(folder / f"{count - 1:04d}.txt"), str(folder / "0000.txt"))]
    again = pipeline.ingest([folder], services, progress=False)
    assert len(again.unchanged) == count - 1 and len(again.duplicates) == 1 and not again.added


def test_an_article_annotated_under_older_rules_is_annotated_again_on_the_next_run(services, write):
    path = write("a.txt", ARTICLE)
    pipeline.ingest([path], services, progress=False)
    with services.sessions.begin() as s:
        s.execute(update(ArticleRow).values(rules=None))  # as a release before versions
        s.execute(update(QuoteRow).values(speaker="Wrong Person", attribution=None))
    report = pipeline.ingest([path], services, progress=False)
    assert len(report.replaced) == 1 and not report.duplicates
    with services.sessions() as s:
        assert "Wrong Person" not in s.scalars(select(QuoteRow.speaker)).all()
        assert s.scalars(select(ArticleRow.rules)).all() == [RULES_VERSION]
    assert pipeline.ingest([path], services, progress=False).unchanged


def test_an_events_status_is_stored_and_read_back(services, write):
    from bot.store.articles import events_in_articles

    text = "date 2023-05-06\nThe ministers met on Thursday.\n\nThey will meet again on Friday."
    pipeline.ingest([write("a.txt", text)], services, progress=False)
    with services.sessions() as session:
        events = [event for _, event in events_in_articles(session)]
    assert [(e.expression, e.status) for e in events] == [
        ("on Thursday", "reported"), ("on Friday", "expected")
    ]  # fmt: skip
