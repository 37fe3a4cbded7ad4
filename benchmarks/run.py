"""The speed benchmark: `python -m benchmarks.run --corpus PATH --passages 1000000`.

Builds a store of real news sentences repeated to size, then times each stage against its
reference in the same run: index build and query against rank-bm25's BM25Okapi, the serving
process (load, query, brief, memory, picking up another process's addition) in a child process,
the bot itself from a cold start (`china-brief serve` until ready and until its first brief),
and ingest against bare spaCy `nlp.pipe` on the same texts. Prints one table; `--json FILE`
writes the figures for comparison from commit to commit.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus import read_corpus
from benchmarks.ingest import (
    ask_seconds,
    ingest_command_seconds,
    ingest_throughput,
    spacy_load_seconds,
)
from benchmarks.reference import rank_bm25_figures
from benchmarks.startup import startup_seconds
from benchmarks.store import fill_store
from benchmarks.terms import tokenise
from benchmarks.vectors import fill_vectors
from bot.nlp.model import load_nlp
from bot.services import build_services
from bot.settings import DEFAULT_MODELS, SEARCH_MODES, Settings

REPO = Path(__file__).resolve().parent.parent


def main(argv: Sequence[str] | None = None) -> int:
    """Run every measurement, print the table, write --json if asked."""
    args = _parser().parse_args(argv)
    articles, queries = read_corpus(args.corpus)
    if args.quick:  # a smoke run: every stage, small enough for CI
        articles = articles[:300]
        args.passages = min(args.passages, 20_000)
        args.ingest_articles = min(args.ingest_articles, 8)
    work = Path(args.workdir or tempfile.mkdtemp(prefix="china-brief-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    nlp = load_nlp(DEFAULT_MODELS)
    figures: dict[str, object] = {"corpus": str(args.corpus), "quick": args.quick}

    cache = work / f"terms-{args.corpus.resolve().name}-{len(articles)}.pickle"
    passages = tokenise(articles, nlp, cache, sample=50 if args.quick else 400)
    db = work / "bench.sqlite3"
    _fresh(db)
    began = time.perf_counter()
    figures["passages"] = fill_store(db, articles, passages, args.passages)
    figures["store_fill_s"] = time.perf_counter() - began
    with contextlib.closing(sqlite3.connect(db)) as con:
        figures["articles"] = con.execute("SELECT count(*) FROM articles").fetchone()[0]

    services = build_services(Settings(f"sqlite:///{db}"), nlp=nlp)
    began = time.perf_counter()
    index = services.index.rebuild(services.sessions)
    build_s = time.perf_counter() - began
    services.close()
    figures.update(index_build_s=build_s, index_build_passages_per_s=index.size / build_s)

    figures.update(rank_bm25_figures(db, index, nlp, queries[: 3 if args.quick else 5]))
    del index
    vectors_cache = work / f"vectors-{args.corpus.resolve().name}-{args.vector_sample}.npy"
    figures.update(fill_vectors(db, 200 if args.quick else args.vector_sample, vectors_cache))
    for search in SEARCH_MODES:  # the same store, hybrid then lexical only
        served = _serve(db, queries, rounds=3 if args.quick else 10, search=search)
        figures.update({f"{key}_{search}": value for key, value in served.items()})
    figures.update(startup_seconds(db, queries[0], REPO, rounds=1 if args.quick else 3))
    figures["query_speedup_x"] = (
        figures["rank_bm25_query_p50_ms"] / figures["query_p50_ms_bm25"]  # type: ignore[operator]
    )
    sample = articles[: args.ingest_articles]
    figures.update(ingest_throughput(nlp, sample, work / "ingest", rounds=1 if args.quick else 3))
    figures.update(ingest_command_seconds(work / "ingest"))
    for search in SEARCH_MODES:
        seconds = ask_seconds(work / f"ask-{search}", rounds=1 if args.quick else 3, search=search)
        figures[f"ask_seeds_s_{search}"] = seconds
    figures["spacy_load_s"] = spacy_load_seconds(rounds=1 if args.quick else 3)
    figures["spacy_load_s_torchless"] = spacy_load_seconds(rounds=1 if args.quick else 3,
                                                           torch=False)  # fmt: skip
    figures["ask_vs_spacy_load"] = figures["ask_seeds_s_hybrid"] / figures["spacy_load_s"]
    figures["ask_vs_spacy_load_torchless"] = (
        figures["ask_seeds_s_hybrid"] / figures["spacy_load_s_torchless"]
    )
    print(table(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    if not args.workdir:
        shutil.rmtree(work, ignore_errors=True)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.run", description=__doc__)
    parser.add_argument(
        "--corpus", type=Path, required=True, help="reuters21578/ or bbc-news-summary/"
    )
    parser.add_argument("--passages", type=int, default=1_000_000)
    parser.add_argument("--ingest-articles", type=int, default=400, help="ingest sample size")
    parser.add_argument(
        "--vector-sample", type=int, default=4000,
        help="distinct sentences embedded for real at 1M (benchmarks/vectors.py)",
    )  # fmt: skip
    parser.add_argument("--json", help="write the figures to this file")
    parser.add_argument("--workdir", help="keep the store and caches here (default: a temp dir)")
    parser.add_argument("--quick", action="store_true", help="small smoke run for CI")
    return parser


def _fresh(db: Path) -> None:
    for leftover in db.parent.glob(db.name + "*"):
        if leftover.is_dir():
            shutil.rmtree(leftover)
        else:
            leftover.unlink()


def _serve(db: Path, queries: Sequence[str], rounds: int, search: str) -> dict[str, object]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    command = [sys.executable, "-m", "benchmarks.serve", "--db", str(db), "--rounds", str(rounds),
               "--search", search]  # fmt: skip
    done = subprocess.run(
        [*command, *queries], check=True, capture_output=True, text=True, env=env, cwd=REPO
    )
    figures: dict[str, object] = json.loads(done.stdout)
    return figures


ROWS = (
    ("passages", "passages", "{:,}", ""),
    ("  in articles", "articles", "{:,}", ""),
    ("index build from the store", "index_build_s", "{:.2f} s", ">= 50k passages/s"),
    ("  rate", "index_build_passages_per_s", "{:,.0f}/s", ""),
    ("index load (serving process)", "index_load_s_hybrid", "{:.2f} s", "<= 2 s"),
    ("  sentence model + vectors load", "vectors_load_s_hybrid", "{:.2f} s", ""),
    ("query top-10 p50 (BM25)", "query_p50_ms_bm25", "{:.2f} ms", ""),
    ("query top-10 p95 (BM25)", "query_p95_ms_bm25", "{:.2f} ms", "<= 10 ms"),
    ("rank-bm25 query p50", "rank_bm25_query_p50_ms", "{:.0f} ms", ""),
    ("  speed-up", "query_speedup_x", "{:.0f}x", ">= 100x"),
    ("rank-bm25 build", "rank_bm25_build_s", "{:.1f} s", ""),
    ("parity, max relative diff", "parity_max_rel_diff", "{:.1e}", "<= 1e-6"),
    ("brief p50, hybrid", "brief_p50_ms_hybrid", "{:.1f} ms", ""),
    ("brief p95, hybrid", "brief_p95_ms_hybrid", "{:.1f} ms", "<= 150 ms"),
    ("brief p50, bm25 only", "brief_p50_ms_bm25", "{:.1f} ms", ""),
    ("brief p95, bm25 only", "brief_p95_ms_bm25", "{:.1f} ms", "<= 100 ms"),
    ("small addition picked up", "pickup_s_hybrid", "{:.2f} s", "no restart"),
    ("peak RSS, serving, hybrid", "peak_rss_mb_hybrid", "{:,.0f} MB", "<= 2500 MB"),
    ("peak RSS, serving, bm25 only", "peak_rss_mb_bm25", "{:,.0f} MB", ""),
    (
        "peak RSS, serving while vectors catch up",
        "peak_rss_mb_catching_up_hybrid",
        "{:,.0f} MB",
        "<= 2500 MB",
    ),
    ("  backlog embedded (torch encoder)", "catch_up_embedded_hybrid", "{:,}", ""),
    ("  catch-up time in the serving process", "catch_up_serving_s_hybrid", "{:.1f} s", ""),
    ("vectors: sample embedded", "vectors_sampled", "{:,}", "of the distinct sentences"),
    ("  distinct sentences", "vectors_distinct_sentences", "{:,}", ""),
    ("  sample embedding rate", "vectors_sample_sentences_per_s", "{:,.0f}/s", ""),
    ("ingest: spaCy + store + BM25", "ingest_words_per_s", "{:,.0f} words/s", ""),
    ("bare spaCy nlp.pipe", "spacy_words_per_s", "{:,.0f} words/s", ""),
    ("  ingest / spaCy", "ingest_vs_spacy", "{:.0%}", ">= 85%"),
    ("vectors' catch-up (model loaded)", "catch_up_sentences_per_s", "{:,.0f} sentences/s", ""),
    ("  sentences embedded", "catch_up_sentences", "{:,}", ""),
    ("`ingest` command, with catch-up", "ingest_command_s", "{:.1f} s", "start to exit"),
    ("  rate", "ingest_command_words_per_s", "{:,.0f} words/s", ""),
    ("`ask` on the seeds, hybrid", "ask_seeds_s_hybrid", "{:.2f} s", ""),
    ("`ask` on the seeds, bm25 only", "ask_seeds_s_bm25", "{:.2f} s", "<= 2.5 s"),
    ("bare spaCy load, torch installed", "spacy_load_s", "{:.2f} s", "(thinc imports it)"),
    ("  hybrid `ask` / that", "ask_vs_spacy_load", "{:.2f}x", "<= 1.5x"),
    ("bare spaCy load, torch hidden", "spacy_load_s_torchless", "{:.2f} s", "(bot.startup)"),
    ("  hybrid `ask` / that", "ask_vs_spacy_load_torchless", "{:.2f}x", "<= 1.5x"),
    ("bot ready, from process start", "serve_ready_s", "{:.2f} s", "<= 3 s at 100k articles"),
    ("  first brief delivered", "serve_first_brief_s", "{:.2f} s", ""),
)


def table(figures: dict[str, object]) -> str:
    """The figures as one plain-text table with the targets beside them."""
    lines = [f"{'measure':32} {'value':>18}  target", "-" * 64]
    for label, key, fmt, target in ROWS:
        value = figures.get(key)
        shown = "n/a" if value is None else fmt.format(value)
        lines.append(f"{label:32} {shown:>18}  {target}")
    rounds = zip(
        figures.get("spacy_words_per_s_rounds", ()),  # type: ignore[call-overload]
        figures.get("ingest_words_per_s_rounds", ()),  # type: ignore[call-overload]
        strict=True,
    )
    shown = ", ".join(
        f"{spacy:,.0f} / {ingest:,.0f} ({ingest / spacy:.0%})" for spacy, ingest in rounds
    )
    if shown:
        lines.append(f"ingest rounds, spaCy / ingest words/s: {shown}")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
