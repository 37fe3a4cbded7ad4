"""Remove web-page debris (ads, video stubs, photo credits, repeated captions) from article text.

The rules look at whole paragraphs, never inside a sentence, so an article's real
paragraphs pass through untouched.
"""

from __future__ import annotations

import re

# Whole-paragraph furniture that page scrapers leave behind. Compared case-insensitively,
# without trailing punctuation; a paragraph must be exactly one of these to go.
BOILERPLATE = frozenset(
    {
        "advertisement",
        "advertisements",
        "ad",
        "sponsored",
        "sponsored content",
        "latest headlines",
        "top headlines",
        "related",
        "related articles",
        "related stories",
        "related content",
        "read more",
        "more on this story",
        "recommended",
        "most read",
        "trending",
        "share",
        "share this article",
        "share this",
        "continue reading",
        "story continues below",
        "story continues below advertisement",
        "article continues below",
        "scroll to continue with content",
        "skip advertisement",
        "watch",
        "watch now",
        "listen",
        "play video",
        "video",
        "sign up",
        "subscribe",
    }
)

TIMESTAMP = re.compile(r"^\(?\d{1,2}:\d{2}(?::\d{2})?\)?$")
# A paragraph that is only a credit: "Picture by Simon Dawson / No 10 Downing Street".
CREDIT_ONLY = re.compile(
    r"^(?:picture|photo|photograph|image|pictured|credit|photo credit|video|footage)s?"
    r"(?:\s+by\s+|\s*:\s*)\S.{0,150}$",
    re.IGNORECASE,
)
# A caption that ends with its credit: "... Wang Yi. Photo by Florence Lo/EPA-EFE/Pool".
CREDIT_TAIL = re.compile(
    r"(?:^|[.!?]\s+)(?:Picture|Photo|Photograph|Image|Pictures|Photos)\s*(?:by|:)\s+"
    r"[^.!?]{2,120}$"
)
# A run of symbols with no letter or space between them: a separator line, or markup gone
# wrong ("[[[[", "![!["). Not prose, and spaCy's tokenizer splits such a run one mark at a
# time, in time quadratic in its length (a 60 KB run took minutes).
SYMBOL_RUN = re.compile(r"[^\w\s]{50,}")
SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")
# Control characters other than whitespace (PostgreSQL refuses NUL in text outright), and
# the halves of UTF-16 pairs that JSON's "\udc80" escapes can leave alone in a string: no
# database or Slack message can hold them.
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
LONE_SURROGATE = re.compile(r"[\ud800-\udfff]")


def printable(text: str) -> str:
    """The text without control characters; a lone surrogate becomes U+FFFD, as a UTF-8
    decoder shows a broken character."""
    return LONE_SURROGATE.sub("\ufffd", CONTROL.sub("", text))


def _norm(paragraph: str) -> str:
    return " ".join(paragraph.split())


def is_boilerplate(paragraph: str) -> bool:
    """True for a paragraph that is only page furniture ("Advertisement", "03:26", a credit)."""
    text = _norm(paragraph)
    key = text.lower().rstrip(" .:!>»›-–—")
    return (
        key in BOILERPLATE
        or bool(TIMESTAMP.match(text))
        or bool(CREDIT_ONLY.match(text))
        or bool(CREDIT_TAIL.search(text))
    )


def looks_like_headline(paragraph: str) -> bool:
    """A short line that does not end a sentence: a headline, or a link to another story."""
    text = _norm(paragraph)
    return 0 < len(text) <= 200 and not SENTENCE_END.search(text) and not text.endswith(":")


def clean_paragraphs(paragraphs: list[str]) -> list[str]:
    """Drop debris paragraphs and keep the rest, in order, unchanged."""
    texts = [_norm(p) for p in paragraphs]
    keep: list[str] = []
    seen: set[str] = set()
    skip_next_headline = False
    for i, text in enumerate(texts):
        if not text:
            continue
        if TIMESTAMP.match(text):
            # A bare video running time is followed by the video's title: a link, not the story.
            skip_next_headline = True
            continue
        if skip_next_headline:
            skip_next_headline = False
            if looks_like_headline(text):
                continue
        if is_boilerplate(text) or SYMBOL_RUN.search(text):
            continue
        repeated = (i + 1 < len(texts) and texts[i + 1] == text) or (i > 0 and texts[i - 1] == text)
        if repeated:
            # A paragraph printed twice in a row is a photo caption (image and lightbox), not prose.
            continue
        if text in seen:
            continue
        seen.add(text)
        keep.append(text)
    return keep


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs: blank-line blocks, and each line of a block unless the block is hard-wrapped."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    paragraphs: list[str] = []
    for block in re.split(r"\n\s*\n", text):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        if not lines:
            continue
        if _is_hard_wrapped(lines):
            paragraphs.append(" ".join(lines))
        else:
            paragraphs.extend(lines)
    return paragraphs


def _is_hard_wrapped(lines: list[str]) -> bool:
    # Text wrapped at a fixed column: every line but the last is of similar, moderate length
    # and most of them break mid-sentence. Scraped pages instead put one paragraph per line.
    if len(lines) < 2:
        return False
    body = lines[:-1]
    if not all(30 <= len(line) <= 100 for line in body):
        return False
    mid_sentence = sum(1 for line in body if not SENTENCE_END.search(line))
    return mid_sentence * 2 >= len(body)
