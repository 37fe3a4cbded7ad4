"""Brief and lists → readable terminal text."""

from __future__ import annotations

import datetime as dt
import textwrap
from collections.abc import Sequence

from bot.records import (
    ArticleRef,
    Brief,
    CheckReport,
    Digest,
    Precision,
    QuoteItem,
    Speaker,
    StoredArticle,
    SummaryItem,
    TimelineItem,
)

WIDTH = 96


def cite(article: ArticleRef) -> str:
    """ "Title" (Source, 2023-05-06) — the short citation under each item."""
    when = article.published.isoformat() if article.published else "undated"
    return f"“{article.title}” ({article.source or 'source unknown'}, {when})"


def entry_date(item: TimelineItem) -> str:
    """An entry's date as shown, marked when the event is expected, not yet reported."""
    date = format_date(item.date, item.precision)
    return f"{date} (expected)" if item.status == "expected" else date


def format_date(date: dt.date, precision: Precision) -> str:
    """A date shown at the precision the text gives, never finer."""
    if precision == "day":
        return date.strftime("%-d %b %Y")
    if precision == "week":
        return "week of " + date.strftime("%-d %b %Y")
    if precision == "month":
        # News style abbreviates September as "Sept".
        return ("Sept" if date.month == 9 else date.strftime("%b")) + f" {date.year}"
    if precision == "quarter":
        return f"Q{(date.month - 1) // 3 + 1} {date.year}"
    if precision == "decade":
        return f"{date.year}s"
    return str(date.year)


def _wrap(text: str, indent: str) -> str:
    return textwrap.fill(text, WIDTH, initial_indent=indent, subsequent_indent=" " * len(indent))


def note_text(note: str) -> str:
    """A note to the reader (a name that matched several people), wrapped like the rest."""
    return _wrap(note, "")


def summary_text(items: Sequence[SummaryItem]) -> list[str]:
    lines = []
    for n, item in enumerate(items, 1):
        lines.append(_wrap(item.text, f"{n}. "))
        lines.append(_wrap("— " + cite(item.article), "   "))
        if item.also:
            lines.append(_wrap("also: " + "; ".join(cite(a) for a in item.also), "   "))
    return lines


def quotes_text(items: Sequence[QuoteItem]) -> list[str]:
    lines = []
    for item in items:
        who = item.speaker_label
        mark = "…" if item.partial else ""
        lines.append(_wrap(f"“{mark}{item.text}{mark}” — {who}", "• "))
        lines.append(_wrap(cite(item.article), "  "))
    return lines


def timeline_text(items: Sequence[TimelineItem]) -> list[str]:
    """Dated entries in a column as wide as the longest date ("week of 24 Apr 2023")."""
    dates = [entry_date(item) for item in items]
    width = max(map(len, dates), default=0)
    indent = " " * (width + 2)
    lines = []
    for item, when in zip(items, dates, strict=True):
        lines.append(_wrap(item.text, f"{when:>{width}}  "))
        sources = "; ".join(cite(a) for a in (item.sources or (item.article,)))
        lines.append(_wrap(sources, indent))
        if item.evidence:
            label = "date inferred: " if item.inferred else "note: "
            lines.append(_wrap(label + item.evidence, indent))
    return lines


def brief_text(brief: Brief) -> str:
    """The whole brief as the terminal shows it."""
    out = [f"Brief: {brief.query}", ""]
    out += ["SUMMARY"] + (summary_text(brief.summary) or ["  (no summary sentences)"]) + [""]
    out += ["QUOTES"] + (quotes_text(brief.quotes) or ["  No quotes match this query."]) + [""]
    out += ["TIMELINE"] + (timeline_text(brief.timeline) or ["  No dated events match."])
    out += [f"  note: {note}" for note in brief.notes]
    return "\n".join(out)


def articles_text(articles: Sequence[ArticleRef]) -> str:
    """One line per article."""
    return "\n".join(f"{a.id:>5}  {cite(a)}\n       {a.path}" for a in articles) or "No articles."


def stored_article_text(article: StoredArticle) -> str:
    """An article's metadata, one field a line, then its cleaned text."""
    ref = article.ref
    fields = {
        "id": ref.id,
        "title": ref.title,
        "source": ref.source or "source unknown",
        "published": ref.published.isoformat() if ref.published else "undated",
        "byline": article.byline,
        "url": ref.url,
        "path": ref.path,
    }
    head = [f"{name:>9}: {value}" for name, value in fields.items() if value is not None]
    body = [_wrap(paragraph, "") for paragraph in article.text.split("\n\n")]
    return "\n".join(head) + "\n\n" + "\n\n".join(body)


def digest_text(digest: Digest) -> str:
    """A digest as the terminal shows it (`china-brief digest --print`)."""
    out = [f"China brief digest, {digest.day}", "", "NEW ARTICLES"]
    for item in digest.articles:
        out.append(_wrap(cite(item.article), "• "))
        if item.lede:
            out.append(_wrap(item.lede, "  "))
    if not digest.articles:
        out.append("  Nothing new since the last digest.")
    if digest.quotes:
        out += ["", "NOTABLE QUOTES"] + quotes_text(digest.quotes)
    if digest.timeline:
        out += ["", "NEW ON THE TIMELINE"] + timeline_text(digest.timeline)
    return "\n".join(out)


def speakers_text(speakers: Sequence[Speaker]) -> list[str]:
    """One line per speaker: name, roles, quotes and articles."""
    lines = []
    for s in speakers:
        roles = f" ({', '.join(s.roles)})" if s.roles else ""
        roles += " [organisation]" if s.kind == "organisation" else ""
        also = [a for a in s.aliases if a != s.name]
        alias = f"; also quoted as {', '.join(also)}" if also else ""
        count = f"{s.quotes} quote{'s' * (s.quotes != 1)} in {s.articles} article"
        lines.append(_wrap(f"{s.name}{roles} — {count}{'s' * (s.articles != 1)}{alias}", "• "))
    return lines


def check_text(report: CheckReport) -> str:
    """What `check` found, a line each, ending with the verdict."""
    indexed = "none readable" if report.indexed is None else f"{report.indexed:,} passages"
    held = "unreadable"
    if report.articles is not None and report.sentences is not None:
        held = f"{report.articles:,} articles, {report.sentences:,} sentences"
    out = [f"database: {report.database} ({held})", f"index: {report.index} ({indexed})"]
    out += [_wrap(f"repaired, {p.part}: {p.text}", "  ") for p in report.repaired]
    for p in report.problems:
        fix = "" if p.repairable else " (not repairable here: restore the database from a backup)"
        out.append(_wrap(f"problem, {p.part}: {p.text}{fix}", "  "))
    out += [_wrap(f"note: {note}", "  ") for note in report.notes]
    if report.problems:
        more = " `china-brief check --repair` rebuilds what can be rebuilt." * any(
            p.repairable for p in report.problems
        )
        out.append(f"{len(report.problems)} problem{'s' * (len(report.problems) != 1)}.{more}")
    else:
        out.append("ok")
    return "\n".join(out)
