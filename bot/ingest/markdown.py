"""Markdown to plain article text, through a real parser.

markdown-it-py reads in time linear in the text: hand-written regexes for links and emphasis
backtracked on unclosed brackets and stars, and a 60 KB file of `[` stalled ingest for minutes.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # imported on first use: a question never reads Markdown (50 ms a start)
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

TITLE_LEVELS = ("h1", "h2")
LITERAL_BLOCKS = frozenset({"fence", "code_block", "html_block"})


@cache
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark")


def markdown_text(source: str) -> tuple[str | None, str]:
    """(heading, text): a level-1 or level-2 heading that opens the file, and the rest as
    paragraphs separated by blank lines, with images gone and links reduced to their words."""
    tokens = _parser().parse(source)
    heading: str | None = None
    blocks: list[str] = []
    for i, token in enumerate(tokens):
        if token.type == "inline":
            text = _inline_text(token.children or [])
            opener = tokens[i - 1]  # an inline token always follows the block that holds it
            if heading is None and not blocks and opener.tag in TITLE_LEVELS:
                heading = " ".join(text.split())
                continue
            blocks.append(text)
        elif token.type in LITERAL_BLOCKS:
            blocks.append(token.content)
    return heading, "\n\n".join(b for b in blocks if b.strip())


def _inline_text(children: Sequence[Token]) -> str:
    # Words as the reader sees them: markup, images and inline HTML tags go; a line break
    # stays one, so that paragraph splitting treats the lines as the plain-text reader does.
    parts = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
    return "".join(parts)
