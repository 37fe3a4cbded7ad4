"""Where the bundled sample corpus lives: in the wheel, or in a source checkout."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def bundled_seeds() -> Path:
    """The folder of the bundled seed articles."""
    try:
        packaged = resources.files("china_brief_seeds")
        path = Path(str(packaged))
        if path.is_dir() and any(path.glob("*.txt")):
            return path
    except ModuleNotFoundError:
        pass
    return Path(__file__).resolve().parents[2] / "seeds"
