"""Score direct-quote extraction and speaker attribution against annotated news.

    python3 -m evaluation.quotes --polnear /work/shared/data/polnear --split dev
    python3 -m evaluation.quotes --seeds
    python3 -m evaluation.quotes --bbc /work/shared/data/bbc-news-summary   # held out: score only
    python3 -m evaluation.quotes --bbc /work/shared/data/bbc-news-summary \
        --fixture evaluation/dev/bbc_quotes_dev.json --errors 50             # development

PolNeAR (2016 US election news, brat standoff; see evaluation/polnear.py):
- Gold quote: an attribution whose Content span holds quotation marks (straight, curly, or the
  NYT archive's two apostrophes); its quoted characters are the stretches inside the marks of
  three words or more (one or two quoted words are scare quotes, as in the project's own rule).
  Articles with several annotators are scored against the first annotator by id.
- Found: predicted quotes together cover at least 50 % of a gold quote's quoted characters.
  Recall = found / gold quotes.
- Correct prediction: at least 50 % of a predicted quote's characters lie inside some gold
  quote's quoted characters. Precision = correct / predicted. (Quotes PolNeAR leaves
  unannotated, such as titles or quoted slogans with no attribution, count against us.)
- For each found gold quote, the predicted quote overlapping it most is its attribution:
  - speaker_mention match: the gold Source and our speaker_mention, lowercased, without
    punctuation, a leading article or a possessive, are equal or one contains the other as
    whole words (gold "Republican nominee Donald Trump" vs ours "Donald Trump").
  - named Source: the last two words of the Source's last run of capitalised words, minus
    titles and honorifics, before any appositive ("Mr. Obama" → Obama, "German Chancellor
    Angela Merkel" → Angela Merkel, "Kenneth Baer, a former official" → Kenneth Baer). "He",
    "The president" and Sources headed by a common noun ("a narrator in the Clinton ad",
    "Only 52 percent of registered voters") have none. Speaker accuracy = share of found
    quotes with a named Source whose canonical `speaker` contains every word of that name.
  - attribution (all Sources): named Sources judged as above, the rest by speaker_mention.
  - pronoun Source ("he", "she"): PolNeAR has no coreference, so we report how many we
    resolve to a name rather than whether the name is right.

The text goes to the NLP exactly as PolNeAR stores it (a SourceText built from the raw file),
not through the project's cleaning: cleaning drops paragraphs (captions, debris), which would
shift every character offset away from the annotation's; PolNeAR text is already clean, blank
lines between paragraphs, the shape cleaning produces.

Seeds (--seeds): tests/fixtures/seed_quotes.json lists every direct quote of the five bundled
articles (after cleaning, as ingest stores them) by the start of its text. Found: a predicted
quote in the same article whose text starts with that start. Speaker accuracy: the canonical
`speaker` equals the annotated one exactly; mention and partial flags are compared exactly.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from spacy.language import Language

from bot.nlp.annotate import annotate
from bot.nlp.model import load_nlp
from bot.records import Quote, SourceText
from bot.settings import DEFAULT_MODELS
from evaluation.bbc import HELDOUT_FIXTURE, score_bbc
from evaluation.polnear import GoldArticle, GoldQuote, load_split
from evaluation.scoring import Score
from evaluation.seeds import SEED_FIXTURE, score_seeds

TITLES = set(
    "mr mrs ms dr sen senator rep gov governor president vice former secretary gen general "
    "republican democratic democrat nominee candidate presidential sir lord dame prof professor "
    "the a an he she it they we i his her their this that rev chairman chairwoman speaker "
    "attorney judge mayor lt col adm sgt capt representative rival spokeswoman spokesman "
    "spokesperson chief police aide adviser advisor another critic then u.s admiral justice".split()
)
NAME_WORDS = (
    2  # a Source's name is judged by its last two words: given name (or initial) and surname
)
PRONOUNS = {"he", "she", "him", "her"}


def predict(nlp: Language, articles: Sequence[GoldArticle]) -> list[list[Quote]]:
    """The project's quotes for each raw PolNeAR text."""
    sources = [
        SourceText(key=a.name, path=a.name, text=a.text, title=a.name, content_hash="")
        for a in articles
    ]
    docs = nlp.pipe(s.text for s in sources)
    return [list(annotate(doc, source).quotes) for doc, source in zip(docs, sources, strict=True)]


def score_polnear(articles: Sequence[GoldArticle], predictions: Sequence[list[Quote]]) -> Score:
    """Extraction and attribution scores over a split."""
    score = Score()
    for article, quotes in zip(articles, predictions, strict=True):
        gold_chars = {i for g in article.quotes for a, b in g.quoted for i in range(a, b)}
        score.predicted += len(quotes)
        score.by_rule.update(q.attribution or "none" for q in quotes)
        for q in quotes:
            inside = sum(1 for i in range(q.start, q.end) if i in gold_chars)
            score.correct += inside * 2 >= max(q.end - q.start, 1)
            if inside * 2 < max(q.end - q.start, 1):
                score.errors.append(f"EXTRA {article.name}: «{q.text[:90]}» — {q.speaker}")
        for gold in article.quotes:
            _score_gold(score, article, gold, quotes)
    return score


