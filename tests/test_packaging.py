"""What the wheel ships must match what the source tree holds."""

from __future__ import annotations

import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_every_bot_subpackage_ships_in_the_wheel():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]
    on_disk = {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "bot").rglob("__init__.py")
    } | {
        ".".join(p.parent.relative_to(ROOT).parts) for p in (ROOT / "handlers").rglob("__init__.py")
    }
    assert on_disk <= set(config["packages"])
    assert config["package-dir"]["china_brief_seeds"] == "seeds"


def test_only_handlers_import_slack_bolt():
    for path in (ROOT / "bot").rglob("*.py"):
        assert "slack_bolt" not in path.read_text(), path
