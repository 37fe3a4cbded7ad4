"""Score article bodies from real news pages against their gold text: ours and trafilatura's.

    python3 -m evaluation.extraction /work/extraction-eval [--pages]

The folder holds saved pages and their gold body text, listed in its `manifest.json`
(`{"pages": [{"dataset", "id", "html", "gold", "split", ...}]}`, paths relative to the
folder). For each page, **ours** is the text `china-brief article --json` gives for it: the
saved page read as `china-brief ingest` reads it (`bot.ingest.readers.read_file`: trafilatura,
then our cleaning, headline and dateline). **trafilatura** is `trafilatura.extract` on the same
page with the options we give it (no comments, no tables), so the two are scored in one run.

The score is the one of the Article Extraction Benchmark (scrapinghub/article-extraction-
benchmark, `evaluate.py`): `\\w+` tokens, shingles of 4 tokens, true and false positives and
false negatives on the shingle multisets, normalised per page so that long articles weigh no
more; precision is the mean over pages that predicted something, recall the mean over pages
with gold text, and F1 their harmonic mean. `--pages` lists each page of the `study` split
(the half that may be looked at to fix cleaning; the `held-out` half is only scored).
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from bot.ingest.readers import read_file
from bot.records import SourceText

# As in the benchmark: any run of word characters is a token, in any language.
TOKEN = re.compile(r"\w+", re.UNICODE | re.MULTILINE | re.IGNORECASE | re.DOTALL)
SHINGLE = 4
Counts = tuple[float, float, float]  # true positives, false positives, false negatives


def shingles(text: str, n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    """The text's shingles of n tokens with their counts (one shorter shingle for a short text)."""
    tokens = TOKEN.findall(text or "")
    return Counter(tuple(tokens[i : i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens)


def shingle_counts(gold: str, predicted: str) -> Counts:
    """True and false positives and false negatives over the shingles, as shares of their sum."""
    true, pred = shingles(gold), shingles(predicted)
    tp = float(sum((true & pred).values()))
    fp = float(sum((pred - true).values()))
    fn = float(sum((true - pred).values()))
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (tp, fp, fn)


def precision(tp: float, fp: float, fn: float) -> float:
    """A page's precision as the benchmark defines it (1 when both texts are empty)."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    """A page's recall as the benchmark defines it (1 when both texts are empty)."""
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def summary(pages: Iterable[Counts]) -> dict[str, float]:
    """Mean precision (pages that predicted text), mean recall (pages with gold text), their F1."""
    counts = list(pages)
    p = statistics.mean([precision(*c) for c in counts if c[0] + c[1] > 0] or [0.0])
    r = statistics.mean([recall(*c) for c in counts if c[0] + c[2] > 0] or [0.0])
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def ours(path: Path) -> str:
    """The article text china-brief stores for a saved page (empty when it refuses the page)."""
    found = [item for item in read_file(path) if isinstance(item, SourceText)]
    return "\n\n".join(source.text for source in found)


def trafilatura_alone(path: Path) -> str:
    """trafilatura's own text for the page, with the extraction options china-brief uses."""
    import trafilatura

    text = trafilatura.extract(path.read_bytes(), include_comments=False, include_tables=False)
    return text or ""


def score(folder: Path) -> list[dict[str, Any]]:
    """Each manifest page with its counts for ours and for trafilatura alone."""
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    rows = []
    for page in manifest["pages"]:
        gold = (folder / page["gold"]).read_text(encoding="utf-8")
        html = folder / page["html"]
        rows.append(
            page
            | {
                "ours": shingle_counts(gold, ours(html)),
                "trafilatura": shingle_counts(gold, trafilatura_alone(html)),
            }
        )
    return rows


def report(rows: Sequence[dict[str, Any]], pages: bool = False) -> list[str]:
    """The table: per dataset, per split and overall, ours against trafilatura alone."""
    groups: dict[str, list[dict[str, Any]]] = {}
    for label in ("dataset", "split"):
        for row in rows:
            groups.setdefault(f"{label} {row[label]}", []).append(row)
    groups["all pages"] = list(rows)
    lines = [f"{'pages':<22}{'n':>3}  {'ours P / R / F1':<22}  trafilatura alone P / R / F1"]
    for name, members in groups.items():
        mine, theirs = (summary(r[who] for r in members) for who in ("ours", "trafilatura"))
        lines.append(f"{name:<22}{len(members):>3}  {_prf(mine):<22}  {_prf(theirs)}")
    if pages:
        lines.append("")
        for row in (r for r in rows if r["split"] == "study"):
            mine, theirs = (summary([row[who]]) for who in ("ours", "trafilatura"))
            lines.append(f"{row['dataset']}/{row['id']:<20} {_prf(mine):<22}  {_prf(theirs)}")
    return lines


def _prf(figures: dict[str, float]) -> str:
    return " / ".join(f"{figures[k]:.3f}" for k in ("precision", "recall", "f1"))


def main(argv: Sequence[str] | None = None) -> int:
    """Print the extraction figures for a folder of pages with gold text."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, help="a folder with manifest.json, pages and gold")
    parser.add_argument("--pages", action="store_true", help="list each study page too")
    args = parser.parse_args(argv)
    if not (args.folder / "manifest.json").is_file():
        print(f"evaluation.extraction: {args.folder} has no manifest.json", file=sys.stderr)
        return 1
    print("\n".join(report(score(args.folder), pages=args.pages)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
