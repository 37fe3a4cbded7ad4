"""Where the bundled sample corpus lives: in the wheel, or in a source checkout."""

from __future__ import annotations

from importlib.util import find_spec
from pathlib import Path


def bundled_seeds() -> Path:
    """The folder of the bundled seed articles."""
    # The wheel ships seeds/ as the data-only (namespace) package china_brief_seeds; a
    # namespace package has search locations rather than a single file path.
    spec = find_spec("china_brief_seeds")
    for location in (spec.submodule_search_locations or []) if spec else []:
        path = Path(location)
        if any(path.glob("*.txt")):
            return path
    return Path(__file__).resolve().parents[2] / "seeds"
