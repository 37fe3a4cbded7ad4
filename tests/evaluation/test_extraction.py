"""The extraction score is the benchmark's shingle F1, and a run scores a folder of pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evaluation.extraction import main, precision, recall, shingle_counts, shingles, summary

GOLD = "Ministers met in Beijing on Monday to discuss trade and export controls."


def test_shingles_are_runs_of_four_word_tokens_counted_with_repeats():
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}
    assert shingles("one, two; three-four! one two three four") == {
        ("one", "two", "three", "four"): 2,
        ("two", "three", "four", "one"): 1,
        ("three", "four", "one", "two"): 1,
        ("four", "one", "two", "three"): 1,
    }


def test_a_text_shorter_than_a_shingle_is_one_short_shingle_and_no_text_is_none():
    assert shingles("Advertisement") == {("Advertisement",): 1}
    assert shingles("  ") == {}


def test_the_same_text_is_all_true_positives_whatever_its_punctuation_and_spacing():
    assert shingle_counts(GOLD, GOLD.replace(" ", "\n\n").replace(".", "")) == (1.0, 0.0, 0.0)


def test_counts_are_shares_of_their_sum_so_every_page_weighs_the_same():
    # 9 gold shingles, all found, plus "Advertisement Share this article" adds 3 shingles
    # across the join and 1 of its own: 9 true, 4 false positives, no false negatives.
    tp, fp, fn = shingle_counts(GOLD, GOLD + " Advertisement Share this article")
    assert (tp, fp, fn) == pytest.approx((9 / 13, 4 / 13, 0.0))


def test_tokens_are_case_sensitive_as_in_the_benchmark():
    assert shingle_counts("Trade talks resume today", "trade talks resume today") == (0.0, 0.5, 0.5)


def test_precision_leaves_out_pages_that_predicted_nothing_but_recall_counts_them():
    found = shingle_counts(GOLD, GOLD)
    missed = shingle_counts(GOLD, "")
    figures = summary([found, missed])
    assert figures["precision"] == 1.0
    assert figures["recall"] == 0.5
    assert figures["f1"] == pytest.approx(2 * 1.0 * 0.5 / 1.5)


def test_a_page_whose_gold_and_text_are_both_empty_is_left_out_of_both_means():
    empty = shingle_counts("", "")
    assert precision(*empty) == recall(*empty) == 1.0
    assert summary([shingle_counts(GOLD, ""), empty]) == summary([shingle_counts(GOLD, "")])


def test_a_folder_of_saved_pages_is_scored_for_ours_and_trafilatura(tmp_path: Path, capsys):
    fixture = Path(__file__).resolve().parents[1] / "fixtures" / "web" / "trade-talks.html"
    (tmp_path / "trade-talks.html").write_bytes(fixture.read_bytes())
    from bot.ingest.readers import read_file

    (source,) = read_file(tmp_path / "trade-talks.html")
    (tmp_path / "trade-talks.txt").write_text(source.text, encoding="utf-8")  # type: ignore[union-attr]
    page = {"dataset": "fixture", "id": "trade-talks", "split": "held-out",
            "html": "trade-talks.html", "gold": "trade-talks.txt"}  # fmt: skip
    (tmp_path / "manifest.json").write_text(json.dumps({"pages": [page]}), encoding="utf-8")
    assert main([str(tmp_path)]) == 0
    table = capsys.readouterr().out
    assert "dataset fixture" in table and "all pages" in table
    assert "1.000 / 1.000 / 1.000" in table  # ours, against its own text as gold


def test_a_folder_without_a_manifest_is_refused_in_one_line(tmp_path: Path, capsys):
    assert main([str(tmp_path)]) == 1
    assert "has no manifest.json" in capsys.readouterr().err
