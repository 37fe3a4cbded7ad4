"""BBC News Summary politics and business articles: a held-out sample and the rest for study.

The held-out sample was drawn once, before any rule was tuned on BBC text, with
`random.Random(20261202).sample(pool, 24)` over the sorted politics and business files,
the pool leaving out the five files the attribution issue quotes as examples (they had
been read already). It is annotated by hand in `evaluation/heldout/bbc_quotes.json` and must
never be read while tuning: development looks only at `development_files`, which also leaves
out any file whose text is the same as a held-out one (the data set repeats a few articles).
"""

from __future__ import annotations

from pathlib import Path

TOPICS = ("politics", "business")
HELDOUT_SEED = 20261202
SEEN_BEFORE_DRAW = ("politics/005.txt", "politics/013.txt", "politics/034.txt",
                    "politics/292.txt", "politics/349.txt")  # fmt: skip
HELDOUT = (
    "business/074.txt", "business/107.txt", "business/148.txt", "business/160.txt",
    "business/164.txt", "business/213.txt", "business/257.txt", "business/336.txt",
    "business/463.txt", "business/486.txt", "politics/010.txt", "politics/014.txt",
    "politics/040.txt", "politics/072.txt", "politics/080.txt", "politics/139.txt",
    "politics/158.txt", "politics/163.txt", "politics/175.txt", "politics/245.txt",
    "politics/246.txt", "politics/313.txt", "politics/323.txt", "politics/346.txt",
)  # fmt: skip


def article_files(root: Path) -> list[str]:
    """Every politics and business article as 'topic/NNN.txt', sorted."""
    folder = root / "articles"
    if not folder.is_dir():
        raise FileNotFoundError(
            f"{root} has no articles/ folder; pass the bbc-news-summary folder "
            "(the one holding articles/ and summaries/)"
        )
    return [f"{t}/{p.name}" for t in TOPICS for p in sorted((folder / t).glob("*.txt"))]


def development_files(root: Path) -> list[str]:
    """The articles that may be studied: not held out, and not a copy of one held out."""
    held = {_text(root, name) for name in HELDOUT}
    return [
        name
        for name in article_files(root)
        if name not in HELDOUT and _text(root, name) not in held
    ]


def _text(root: Path, name: str) -> str:
    return (root / "articles" / name).read_text(encoding="utf-8", errors="replace").strip()
