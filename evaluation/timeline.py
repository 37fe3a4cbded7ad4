"""Score time-expression resolution against TempEval-3 and MEANTIME gold TIMEX3 values.

    python3 -m evaluation.timeline --tempeval /work/shared/data/tempeval3-train \
        --meantime /work/shared/data/meantime

Each document's creation time is taken as the publication date. Gold DATE expressions with a
concrete value (no X, not PRESENT_REF/PAST_REF/FUTURE_REF) are scored two ways, and the
row "all" counts only them:

- span given: the gold span's sentence is scanned with the gold span standing in for spaCy's
  DATE entity; the expression overlapping the gold span most is resolved in its sentence (for
  tense). This isolates resolution from detection.
- end to end: the extractor runs as in ingest (spaCy's entities gate bare years and months);
  an expression overlapping the gold span most is taken, a miss counts as wrong.

Correct means the TimeML value at our precision equals the gold value (time of day dropped,
"W7" read as "W07"): "last week" must be 1998-W05, not a day. Gold DATEs with no
known year ("recently", "now", "the future": PAST_REF, XXXX-XX-XX) form the vague row, correct
when nothing is placed; those with a known year and open finer parts ("1949-XX", "1989-WXX")
form the partial row, correct when what is placed agrees with the known part.

Beside value accuracy, attachment: whether the extractor makes a timeline entry exactly at
the gold DATEs that a TLINK places an event of their sentence at (recall), and how many of
its entries are such DATEs (precision); see AttachmentTally.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from bot.nlp.attachment import Attachment
from bot.nlp.calendar import timeml_value
from bot.nlp.dates import CharSpans, attachments, date_entities, sentence_timexes
from bot.nlp.model import load_nlp
from bot.nlp.timewords import MONTH, WEEKDAY
from bot.nlp.timex import Timex
from bot.settings import DEFAULT_MODELS
from evaluation.corpora import GoldDocument, GoldTimex, read_meantime, read_tempeval

PRECISIONS = (
    ("day", r"\d{4}-\d\d-\d\d"),
    ("week", r"\d{4}-W\d\d"),
    ("month", r"\d{4}-\d\d"),
    ("quarter", r"\d{4}-Q\d"),
    ("year", r"\d{4}"),
    ("decade", r"\d{3}"),
)
KINDS = ("explicit", "relative", "weekday", "month-name", "vague", "partial")


@dataclass
class AttachmentTally:
    """Timeline entries against the gold's TLINKs that place an event of the sentence at a DATE.

    Counted over concrete gold DATEs, at the expression (an entry must be made at the linked
    expression, not only somewhere in its sentence). linked: with such a link; placed: those
    we place at all, which before issue 12 all became entries; entries: those we make an entry
    for now. By rule: every placed DATE's verdict, and how many of those the gold links.
    """

    linked: int = 0
    linked_placed: int = 0
    linked_entries: int = 0
    placed: int = 0  # gold DATEs we place (what every one of them once became: an entry)
    placed_linked: int = 0
    entries: int = 0
    entries_linked: int = 0
    verb_linked: int = 0  # linked to a verb's event, not only to a noun's ("the 1996 bombing")
    verb_linked_entries: int = 0
    by_rule: Counter[str] = field(default_factory=Counter)
    rule_linked: Counter[str] = field(default_factory=Counter)
    examples: list[str] = field(default_factory=list)

    def add(
        self, linked: bool, verb: bool, placed: bool, verdict: Attachment | None, text: str
    ) -> None:
        """Count one concrete gold DATE: linked (to a verb) or not, placed or not, our verdict."""
        entry = placed and verdict is not None and verdict.entry
        self.verb_linked += verb
        self.verb_linked_entries += verb and entry
        self.linked += linked
        self.linked_placed += linked and placed
        self.linked_entries += linked and entry
        self.placed += placed
        self.placed_linked += placed and linked
        self.entries += entry
        self.entries_linked += entry and linked
        if placed and verdict is not None:
            self.by_rule[f"{verdict.role}/{verdict.rule}"] += 1
            self.rule_linked[f"{verdict.role}/{verdict.rule}"] += linked
            if entry != linked and len(self.examples) < 400:
                mark = "EXTRA" if entry else "MISSED"
                self.examples.append(f"{mark} {verdict.role}/{verdict.rule}: {text}")

    def lines(self) -> list[str]:
        """The attachment block of the report."""
        return [
            "  attachment (gold TLINK IS_INCLUDED/DURING/BEGINS/ENDS to an event of the sentence)",
            f"    precision, entries         {_ratio(self.entries_linked, self.entries)}",
            f"    precision, every placed    {_ratio(self.placed_linked, self.placed)}  (before)",
            f"    recall, entries            {_ratio(self.linked_entries, self.linked)}",
            f"    recall, every placed       {_ratio(self.linked_placed, self.linked)}  (before)",
            f"    recall, verbs' events      {_ratio(self.verb_linked_entries, self.verb_linked)}"
            "  (the gold also links nouns: 'the 1996 bombing')",
            "    by rule (linked/placed): "
            + ", ".join(
                f"{rule} {self.rule_linked[rule]}/{n}" for rule, n in self.by_rule.most_common()
            ),
        ]


@dataclass
class Tally:
    """Counts per row label: gold items, and correct answers in each scoring mode."""

    total: Counter[str] = field(default_factory=Counter)
    span: Counter[str] = field(default_factory=Counter)
    end_to_end: Counter[str] = field(default_factory=Counter)
    spurious: int = 0  # dates placed where the gold has no time expression at all
    wrong_examples: list[str] = field(default_factory=list)
    attached: AttachmentTally = field(default_factory=AttachmentTally)

    def add(self, rows: Sequence[str], span_ok: bool, e2e_ok: bool) -> None:
        for row in rows:
            self.total[row] += 1
            self.span[row] += span_ok
            self.end_to_end[row] += e2e_ok


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


def normalise(value: str) -> str | None:
    """A gold value as our precisions write it, or None when it is not a concrete date."""
    if not value or value.startswith("P") or "REF" in value or "X" in value:
        return None
    value = re.sub(r"T.*$", "", value)
    return re.sub(r"-W(\d)$", r"-W0\1", value)


def precision_of(value: str) -> str:
    """day, week, month, quarter, year, decade, or other (season, half, weekend, century)."""
    return next((name for name, shape in PRECISIONS if re.fullmatch(shape, value)), "other")


def kind_of(text: str) -> str:
    """How the text names the date: explicit, weekday, month-name or relative."""
    if re.search(r"\b\d{4}\b|\d0['’]?s\b", text):
        return "explicit"
    if re.search(WEEKDAY, text):
        return "weekday"
    if re.search(MONTH, text):
        return "month-name"
    return "relative"


def score(documents: Sequence[GoldDocument], nlp: Language) -> Tally:
    """Resolve every gold DATE expression both ways and count the right answers."""
    tally = Tally()
    texts = (d.text for d in documents)
    for gold, doc in zip(documents, nlp.pipe(texts, batch_size=8), strict=True):
        entities = date_entities(doc)
        for sent in doc.sents:
            start, end = sent.start_char, sent.end_char
            inside = [g for g in gold.timexes if start <= g.start < end]
            found = _shift(sentence_timexes(doc, start, sent.text, gold.created, entities), start)
            tally.spurious += sum(
                1 for t in found if t.date and not any(_overlap(t, g) for g in gold.timexes)
            )
            verdicts = dict(
                zip(found, attachments(doc, start, end, _shift(found, -start)), strict=True)
            )
            for g in (g for g in inside if g.type == "DATE"):
                one = CharSpans.of([(g.start, g.end)])
                given = sentence_timexes(doc, start, sent.text, gold.created, one)
                e2e = _best(found, g)
                _judge(tally, g, _best(_shift(given, start), g), e2e)
                if normalise(g.value) is not None:
                    linked = any(start <= e < end for e in g.events)
                    verb = any(start <= e < end for e in g.verbs)
                    verdict = verdicts.get(e2e) if e2e is not None else None
                    where = f"{g.text!r} in {sent.text.strip()!r}"
                    tally.attached.add(linked, verb, _placed(e2e), verdict, where)
    return tally


def _judge(tally: Tally, gold: GoldTimex, span: Timex | None, e2e: Timex | None) -> None:
    value = normalise(gold.value)
    if value is None and re.match(r"\d{3}", gold.value):
        # "1949-XX", "1989-WXX", "196X": a known year or decade, finer parts left open.
        known = re.split(r"X", gold.value, maxsplit=1)[0].rstrip("-W")
        tally.add(["partial"], _consistent(span, known), _consistent(e2e, known))
        return
    if value is None:
        tally.add(["vague"], not _placed(span), not _placed(e2e))
        return
    span_ok, e2e_ok = _value(span) == value, _value(e2e) == value
    tally.add([kind_of(gold.text), "p:" + precision_of(value), "all"], span_ok, e2e_ok)
    if not span_ok and len(tally.wrong_examples) < 400:
        tally.wrong_examples.append(f"{gold.text!r} gold={value} ours={_value(span)}")


def _consistent(timex: Timex | None, known: str) -> bool:
    value = _value(timex)
    return value is not None and (value.startswith(known) or known.startswith(value))


def _shift(timexes: Sequence[Timex], offset: int) -> list[Timex]:
    return [
        Timex(t.start + offset, t.end + offset, t.kind, t.expression, t.date, t.precision)
        for t in timexes
    ]


def _overlap(t: Timex, g: GoldTimex) -> int:
    return max(0, min(t.end, g.end) - max(t.start, g.start))


def _best(found: Sequence[Timex], gold: GoldTimex) -> Timex | None:
    scored = [(_overlap(t, gold), t) for t in found if _overlap(t, gold) > 0]
    return max(scored, key=lambda s: s[0])[1] if scored else None


def _placed(timex: Timex | None) -> bool:
    return timex is not None and timex.date is not None


def _value(timex: Timex | None) -> str | None:
    if timex is None or timex.date is None or timex.precision is None:
        return None
    return timeml_value(timex.date, timex.precision)


def table(name: str, tally: Tally) -> str:
    """One block of the printed table: accuracy by kind and by precision, both modes."""
    lines = [f"{name}", f"  {'row':<16}{'n':>6}{'span given':>18}{'end to end':>18}"]
    rows = [*KINDS, *(f"p:{p}" for p, _ in PRECISIONS), "p:other", "all"]
    for row in rows:
        n = tally.total[row]
        if n:
            span, e2e = tally.span[row], tally.end_to_end[row]
            lines.append(f"  {row:<16}{n:>6}{span / n:>12.3f} {span:>5}{e2e / n:>12.3f} {e2e:>5}")
    lines.append(f"  dates placed where the gold has no time expression: {tally.spurious}")
    lines += tally.attached.lines()
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the accuracy table for the corpora given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tempeval", type=Path, help="folder of TempEval-3 .tml files")
    parser.add_argument("--meantime", type=Path, help="the MEANTIME folder")
    parser.add_argument("--errors", action="store_true", help="list span-given mistakes")
    parser.add_argument(
        "--attachment-errors", action="store_true", help="list entries the gold does not link"
    )
    args = parser.parse_args(argv)
    corpora = [("TempEval-3 train", args.tempeval, read_tempeval)]
    corpora.append(("MEANTIME (WikiNews)", args.meantime, read_meantime))
    if not any(path for _, path, _ in corpora):
        parser.error("give --tempeval PATH and/or --meantime PATH")
    chosen = [(name, path, read) for name, path, read in corpora if path is not None]
    for name, path, _ in chosen:
        if not path.is_dir():
            print(
                f"{name}: {path} is not a folder; see /work/shared/data/README.md", file=sys.stderr
            )
            return 1
    nlp = load_nlp(DEFAULT_MODELS)
    for name, path, read in chosen:
        tally = score(read(path), nlp)
        print(table(name, tally) + "\n")
        if args.errors:
            print("\n".join(tally.wrong_examples) + "\n")
        if args.attachment_errors:
            print("\n".join(tally.attached.examples) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
