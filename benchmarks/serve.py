"""The serving process, measured on its own: load the index, answer queries and briefs.

Run by `benchmarks.run` as a child process so that its peak memory is the serving process's
alone, not the benchmark's (which also holds rank-bm25 and the raw corpus).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from bot import pipeline
from bot.errors import BriefError
from bot.nlp.terms import query_terms
from bot.services import Services, build_services
from bot.settings import SEARCH_MODES, Settings

CATCH_UP_ARTICLES = 60  # copied articles: several hundred sentences, past the bulk threshold


def main(argv: Sequence[str] | None = None) -> int:
    """Print the serving figures as JSON on stdout."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--search", choices=SEARCH_MODES, default="hybrid")
    parser.add_argument("queries", nargs="+")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    services = build_services(Settings(f"sqlite:///{args.db}", search=args.search))
    index = services.index.current(services.sessions)
    load_s = time.perf_counter() - started
    began = time.perf_counter()
    if services.hybrid:  # the sentence model and the vectors, mapped
        _ = services.encoder
        services.vectors.current(index, services.sessions)
    vectors_load_s = time.perf_counter() - began
    terms = [query_terms(services.nlp(q), index.vocab) for q in args.queries]
    query_ms = []
    for _ in range(args.rounds):
        for t in terms:
            began = time.perf_counter()
            index.search(t, k=10)
            query_ms.append((time.perf_counter() - began) * 1000)
    brief_ms = []
    for _ in range(max(1, args.rounds // 2)):
        for q in args.queries:
            began = time.perf_counter()
            with contextlib.suppress(BriefError):  # an answer of "no match" is still timed
                pipeline.make_brief(q, services)
            brief_ms.append((time.perf_counter() - began) * 1000)
    # Another process adds a few articles; the next brief must see them without a restart.
    appended = subprocess.run(
        [sys.executable, "-m", "benchmarks.store", str(args.db), "3"],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    added = int(appended.stdout)
    began = time.perf_counter()
    refreshed = services.index.current(services.sessions)
    pickup_s = time.perf_counter() - began
    figures = {
        "search": args.search,
        "index_load_s": load_s,
        "vectors_load_s": vectors_load_s,
        "query_p50_ms": statistics.median(query_ms),
        "query_p95_ms": _p95(query_ms),
        "brief_p50_ms": statistics.median(brief_ms),
        "brief_p95_ms": _p95(brief_ms),
        "pickup_passages": added,
        "pickup_s": pickup_s,
        "picked_up": refreshed.size == index.size + added,
        "peak_rss_mb": _peak_rss_mb(),
    }
    if services.hybrid:
        figures.update(_catch_up(args.db, services))
    json.dump(figures, sys.stdout)
    return 0


def _catch_up(db: Path, services: Services) -> dict[str, object]:
    # The serve thread's catch-up, run here on a backlog past BULK_FROM so that the bulk
    # (torch) encoder loads: what serving costs in memory while vectors catch up.
    appended = subprocess.run(
        [sys.executable, "-m", "benchmarks.store", str(db), str(CATCH_UP_ARTICLES)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    index = services.index.current(services.sessions)
    began = time.perf_counter()
    done = services.vectors.catch_up(index, services.sessions, services.bulk_encoder)
    return {
        "catch_up_backlog": int(appended.stdout),
        "catch_up_embedded": done,
        "catch_up_serving_s": time.perf_counter() - began,
        "peak_rss_mb_catching_up": _peak_rss_mb(),
    }


def _p95(values: list[float]) -> float:
    return (
        statistics.quantiles(values, n=20, method="inclusive")[-1] if len(values) > 1 else values[0]
    )


def _peak_rss_mb() -> float:
    # VmHWM, not ru_maxrss: Linux carries ru_maxrss across exec, so a child started by the
    # (much larger) benchmark process would report the parent's peak as its own.
    status = Path("/proc/self/status").read_text(encoding="utf-8")
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


if __name__ == "__main__":
    sys.exit(main())
