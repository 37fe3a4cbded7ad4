"""Real news articles for the benchmark: Reuters-21578 or BBC News Summary, read as they are."""

from __future__ import annotations

import datetime as dt
import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REUTERS_QUERIES = (
    "oil prices OPEC output", "Federal Reserve interest rates", "coffee export quotas",
    "Japan trade surplus", "Soviet wheat purchases", "Bank of England money market",
    "takeover bid shares", "crude oil production", "dollar yen exchange rate", "gold price",
    "corn soybean harvest", "Brazil debt IMF", "sugar production India", "semiconductor tariffs",
    "unemployment rate", "quarterly dividend", "shipping strike ports", "cocoa buffer stock",
    "Iran Gulf shipping", "net profit per share",
)  # fmt: skip
BBC_QUERIES = (
    "Labour election campaign", "Blair Brown budget", "oil prices", "mobile phone market",
    "Oscar nominations", "England rugby", "interest rates", "music downloads",
    "Chelsea Premiership", "tax cuts", "broadband users", "film box office",
)  # fmt: skip


@dataclass(frozen=True)
class Article:
    title: str
    published: dt.date | None
    body: str  # paragraphs separated by a blank line


def read_corpus(path: Path) -> tuple[list[Article], tuple[str, ...]]:
    """The articles under `path` and a fixed set of real queries for that corpus."""
    if not path.exists():
        raise SystemExit(
            f"benchmark corpus not found: {path}. Pass --corpus with the path to "
            "reuters21578/ or bbc-news-summary/ (see ../shared/data/README.md)."
        )
    if list(path.glob("reut2-*.xml")):
        return list(_reuters(path)), REUTERS_QUERIES
    articles = list(_plain_texts(path))
    if not articles:
        raise SystemExit(f"no Reuters reut2-*.xml or .txt articles found under {path}")
    return articles, BBC_QUERIES


def _reuters(path: Path) -> Iterator[Article]:
    for file in sorted(path.glob("reut2-*.xml")):
        raw = file.read_text(encoding="latin-1")
        for story in re.findall(r"<REUTERS.*?</REUTERS>", raw, re.S):
            body = re.search(r"<BODY>(.*?)</BODY>", story, re.S)
            if body is None:
                continue
            title = re.search(r"<TITLE>(.*?)</TITLE>", story, re.S)
            date = re.search(r"<DATE>\s*(\d+-\w+-\d{4})", story)
            text = re.sub(r"\s*Reuter\s*\Z", "", html.unescape(body.group(1)).strip())
            # Reuters marks a new paragraph by an indented line.
            paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s{2,}", text)]
            yield Article(
                title=html.unescape(title.group(1)).strip() if title else "untitled",
                published=_reuters_date(date.group(1)) if date else None,
                body="\n\n".join(p for p in paragraphs if p),
            )


def _reuters_date(text: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, "%d-%b-%Y").date()
    except ValueError:
        return None


def _plain_texts(path: Path) -> Iterator[Article]:
    # BBC News Summary: articles/TOPIC/NNN.txt, a headline line, then paragraphs.
    for file in sorted(path.rglob("*.txt")):
        if "summaries" in file.parts:
            continue
        lines = file.read_text(encoding="utf-8", errors="replace").strip().split("\n", 1)
        body = lines[1] if len(lines) > 1 else ""
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", body)]
        yield Article(lines[0].strip(), None, "\n\n".join(p for p in paragraphs if p))


SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'A-Z0-9])")


def split_sentences(body: str) -> list[str]:
    """Sentences by punctuation: cheap and good enough to make passages for index timing."""
    return [s for p in body.split("\n\n") for s in SENTENCE_END.split(p) if s.strip()]
