"""One article through spaCy: paragraphs, sentences with index terms, entities, quotes, dates."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from bot.nlp.dates import explicit_events
from bot.nlp.people import PeopleIndex
from bot.nlp.quotes import extract_quotes, speaker_roles
from bot.nlp.terms import index_terms
from bot.records import AnnotatedArticle, Mention, Sentence, SourceText, Span

ENTITY_LABELS = frozenset({"PERSON", "ORG", "GPE", "NORP", "DATE"})


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
    quotes = extract_quotes(doc, paragraphs, people)
    return AnnotatedArticle(
        source=source,
        paragraphs=paragraphs,
        sentences=tuple(sentences),
        mentions=mentions,
        quotes=tuple(quotes),
        events=tuple(explicit_events(doc, sentences)),
        speaker_roles=tuple(speaker_roles(quotes, people)),
    )


def annotate_many(
    nlp: Language, sources: Iterable[SourceText], *, n_process: int = 1, batch_size: int = 16
) -> Iterator[AnnotatedArticle]:
    """Annotate articles in a stream, keeping their order."""
    pairs = ((source.text, source) for source in sources)
    for doc, source in nlp.pipe(pairs, as_tuples=True, n_process=n_process, batch_size=batch_size):
        yield annotate(doc, source)


def _paragraph_of(offset: int, starts: list[int]) -> int:
    # Index of the last span starting at or before offset.
    return max(bisect_right(starts, offset) - 1, 0)
