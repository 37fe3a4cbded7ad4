"""Sentence vectors caught up from the store: a chunk at a time, one catch-up per folder."""

from __future__ import annotations

import shutil
from collections.abc import Sequence

import numpy as np

from bot.live_vectors import LiveVectors
from bot.nlp.minilm import Encoder


class _StoppedAfter:
    """The real sentence model, interrupted (Ctrl-C) at its call number `calls + 1`."""

    def __init__(self, model: Encoder, calls: int) -> None:
        self.model, self.calls = model, calls

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        if self.calls == 0:
            raise KeyboardInterrupt
        self.calls -= 1
        return self.model.encode(texts)


def test_interrupted_catch_up_leaves_the_index_consistent(corpus, encoder):
    folder = corpus.vectors.folder
    shutil.rmtree(folder)
    index = corpus.index.current(corpus.sessions)
    stopped = LiveVectors(folder)
    try:
        stopped.catch_up(index, corpus.sessions, lambda n: _StoppedAfter(encoder, 2), chunk=20)
    except KeyboardInterrupt:
        pass
    else:
        raise AssertionError("the catch-up went on past Ctrl-C")
    restarted = LiveVectors(folder)
    assert restarted.current(index, corpus.sessions).size == 40  # two chunks saved, whole
    assert len(restarted.missing(index, corpus.sessions)) == index.size - 40
    assert restarted.catch_up(index, corpus.sessions, lambda n: encoder) == index.size - 40
    assert LiveVectors(folder).current(index, corpus.sessions).size == index.size


def test_a_second_catch_up_on_the_same_folder_leaves_the_passages_to_the_first(corpus, encoder):
    folder = corpus.vectors.folder
    shutil.rmtree(folder)
    index = corpus.index.current(corpus.sessions)
    first, second = LiveVectors(folder), LiveVectors(folder)
    meanwhile: list[int | None] = []

    def model(sentences: int) -> Encoder:
        # Another process's catch-up starting while this one embeds.
        meanwhile.append(second.catch_up(index, corpus.sessions, lambda n: encoder))
        return encoder

    assert first.catch_up(index, corpus.sessions, model) == index.size
    assert meanwhile == [None]
    assert second.current(index, corpus.sessions).size == index.size  # read from the folder
