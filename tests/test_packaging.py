"""What the wheel ships must match what the source tree holds."""

from __future__ import annotations

import fnmatch
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


def test_the_migration_scripts_and_their_template_ship_in_the_wheel():
    shipped = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"][
        "package-data"
    ]["bot.store.migrations"]
    folder = ROOT / "bot" / "store" / "migrations"
    files = {
        p.relative_to(folder).as_posix()
        for p in folder.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    data = {f for f in files if "/" in f or not f.endswith(".py")}  # not a module of the package
    assert {"script.py.mako", "versions/0001_release_0_1.py"} <= data
    assert all(any(fnmatch.fnmatch(f, pattern) for pattern in shipped) for f in data), data
