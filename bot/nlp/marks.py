"""Where quotations are in an article's text: quotation marks read by what surrounds them."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.nlp.labels import TRANSCRIPT_LABEL
from bot.records import Span as CharSpan

MARK_RE = re.compile(r"[“”\"]|''")
CLOSING = ("”", '"', "''")
MIN_QUOTE_WORDS = 3  # one or two quoted words are scare quotes, not a quotation
TITLE_SMALL_WORDS = {"a", "an", "the", "of", "to", "in", "on", "for", "and", "or", "at", "by"}
OPENS_AFTER = " \t\n([{—–-/"
CLOSES_BEFORE = " \t\n.,;:!?)]}—–-…'’"
SENTENCE_END = re.compile(r"[.!?…]['’)]?\s+$")


@dataclass
class Raw:
    start: int  # offset of the first quoted character (inside the marks)
    end: int
    paragraph: int
    open_ended: bool  # the paragraph ended before the closing mark


def quote_spans(text: str, paragraphs: tuple[CharSpan, ...]) -> list[Raw]:
    """Quoted stretches, joining a paragraph left open with the next one that reopens.

    Straight marks say nothing of their direction, so each is read by what is around it: an
    opening mark follows a space and precedes a word, a closing one the reverse. A mark that
    opens while a quotation is open, after a finished sentence, reopens the same quotation
    (copy whose paragraph breaks were lost: '... Britain. "I'm not ...'), and a closing mark
    with nothing open is a stray: neither may turn the narrative after it into a quotation.
    """
    found: list[Raw] = []
    for number, para in enumerate(paragraphs):
        opened: int | None = None
        for match in MARK_RE.finditer(text, para.start, para.end):
            mark, at, after = match.group(), match.start(), match.end()
            if _opens(text, mark, at, after, para, opened):
                if opened is None or not text[opened:at].strip():
                    opened = after  # '"“You don’t win ...': two marks open one quotation
                continue  # a reopening after a finished sentence goes on with the same quote
            if mark == "“" and opened is not None:
                # A curly opening mark never closes: the quotation before it ends unclosed.
                _add(found, text, Raw(opened, at, number, False))
                opened = after
                continue
            if opened is not None:
                _add(found, text, Raw(opened, at, number, False))
                opened = None
        if opened is not None:
            _add(found, text, Raw(opened, para.end, number, True))
    return found


def _opens(text: str, mark: str, at: int, after: int, para: CharSpan, opened: int | None) -> bool:
    """Is this mark an opening one (or a reopening inside an open quotation)?"""
    if mark in "“”":
        reopens = opened is not None and SENTENCE_END.search(text[opened:at]) is not None
        return mark == "“" and (opened is None or reopens or not text[opened:at].strip())
    before = text[at - 1] if at > para.start else " "
    nxt = text[after] if after < para.end else " "
    opens = before in OPENS_AFTER and nxt not in " \t\n"
    closes = before not in " \t\n" and (nxt in CLOSES_BEFORE or after >= para.end)
    if opens and not closes:
        if opened is None:
            return True
        # Open already: a reopening only after a finished sentence; otherwise it closes.
        return SENTENCE_END.search(text[opened:at]) is not None
    if closes and not opens:
        return False
    return opened is None  # no telling from the text around it: it toggles


def _add(found: list[Raw], text: str, raw: Raw) -> None:
    previous = found[-1] if found else None
    continues = (
        previous is not None
        and previous.open_ended
        and previous.paragraph == raw.paragraph - 1
        and not text[_para_start(text, raw.start) : raw.start - 1].strip()
        # A transcript's next turn ("PENCE: ...") is a new speaker, not a continuation.
        and TRANSCRIPT_LABEL.match(text, raw.start) is None
    )
    if continues and previous is not None:
        previous.end, previous.open_ended, previous.paragraph = (
            raw.end,
            raw.open_ended,
            raw.paragraph,
        )
    else:
        found.append(raw)


def _para_start(text: str, offset: int) -> int:
    return text.rfind("\n", 0, offset) + 1


def is_quotation(quoted: str) -> bool:
    # One or two words are scare quotes; a short run of capitalised words is a title
    # ("Tilt to the Indo-Pacific"), not something a person said.
    words = tidy(quoted).split()
    if len(words) < MIN_QUOTE_WORDS:
        return False
    content = [w for w in words if w.lower() not in TITLE_SMALL_WORDS]
    is_title = len(words) <= 6 and all(w[:1].isupper() for w in content)
    return not (is_title and not re.search(r"[.!?,]$", quoted.strip()))


def tidy(quoted: str) -> str:
    # One line of text: a continued paragraph's opening mark goes, and so does the comma
    # that hands over to the cue ('"...," he said').
    joined = re.sub(r"\s*\n\s*(?:[“\"]|'')?", " ", quoted.strip())
    # A mark reopening the quotation after a sentence whose paragraph break was lost.
    joined = re.sub(r"(?<=[.!?…] )(?:[“\"]|'')(?=\S)", "", joined)
    return joined.rstrip(" ,")
