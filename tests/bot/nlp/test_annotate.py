from __future__ import annotations

from bot.nlp.annotate import annotate
from bot.records import SourceText


def _walks(nlp, counting, paragraphs: int) -> int:
    text = "\n\n".join(
        f"“We will meet again on Friday in London,” James Cleverly said on May {n % 28 + 1}, "
        f"2023. He added that Wang Yi had agreed."
        for n in range(paragraphs)
    )
    doc, walks = counting(nlp(text))
    annotated = annotate(doc, SourceText("k", "p", text, "t", "h"))
    assert len(annotated.quotes) == paragraphs  # the attribution path is taken for each
    return walks()


def test_annotation_walks_the_document_a_fixed_number_of_times_however_long_it_is(nlp, counting):
    assert _walks(nlp, counting, 5) == _walks(nlp, counting, 40)
