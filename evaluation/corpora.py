"""Readers for annotated time-expression corpora: TempEval-3 TimeML and MEANTIME XML."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

TAG = re.compile(r"<[^>]+>")
TIMEX_OPEN = re.compile(r"<TIMEX3\b(?P<attrs>[^>]*?)(?P<empty>/)?>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "'s", "'", "%", "n't", "’s"}


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str


@dataclass(frozen=True)
class GoldDocument:
    name: str
    text: str
    created: dt.date  # the document creation time, read as the publication date
    timexes: tuple[GoldTimex, ...]


def read_tempeval(folder: Path) -> list[GoldDocument]:
    """Every .tml document under the folder, with its TIMEX3 spans in the plain text."""
    return [_tml(path) for path in sorted(folder.rglob("*.tml"))]


def _tml(path: Path) -> GoldDocument:
    raw = path.read_text(encoding="utf-8")
    dct = re.search(r'<DCT>\s*<TIMEX3[^>]*value="(?P<v>[^"]+)"', raw)
    if dct is None:
        raise ValueError(f"{path} has no document creation time")
    body = raw.split("<TEXT>", 1)[1].split("</TEXT>", 1)[0]
    text: list[str] = []
    timexes: list[GoldTimex] = []
    open_at: tuple[int, dict[str, str]] | None = None
    position, length = 0, 0
    for tag in TAG.finditer(body):
        chunk = _unescape(body[position : tag.start()])
        text.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group().startswith("<TIMEX3"):
            open_at = (length, dict(ATTR.findall(tag.group())))
        elif tag.group() == "</TIMEX3>" and open_at is not None:
            start, attrs = open_at
            span = "".join(text)[start:length]
            timexes.append(GoldTimex(start, length, span, attrs["type"], attrs["value"]))
            open_at = None
    text.append(_unescape(body[position:]))
    return GoldDocument(
        path.stem, "".join(text), dt.date.fromisoformat(dct["v"][:10]), tuple(timexes)
    )


def _unescape(chunk: str) -> str:
    return (
        chunk.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", '"').replace("&amp;", "&")
    )


def read_meantime(folder: Path) -> list[GoldDocument]:
    """MEANTIME's English articles (document-level annotation), tokens joined into text."""
    base = folder / "intra-doc_annotation"
    return [_meantime(path) for path in sorted((base if base.is_dir() else folder).rglob("*.xml"))]


def _meantime(path: Path) -> GoldDocument:
    root = ET.parse(path).getroot()
    offsets: dict[str, tuple[int, int]] = {}
    pieces: list[str] = []
    length, sentence = 0, None
    for token in root.iter("token"):
        word = token.text or ""
        if sentence is not None and token.get("sentence") != sentence:
            # Sentence 0 is the headline and sentence 1 the date line: paragraphs of their own.
            sep = "\n\n" if sentence in ("0", "1") else " "
        else:
            glued = not pieces or word in NO_SPACE_BEFORE or pieces[-1].endswith(("(", "$"))
            sep = "" if glued else " "
        sentence = token.get("sentence")
        pieces.append(sep + word)
        length += len(sep)
        offsets[token.get("t_id", "")] = (length, length + len(word))
        length += len(word)
    text = "".join(pieces)
    created: dt.date | None = None
    timexes = []
    values = {node.get("m_id"): node.get("value") or "" for node in root.iter("TIMEX3")}
    anchors_used = Counter(node.get("anchorTimeID") for node in root.iter("TIMEX3"))
    for node in root.iter("TIMEX3"):
        if node.get("functionInDocument") == "CREATION_TIME":
            created = _iso(node.get("value") or "")
        anchors = [offsets[a.get("t_id", "")] for a in node.iter("token_anchor")]
        if anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            kind, value = node.get("type", ""), node.get("value", "")
            timexes.append(GoldTimex(start, end, text[start:end], kind, value))
    if created is None:
        # Some files do not flag the creation time; it is the time the others are anchored to.
        anchor = next((a for a, _ in anchors_used.most_common() if a in values), None)
        created = _iso(values[anchor]) if anchor else None
    if created is None:
        raise ValueError(f"{path} has no document creation time")
    return GoldDocument(path.stem, text, created, tuple(timexes))


def _iso(value: str) -> dt.date | None:
    # One file writes its creation time day-first ("03-02-2009"); anything else unreadable is
    # left for the anchored-time fallback.
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        match = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value[:10])
        return dt.date(int(match[3]), int(match[2]), int(match[1])) if match else None
