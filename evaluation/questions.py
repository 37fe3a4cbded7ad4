"""Does the brief answer the question? BM25 alone, hybrid, and a plain dense retriever.

`python -m evaluation.questions --corpus ../shared/data/bbc-news-summary --workdir DIR
[--heldout]` ingests every BBC politics and business article once (kept in DIR), then asks
each question of evaluation/questions/bbc_questions.json three ways on the same store:

- bm25: the brief with CHINA_BRIEF_SEARCH=bm25 (china-brief before hybrid search);
- hybrid: the brief as china-brief makes it now;
- dense: the 5 sentences closest to the question by all-MiniLM-L6-v2, exactly (no brief).

A question is answered when its answer sentence is in the brief's summary or quotes (for
dense, among the 5 sentences). Held-out questions are left out unless --heldout is given:
they were run once, at the end.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot import pipeline
from bot.errors import BriefError
from bot.nlp.model import load_nlp
from bot.services import Services, build_services
from bot.settings import DEFAULT_MODELS, Settings
from bot.store.passages import sentences_by_id
from evaluation.bbc import TOPICS

QUESTIONS = Path(__file__).resolve().parent / "questions" / "bbc_questions.json"
MODES = ("bm25", "hybrid", "dense")
DENSE_TOP = 5


@dataclass(frozen=True)
class Question:
    file: str
    kind: str  # "paraphrase" or "keyword"
    question: str
    answer: str  # an exact stretch of the answer sentence
    heldout: bool = False


def read_questions(path: Path = QUESTIONS) -> list[Question]:
    """The questions of a question file."""
    return [Question(**q) for q in json.loads(path.read_text(encoding="utf-8"))["questions"]]


def normalised(text: str) -> str:
    """Lowercased, quotes straightened, whitespace single: how answers are compared."""
    straight = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return " ".join(straight.lower().split())


def brief_texts(question: str, services: Services) -> list[str]:
    """The summary's sentences and the quotes of the brief for a question."""
    try:
        brief = pipeline.make_brief(question, services)
    except BriefError:
        return []
    return [i.text for i in brief.summary] + [q.text for q in brief.quotes]


def dense_texts(question: str, services: Services) -> list[str]:
    """The DENSE_TOP sentences closest to the question, by exact cosine over every vector."""
    index = services.index.current(services.sessions)
    vectors = services.vectors.current(index, services.sessions)
    cosines = vectors.cosines(np.arange(vectors.size), services.encoder.encode([question])[0])
    top = np.argsort(-cosines)[:DENSE_TOP]
    with services.sessions() as session:
        found = sentences_by_id(session, [int(i) for i in vectors.ids[top]])
    return [s.text for s in found.values()]


def answered(question: Question, texts: Sequence[str]) -> bool:
    """Whether any text holds the answer (a quote may hold part of it: a quote inside the
    answer sentence's stretch counts when it holds most of it)."""
    want = normalised(question.answer)
    return any(want in normalised(t) or _mostly(normalised(t), want) for t in texts)


def _mostly(quote: str, want: str) -> bool:
    return len(quote) >= 0.6 * len(want) and quote.strip(" \"'.,") in want


def evaluate(questions: Sequence[Question], by_mode: dict[str, Services]) -> dict[str, Any]:
    """Answer rates per mode, split and kind; and each question's outcome."""
    outcomes = []
    for q in questions:
        row: dict[str, Any] = {"file": q.file, "kind": q.kind, "heldout": q.heldout,
                               "question": q.question}  # fmt: skip
        for mode, services in by_mode.items():
            texts = (
                dense_texts(q.question, services)
                if mode == "dense"
                else brief_texts(q.question, services)
            )
            row[mode] = answered(q, texts)
        outcomes.append(row)
    rates: dict[str, Any] = {}
    for split in ("development", "heldout"):
        for kind in ("paraphrase", "keyword"):
            rows = [
                r for r in outcomes if r["kind"] == kind and r["heldout"] == (split == "heldout")
            ]
            if rows:
                rates[f"{split} {kind} ({len(rows)})"] = {
                    m: sum(r[m] for r in rows) / len(rows) for m in by_mode
                }
    return {"rates": rates, "questions": outcomes}


def corpus_services(corpus: Path, workdir: Path) -> dict[str, Services]:
    """The store of every BBC politics and business article (ingested once), in each mode."""
    workdir.mkdir(parents=True, exist_ok=True)
    url = f"sqlite:///{workdir / 'bbc.sqlite3'}"
    nlp = load_nlp(DEFAULT_MODELS)
    hybrid = build_services(Settings(url), nlp=nlp)
    folders = [corpus / "articles" / topic for topic in TOPICS]
    report = pipeline.ingest(folders, hybrid, progress=True)
    print(f"ingested {len(report.added)}, unchanged {len(report.unchanged)}", file=sys.stderr)
    bm25 = build_services(dataclasses.replace(hybrid.settings, search="bm25"), nlp=nlp)
    return {"bm25": bm25, "hybrid": hybrid, "dense": hybrid}


def main(argv: Sequence[str] | None = None) -> int:
    """Print the answer rates (and write every outcome with --json)."""
    parser = argparse.ArgumentParser(prog="python -m evaluation.questions", description=__doc__)
    parser.add_argument("--corpus", type=Path, required=True, help="bbc-news-summary/")
    parser.add_argument("--workdir", type=Path, required=True, help="keeps the ingested store")
    parser.add_argument("--heldout", action="store_true", help="also the held-out questions")
    parser.add_argument("--json", type=Path, help="write every question's outcome here")
    args = parser.parse_args(argv)
    questions = [q for q in read_questions() if args.heldout or not q.heldout]
    result = evaluate(questions, corpus_services(args.corpus, args.workdir))
    print(f"{'questions':34} " + " ".join(f"{m:>7}" for m in MODES))
    for label, rates in result["rates"].items():
        print(f"{label:34} " + " ".join(f"{rates[m]:7.0%}" for m in MODES))
    for row in result["questions"]:
        if not row["heldout"] or args.heldout:
            marks = " ".join(f"{m}={'yes' if row[m] else 'no'}" for m in MODES)
            print(f"  {row['file']} {row['kind'][:4]} {marks}  {row['question']}")
    if args.json:
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
