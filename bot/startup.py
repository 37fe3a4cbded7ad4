"""The `china-brief` command's entry point: spaCy loaded without torch, then the CLI.

thinc, under spaCy, imports torch whenever it is installed, to offer it as a backend, and
torch's import takes 1.3 s: more than loading the spaCy model itself. The sentence model's
package brings torch (for ingest's faster runner), but spaCy's own models here never run on
it, so thinc is imported first with torch hidden, and torch stays importable afterwards for
whatever needs it. A start is 1.3 s shorter for every command (measured on `ask`: 3.2 s to
1.65 s). A spaCy transformer model (`..._trf`) does run on torch: then nothing is hidden.
"""

from __future__ import annotations

import os
import sys


def without_torch_in_thinc(model: str = "") -> None:
    """Import thinc with torch hidden from it, unless `model` is a transformer pipeline or
    thinc or torch is imported already."""
    if model.endswith("_trf") or "thinc" in sys.modules or "torch" in sys.modules:
        return
    sys.modules["torch"] = None  # type: ignore[assignment]  # `import torch` raises ImportError
    try:
        import thinc.compat  # noqa: F401 - imported for its has_torch = False
    finally:
        del sys.modules["torch"]


def main() -> int:
    """Run the CLI (bot.cli.main) in a process whose spaCy does not import torch."""
    without_torch_in_thinc(os.environ.get("CHINA_BRIEF_SPACY_MODEL", "").strip())
    from bot.cli import main as cli_main

    return cli_main()


if __name__ == "__main__":
    sys.exit(main())
