"""Ingest (spaCy, store, BM25) against bare spaCy on the same texts; the vectors' catch-up
behind it and the whole `ingest` command with it; and `ask` from a cold start."""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from benchmarks.corpus import Article
from bot import pipeline
from bot.ingest import read_articles
from bot.nlp.minilm import load_bulk_encoder
from bot.records import SourceText
from bot.services import build_services
from bot.settings import DEFAULT_MODELS, Settings

JOBS = 2  # both cores


def ingest_throughput(
    nlp: Language, articles: Sequence[Article], folder: Path, rounds: int = 3
) -> dict[str, object]:
    """Words per second of bare `nlp.pipe` and of `pipeline.ingest` over the same articles,
    and sentences per second of the vectors' catch-up after each ingest (the sentence model
    loaded beforehand: the `ingest` command's own figure, with the load, is ingest_command).

    The two alternate for `rounds` rounds and the medians are reported: on a shared 2-core
    machine one run of either swings by a fifth, more than the gap being measured.
    """
    texts = _write_articles(articles, folder / "articles")
    words = sum(len(t.split()) for t in texts)
    bulk = load_bulk_encoder()
    spacy_s, ingest_s, ratios, embed_s = [], [], [], []
    for number in range(rounds):
        began = time.perf_counter()
        for _ in nlp.pipe(texts, n_process=JOBS, batch_size=16):
            pass
        spacy_s.append(time.perf_counter() - began)

        db = folder / f"ingest-{number}.sqlite3"
        services = build_services(Settings(f"sqlite:///{db}"), nlp=nlp, encoder=bulk)
        began = time.perf_counter()
        report = pipeline.ingest([folder / "articles"], services, progress=False, jobs=JOBS)
        ingest_s.append(time.perf_counter() - began)
        ratios.append(spacy_s[-1] / ingest_s[-1])
        began = time.perf_counter()
        embedded = pipeline.catch_up_vectors(services) or 0
        embed_s.append(time.perf_counter() - began)
        services.close()
    return {
        "ingest_articles": len(report.added),
        "ingest_words": words,
        "ingest_rounds": rounds,
        "spacy_words_per_s": words / statistics.median(spacy_s),
        "ingest_words_per_s": words / statistics.median(ingest_s),
        # Each round's pair ran back to back, so their ratio cancels most of the drift.
        "ingest_vs_spacy": statistics.median(ratios),
        "ingest_vs_spacy_rounds": ratios,
        "spacy_words_per_s_rounds": [words / s for s in spacy_s],
        "ingest_words_per_s_rounds": [words / s for s in ingest_s],
        "catch_up_sentences": embedded,
        "catch_up_sentences_per_s": embedded / statistics.median(embed_s),
    }


def ingest_command_seconds(folder: Path) -> dict[str, float]:
    """Wall time of the whole `china-brief ingest` command on the articles ingest_throughput
    wrote: process start, spaCy, store, BM25, then loading the sentence model and embedding."""
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo)}
    db = folder / "command.sqlite3"
    command = [sys.executable, "-m", "bot.startup", "--db", f"sqlite:///{db}", "ingest",
               "--quiet", "--jobs", str(JOBS), str(folder / "articles")]  # fmt: skip
    began = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, env=env, cwd=repo)
    seconds = time.perf_counter() - began
    words = sum(len(s.text.split()) for s in read_articles([folder / "articles"])
                if isinstance(s, SourceText))  # fmt: skip
    return {"ingest_command_s": seconds, "ingest_command_words_per_s": words / seconds}


def _write_articles(articles: Sequence[Article], folder: Path) -> list[str]:
    shutil.rmtree(folder.parent, ignore_errors=True)
    folder.mkdir(parents=True)
    for number, article in enumerate(articles):
        dated = f"date {article.published.isoformat()}\n" if article.published else ""
        text = f"{dated}{article.title}\n\n{article.body}\n"
        (folder / f"{number:05d}.txt").write_text(text, encoding="utf-8")
    return [s.text for s in read_articles([folder]) if isinstance(s, SourceText)]


def ask_seconds(folder: Path, rounds: int = 3, search: str = "hybrid") -> float:
    """Wall time of `china-brief ask` on the seeds, process start to printed brief (median)."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    repo = Path(__file__).resolve().parent.parent
    env = {**os.environ, "PYTHONPATH": str(repo), "CHINA_BRIEF_SEARCH": search}
    command = [sys.executable, "-m", "bot.startup", "--db", f"sqlite:///{folder / 'seeds.sqlite3'}"]
    ask = [*command, "ask", "sanctions on British MPs"]
    subprocess.run(ask, check=True, capture_output=True, env=env, cwd=repo)  # loads the seeds
    seconds = []
    for _ in range(rounds):
        began = time.perf_counter()
        subprocess.run(ask, check=True, capture_output=True, env=env, cwd=repo)
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds)


def spacy_load_seconds(rounds: int = 3, torch: bool = True) -> float:
    """Wall time of a process that imports spaCy and loads the bundled model (median): what a
    cold `ask` cannot do without. With `torch` false, spaCy's thinc is imported with torch
    hidden, as the `china-brief` command does (bot.startup): what spaCy itself costs."""
    hide = "" if torch else "from bot.startup import without_torch_in_thinc as w; w(); "
    load = f"{hide}import spacy; spacy.load({DEFAULT_MODELS[-1]!r})"
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    seconds = []
    for _ in range(rounds):
        began = time.perf_counter()
        subprocess.run([sys.executable, "-c", load], check=True, capture_output=True, env=env)
        seconds.append(time.perf_counter() - began)
    return statistics.median(seconds)
