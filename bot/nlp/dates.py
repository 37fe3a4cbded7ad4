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
from bot.nlp.attachment import Attachment, Site, attach
from bot.nlp.calendar import Tense
from bot.nlp.tense import SentenceView, tense_at
from bot.nlp.timex import Timex, scan
from bot.records import Event, Precision, Sentence, SourceText, Status, UnplacedEvent


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


def attachments(
    doc: Doc, start: int, end: int, timexes: Sequence[Timex]
) -> list[Attachment | None]:
    """What each expression of the sentence at [start, end) dates (None: no tokens there)."""
    if not timexes:
        return []
    sentence = doc.char_span(start, end, alignment_mode="expand")
    sites = (Site.of(doc, start + t.start, start + t.end, sentence) for t in timexes)
    return [attach(site) if site is not None else None for site in sites]


def dated_events(
    doc: Doc,
    sentences: Sequence[Sentence],
    source: SourceText,
    quoted: Sequence[tuple[int, int]] = (),
) -> Iterator[Event | UnplacedEvent]:
    """An event for each time expression the article's own date (or a stated inference) places
    at what the sentence reports (bot.nlp.attachment): a baseline, a period's bound, a noun's
    qualifier, a clock time or a count makes none, and stays a DATE mention only.

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
        timexes = sentence_timexes(doc, sentence.start, sentence.text, anchor, dates)
        placeable = [t for t in timexes if t.kind == "weekday" or t.date is not None]
        verdicts = attachments(doc, sentence.start, sentence.end, placeable)
        for timex, verdict in zip(placeable, verdicts, strict=True):
            relative = timex.kind != "explicit"
            a, b = sentence.start + timex.start, sentence.start + timex.end
            if (relative and quotes.contain(a, b)) or verdict is None or not verdict.entry:
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
                status=_status(verdict, timex, anchor),
            )


def _status(verdict: Attachment, timex: Timex, anchor: dt.date | None) -> Status:
    # Against a publication date, the date itself says: after it, the event has not happened
    # yet, whatever the verb says; before it, a modal is reported speech ("said on Thursday
    # he would"). Without one, the verb's clause is all there is ("could decide in 2006").
    if anchor is not None and timex.date is not None and timex.precision is not None:
        if timex.date > anchor:
            return "expected"
        if not _holds(timex.date, timex.precision, anchor):
            return "reported"
    return verdict.status or "reported"  # "later this year": the verb says which


def _holds(start: dt.date, precision: Precision, day: dt.date) -> bool:
    # Whether the period starting at `start` holds the day.
    if precision == "day":
        return start == day
    if precision == "week":
        return start <= day < start + dt.timedelta(days=7)
    if precision == "month":
        return (start.year, start.month) == (day.year, day.month)
    if precision == "quarter":
        return start.year == day.year and (start.month - 1) // 3 == (day.month - 1) // 3
    if precision == "year":
        return start.year == day.year
    return start.year // 10 == day.year // 10


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
