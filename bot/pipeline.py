"""The flow, start to finish: read this first.

ingest:      files, URLs → ingest (clean, metadata) → nlp (spaCy) → store (one transaction each)
             → index (BM25)
catch_up_vectors: store (passages without a vector) → sentence model → vectors (saved)
remove:      ids, keys or files → store (one transaction) → index (rebuilt, saved)
check:       store (integrity) → index (saved, held against the store) → repair what can be
make_brief:  query → nlp (terms) → index (BM25) → store (passages, quotes, events) → brief
make_digest: store (articles new since the last digest, their quotes and events) → digest
answer_followup: thread reply + thread context → intent → brief, quotes or timeline
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
import os
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session
from tqdm import tqdm

from bot.brief import Limits, compose_brief, match_quotes, merge_events
from bot.brief.answers import favour_answers
from bot.brief.compose import MIN_SUMMARY, Similarity, match_timeline, quote_item
from bot.brief.digest import compose_digest
from bot.brief.followup import interpret
from bot.brief.speakers import several_speakers
from bot.brief.suggest import no_matches
from bot.errors import BadArticle, BriefError, EmptyCorpus, EmptyQuery
from bot.index import Hit
from bot.index.hybrid import hybrid_search
from bot.ingest.fetch import TIMEOUT as FEED_TIMEOUT
from bot.ingest.fetch import FetchError, fetch
from bot.ingest.files import shown
from bot.iterables import batched
from bot.nlp.terms import is_name, query_terms
from bot.records import (
    AnnotatedArticle,
    Answer,
    ArticleRef,
    Brief,
    CheckReport,
    CorpusStats,
    Digest,
    Feed,
    FeedItem,
    FeedPoll,
    IngestReport,
    Passage,
    Problem,
    QuoteItem,
    Rejected,
    RemovalReport,
    SourceText,
    Speaker,
    Thread,
    TimelineItem,
)
from bot.services import Services
from bot.store import articles as stored
from bot.store import digests, integrity, removals
from bot.store import feeds as followed
from bot.store import passages as stored_passages
from bot.store import speakers as quoted

logger = logging.getLogger(__name__)
SEARCH_DEPTH = 60  # passages read per query: enough to fill every section of a brief
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")
TRIAGE_BATCH = 500  # articles checked against the store per query
PARALLEL_FROM = 32  # articles: fewer are done before a second spaCy process has started


def ingest(
    paths: Iterable[Path | str],
    services: Services,
    *,
    progress: bool = True,
    jobs: int | None = None,
    restore: bool = False,
) -> IngestReport:
    """Read, clean, annotate and store articles from files, folders and http(s) URLs; each
    article is committed on its own.

    `jobs` is the number of spaCy processes: by default every core (up to 2) once there are
    enough articles to repay starting them. Text that was removed (`remove`) stays out
    unless `restore` is set.
    """
    # Ingest's own modules (readers, parsers, the annotation rules) are imported where ingest
    # runs: a question never needs them, and importing them cost every `ask` 70 ms.
    from bot.ingest.readers import read_articles

    # An article longer than spaCy takes comes in parts of whole paragraphs.
    articles = read_articles(paths, max_chars=services.nlp.max_length)
    return _ingest_read(articles, services, progress=progress, jobs=jobs, restore=restore)


def _ingest_read(
    articles: Iterable[SourceText | Rejected],
    services: Services,
    *,
    progress: bool = False,
    jobs: int | None = None,
    restore: bool = False,
) -> IngestReport:
    from bot.nlp.annotate import annotate_many

    report = IngestReport()
    pending = list(_new_or_changed(articles, services, report, restore))
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 2) if len(pending) >= PARALLEL_FROM else 1
    with tqdm(total=len(pending), unit="article", disable=not progress or not pending) as bar:
        for annotated in annotate_many(services.nlp, pending, n_process=jobs):
            _store(annotated, services, report, restore)
            bar.update()
    if report.added or report.replaced:
        # BM25 now, not at the next query; vectors later (catch_up_vectors): BM25 finds the
        # new passages meanwhile.
        services.index.current(services.sessions)
    return report


def catch_up_vectors(
    services: Services, *, progress: bool = False, stop: threading.Event | None = None
) -> int | None:
    """Embed, from the store's text, the passages that have no sentence vector yet; how many,
    or None when another process on this machine is embedding them. Saved a chunk at a time:
    an interrupted catch-up keeps what it finished and leaves the rest to the next (as does
    one told to `stop`)."""
    if not services.hybrid:
        return 0
    index = services.index.current(services.sessions)
    return services.vectors.catch_up(
        index, services.sessions, services.bulk_encoder, progress=progress, stop=stop
    )


def poll_feeds(
    services: Services, *, timeout: float = FEED_TIMEOUT, every: dt.timedelta | None = None
) -> list[FeedPoll]:
    """One pass over the followed feeds (what cron runs): each feed is fetched with a
    conditional GET, and each item whose page is not stored yet, or whose feed entry changed,
    has its page ingested. A failing feed is recorded and backs off; it never stops the others.

    With `every` (the serving process's schedule), only feeds polled at least that long ago.
    Each feed is claimed in the database first, so processes polling together poll it once.
    """
    token = uuid.uuid4().hex
    with services.sessions() as session:
        due = followed.due_feeds(session, _now(), every)
    polls = []
    for feed in due:
        now = _now()
        with services.sessions.begin() as session:
            if not followed.claim_feed(session, feed.id, token, now, every):
                continue  # another process is polling it, or just has
        try:
            polls.append(_poll(feed, services, now, timeout))
        finally:
            with services.sessions.begin() as session:
                followed.release_feed(session, feed.id, token)
    return polls


def _poll(feed: Feed, services: Services, now: dt.datetime, timeout: float) -> FeedPoll:
    from bot.ingest.feeds import item_articles, parse_feed
    from bot.ingest.readers import within

    poll = FeedPoll(feed.url)
    try:
        page = fetch(feed.url, etag=feed.etag, last_modified=feed.last_modified, timeout=timeout)
        title, items = (None, []) if page.not_modified else parse_feed(page.body, page.url)
    except (FetchError, ValueError) as exc:
        poll.error = str(exc)
        with services.sessions.begin() as session:
            poll.retry_at = followed.record_failure(session, feed.id, now, poll.error)
        return poll
    with services.sessions() as session:
        states = followed.item_states(session, feed.id)
        stored = followed.stored_urls(session, [i.url for i in items if i.guid not in states])
    # Stored (by GUID with the same entry, or under its URL) or given up on: not fetched.
    fresh = [item for item in items if _to_fetch(item, states, stored)]
    poll.not_modified, poll.items = page.not_modified, len(items)
    poll.known = len(items) - len(fresh)
    articles = within(item_articles(fresh, title or feed.title), services.nlp.max_length)
    poll.report = report = _ingest_read(articles, services)
    keys = {*report.added, *report.replaced, *report.unchanged, *(k for k, _ in report.duplicates)}
    keys.update(report.withheld)  # taken out on purpose: never fetched again
    with services.sessions.begin() as session:
        by_url = [i for i in items if i.guid not in states and i.url in stored]
        done = by_url + [i for i in fresh if i.url in keys]
        followed.mark_stored(session, feed.id, done, now)
        failed = [i for i in fresh if i.url not in keys]
        poll.given_up = [i.url for i in followed.mark_failed(session, feed.id, failed, now)]
        # An item still to retry leaves the validators unsaved: the next poll reads it whole.
        whole = len(poll.given_up) == len(failed)
        followed.record_success(
            session, feed.id, now, title=title,
            etag=page.etag if whole else None, last_modified=page.last_modified if whole else None,
        )  # fmt: skip
    return poll


def _to_fetch(item: FeedItem, states: dict[str, tuple[str | None, int]], stored: set[str]) -> bool:
    if item.guid not in states:
        return item.url not in stored
    updated, failures = states[item.guid]
    return updated != item.updated or 0 < failures < followed.ITEM_TRIES


def remove(targets: Iterable[str], services: Services, *, dry_run: bool = False) -> RemovalReport:
    """Take articles out of the corpus (a retraction, a takedown), all in one transaction.

    A target is an article's id, key or URL, or the file or folder it was ingested from.
    Serving processes stop citing the articles at their next search, without a restart, and
    ingesting the same text again leaves it out. `dry_run` finds them and changes nothing.
    """
    report = RemovalReport()
    with services.sessions.begin() as session:
        found: dict[int, ArticleRef] = {}
        for target in targets:
            path = Path(target).expanduser().resolve()
            # Names as ingest stored them: bytes that are not UTF-8 written as escapes.
            matches = removals.find_articles(
                session, shown(target), shown(path), folder=not path.is_file()
            )
            found |= {ref.id: ref for ref in matches}
            if not matches:
                report.unknown.append(target)
        gone = set(found) if dry_run else removals.remove_articles(session, found, _now())
        report.removed = [ref for article_id, ref in found.items() if article_id in gone]
    if report.removed and not dry_run:
        index = services.index.current(services.sessions)  # rebuild and save it now, for all
        if services.hybrid:  # nothing to embed; drops the removed rows once they add up
            services.vectors.catch_up(index, services.sessions, services.bulk_encoder)
    return report


def check(services: Services, *, repair: bool = False) -> CheckReport:
    """The store's integrity and the saved index's agreement with it; `repair` rebuilds what
    can be rebuilt (rows of missing articles go, the index is built afresh) and checks again."""
    found = _checked(services)
    if not repair or not any(p.repairable for p in found.problems):
        return found
    with services.sessions.begin() as session:
        integrity.remove_orphans(session)
    index = services.index.rebuild(services.sessions)
    if services.hybrid:
        services.vectors.catch_up(index, services.sessions, services.bulk_encoder, progress=True)
    after = _checked(services)
    after.repaired = [p for p in found.problems if p not in after.problems]
    return after


def _checked(services: Services) -> CheckReport:
    database = services.engine.url.render_as_string(hide_password=True)
    folder = str(services.index.folder or "in memory")
    with services.sessions() as session:
        faults = integrity.database_faults(session)
        if faults:  # nothing read from a damaged file can be trusted: stop here
            first = "nothing else was checked: restore the database from a backup first"
            return CheckReport(database, folder, None, None, None, notes=[first], problems=[
                Problem("store", f"the database reports: {f}", False) for f in faults
            ])  # fmt: skip
        orphans = integrity.orphans(session)
        stats = stored.corpus_stats(session)
    audit = services.index.audit(services.sessions)
    report = CheckReport(
        database, folder, stats.articles, stats.sentences, audit.indexed, notes=audit.notes
    )
    if orphans:
        rows = ", ".join(f"{n:,} in {table}" for table, n in orphans.items())
        report.problems.append(Problem("store", f"rows whose article is gone: {rows}", True))
    report.problems += [Problem("index", text, True) for text in audit.problems]
    if services.hybrid and audit.indexed:
        unembedded = len(services.vectors.missing(services.index.current(services.sessions),
                                                  services.sessions))  # fmt: skip
        if unembedded:
            text = (
                f"{unembedded:,} passages have no sentence vector: search finds them by words only"
            )
            report.problems.append(Problem("vectors", text, True))
    return report


def make_brief(query: str, services: Services, limits: Limits | None = None) -> Brief:
    """Search the corpus and compose the three-section brief."""
    hits, terms = search(query, services)
    with services.sessions() as session:
        passages = _passages(session, hits)
        if services.hybrid:  # a question asking "how many" is answered by a number
            passages = favour_answers(query, passages)
        if 0 < len(passages) < MIN_SUMMARY:
            passages += stored_passages.paragraph_context(session, passages)
        article_ids = {p.article.id for p in passages}
        refs = stored.article_refs(session, article_ids)
        quotes = quoted.named_across_corpus(
            session, [(refs[a], q) for a, q in stored.quotes_in_articles(session, article_ids)]
        )
        events = [(refs[a], e) for a, e in stored.events_in_articles(session, article_ids)]
        unplaced = [(refs[a], u) for a, u in stored.unplaced_in_articles(session, article_ids)]
    return compose_brief(
        query, passages, quotes, events, frozenset(terms), limits or Limits(),
        unplaced=unplaced, similar=_similarity(services),
    )  # fmt: skip


def _similarity(services: Services) -> Similarity | None:
    if not services.hybrid:
        return None
    vectors = services.vectors.current(services.index.current(services.sessions), services.sessions)
    return vectors.pairwise


def search(
    query: str, services: Services, depth: int = SEARCH_DEPTH
) -> tuple[list[Hit], tuple[str, ...]]:
    """Hits for a query (BM25 and sentence vectors, or BM25 alone with CHINA_BRIEF_SEARCH=bm25),
    or an error that tells the editor what to try instead."""
    if not query.strip():
        raise EmptyQuery("Type a few words to brief on, for example: sanctions on British MPs")
    index = services.index.current(services.sessions)
    if index.size == 0:
        raise EmptyCorpus("The corpus is empty. Add articles with: china-brief ingest PATH")
    services.prefetch_encoder()
    doc = services.query_nlp(query)
    terms = query_terms(doc, index.vocab)
    if not terms:
        raise EmptyQuery(
            f"'{query.strip()}' has only common words. Name a person, place or topic, "
            "for example: Cleverly Beijing visit"
        )
    known = any(index.document_frequency(t) for t in terms)
    if known and services.hybrid:
        # No word of the question in the corpus (a typo) goes to the suggestions below.
        vectors = services.vectors.current(index, services.sessions)
        names = query_terms([t for t in doc if is_name(t)], index.vocab)
        question = services.encoder.encode([query])[0]
        # A word in half a tiny corpus scores 0 in BM25: without vectors (embedding behind),
        # the passages holding it are still found, as a lexical search finds them.
        hits = hybrid_search(index, vectors, terms, names, question, depth) or index.containing(
            terms, k=depth
        )
    else:
        hits = index.search(terms, k=depth) or index.containing(terms, k=depth)
    if not hits:
        unknown = [t for t in terms if index.document_frequency(t) == 0]
        with services.sessions() as session:
            known_names = stored.frequent_mentions(session, NAME_LABELS, limit=2000)
        raise no_matches(query, unknown, index.vocab, known_names[:6], known_names)
    return hits, terms


def find_quotes(query: str | None, speaker: str | None, services: Services) -> list[QuoteItem]:
    """Quotes matching a query, by a speaker, or both; every quote when neither is given."""
    passages: list[Passage] = []
    with services.sessions() as session:
        if query:
            passages = _passages(session, search(query, services)[0])
        if speaker:
            # One person under every name and role ("Cleverly", "the foreign secretary");
            # a name no resolved speaker carries still finds quotes by how they were cued.
            found = quoted.quotes_by_speaker(session, speaker) or stored.quotes_by_speaker(
                session, speaker
            )
        elif passages:
            found = stored.quotes_in_articles(session, {p.article.id for p in passages})
        else:
            found = stored.all_quotes(session)
        found = quoted.named_across_corpus(session, found)
        refs = stored.article_refs(session, {a for a, _ in found})
    pairs = [(refs[a], q) for a, q in found]
    if not query:
        return [quote_item(ref, quote) for ref, quote in pairs]
    return match_quotes(passages, pairs)


def list_speakers(services: Services) -> list[Speaker]:
    """Every quoted speaker across the corpus, with roles and quote counts."""
    with services.sessions() as session:
        return quoted.list_speakers(session)


def build_timeline(query: str | None, services: Services) -> list[TimelineItem]:
    """The dated events relevant to a query, or the whole corpus's timeline."""
    with services.sessions() as session:
        if not query:
            events = stored.events_in_articles(session)
            unplaced = stored.unplaced_in_articles(session)
            refs = stored.article_refs(session, {a for a, _ in [*events, *unplaced]})
            return merge_events(
                [(refs[a], e) for a, e in events], [(refs[a], u) for a, u in unplaced]
            )
    hits, _ = search(query, services)
    with services.sessions() as session:
        passages = _passages(session, hits)
        refs = stored.article_refs(session, {p.article.id for p in passages})
        events = stored.events_in_articles(session, refs)
        unplaced = stored.unplaced_in_articles(session, refs)
    return match_timeline(
        passages, [(refs[a], e) for a, e in events], [(refs[a], u) for a, u in unplaced]
    )


def _store(
    annotated: AnnotatedArticle | Rejected, services: Services, report: IngestReport, restore: bool
) -> None:
    # One transaction per article: a failure leaves the database as it was for that article.
    if isinstance(annotated, Rejected):
        report.rejected.append(annotated)
        return
    key = annotated.source.key
    try:
        with services.sessions.begin() as session:
            article_id, replaced = stored.save_article(session, annotated, _now())
            if restore:
                removals.forget_removed(session, [annotated.source.content_hash])
            quoted.save_speaker_roles(session, article_id, annotated.speaker_roles)
        (report.replaced if replaced else report.added).append(key)
    except BadArticle as exc:
        report.rejected.append(Rejected(key, exc.reason))
    except SQLAlchemyError as exc:
        # The database's own words, in one line; the traceback only when asked for (-v).
        said = str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["no reason"]
        report.rejected.append(Rejected(key, f"could not be stored (the database said: {said[0]})"))
        logger.debug("storing %s failed; the database is unchanged for it", key, exc_info=True)


def _new_or_changed(
    items: Iterable[SourceText | Rejected], services: Services, report: IngestReport, restore: bool
) -> Iterator[SourceText]:
    from bot.nlp.annotate import RULES_VERSION

    # Decide before running spaCy, so a re-run (or a resumed run) skips finished articles;
    # a few hundred articles at a time, so re-reading a large archive holds little at once.
    seen: dict[str, str] = {}  # content hash -> key, for copies within this run
    for batch in batched(items, TRIAGE_BATCH):
        report.rejected += [item for item in batch if isinstance(item, Rejected)]
        sources = [item for item in batch if isinstance(item, SourceText)]
        digests = [s.content_hash for s in sources]
        with services.sessions() as session:
            hashes = stored.stored_hashes(session, [s.key for s in sources])
            twins = seen | stored.keys_with_hashes(session, digests)
            removed = {} if restore else removals.removed_hashes(session, digests)
        for item in sources:
            if hashes.get(item.key) == (item.content_hash, RULES_VERSION):
                report.unchanged.append(item.key)
            elif (twin := twins.get(item.content_hash)) and twin != item.key:
                report.duplicates.append((item.key, twin))
            elif when := removed.get(item.content_hash):
                report.withheld.append(item.key)
                report.rejected.append(Rejected(item.key, (
                    f"was removed from the corpus on {when:%Y-%m-%d}; to add it back: "
                    "china-brief ingest --restore PATH"
                )))  # fmt: skip
            else:
                seen[item.content_hash] = twins[item.content_hash] = item.key
                yield item


def _passages(session: Session, hits: Sequence[Hit]) -> list[Passage]:
    passages = stored_passages.cited_passages(session, [(h.passage_id, h.score) for h in hits])
    # Each passage's evidence, reported beside the score it was ranked by: its BM25 score
    # (the score itself, in a lexical search) and, in a hybrid one, its cosine.
    by_id = {h.passage_id: h for h in hits}
    return [
        dataclasses.replace(
            p, bm25=by_id[p.id].score if by_id[p.id].bm25 is None else by_id[p.id].bm25,
            semantic=by_id[p.id].semantic,
        )
        for p in passages
    ]  # fmt: skip


def make_digest(
    day: dt.date, since: dt.datetime | None, until: dt.datetime, services: Services
) -> Digest:
    """What reached the corpus in (since, until]: articles, notable quotes, dated events."""
    with services.sessions() as session:
        articles = digests.new_articles(session, since, until)
        refs = {ref.id: ref for ref, _ in articles}
        quotes = quoted.named_across_corpus(
            session, [(refs[a], q) for a, q in stored.quotes_in_articles(session, refs)]
        )
        events = [(refs[a], e) for a, e in stored.events_in_articles(session, refs)]
    return compose_digest(day, since, until, articles, quotes, events)


def answer_followup(text: str, thread: Thread, services: Services) -> Answer:
    """A thread reply answered from the corpus with the thread's topic carried over."""
    followup = interpret(text, thread)
    topic = followup.query or thread.query
    if followup.intent == "timeline":
        items = build_timeline(topic, services)
        note = None if items else f"The corpus has no dated events about '{topic}'."
        return Answer(followup, timeline=tuple(items), note=note)
    if followup.intent == "quotes" and followup.speaker:
        quotes, note = quotes_from(followup.speaker, topic, services)
        return Answer(followup, quotes=tuple(quotes), note=note)
    if followup.intent == "quotes":
        quotes = find_quotes(topic, None, services)
        note = None if quotes else f"No quotes in the corpus match '{topic}'."
        return Answer(followup, quotes=tuple(quotes), note=note)
    return Answer(followup, brief=make_brief(topic, services))


def quotes_from(speaker: str, topic: str, services: Services) -> tuple[list[QuoteItem], str | None]:
    """A speaker's quotes on a topic first, then the rest of what they said; and a note
    when they said nothing on it, or when several people answer to the name."""
    try:
        on_topic = find_quotes(topic, speaker, services)
    except BriefError:
        on_topic = []
    rest = [q for q in find_quotes(None, speaker, services) if q not in on_topic]
    if not on_topic and not rest:
        note = f"The corpus has no quotes from {speaker}."
    elif not on_topic:
        note = f"Nothing from {speaker} on '{topic}'; here is what {speaker} said elsewhere."
    else:
        note = None
    found = on_topic + rest
    return found, " ".join(filter(None, [several_speakers(speaker, found), note])) or None


def corpus_sources(services: Services) -> CorpusStats:
    """What the corpus holds: article count, date range, outlets and the feeds followed."""
    with services.sessions() as session:
        feeds = tuple(followed.list_feeds(session))
        return dataclasses.replace(stored.corpus_stats(session), feeds=feeds)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)
