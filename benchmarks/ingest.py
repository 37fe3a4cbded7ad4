"""Ingest end to end against bare spaCy on the same texts, and `ask` from a cold start."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from benchmarks.corpus import Article
from bot import pipeline
from bot.ingest import read_articles
from bot.records import SourceText
from bot.services import build_services
from bot.settings import Settings

JOBS = 2  # both cores


def ingest_throughput(
    nlp: Language, articles: Sequence[Article], folder: Path
) -> dict[str, object]:
    """Words per second of bare `nlp.pipe` and of `pipeline.ingest` over the same articles."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, article in enumerate(articles):
        dated = f"date {article.published.isoformat()}\n" if article.published else ""
        text = f"{dated}{article.title}\n\n{article.body}\n"
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    texts = [s.text for s in read_articles([folder]) if isinstance(s, SourceText)]
    words = sum(len(t.split()) for t in texts)

    began = time.perf_counter()
    for _ in nlp.pipe(texts, n_process=JOBS, batch_size=16):
        pass
    spacy_s = time.perf_counter() - began

    services = build_services(Settings(f"sqlite:///{folder / 'ingest.sqlite3'}"), nlp=nlp)
    began = time.perf_counter()
    report = pipeline.ingest([folder], services, progress=False, jobs=JOBS)
    ingest_s = time.perf_counter() - began
    services.close()
    return {
        "ingest_articles": len(report.added),
        "ingest_words": words,
        "spacy_words_per_s": words / spacy_s,
        "ingest_words_per_s": words / ingest_s,
    }


def ask_seconds(folder: Path) -> float:
    """Wall time of `china-brief ask` on the seeds, process start to printed brief."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    command = [sys.executable, "-m", "bot.cli", "--db", f"sqlite:///{folder / 'seeds.sqlite3'}"]
    ask = [*command, "ask", "sanctions on British MPs"]
    subprocess.run(ask, check=True, capture_output=True, env=env, cwd=repo)  # loads the seeds
    began = time.perf_counter()
    subprocess.run(ask, check=True, capture_output=True, env=env, cwd=repo)
    return time.perf_counter() - began
