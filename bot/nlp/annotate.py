"""One article through spaCy: paragraphs, sentences with index terms, entities, quotes, dates."""

from __future__ import annotations

import logging
import multiprocessing
import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from bot.iterables import batched
from bot.nlp.dates import dated_events
from bot.nlp.people import PeopleIndex
from bot.nlp.quotes import extract_quotes, speaker_roles
from bot.nlp.terms import index_terms
from bot.records import (
    AnnotatedArticle,
    Event,
    Mention,
    Rejected,
    Sentence,
    SourceText,
    Span,
    UnplacedEvent,
)

logger = logging.getLogger(__name__)
ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "DATE"})
# Raise it whenever a change to the quote or date rules changes what an article's annotation
# would be: ingest then annotates stored articles made under an older version again, so a
# corrected rule reaches the archive on the next run instead of only new articles.
RULES_VERSION = "2026-12-07.quotes-9"


def paragraph_spans(text: str) -> tuple[Span, ...]:
    """Character spans of the blank-line separated paragraphs of a cleaned text."""
    spans = []
    for match in re.finditer(r"[^\n]+(?:\n(?!\n)[^\n]+)*", text):
        spans.append(Span(match.start(), match.end()))
    return tuple(spans)


def annotate(doc: Doc, source: SourceText) -> AnnotatedArticle:
    """Everything later stages need from one parsed article, as plain records."""
    paragraphs = paragraph_spans(source.text)
    starts = [p.start for p in paragraphs]
    sentences = []
    for position, sent in enumerate(s for s in doc.sents if s.text.strip()):
        start = sent.start_char + (len(sent.text) - len(sent.text.lstrip()))
        end = sent.end_char - (len(sent.text) - len(sent.text.rstrip()))
        sentences.append(
            Sentence(
                position=position,
                paragraph=_paragraph_of(start, starts),
                start=start,
                end=end,
                text=source.text[start:end],
                tokens=index_terms(sent),
            )
        )
    sentence_starts = [s.start for s in sentences]
    mentions = tuple(
        Mention(
            label=ent.label_,
            text=ent.text,
            start=ent.start_char,
            end=ent.end_char,
            sentence=_paragraph_of(ent.start_char, sentence_starts),
        )
        for ent in doc.ents
        if ent.label_ in ENTITY_LABELS
    )
    people = PeopleIndex.from_doc(doc)
    quotes = tuple(extract_quotes(doc, paragraphs, people))
    found = list(dated_events(doc, sentences, source, [(q.start, q.end) for q in quotes]))
    return AnnotatedArticle(
        source=source,
        paragraphs=paragraphs,
        sentences=tuple(sentences),
        mentions=mentions,
        quotes=quotes,
        events=tuple(e for e in found if isinstance(e, Event)),
        unplaced=tuple(e for e in found if isinstance(e, UnplacedEvent)),
        speaker_roles=tuple(speaker_roles(quotes, people)),
        rules=RULES_VERSION,
    )


def annotate_many(
    nlp: Language, sources: Iterable[SourceText], *, n_process: int = 1, batch_size: int = 16
) -> Iterator[AnnotatedArticle | Rejected]:
    """Annotate articles in a stream, keeping their order; n_process > 1 uses that many cores."""
    if n_process > 1 and "fork" in multiprocessing.get_all_start_methods():
        yield from _annotate_in_workers(nlp, sources, n_process, batch_size)
        return
    pairs = ((source.text, source) for source in sources)
    for doc, source in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield _annotate_or_reject(doc, source)


_worker_nlp: Language | None = None  # set before the fork: each worker inherits the model


def _annotate_in_workers(
    nlp: Language, sources: Iterable[SourceText], n_process: int, batch_size: int
) -> Iterator[AnnotatedArticle | Rejected]:
    # Workers run spaCy *and* annotate, and send back small frozen records: spaCy's own
    # n_process ships every Doc back to the parent, which then does the annotating alone.
    global _worker_nlp
    _worker_nlp = nlp
    batches = batched(sources, batch_size)
    with multiprocessing.get_context("fork").Pool(n_process) as pool:
        for annotated in pool.imap(_annotate_batch, batches):
            yield from annotated


def _annotate_batch(sources: list[SourceText]) -> list[AnnotatedArticle | Rejected]:
    assert _worker_nlp is not None
    docs = _worker_nlp.pipe(s.text for s in sources)
    return [_annotate_or_reject(doc, source) for doc, source in zip(docs, sources, strict=True)]


def _annotate_or_reject(doc: Doc, source: SourceText) -> AnnotatedArticle | Rejected:
    # One article that trips a rule must not end the run for every other article: it is
    # reported and skipped, with its traceback in the log.
    try:
        return annotate(doc, source)
    except Exception as exc:
        logger.exception("annotating %s failed; it is skipped", source.key)
        return Rejected(source.key, f"could not be annotated ({exc.__class__.__name__}: {exc})")


def _paragraph_of(offset: int, starts: list[int]) -> int:
    # Index of the last span starting at or before offset.
    return max(bisect_right(starts, offset) - 1, 0)
