"""Score direct-quote extraction and speaker attribution against annotated news.

    python3 -m evaluation.quotes --polnear /work/shared/data/polnear --split dev
    python3 -m evaluation.quotes --seeds

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
import json
import re
import sys
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from bot.ingest import read_articles
from bot.ingest.bundled import bundled_seeds
from bot.nlp.annotate import annotate
from bot.nlp.model import load_nlp
from bot.records import Quote, SourceText
from bot.settings import DEFAULT_MODELS
from evaluation.polnear import GoldArticle, GoldQuote, load_split

SEED_FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seed_quotes.json"
TITLES = set(
    "mr mrs ms dr sen senator rep gov governor president vice former secretary gen general "
    "republican democratic democrat nominee candidate presidential sir lord dame prof professor "
    "the a an he she it they we i his her their this that rev chairman chairwoman speaker "
    "attorney judge mayor lt col adm sgt capt representative rival spokeswoman spokesman "
    "spokesperson chief police aide adviser advisor another critic then u.s".split()
)
NAME_WORDS = (
    2  # a Source's name is judged by its last two words: given name (or initial) and surname
)
PRONOUNS = {"he", "she", "him", "her"}


@dataclass
class Score:
    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0
    mentions: int = 0
    mention_ok: int = 0
    named: int = 0
    named_ok: int = 0
    attributed: int = 0
    attributed_ok: int = 0
    pronouns: int = 0
    pronoun_named: int = 0
    scope: str = "named Sources"
    by_publisher: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        """The report, one measure a line."""
        return [
            f"gold quotes {self.gold}, predicted {self.predicted}",
            f"precision          {_ratio(self.correct, self.predicted)}",
            f"recall             {_ratio(self.found, self.gold)}",
            f"speaker_mention    {_ratio(self.mention_ok, self.mentions)}",
            f"speaker accuracy   {_ratio(self.named_ok, self.named)}  ({self.scope})",
            f"attribution (all)  {_ratio(self.attributed_ok, self.attributed)}",
            f"pronoun → a name   {_ratio(self.pronoun_named, self.pronouns)}",
        ]


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"


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
        score.named += 1
        ok = _words(" ".join(name)) <= _words(best.speaker or "")
        score.named_ok += ok
        score.attributed_ok += ok
        if not ok:
            score.errors.append(
                f"SPEAKER {article.name}: «{quoted}» gold {gold.source!r} "
                f"got {best.speaker!r} (mention {best.speaker_mention!r}, cue {best.cue!r})"
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


def score_seeds(nlp: Language, fixture: Path) -> Score:
    """Scores against our own annotation of the bundled seed articles."""
    gold = json.loads(fixture.read_text(encoding="utf-8"))
    score = Score(scope="canonical name exactly as annotated")
    for source in read_articles([bundled_seeds()]):
        if not isinstance(source, SourceText):
            continue
        name = Path(source.path).name
        quotes = list(annotate(nlp(source.text), source).quotes)
        expected = gold.get(name, [])
        score.predicted += len(quotes)
        matched: set[int] = set()
        for want in expected:
            score.gold += 1
            hit = next((i for i, q in enumerate(quotes) if _same_start(q.text, want["text"])), None)
            if hit is None:
                score.errors.append(f"MISSED {name}: «{want['text']}» — {want['speaker']}")
                continue
            matched.add(hit)
            got = quotes[hit]
            score.found += 1
            score.named += 1
            score.mentions += 1
            score.named_ok += got.speaker == want["speaker"]
            score.attributed += 1
            score.attributed_ok += (got.speaker, got.speaker_mention) == (
                want["speaker"],
                want["speaker_mention"],
            )
            score.mention_ok += got.speaker_mention == want["speaker_mention"]
            if (got.speaker, got.speaker_mention, got.partial) != (
                want["speaker"],
                want["speaker_mention"],
                want["partial"],
            ):
                score.errors.append(
                    f"WRONG {name}: «{want['text']}» want {want['speaker']!r}/"
                    f"{want['speaker_mention']!r}/partial={want['partial']} got {got.speaker!r}/"
                    f"{got.speaker_mention!r}/partial={got.partial}"
                )
        score.correct += len(matched)
        for i, q in enumerate(quotes):
            if i not in matched:
                score.errors.append(f"EXTRA {name}: «{q.text[:80]}» — {q.speaker}")
    return score


def _same_start(text: str, start: str) -> bool:
    return " ".join(text.split()).startswith(" ".join(start.split()))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the evaluation named on the command line and print its scores."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, help="the PolNeAR folder (holds dev/, train/)")
    parser.add_argument("--split", default="dev", help="dev (measure) or train (study errors)")
    parser.add_argument("--seeds", action="store_true", help="score our seed annotation")
    parser.add_argument("--limit", type=int, help="only the first N articles")
    parser.add_argument("--errors", type=int, default=0, help="print N error examples")
    args = parser.parse_args(argv)
    if not args.seeds and args.polnear is None:
        parser.error("give --polnear PATH (and --split), or --seeds")
    nlp = load_nlp(DEFAULT_MODELS)
    if args.seeds:
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
