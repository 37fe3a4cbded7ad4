"""Score timeline entries on the BBC timeline held-out sample against its hand annotation.

    python3 -m evaluation.bbc_timeline /work/shared/data/bbc-news-summary
    python3 -m evaluation.bbc_timeline /work/shared/data/bbc-news-summary \
        --fixture evaluation/dev/bbc_timeline_dev.json

The sample (evaluation/bbc.py TIMELINE_HELDOUT) was annotated by reading the articles: every
explicit date expression with a year, whether its sentence reports an event at that date
(`event`, with `status`), and expressions that only look like dates (`is_date` false). The
articles have no publication date, so only explicit dates can be placed. `--fixture` scores
another annotation in the same format, such as the development sample
(evaluation/dev/bbc_timeline_dev.json: development files only, read while tuning, so its
figures are in-sample); the files scored are the fixture's.
evaluation/heldout/bbc_timeline_check4.json is a second held-out timeline sample (scored with
`--fixture`, never studied).

The fixture is JSON: {"articles": [{"file": "topic/NNN.txt", "expressions": [{"expression",
"sentence_start" (the sentence's first words), "event" (bool), "value" (TimeML: "2004",
"2005-03", "2004-Q4", "2005-H1"), "status" ("reported"/"expected", for an event), "is_date"
(optional, false for a number that only looks like a year), "why"}]}]}.

- An **entry** is an event the project's annotation places (what a timeline shows).
- An entry **matches** a gold expression in the same sentence (the annotated sentence start
  lies inside the entry's sentence) whose text overlaps the entry's expression.
- **Precision**: entries matching a gold event whose value agrees at the entry's precision
  (`2005-03` placed as March 2005, `2005` as the year) / all entries. An entry matching no
  gold expression, a non-event, or a non-date counts against it.
- **Recall**: gold events with a matching entry / gold events.
- **Non-dates placed**: entries matching a gold expression marked as not a date at all.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from spacy.language import Language

from bot.ingest import read_articles
from bot.nlp.annotate import annotate
from bot.nlp.model import load_nlp
from bot.records import Event, SourceText
from bot.settings import DEFAULT_MODELS

FIXTURE = Path(__file__).resolve().parent / "heldout" / "bbc_timeline.json"


@dataclass
class Tally:
    entries: int = 0
    right: int = 0
    events: int = 0
    found: int = 0
    non_dates: int = 0
    status_right: int = 0
    status_judged: int = 0
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, one measure a line."""
        return [
            f"entries placed {self.entries}, gold events {self.events}",
            f"precision (events at their date) {_ratio(self.right, self.entries)}",
            f"recall (gold events placed)      {_ratio(self.found, self.events)}",
            f"non-dates placed                 {self.non_dates}",
            f"status right (matched events)    {_ratio(self.status_right, self.status_judged)}",
        ]


def score(nlp: Language, root: Path, fixture: Path = FIXTURE) -> Tally:
    """Entries against the annotation, article by article."""
    tally = Tally()
    for entry in json.loads(fixture.read_text(encoding="utf-8"))["articles"]:
        read = list(read_articles([root / "articles" / entry["file"]]))
        source = read[0] if read and isinstance(read[0], SourceText) else None
        events = list(annotate(nlp(source.text), source).events) if source else []
        _score_article(tally, entry["file"], events, entry["expressions"])
    return tally


def _score_article(
    tally: Tally, name: str, events: list[Event], gold: list[dict[str, Any]]
) -> None:
    tally.entries += len(events)
    tally.events += sum(1 for g in gold if g["event"])
    matched: set[int] = set()
    for event in events:
        hit = next((i for i, g in enumerate(gold) if i not in matched and _matches(event, g)), None)
        if hit is None:
            tally.errors.append(f"UNANNOTATED {name}: {event.expression!r} in «{event.text[:90]}»")
            continue
        matched.add(hit)
        want = gold[hit]
        if not want.get("is_date", True):
            tally.non_dates += 1
        ok = want["event"] and _value_agrees(event, want["value"])
        tally.right += ok
        if want["event"]:
            tally.found += 1
            tally.status_judged += 1
            tally.status_right += event.status == want.get("status")
            if event.status != want.get("status"):
                tally.errors.append(
                    f"STATUS {name}: {event.expression!r} {event.status}, not {want.get('status')}"
                )
        if not ok:
            tally.errors.append(f"WRONG {name}: {event.expression!r} ({want.get('why')})")
    for i, want in enumerate(gold):
        if want["event"] and i not in matched:
            tally.errors.append(f"MISSED {name}: {want['expression']!r} ({want.get('why')})")


def _matches(event: Event, gold: dict[str, Any]) -> bool:
    sentence = " ".join(event.text.split())
    start = " ".join(gold["sentence_start"].split())
    if start[:40] not in sentence:
        return False
    a, b = event.expression.lower(), gold["expression"].lower()
    return bool(a and b) and (a in b or b in a or bool(set(a.split()) & set(b.split())))


def _value_agrees(event: Event, value: str) -> bool:
    placed = {
        "year": f"{event.date.year:04d}",
        "month": f"{event.date.year:04d}-{event.date.month:02d}",
        "day": event.date.isoformat(),
        "decade": f"{event.date.year // 10:03d}",
        "quarter": f"{event.date.year:04d}-Q{(event.date.month - 1) // 3 + 1}",
    }.get(event.precision, event.date.isoformat())
    return value.startswith(placed) or placed.startswith(value)


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def main(argv: Sequence[str] | None = None) -> int:
    """Print the held-out timeline figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("bbc", type=Path, help="the bbc-news-summary folder")
    parser.add_argument(
        "--fixture", type=Path, default=FIXTURE, help="the annotation to score (default: held out)"
    )
    parser.add_argument("--errors", action="store_true", help="list disagreements")
    args = parser.parse_args(argv)
    if not (args.bbc / "articles").is_dir():
        print(f"evaluation.bbc_timeline: {args.bbc} has no articles/ folder", file=sys.stderr)
        return 1
    if not args.fixture.is_file():
        print(f"evaluation.bbc_timeline: no fixture at {args.fixture}", file=sys.stderr)
        return 1
    held_out = args.fixture.resolve().parent == FIXTURE.parent
    if args.errors and held_out:
        # Reading a held-out sample's errors is studying it: its figure would flatter.
        parser.error("--errors lists a held-out sample's mistakes; use a development sample")
    tally = score(load_nlp(DEFAULT_MODELS), args.bbc, args.fixture)
    count = len(json.loads(args.fixture.read_text(encoding="utf-8"))["articles"])
    sample = f"{args.fixture.name} ({'held out' if held_out else 'in-sample'})"
    print(f"BBC timeline {sample} ({count} articles)")
    print("\n".join(tally.lines()))
    if args.errors:
        print("\n".join(tally.errors))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
