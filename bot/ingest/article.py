"""Body text and given fields → one cleaned SourceText, whatever the input format."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from typing import Any

from bot.ingest.clean import clean_paragraphs, looks_like_headline, split_paragraphs
from bot.ingest.metadata import first_sentence, headline_and_body, parse_dateline, shorten
from bot.records import SourceText

# Bumped when cleaning or annotation changes, so that re-ingesting refreshes old articles.
PIPELINE_VERSION = "4"
HEADLINE_WORDS = 15  # longer than a headline: a lede, even one without a full stop


def build_source(
    key: str, path: str, body_text: str, fields: dict[str, Any], published: dt.date | None
) -> SourceText:
    """The cleaned article: debris paragraphs removed, headline and wire dateline read, the
    given fields first; ValueError when no text is left."""
    written = [p for p in split_paragraphs(body_text) if p.strip()]
    paragraphs = clean_paragraphs(written)
    headline, body = headline_and_body(paragraphs)
    if not body:
        raise ValueError("has no article text left after removing page debris")
    left = paragraphs[0]
    if (
        len(paragraphs) == 1 < len(written)
        and not fields.get("title")
        and len(left.split()) <= HEADLINE_WORDS
        and looks_like_headline(left)
    ):
        # Debris all round one short line and no title given: a page whose story did not
        # come through. A file that is one line and nothing else (a wire flash) is kept, and
        # so is one short paragraph under a title the file gives (a heading, a record field).
        raise ValueError(
            "has only a headline left after removing page debris (ads, video times, photo "
            "credits); save the article's text with it"
        )
    dateline_text = None
    source = fields.get("source") or None
    dateline = parse_dateline(body[0])
    if dateline:
        body[0] = dateline.rest
        dateline_text = dateline.text
        source = source or dateline.source
        published = published or dateline.published
    title = fields.get("title") or headline or first_sentence(body[0])
    text = "\n\n".join(body)
    digest = hashlib.sha256(
        json.dumps(
            [PIPELINE_VERSION, text, title, str(published), source, fields.get("url")],
            ensure_ascii=False,
        ).encode()
    ).hexdigest()
    return SourceText(
        key=key,
        path=path,
        text=text,
        title=shorten(" ".join(str(title).split())),
        content_hash=digest,
        published=published,
        source=source,
        url=fields.get("url") or None,
        byline=fields.get("byline") or None,
        dateline=dateline_text,
    )
