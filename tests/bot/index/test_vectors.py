from __future__ import annotations

import numpy as np

from bot.index.vectors import Vectors, vector_segment
from bot.nlp.minilm import DIMENSIONS


def unit(rows: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(rows, DIMENSIONS)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_the_nearest_vector_to_a_stored_one_is_itself_among_a_thousand():
    vectors = unit(1000, 1)
    store = Vectors([vector_segment(range(1, 1001), [n // 10 for n in range(1000)], vectors)],
                    live=np.arange(1, 1001))  # fmt: skip
    positions, cosines = store.nearest(vectors[417], k=3)
    assert store.ids[positions[0]] == 418
    assert abs(cosines[0] - 1.0) < 1e-3  # float16 storage
    assert list(cosines) == sorted(cosines, reverse=True)


def test_a_passage_no_longer_in_the_index_is_never_returned():
    vectors = unit(8, 2)
    store = Vectors([vector_segment(range(8), [0] * 8, vectors)], live=np.array([0, 1, 2, 5]))
    positions, _ = store.nearest(vectors[3], k=8)
    assert sorted(store.ids[positions].tolist()) == [0, 1, 2, 5]
    assert store.stale() == 4 and store.covered().tolist() == list(range(8))
    assert store.positions([3, 5]).tolist() == [store.ids.tolist().index(5)]


def test_a_passage_embedded_twice_counts_once():
    first = vector_segment([1, 2], [7, 7], unit(2, 3))
    again = vector_segment([2, 3], [7, 8], unit(2, 4))
    store = Vectors([first, again], live=np.array([1, 2, 3]))
    assert store.ids.tolist() == [1, 2, 3]
    assert store.in_articles([8]).tolist() == [2]


def test_pairwise_cosines_are_zero_for_a_passage_without_a_vector():
    vectors = unit(3, 5)
    store = Vectors([vector_segment([10, 11, 12], [1, 1, 2], vectors)], live=np.array([10, 11, 12]))
    matrix = store.pairwise([12, 99, 10])
    assert matrix.shape == (3, 3)
    assert abs(matrix[0, 0] - 1) < 1e-3 and not matrix[1].any()
    assert abs(matrix[0, 2] - float(vectors[2] @ vectors[0])) < 1e-3


def test_an_empty_store_finds_nothing():
    store = Vectors([], live=np.zeros(0, np.int64))
    positions, cosines = store.nearest(unit(1, 6)[0], k=5)
    assert store.size == 0 and len(positions) == len(cosines) == 0
