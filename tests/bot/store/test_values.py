from __future__ import annotations

import pytest

from bot.errors import BadArticle
from bot.store.schema import ArticleRow, MentionRow, SentenceRow
from bot.store.values import storable


def test_nul_and_lone_surrogates_become_one_replacement_character_each():
    row = storable(SentenceRow.__table__, {"text": "a\x00b\udc80c", "start": 3}, name="k")
    assert row == {"text": "a\ufffdb\ufffdc", "start": 3}  # same length: offsets stay right


def test_a_value_longer_than_its_column_is_cut_to_fit():
    row = storable(MentionRow.__table__, {"text": "W" * 600, "label": "ORG"}, name="k")
    assert len(row["text"]) == 512 and row["text"].endswith("…")


def test_an_identifying_column_too_long_refuses_the_article_naming_it():
    with pytest.raises(BadArticle, match="its path is 2,000 characters long"):
        storable(ArticleRow.__table__, {"key": "k", "path": "p" * 2000}, name="k")
