from __future__ import annotations

from bot.ingest.parts import in_parts
from bot.records import SourceText


def article(text: str) -> SourceText:
    return SourceText(key="a.txt", path="a.txt", text=text, title="Talks", content_hash="h")


def test_an_article_within_the_limit_is_itself():
    source = article("Short.\n\nText.")
    assert in_parts(source, 100) == [source]


def test_parts_hold_whole_paragraphs_within_the_limit_and_add_up_to_the_article():
    paragraphs = [f"Paragraph {n} says something." for n in range(10)]
    parts = in_parts(article("\n\n".join(paragraphs)), 100)
    assert all(len(p.text) <= 100 for p in parts)
    assert [p.text.split("\n\n") for p in parts] == [paragraphs[i : i + 3] for i in range(0, 10, 3)]
    assert [p.key for p in parts] == ["a.txt", "a.txt#part2", "a.txt#part3", "a.txt#part4"]
    assert parts[3].title == "Talks (part 4 of 4)"
    assert len({p.content_hash for p in parts}) == 4


def test_a_paragraph_longer_than_the_limit_is_cut_at_a_space():
    words = " ".join(f"word{n}" for n in range(50))
    parts = in_parts(article(words), 60)
    assert all(len(p.text) <= 60 for p in parts)
    assert " ".join(p.text for p in parts) == words
