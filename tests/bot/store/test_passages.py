"""Search hits read back from the store as cited passages."""

from __future__ import annotations

from bot.store.passages import cited_passages, iter_passages, paragraph_context, paragraph_of


def test_cited_passages_keep_the_search_order_and_skip_ids_no_longer_stored(seeded):
    with seeded.sessions() as session:
        first, second, third = [i for i, _ in iter_passages(session)][:3]
        passages = cited_passages(session, [(third, 3.5), (10**9, 2.0), (first, 1.25)])
    assert [(p.id, p.score) for p in passages] == [(third, 3.5), (first, 1.25)]
    assert all(p.article.title and p.text and p.terms for p in passages)
    assert second not in {p.id for p in passages}


def test_paragraph_context_is_the_rest_of_the_best_hits_paragraph_scored_below_it(seeded):
    with seeded.sessions() as session:
        ids = [i for i, _ in iter_passages(session)]
        paragraph = next(p for i in ids if len(p := paragraph_of(session, i)) >= 3)
        best = cited_passages(session, [(paragraph[1].id, 4.0)])
        context = paragraph_context(session, best)
    assert [p.id for p in context] == [paragraph[0].id, *[s.id for s in paragraph[2:]]]
    assert all(p.score == 0.0 and p.article == best[0].article for p in context)
