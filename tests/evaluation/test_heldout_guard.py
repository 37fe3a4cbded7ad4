"""The evaluation scripts refuse to list a held-out sample's mistakes."""

from __future__ import annotations

from pathlib import Path

import pytest

from evaluation import bbc_timeline, quotes

HELDOUT = Path(bbc_timeline.__file__).resolve().parent / "heldout"


def test_quote_errors_on_a_held_out_bbc_sample_are_refused(tmp_path: Path) -> None:
    fixture = str(HELDOUT / "bbc_quotes_check4.json")
    with pytest.raises(SystemExit) as stop:
        quotes.main(["--bbc", str(tmp_path), "--fixture", fixture, "--errors", "5"])
    assert stop.value.code == 2


def test_quote_errors_on_polnear_dev_are_refused(tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stop:
        quotes.main(["--polnear", str(tmp_path), "--split", "dev", "--errors", "5"])
    assert stop.value.code == 2


def test_timeline_errors_on_a_held_out_sample_are_refused(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    fixture = str(HELDOUT / "bbc_timeline_check4.json")
    with pytest.raises(SystemExit) as stop:
        bbc_timeline.main([str(tmp_path), "--fixture", fixture, "--errors"])
    assert stop.value.code == 2
