"""PolNeAR 1.0 (brat standoff) → the direct quotes it annotates, with their Source spans."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

# NYT archive text writes a double quotation mark as two apostrophes.
MARK_RE = re.compile(r"''|[\"“”]")
MIN_QUOTE_WORDS = 3  # the project's own rule: one or two quoted words are scare quotes


@dataclass(frozen=True)
class GoldQuote:
    quoted: tuple[tuple[int, int], ...]  # character ranges inside quotation marks
    source: str | None  # the Source span as written; None for attribution without source
    source_start: int | None


@dataclass(frozen=True)
class GoldArticle:
    name: str
    publisher: str
    text: str
    quotes: tuple[GoldQuote, ...]
    annotator: str


def load_split(root: Path, split: str) -> list[GoldArticle]:
    """Every article of a split with the direct quotes of one annotator (the first by id)."""
    text_dir, ann_dir = root / split / "text", root / split / "attributions"
    if not text_dir.is_dir() or not ann_dir.is_dir():
        raise FileNotFoundError(
            f"{root / split} has no text/ and attributions/ folders; pass the PolNeAR folder "
            "(the one holding dev/, train/ and metadata.tsv) with --polnear"
        )
    articles = []
    for text_path in sorted(text_dir.glob("*.txt")):
        anns = sorted(ann_dir.glob(text_path.stem + "_*.ann"))
        if not anns:
            continue
        text = text_path.read_text(encoding="utf-8")
        annotator = anns[0].stem.rsplit("_", 1)[1]
        quotes = tuple(_direct_quotes(text, anns[0].read_text(encoding="utf-8")))
        publisher = text_path.stem.split("_", 1)[0]
        articles.append(GoldArticle(text_path.stem, publisher, text, quotes, annotator))
    return articles


def _direct_quotes(text: str, ann: str) -> list[GoldQuote]:
    spans: dict[str, list[tuple[int, int]]] = {}
    for line in ann.splitlines():
        # A span's text may hold a line break, so its second line starts no annotation.
        if line.startswith("T") and line.count("\t") >= 2:
            ident, kind_offsets, _ = line.split("\t", 2)
            offsets = kind_offsets.split(" ", 1)[1]
            spans[ident] = [
                (int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))
            ]
    quotes = []
    for line in ann.splitlines():
        if not line.startswith("E") or "\t" not in line:
            continue
        roles = dict(arg.split(":") for arg in line.split("\t")[1].split()[1:])
        if "Content" not in roles:
            continue
        quoted = quoted_ranges(text, spans[roles["Content"]])
        if not quoted:
            continue
        source = spans.get(roles.get("Source", ""))
        source_text = " ".join(text[a:b] for a, b in source) if source else None
        quotes.append(GoldQuote(tuple(quoted), source_text, source[0][0] if source else None))
    return quotes


def quoted_ranges(text: str, fragments: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The stretches of a Content span inside quotation marks, three words or longer.

    A mark opens a stretch when none is open and closes it otherwise (curly marks say which
    they are); a paragraph break ends an open stretch, as a multi-paragraph quote reopens the
    next paragraph with a new mark. A span that starts inside a quotation (the marks before it
    in its paragraph are unbalanced) starts open; one that ends inside runs to its end.
    """
    found: list[tuple[int, int]] = []
    for start, end in fragments:
        paragraph_start = text.rfind("\n", 0, start) + 1
        inside, _ = _scan(text, paragraph_start, start, None)
        opened = start if inside is not None else None
        opened, stretches = _scan(text, start, end, opened)
        found += stretches
        if opened is not None:
            found.append((opened, end))
    return [(a, b) for a, b in found if len(text[a:b].split()) >= MIN_QUOTE_WORDS]


def _scan(
    text: str, start: int, end: int, opened: int | None
) -> tuple[int | None, list[tuple[int, int]]]:
    # Returns where the still-open stretch began (or None) and the closed stretches.
    stretches = []
    pos = start
    for match in MARK_RE.finditer(text, start, end):
        mark, between = match.group(), text[pos : match.start()]
        if opened is not None and "\n" in between:
            stretches.append((opened, pos + between.index("\n")))
            opened = None
        if opened is None or mark == "“":
            opened = match.end() if mark != "”" else opened
        else:
            stretches.append((opened, match.start()))
            opened = None
        pos = match.end()
    if opened is not None and "\n" in text[pos:end]:
        stretches.append((opened, pos + text[pos:end].index("\n")))
        opened = None
    return opened, stretches
