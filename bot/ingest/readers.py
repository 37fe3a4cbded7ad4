"""Read article files (plain text, Markdown, JSON, JSON Lines, web pages) and web addresses
into cleaned SourceText records."""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from bot.ingest.article import build_source
from bot.ingest.clean import printable
from bot.ingest.fetch import is_web_url
from bot.ingest.files import (
    MAX_RECORDS_BYTES,
    MAX_TEXT_BYTES,
    load_json,
    not_a_file,
    read_bounded,
    shown,
)
from bot.ingest.markdown import markdown_text
from bot.ingest.metadata import (
    parse_iso_date,
    split_date_line,
    split_header,
)
from bot.ingest.parts import in_parts
from bot.ingest.urls import read_url
from bot.ingest.web import HTML_SUFFIXES, page_article
from bot.records import Rejected, SourceText

TEXT_SUFFIXES = {".txt", ".text"}
MARKDOWN_SUFFIXES = {".md", ".markdown"}
JSON_SUFFIXES = {".json"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
SUPPORTED = TEXT_SUFFIXES | MARKDOWN_SUFFIXES | JSON_SUFFIXES | JSONL_SUFFIXES | HTML_SUFFIXES
RECORD_FIELDS = ("title", "text", "published", "source", "url", "byline")


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Expand folders (recursively, in name order); report paths that cannot be articles.

    A FIFO or a device is refused by its type without being opened, in a folder too.
    """
    for path in paths:
        try:
            mode = path.stat().st_mode
        except OSError as exc:
            yield _unreadable(path, exc)
            continue
        if stat.S_ISDIR(mode):
            yield from _folder_files(path)
        elif refusal := not_a_file(mode):
            yield Rejected(shown(path), refusal)
        elif path.suffix.lower() not in SUPPORTED:
            yield Rejected(
                shown(path),
                f"unsupported file type {shown(path.suffix) or '(none)'!r}; "
                "use .txt, .md, .json, .jsonl or .html",
            )
        else:
            yield path


def _folder_files(folder: Path) -> Iterator[Path | Rejected]:
    for child in sorted(folder.rglob("*")):
        hidden = any(part.startswith(".") for part in child.relative_to(folder).parts)
        if hidden or child.suffix.lower() not in SUPPORTED:
            continue
        try:
            mode = child.stat().st_mode
        except OSError as exc:  # a dangling link, or a file gone since the folder was listed
            yield _unreadable(child, exc)
            continue
        if stat.S_ISDIR(mode):
            continue  # a folder named like a file ("2023.md"): rglob lists what it holds
        refusal = not_a_file(mode)
        yield child if refusal is None else Rejected(shown(child), refusal)


def _unreadable(path: Path, exc: OSError) -> Rejected:
    missing = isinstance(exc, FileNotFoundError | NotADirectoryError)
    reason = "no such file or folder" if missing else f"cannot be read ({exc.strerror or exc})"
    return Rejected(shown(path), reason)


def read_articles(
    targets: Iterable[Path | str], max_chars: int | None = None
) -> Iterator[SourceText | Rejected]:
    """Every article in the given files, folders and http(s) URLs, or a Rejected saying why not.

    An article longer than `max_chars` (the language model's limit) comes in parts of whole
    paragraphs (bot.ingest.parts).
    """
    for target in targets:
        yield from within(_read_target(target), max_chars)


def within(
    articles: Iterable[SourceText | Rejected], max_chars: int | None
) -> Iterator[SourceText | Rejected]:
    """The articles, each longer than `max_chars` in parts of whole paragraphs."""
    for article in articles:
        if isinstance(article, SourceText) and max_chars is not None:
            yield from in_parts(article, max_chars)
        else:
            yield article


def _read_target(target: Path | str) -> Iterator[SourceText | Rejected]:
    if isinstance(target, str) and is_web_url(target):
        yield from read_url(target)
        return
    for item in iter_files([Path(target)]):
        if isinstance(item, Rejected):
            yield item
        else:
            yield from read_file(item)


def read_file(path: Path) -> Iterator[SourceText | Rejected]:
    """The articles in one file; a file that cannot be read is one Rejected saying why."""
    where = shown(path.resolve())
    suffix = path.suffix.lower()
    records = suffix in JSON_SUFFIXES | JSONL_SUFFIXES
    try:
        data = read_bounded(path, MAX_RECORDS_BYTES if records else MAX_TEXT_BYTES)
        if suffix in HTML_SUFFIXES:  # bytes: the page's own <meta charset> says how to read it
            yield page_article(where, where, data)
            return
        raw = printable(data.decode("utf-8-sig"))
    except UnicodeDecodeError:
        yield Rejected(where, "is not UTF-8 text; re-save it as UTF-8")
        return
    except ValueError as exc:  # Unreadable, or a web page with no article in it
        yield Rejected(where, str(exc))
        return
    if records:
        yield from _read_records(where, raw, lines=suffix in JSONL_SUFFIXES)
        return
    try:
        yield _from_text(where, where, raw, markdown=suffix in MARKDOWN_SUFFIXES)
    except ValueError as exc:
        yield Rejected(where, str(exc))


def _from_text(key: str, path: str, raw: str, *, markdown: bool) -> SourceText:
    fields: dict[str, Any] = {}
    fields, raw = _front_matter(raw) if markdown else split_header(raw)
    published, body_text = split_date_line(raw)
    if markdown:
        heading, body_text = markdown_text(body_text)
        if heading and not fields.get("title"):
            fields["title"] = heading
    if published is None and fields.get("published"):
        published = parse_iso_date(str(fields["published"]))
    return build_source(key, path, body_text, fields, published)


def _read_records(path: str, raw: str, *, lines: bool) -> Iterator[SourceText | Rejected]:
    records: list[tuple[str, Any]] = []
    if lines:
        # Split at "\n" only: str.splitlines also breaks at U+2028, which JSON strings hold.
        for number, line in enumerate(raw.split("\n"), start=1):
            if not line.strip():
                continue
            try:
                records.append((f"line {number}", load_json(line)))
            except json.JSONDecodeError as exc:
                yield Rejected(f"{path}:{number}", f"is not valid JSON ({exc.msg})")
            except ValueError as exc:
                yield Rejected(f"{path}:{number}", str(exc))
    else:
        try:
            data = load_json(raw)
        except json.JSONDecodeError as exc:
            yield Rejected(path, f"is not valid JSON ({exc.msg} at line {exc.lineno})")
            return
        except ValueError as exc:
            yield Rejected(path, str(exc))
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
    # JSON escapes can spell what a UTF-8 file cannot hold: "\u0000", a lone "\udc80".
    fields = {name: printable(record[name]) for name in RECORD_FIELDS if record.get(name)}
    published = parse_iso_date(fields["published"]) if fields.get("published") else None
    key = fields.get("url") or f"{path}#{label}"
    return build_source(key, path, fields["text"], fields, published)


FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?P<body>.*?)\n---[ \t]*(?:\n|\Z)", re.DOTALL)


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
