"""The tally every evaluation prints: extraction and attribution counts and their ratios."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field


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