def _score_gold(score: Score, article: GoldArticle, gold: GoldQuote, quotes: list[Quote]) -> None:
    chars = {i for a, b in gold.quoted for i in range(a, b)}
    overlaps = [(len(chars.intersection(range(q.start, q.end))), q) for q in quotes]
    covered = len(chars.intersection(i for q in quotes for i in range(q.start, q.end)))
    score.gold += 1
    quoted = article.text[gold.quoted[0][0] : gold.quoted[0][1]][:90]
    if covered * 2 < len(chars):
        score.errors.append(f"MISSED {article.name}: «{quoted}» — {gold.source}")
        return
    score.found += 1
    score.by_publisher[article.publisher] += 1
    best = max(overlaps, key=lambda pair: pair[0])[1]
    if gold.source is None:
        return
    score.mentions += 1
    mention_ok = mention_matches(gold.source, best.speaker_mention)
    score.mention_ok += mention_ok
    name = source_name(gold.source)
    score.attributed += 1
    if not name:
        score.attributed_ok += mention_ok
    if name:
        ok = _words(" ".join(name)) <= _words(best.speaker or "")
        score.judge(best.attribution, True, best.speaker is not None, ok)
        score.attributed_ok += ok
        if not ok:
            score.errors.append(
                f"SPEAKER {article.name}: «{quoted}» gold {gold.source!r} "
                f"got {best.speaker!r} (mention {best.speaker_mention!r}, cue {best.cue!r}, "
                f"rule {best.attribution})"
            )
    elif gold.source.lower() in PRONOUNS:
        score.pronouns += 1
        score.pronoun_named += bool(best.speaker and best.speaker[:1].isupper())


def _words(text: str) -> set[str]:
    return {w for w in re.sub(r"[^\w\s]", " ", text.lower().replace("’s", "").replace("'s", ""))
            .split()}  # fmt: skip


def _normal(text: str) -> list[str]:
    words = re.sub(r"[^\w\s]", " ", text.lower().replace("’s", "").replace("'s", "")).split()
    return words[1:] if words[:1] in (["the"], ["a"], ["an"]) else words


def mention_matches(gold: str, predicted: str | None) -> bool:
    """The Source as written and our speaker_mention name the same words (one within the other)."""
    if not predicted:
        return False
    g, p = " ".join(_normal(gold)), " ".join(_normal(predicted))
    return bool(g and p) and (f" {g} " in f" {p} " or f" {p} " in f" {g} ")


def source_name(source: str) -> list[str]:
    """The name in a Source span: its last run of capitalised words, without titles.

    An appositive or qualifier after the name ("Kenneth Baer, a former official", "Rep. Gwen
    Moore (D-Wis.)", "Charles B. Rangel of New York") is cut off first; what is left is a
    name only if a capitalised word ends it ("The Indiana governor" is not).
    """
    head = re.split(r",|\(| of | who | whom | at | for | in ", source)[0].strip(" .")
    last = head.split()[-1] if head.split() else ""
    if not last[:1].isupper():
        return []  # a common noun heads it: "a narrator in the Clinton ad", "Other leaders"
    runs: list[list[str]] = [[]]
    for word in re.findall(r"[\w.’'-]+|\S", head):
        clean = word.strip(".’'").removesuffix("’s").removesuffix("'s")
        if clean[:1].isupper() and clean.lower() not in TITLES:
            runs[-1].append(clean)
        elif runs[-1]:
            runs.append([])
    # Titles before a name are open-ended ("German Chancellor Angela Merkel", "Charlotte Mayor
    # Jennifer Roberts"): the last two words are the given name and surname.
    return next((run[-NAME_WORDS:] for run in reversed(runs) if run), [])


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation named on the command line and print its scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, help="the PolNeAR folder (holds dev/, train/)")
    parser.add_argument("--split", default="dev", help="dev (measure) or train (study errors)")
    parser.add_argument("--seeds", action="store_true", help="score our seed annotation")
    parser.add_argument(
        "--bbc",
        type=Path,
        help="the bbc-news-summary folder: score the held-out sample's hand annotation",
    )
    parser.add_argument(
        "--fixture",
        type=Path,
        default=HELDOUT_FIXTURE,
        help="with --bbc: the annotation to score (evaluation/dev/bbc_quotes_dev.json to study)",
    )
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--errors", type=int, default=0, help="print N error examples")
    args = parser.parse_args(argv)
    if not args.seeds and args.polnear is None and args.bbc is None:
        parser.error("give --polnear PATH (and --split), --bbc PATH, or --seeds")
    held_out = (args.bbc is not None and args.fixture.resolve().parent.name == "heldout") or (
        args.bbc is None and not args.seeds and args.split == "dev"
    )
    if args.errors and held_out:
        # Reading a held-out sample's errors is studying it: its figure would flatter.
        parser.error("--errors lists a held-out sample's mistakes; use a development sample")
    nlp = load_nlp(DEFAULT_MODELS)
    if args.bbc is not None:
        try:
            score = score_bbc(nlp, args.bbc, args.fixture)
        except FileNotFoundError as exc:
            print(f"evaluation.quotes: {exc}", file=sys.stderr)
            return 1
        print(f"BBC sample ({args.fixture.name})")
    elif args.seeds:
        if not SEED_FIXTURE.is_file():
            print(f"evaluation.quotes: {SEED_FIXTURE} is missing", file=sys.stderr)
            return 1
        score = score_seeds(nlp, SEED_FIXTURE)
        print("seeds (tests/fixtures/seed_quotes.json)")
    else:
        try:
            articles = load_split(args.polnear, args.split)[: args.limit]
        except FileNotFoundError as exc:
            print(f"evaluation.quotes: {exc}", file=sys.stderr)
            return 1
        score = score_polnear(articles, predict(nlp, articles))
        print(f"PolNeAR {args.split}: {len(articles)} articles")
        print("found by publisher: " + ", ".join(f"{p} {n}" for p, n in sorted(
            score.by_publisher.items())))  # fmt: skip
    print("\n".join(score.lines()))
    for line in score.errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
