"""Readers for annotated time-expression corpora: TempEval-3 TimeML and MEANTIME XML."""

from __future__ import annotations

import datetime as dt
import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, replace
from pathlib import Path

TAG = re.compile(r"<[^>]+>")
TIMEX_OPEN = re.compile(r"<TIMEX3\b(?P<attrs>[^>]*?)(?P<empty>/)?>")
ATTR = re.compile(r'(\w+)="([^"]*)"')
# An event placed at a time: the event's relation to the time, and the time's to the event.
ATTACHING = frozenset({"IS_INCLUDED", "DURING", "BEGINS", "ENDS"})
ATTACHING_INVERSE = frozenset({"INCLUDES", "DURING", "DURING_INV", "BEGUN_BY", "ENDED_BY"})
NO_SPACE_BEFORE = {",", ".", ":", ";", "?", "!", ")", "'s", "'", "%", "n't", "’s"}


@dataclass(frozen=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str
    # Where the events start that a TLINK places at this expression (IS_INCLUDED, DURING,
    # BEGINS, ENDS, or their inverses from the time's side): the gold's own attachment.
    events: tuple[int, ...] = ()
    verbs: tuple[int, ...] = ()  # those of the events that are verbs (not "the bombing")


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
    timexes: list[tuple[str, GoldTimex]] = []
    events: dict[str, int] = {}  # eid -> where the event's words start
    open_at: tuple[int, dict[str, str]] | None = None
    position, length = 0, 0
    for tag in TAG.finditer(body):
        chunk = _unescape(body[position : tag.start()])
        text.append(chunk)
        length += len(chunk)
        position = tag.end()
        if tag.group().startswith("<TIMEX3"):
            open_at = (length, dict(ATTR.findall(tag.group())))
        elif tag.group().startswith("<EVENT"):
            events[dict(ATTR.findall(tag.group())).get("eid", "")] = length
        elif tag.group() == "</TIMEX3>" and open_at is not None:
            start, attrs = open_at
            span = "".join(text)[start:length]
            gold = GoldTimex(start, length, span, attrs["type"], attrs["value"])
            timexes.append((attrs.get("tid", ""), gold))
            open_at = None
    text.append(_unescape(body[position:]))
    made = [dict(ATTR.findall(m)) for m in re.findall(r"<MAKEINSTANCE\b[^>]*>", raw)]
    instances = {a["eiid"]: a["eventID"] for a in made}
    verbal = {
        a["eventID"]: events[a["eventID"]]
        for a in made
        if a.get("pos") == "VERB" and a["eventID"] in events
    }
    links = []
    for attrs in map(dict, map(ATTR.findall, re.findall(r"<TLINK\b[^>]*>", raw))):
        relation = attrs.get("relType", "")
        if "eventInstanceID" in attrs and "relatedToTime" in attrs and relation in ATTACHING:
            links.append((attrs["relatedToTime"], instances.get(attrs["eventInstanceID"], "")))
        elif {"timeID", "relatedToEventInstance"} <= attrs.keys() and relation in ATTACHING_INVERSE:
            links.append((attrs["timeID"], instances.get(attrs["relatedToEventInstance"], "")))
    attached, verbs = _attached(links, events), _attached(links, verbal)
    return GoldDocument(
        path.stem,
        "".join(text),
        dt.date.fromisoformat(dct["v"][:10]),
        tuple(
            replace(g, events=attached.get(tid, ()), verbs=verbs.get(tid, ())) for tid, g in timexes
        ),
    )


def _attached(links: list[tuple[str, str]], events: dict[str, int]) -> dict[str, tuple[int, ...]]:
    # Each time's linked events, by where they start in the text (events outside it dropped).
    found: dict[str, set[int]] = {}
    for time, event in links:
        if event in events:
            found.setdefault(time, set()).add(events[event])
    return {time: tuple(sorted(starts)) for time, starts in found.items()}


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
    events = {
        node.get("m_id", ""): min(offsets[a.get("t_id", "")][0] for a in words)
        for node in root.iter("EVENT_MENTION")
        if (words := list(node.iter("token_anchor")))
    }
    verbal = {
        node.get("m_id", ""): events[node.get("m_id", "")]
        for node in root.iter("EVENT_MENTION")
        if node.get("pos") == "VERB" and node.get("m_id", "") in events
    }
    links = _meantime_links(root)
    attached, verbs = _attached(links, events), _attached(links, verbal)
    values = {node.get("m_id"): node.get("value") or "" for node in root.iter("TIMEX3")}
    anchors_used = Counter(node.get("anchorTimeID") for node in root.iter("TIMEX3"))
    for node in root.iter("TIMEX3"):
        if node.get("functionInDocument") == "CREATION_TIME":
            created = _iso(node.get("value") or "")
        anchors = [offsets[a.get("t_id", "")] for a in node.iter("token_anchor")]
        if anchors:
            start, end = min(a[0] for a in anchors), max(a[1] for a in anchors)
            kind, value = node.get("type", ""), node.get("value", "")
            m_id = node.get("m_id", "")
            linked, verbal_linked = attached.get(m_id, ()), verbs.get(m_id, ())
            timexes.append(
                GoldTimex(start, end, text[start:end], kind, value, linked, verbal_linked)
            )
    if created is None:
        # Some files do not flag the creation time; it is the time the others are anchored to.
        anchor = next((a for a, _ in anchors_used.most_common() if a in values), None)
        created = _iso(values[anchor]) if anchor else None
    if created is None:
        raise ValueError(f"{path} has no document creation time")
    return GoldDocument(path.stem, text, created, tuple(timexes))


def _meantime_links(root: ET.Element) -> list[tuple[str, str]]:
    # (time, event) pairs of the TLINKs that place an event at a time, from either side.
    links = []
    for link in root.iter("TLINK"):
        source, target = link.find("source"), link.find("target")
        if source is None or target is None:
            continue
        relation = link.get("reltype", "")
        a, b = source.get("m_id", ""), target.get("m_id", "")
        if relation in ATTACHING:
            links.append((b, a))
        if relation in ATTACHING_INVERSE:
            links.append((a, b))  # a pair of the wrong kinds matches no event: dropped
    return links


def _iso(value: str) -> dt.date | None:
    # One file writes its creation time day-first ("03-02-2009"); anything else unreadable is
    # left for the anchored-time fallback.
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        match = re.fullmatch(r"(\d\d)-(\d\d)-(\d{4})", value[:10])
        return dt.date(int(match[3]), int(match[2]), int(match[1])) if match else None
