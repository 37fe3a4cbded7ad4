"""Dated events: each placeable time expression in a sentence, with who was involved.

One pass over the article's entities and sentences: what a sentence needs from the whole
document (its entities, whether a span is a DATE entity) is looked up by bisection, never
by walking `doc.ents` again (spaCy rebuilds that tuple on every access).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import accumulate

from spacy.tokens import Doc, Span

from bot.nlp.anchor import publication_anchor
from bot.nlp.calendar import Tense
from bot.nlp.tense import SentenceView, tense_at
from bot.nlp.timex import Timex, scan
from bot.records import Event, Sentence, SourceText, UnplacedEvent


@dataclass(frozen=True)
class CharSpans:
    """Character spans (DATE entities, quotes), for overlap and containment tests by
    bisection: O(log n) a test, where a scan of every span made a document quadratic."""

    starts: tuple[int, ...]
    reach: tuple[int, ...]  # the furthest end among the spans up to each one

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> CharSpans:
        ordered = sorted(spans)
        return cls(tuple(s for s, _ in ordered), tuple(accumulate((e for _, e in ordered), max)))

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some span overlaps [start, end)."""
        i = bisect_left(self.starts, end) - 1  # spans up to i start before `end`
        return i >= 0 and self.reach[i] > start

    def contain(self, start: int, end: int) -> bool:
        """Whether some span holds all of [start, end)."""
        i = bisect_right(self.starts, start) - 1  # spans up to i start at or before `start`
        return i >= 0 and self.reach[i] >= end


def date_entities(doc: Doc) -> CharSpans:
    """Character spans of spaCy's DATE entities."""
    return CharSpans.of((e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE")


def sentence_timexes(
    doc: Doc, start: int, text: str, anchor: dt.date | None, dates: CharSpans
) -> list[Timex]:
    """The time expressions of one sentence (at offset start), resolved against the anchor."""
    view: list[SentenceView] = []  # made on first use: most sentences need no tense

    def tense(a: int, b: int) -> Tense | None:
        if not view:
            view.append(SentenceView.of(doc, start, text))
        return tense_at(doc, start + a, start + b, view[0])

    return [
        t
        for t in scan(text, anchor, tense)
        # "2000 people" is a number and "May" a verb unless spaCy also reads a date there.
        if not t.needs_entity or dates.overlaps(start + t.start, start + t.end)
    ]


def dated_events(
    doc: Doc,
    sentences: Sequence[Sentence],
    source: SourceText,
    quoted: Sequence[tuple[int, int]] = (),
) -> Iterator[Event | UnplacedEvent]:
    """An event for each time expression the article's own date (or a stated inference) places.

    Inside a direct quote a relative expression counts from when the words were said, which
    the article does not give ("Today with VP Han Zheng ...", tweeted the day before): such
    expressions are not placed.
    """
    dates = date_entities(doc)
    anchor, evidence = publication_anchor(source, sentences, dates.overlaps)
    involved = _involved(doc.ents, sentences)
    quotes = CharSpans.of(quoted)
    for sentence in sentences:
        people, organisations = involved[sentence.position]
        for timex in sentence_timexes(doc, sentence.start, sentence.text, anchor, dates):
            relative = timex.kind != "explicit"
            a, b = sentence.start + timex.start, sentence.start + timex.end
            if relative and quotes.contain(a, b):
                continue
            if timex.date is None or timex.precision is None:
                if timex.kind == "weekday":  # another outlet may date the same report
                    yield UnplacedEvent(
                        timex.expression, sentence.text, sentence.position, a, b,
                        people, organisations,
                    )  # fmt: skip
                continue  # vague ("recently"), or relative with no publication date
            yield Event(
                date=timex.date,
                precision=timex.precision,
                expression=timex.expression,
                text=sentence.text,
                sentence=sentence.position,
                start=a,
                end=b,
                inferred=relative and evidence is not None,
                evidence=evidence if relative else None,
                people=people,
                organisations=organisations,
            )


Names = tuple[tuple[str, ...], tuple[str, ...]]


def _involved(ents: Sequence[Span], sentences: Sequence[Sentence]) -> dict[int, Names]:
    # Each sentence's people and organisations, from one walk over the entities.
    # The small model sometimes labels a name it knows as a person elsewhere as NORP or ORG.
    known_people = {e.text for e in ents if e.label_ == "PERSON"}
    starts = [s.start for s in sentences]
    people: dict[int, dict[str, None]] = {s.position: {} for s in sentences}
    organisations: dict[int, dict[str, None]] = {s.position: {} for s in sentences}
    for ent in ents:
        i = bisect_right(starts, ent.start_char) - 1
        if i < 0 or ent.end_char > sentences[i].end:
            continue  # outside every sentence, or across two: no sentence holds it whole
        position = sentences[i].position
        if ent.label_ == "PERSON" or ent.text in known_people:
            people[position][ent.text] = None
        elif ent.label_ == "ORG":
            organisations[position][ent.text] = None
    return {p: (tuple(people[p]), tuple(organisations[p])) for p in people}
