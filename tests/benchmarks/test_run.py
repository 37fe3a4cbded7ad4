from __future__ import annotations

import json
import random
from pathlib import Path

from benchmarks.run import main

KEYS = (
    "passages index_build_s index_load_s_hybrid query_p50_ms_bm25 query_p95_ms_bm25 "
    "rank_bm25_query_p50_ms brief_p95_ms_hybrid brief_p95_ms_bm25 peak_rss_mb_hybrid "
    "peak_rss_mb_bm25 vectors_load_s_hybrid vectors_sampled ingest_words_per_s "
    "spacy_words_per_s ingest_vs_spacy articles serve_ready_s serve_first_brief_s "
    "ask_seeds_s_hybrid ask_seeds_s_bm25 spacy_load_s ask_vs_spacy_load spacy_load_s_torchless "
    "ask_vs_spacy_load_torchless catch_up_sentences_per_s ingest_command_s"
).split()
PEOPLE = ["Paul Volcker", "James Baker", "Kiichi Miyazawa", "Karl Otto Poehl"]
SUBJECTS = ["oil prices", "interest rates", "coffee exports", "the dollar", "wheat sales"]
VERBS = ["rose", "fell sharply", "were unchanged", "climbed", "eased"]


def _reuters_like(folder: Path, stories: int) -> Path:
    rng = random.Random(3)
    parts = ['<?xml version="1.0"?>\n<LEWIS>']
    for number in range(stories):
        paragraphs = [
            f"{rng.choice(SUBJECTS).capitalize()} {rng.choice(VERBS)} on Monday, "
            f"{rng.choice(PEOPLE)} said in Tokyo. Traders expected {rng.choice(SUBJECTS)} to "
            f"stay firm until March."
            for _ in range(3)
        ]
        body = "\n".join("    " + p for p in paragraphs)
        parts.append(
            f'<REUTERS NEWID="{number}"><DATE>26-FEB-1987 15:01:01.79</DATE><TEXT>'
            f"<TITLE>MARKET REPORT {number}</TITLE><BODY>{body}"
            "\n Reuter\n</BODY></TEXT></REUTERS>"
        )
    parts.append("</LEWIS>")
    folder.mkdir(parents=True)
    (folder / "reut2-000.xml").write_text("\n".join(parts), encoding="latin-1")
    return folder


def test_quick_benchmark_writes_every_figure_and_matches_rank_bm25(tmp_path: Path):
    corpus = _reuters_like(tmp_path / "corpus", stories=30)
    out = tmp_path / "figures.json"
    argv = ["--corpus", str(corpus), "--passages", "500", "--ingest-articles", "4"]
    assert main([*argv, "--quick", "--workdir", str(tmp_path / "work"), "--json", str(out)]) == 0
    figures = json.loads(out.read_text())
    assert all(isinstance(figures[key], int | float) for key in KEYS)
    assert figures["passages"] == 500
    assert figures["parity_max_rel_diff"] <= 1e-6
    assert figures["picked_up_hybrid"] is True and figures["picked_up_bm25"] is True
    assert 0 < figures["serve_ready_s"] <= figures["serve_first_brief_s"]


def test_a_missing_corpus_says_where_to_find_one(tmp_path: Path, capsys):
    try:
        main(["--corpus", str(tmp_path / "nowhere"), "--quick"])
    except SystemExit as exc:
        assert "reuters21578" in str(exc)
    else:
        raise AssertionError("a missing corpus must stop the benchmark")
