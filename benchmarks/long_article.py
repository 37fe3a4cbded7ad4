"""One long article: `python -m benchmarks.long_article --corpus PATH --chars 200000`.

Ingest should cost a small multiple of what spaCy alone takes on the same text, whatever the
article's length (issue 14: 200,000 characters once took over three minutes, because the
annotation walked the whole document again for each sentence). The article is real news run
together: the bodies of a corpus's articles (BBC News Summary or Reuters-21578, as for
benchmarks.run) in order until the length asked for, written as one .txt file. (Repeating
one text would not do: cleaning drops a paragraph seen before.) Prints bare `nlp(text)`
seconds, `pipeline.ingest` seconds on that file (one process, a fresh SQLite store) and their
ratio; `--profile N` adds the N costliest functions of the ingest.
"""

from __future__ import annotations

import argparse
import contextlib
import cProfile
import pstats
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from benchmarks.corpus import read_corpus
from bot import pipeline
from bot.nlp.model import load_nlp
from bot.services import build_services
from bot.settings import DEFAULT_MODELS, Settings


def long_text(corpus: Path, chars: int) -> str:
    """Article bodies of the corpus, in order, run together to about `chars` characters."""
    bodies: list[str] = []
    size = 0
    for article in read_corpus(corpus)[0]:
        if size >= chars:
            break
        bodies.append(article.body)
        size += len(article.body) + 2
    text = "\n\n".join(bodies)
    return text[:chars].rsplit("\n\n", 1)[0]


def main(argv: Sequence[str] | None = None) -> int:
    """Time bare spaCy and ingest on one long article; print both and the ratio."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="bbc-news-summary/ or reuters")
    parser.add_argument("--chars", type=int, default=200_000)
    parser.add_argument("--profile", type=int, default=0, metavar="N")
    args = parser.parse_args(argv)
    nlp = load_nlp(DEFAULT_MODELS)
    text = long_text(args.corpus, args.chars)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "long.txt"
        path.write_text(text, encoding="utf-8")
        began = time.perf_counter()
        nlp(text)
        spacy_s = time.perf_counter() - began
        services = build_services(Settings(f"sqlite:///{Path(folder) / 'b.sqlite3'}"), nlp=nlp)
        profile = cProfile.Profile()
        began = time.perf_counter()
        with profile if args.profile else contextlib.nullcontext():
            report = pipeline.ingest([path], services, progress=False, jobs=1)
        ingest_s = time.perf_counter() - began
        services.close()
    assert report.added and not report.rejected, report
    print(f"article: {len(text):,} characters, {len(text.split()):,} words")
    print(f"bare spaCy nlp(text): {spacy_s:.1f} s")
    print(f"ingest (read, spaCy, annotate, store, index): {ingest_s:.1f} s")
    print(f"ingest / bare spaCy: {ingest_s / spacy_s:.2f}x")
    if args.profile:
        pstats.Stats(profile).sort_stats("cumulative").print_stats(args.profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
