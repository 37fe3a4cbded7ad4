"""Score quotes against our own annotation of the bundled seed articles."""

from __future__ import annotations

import json
from pathlib import Path

from spacy.language import Language

from bot.ingest import read_articles
from bot.ingest.bundled import bundled_seeds
from bot.nlp.annotate import annotate
from bot.records import SourceText
from bot.store.speakers import served_names, with_corpus_name
from evaluation.scoring import Score

SEED_FIXTURE = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "seed_quotes.json"


def score_seeds(nlp: Language, fixture: Path) -> Score:
    """Scores against our own annotation of the bundled seed articles."""
    gold = json.loads(fixture.read_text(encoding="utf-8"))
    score = Score(scope="canonical name exactly as annotated")
    found = {
        Path(source.path).name: list(annotate(nlp(source.text), source).quotes)
        for source in read_articles([bundled_seeds()])
        if isinstance(source, SourceText)
    }
    # As the store serves them: a short name the corpus knows in full is given in full.
    names = served_names(q for quotes in found.values() for q in quotes)
    for name, annotated in found.items():
        quotes = [with_corpus_name(q, names) for q in annotated]
        score.by_rule.update(q.attribution or "none" for q in quotes)
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
            score.mentions += 1
            score.judge(
                got.attribution,
                want["speaker"] is not None,
                got.speaker is not None,
                got.speaker == want["speaker"],
            )
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
