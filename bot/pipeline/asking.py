"""Questions out: search, the brief, quotes, speakers, timeline, digests and thread replies."""

from __future__ import annotations

import dataclasses
import datetime as dt
import logging
from collections.abc import Sequence

from sqlalchemy.orm import Session

from bot.brief import Limits, compose_brief, match_quotes, merge_events
from bot.brief.answers import favour_answers
from bot.brief.compose import MIN_SUMMARY, Similarity, match_timeline, quote_item
from bot.brief.digest import compose_digest
from bot.brief.followup import interpret
from bot.brief.speakers import several_speakers
from bot.brief.suggest import no_matches
from bot.errors import BriefError, EmptyCorpus, EmptyQuery
from bot.index import Hit
from bot.index.hybrid import hybrid_search
from bot.nlp.terms import is_name, query_terms
from bot.records import (
    Answer,
    Brief,
    CorpusStats,
    Digest,
    Passage,
    QuoteItem,
    Speaker,
    Thread,
    TimelineItem,
)
from bot.services import Services
from bot.store import articles as stored
from bot.store import digests
from bot.store import feeds as followed
from bot.store import passages as stored_passages
from bot.store import speakers as quoted

logger = logging.getLogger(__name__)


SEARCH_DEPTH = 60  # passages read per query: enough to fill every section of a brief
NAME_LABELS = ("PERSON", "ORG", "GPE", "NORP")


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
