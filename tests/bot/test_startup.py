"""The command's entry point: spaCy without torch, torch still there for what needs it."""

from __future__ import annotations

import subprocess
import sys

PROBE = """
import sys
from bot.startup import without_torch_in_thinc
without_torch_in_thinc({model!r})
import spacy, thinc.compat
print(thinc.compat.has_torch, "torch" in sys.modules)
import torch  # sentence-transformers, for ingest, still finds it
print(torch.__name__)
"""


def probe(model: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE.format(model=model)], capture_output=True, text=True,
        check=True,
    )  # fmt: skip
    return done.stdout.split()


def test_spacy_is_imported_without_torch_and_torch_stays_importable():
    assert probe("") == ["False", "False", "torch"]


def test_a_transformer_pipeline_keeps_torch_in_spacy():
    assert probe("en_core_web_trf")[:2] == ["True", "True"]
