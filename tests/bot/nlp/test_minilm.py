from __future__ import annotations

import hashlib

import numpy as np
import pytest

from bot.nlp.minilm import (
    DIMENSIONS,
    UPSTREAM_SHA256,
    NumpyMiniLM,
    load_bulk_encoder,
    model_dir,
)

SENTENCES = [
    "China is among the UK's top trading partners, with trade crossing US$100 billion.",
    "Shares tumbled 12% after the profit warning.",
    "The bank plans to cut 1,200 posts.",
    "",
    "word " * 400,  # past the model's 256 word pieces: cut, as sentence-transformers cuts it
]


def test_the_installed_model_files_are_the_upstream_revisions_byte_for_byte():
    folder = model_dir()
    for name, digest in UPSTREAM_SHA256.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name


def test_numpy_and_sentence_transformers_give_the_same_unit_vectors(encoder: NumpyMiniLM):
    ours = encoder.encode(SENTENCES)
    reference = load_bulk_encoder().encode(SENTENCES)
    assert ours.shape == (len(SENTENCES), DIMENSIONS) and ours.dtype == np.float32
    np.testing.assert_allclose(ours, reference, atol=1e-5)
    np.testing.assert_allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)


def test_a_paraphrase_is_closer_than_a_sentence_sharing_words(encoder: NumpyMiniLM):
    question, answer, decoy = encoder.encode([
        "how far did the stock fall",
        "Shares tumbled 12% on Monday.",
        "The stock exchange will fall silent for a minute on Monday.",
    ])  # fmt: skip
    assert question @ answer > question @ decoy


def test_no_texts_give_no_rows(encoder: NumpyMiniLM):
    assert encoder.encode([]).shape == (0, DIMENSIONS)


@pytest.mark.parametrize("size", [1, 33])  # one batch, and more than one
def test_rows_come_back_in_the_order_given_whatever_the_batching(encoder: NumpyMiniLM, size):
    texts = [f"Sentence number {n} " + "more words " * (size - n) for n in range(size)]
    together = encoder.encode(texts)
    alone = np.vstack([encoder.encode([t]) for t in texts[:3]])
    np.testing.assert_allclose(together[:3], alone, atol=1e-5)
