"""Read article files (plain text, Markdown, JSON, JSON Lines) into cleaned SourceText records."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bot.ingest.clean import clean_paragraphs, looks_like_headline, split_paragraphs
from bot.ingest.metadata import (
    first_sentence,
    headline_and_body,
    parse_dateline,
    parse_iso_date,
    shorten,
    split_date_line,
)
from bot.records import Rejected, SourceText

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES
RECORD_FIELDS = ("title", "text", "published", "source", "url", "byline")

# Bumped when cleaning or annotation changes, so that re-ingesting refreshes old articles.
PIPELINE_VERSION = "3"
HEADLINE_WORDS = 15  # longer than a headline: a lede, even one without a full stop


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Expand folders (recursively, in name order); report paths that cannot be articles."""
    for path in paths:
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in SUPPORTED:
                    yield child
        elif not path.exists():
            yield Rejected(str(path), "no such file or folder")
        elif path.suffix.lower() not in SUPPORTED:
            yield Rejected(
                str(path),
                f"unsupported file type {path.suffix or '(none)'!r}; "
                "use .txt, .md, .json or .jsonl",
            )
        else:
            yield path


def read_articles(paths: Iterable[Path]) -> Iterator[SourceText | Rejected]:
    """Every article in the given files and folders, or a Rejected saying why not."""
    for item in iter_files(paths):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[SourceText | Rejected]:
    """The articles in one file."""
    where = str(path.resolve())
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        yield Rejected(where, f"cannot be read ({exc.strerror or exc})")
        return
    except UnicodeDecodeError:
        yield Rejected(where, "is not UTF-8 text; re-save it as UTF-8")
        return
    suffix = path.suffix.lower()
    if suffix in JSON_SUFFIXES | JSONL_SUFFIXES:
        yield from _read_records(where, raw, lines=suffix in JSONL_SUFFIXES)
        return
    markdown = suffix in MARKDOWN_SUFFIXES
    try:
        yield _from_text(where, where, raw, markdown=markdown)
    except ValueError as exc:
        yield Rejected(where, str(exc))


def _from_text(key: str, path: str, raw: str, *, markdown: bool) -> SourceText:
    fields: dict[str, Any] = {}
    if markdown:
        fields, raw = _front_matter(raw)
    published, body_text = split_date_line(raw)
    if markdown:
        heading, body_text = _markdown_heading(body_text)
        body_text = _strip_markdown(body_text)
        if heading and not fields.get("title"):
            fields["title"] = heading
    if published is None and fields.get("published"):
        published = parse_iso_date(str(fields["published"]))
    return _build(key, path, body_text, fields, published)


def _read_records(path: str, raw: str, *, lines: bool) -> Iterator[SourceText | Rejected]:
    records: list[tuple[str, Any]] = []
    if lines:
        for number, line in enumerate(raw.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"line {number}", json.loads(line)))
            except json.JSONDecodeError as exc:
                yield Rejected(f"{path}:{number}", f"is not valid JSON ({exc.msg})")
    else:
        try:
            data = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield Rejected(path, f"is not valid JSON ({exc.msg} at line {exc.lineno})")
            return
        items = data if isinstance(data, list) else [data]
        records = [(f"record {i}", item) for i, item in enumerate(items, start=1)]
    for label, record in records:
        where = f"{path} ({label})" if len(records) > 1 or lines else path
        try:
            yield _from_record(path, label, record)
        except ValueError as exc:
            yield Rejected(where, str(exc))


def _from_record(path: str, label: str, record: Any) -> SourceText:
    if not isinstance(record, dict):
        raise ValueError("is not a JSON object with 'title' and 'text'")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("has no 'text' (a non-empty string is required)")
    for name in RECORD_FIELDS:
        value = record.get(name)
        if value is not None and not isinstance(value, str):
            raise ValueError(f"field {name!r} must be a string, not {type(value).__name__}")
    published = parse_iso_date(record["published"]) if record.get("published") else None
    key = record.get("url") or f"{path}#{label}"
    return _build(key, path, text, record, published)


def _build(
    key: str, path: str, body_text: str, fields: dict[str, Any], published: dt.date | None
) -> SourceText:
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


FRONT_MATTER = re.compile(r"\A---\s*\n(?P<body>.*?)\n---\s*\n", re.DOTALL)


def _front_matter(raw: str) -> tuple[dict[str, Any], str]:
    # Simple `key: value` front matter, as static-site generators write it.
    match = FRONT_MATTER.match(raw)
    if not match:
        return {}, raw
    fields: dict[str, Any] = {}
    for line in match.group("body").splitlines():
        name, sep, value = line.partition(":")
        if sep and name.strip().lower() in RECORD_FIELDS:
            fields[name.strip().lower()] = value.strip().strip("\"'") or None
    return fields, raw[match.end() :]


def _markdown_heading(text: str) -> tuple[str | None, str]:
    match = re.match(r"\A\s*#{1,2}\s+(?P<title>[^\n]+)\n", text)
    if not match:
        return None, text
    return match.group("title").strip(), text[match.end() :]


def _strip_markdown(text: str) -> str:
    text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", text)  # images
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)  # links keep their words
    text = re.sub(r"^\s{0,3}#{1,6}\s+", "", text, flags=re.MULTILINE)  # sub-headings
    text = re.sub(r"^\s{0,3}>\s?", "", text, flags=re.MULTILINE)  # block quotes
    text = re.sub(r"(\*\*|__)(.+?)\1", r"\2", text)
    text = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"\1", text)
    return text
