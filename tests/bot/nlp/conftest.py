"""Shared by the quote tests: a short article written for a pattern, through annotation."""

from __future__ import annotations

import pytest

from bot.ingest.article import build_source
from bot.nlp.annotate import annotate
from bot.records import Quote


@pytest.fixture
def quotes(nlp):
    """quotes(text) -> the quotes annotation finds in an article of that text."""

    def _quotes(text: str) -> list[Quote]:
        source = build_source("k", "p", text, {}, None)
        return list(annotate(nlp(source.text), source).quotes)

    return _quotes
