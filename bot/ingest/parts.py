"""An article longer than the language model takes, as several articles of whole paragraphs."""

from __future__ import annotations

import hashlib
from dataclasses import replace

from bot.ingest.metadata import MAX_TITLE, shorten
from bot.records import SourceText

PARAGRAPH_BREAK = "\n\n"


def in_parts(source: SourceText, limit: int) -> list[SourceText]:
    """The article itself when it has at most `limit` characters; else parts of whole
    paragraphs, each within the limit and titled "(part 2 of 3)".

    The first part keeps the article's key, so a file that grows past the limit replaces its
    old version; the others are `key#part2`, .... A paragraph longer than the limit on its
    own is cut at a space.
    """
    if len(source.text) <= limit:
        return [source]
    chunks = _pack(source.text.split(PARAGRAPH_BREAK), limit)
    count = len(chunks)
    parts = []
    for number, text in enumerate(chunks, start=1):
        suffix = f" (part {number} of {count})"
        digest = f"{source.content_hash}:{number}/{count}:{limit}"
        parts.append(
            replace(
                source,
                key=source.key if number == 1 else f"{source.key}#part{number}",
                text=text,
                title=shorten(source.title, limit=MAX_TITLE - len(suffix)) + suffix,
                content_hash=hashlib.sha256(digest.encode()).hexdigest(),
            )
        )
    return parts


def _pack(paragraphs: list[str], limit: int) -> list[str]:
    # Greedy: as many whole paragraphs as fit, in order.
    chunks: list[str] = []
    current: list[str] = []
    size = 0
    for paragraph in (piece for p in paragraphs for piece in _cut(p, limit)):
        added = len(paragraph) + (len(PARAGRAPH_BREAK) if current else 0)
        if current and size + added > limit:
            chunks.append(PARAGRAPH_BREAK.join(current))
            current, size = [], 0
            added = len(paragraph)
        current.append(paragraph)
        size += added
    if current:
        chunks.append(PARAGRAPH_BREAK.join(current))
    return chunks


def _cut(paragraph: str, limit: int) -> list[str]:
    pieces = []
    while len(paragraph) > limit:
        at = paragraph.rfind(" ", limit // 2, limit)
        at = at if at > 0 else limit
        pieces.append(paragraph[:at].rstrip())
        paragraph = paragraph[at:].lstrip()
    return [*pieces, paragraph] if paragraph else pieces
