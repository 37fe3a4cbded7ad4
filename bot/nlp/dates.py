"""Dated events: each placeable time expression in a sentence, with who was involved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence

from spacy.tokens import Doc

from bot.nlp.anchor import publication_anchor
from bot.nlp.calendar import Tense
from bot.nlp.tense import tense_at
from bot.nlp.timex import Timex, scan
from bot.records import Event, Sentence, SourceText, UnplacedEvent


def sentence_timexes(
    doc: Doc, start: int, text: str, anchor: dt.date | None, dates: Sequence[tuple[int, int]]
) -> list[Timex]:
    """The time expressions of one sentence (at offset start), resolved against the anchor."""

    def tense(a: int, b: int) -> Tense | None:
        return tense_at(doc, start + a, start + b)

    return [
        t
        for t in scan(text, anchor, tense)
        # "2000 people" is a number and "May" a verb unless spaCy also reads a date there.
        if not t.needs_entity or any(s < start + t.end and start + t.start < e for s, e in dates)
    ]


def date_entities(doc: Doc) -> list[tuple[int, int]]:
    """Character spans of spaCy's DATE entities."""
    return [(e.start_char, e.end_char) for e in doc.ents if e.label_ == "DATE"]


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
    anchor, evidence = publication_anchor(source, sentences, doc, dates)
    known_people = {e.text for e in doc.ents if e.label_ == "PERSON"}
    for sentence in sentences:
        people, organisations = _involved(doc, sentence, known_people)
        for timex in sentence_timexes(doc, sentence.start, sentence.text, anchor, dates):
            relative = timex.kind != "explicit"
            a, b = sentence.start + timex.start, sentence.start + timex.end
            if relative and any(s <= a and b <= e for s, e in quoted):
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


def _involved(
    doc: Doc, sentence: Sentence, known_people: set[str]
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
    ents = span.ents if span is not None else ()
    # The small model sometimes labels a name it knows as a person elsewhere as NORP or ORG.
    people = dict.fromkeys(e.text for e in ents if e.label_ == "PERSON" or e.text in known_people)
    organisations = dict.fromkeys(
        e.text for e in ents if e.label_ == "ORG" and e.text not in known_people
    )
    return tuple(people), tuple(organisations)
