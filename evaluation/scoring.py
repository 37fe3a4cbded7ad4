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
    named: int = 0  # found quotes whose gold speaker is a name
    named_given: int = 0  # ... of which we gave a name
    named_ok: int = 0  # ... and it was the right one
    unnamed: int = 0  # found quotes whose gold speaker is not named (judged: any name is wrong)
    unnamed_given: int = 0
    attributed: int = 0
    attributed_ok: int = 0
    pronouns: int = 0
    pronoun_named: int = 0
    scope: str = "named Sources"
    by_publisher: Counter[str] = field(default_factory=Counter)
    by_rule: Counter[str] = field(default_factory=Counter)  # every predicted quote's rule
    rule_given: Counter[str] = field(default_factory=Counter)  # names given on judged quotes
    rule_ok: Counter[str] = field(default_factory=Counter)
    errors: list[str] = field(default_factory=list)

    def judge(self, rule: str | None, gold_named: bool, given: bool, right: bool) -> None:
        """Count one found quote's attribution: a name given or not, right or not."""
        if gold_named:
            self.named += 1
            self.named_given += given
            self.named_ok += given and right
        else:
            self.unnamed += 1
            self.unnamed_given += given
        if given:
            self.rule_given[rule or "none"] += 1
            self.rule_ok[rule or "none"] += gold_named and right

    def lines(self) -> list[str]:
        """The report, one measure a line."""
        given = self.named_given + self.unnamed_given
        lines = [
            f"gold quotes {self.gold}, predicted {self.predicted}",
            f"precision          {_ratio(self.correct, self.predicted)}  (quotes found)",
            f"recall             {_ratio(self.found, self.gold)}",
            f"named precision    {_ratio(self.named_ok, given)}  (right names / names given)",
            f"named coverage     {_ratio(self.named_given, self.named)}  "
            f"(a name given / {self.scope})",
            f"speaker accuracy   {_ratio(self.named_ok, self.named)}  (right names / {self.scope})",
            f"name where none    {_ratio(self.unnamed_given, self.unnamed)}  "
            "(a name given where the gold names nobody; judged wrong)",
            f"speaker_mention    {_ratio(self.mention_ok, self.mentions)}",
            f"attribution (all)  {_ratio(self.attributed_ok, self.attributed)}",
            f"pronoun → a name   {_ratio(self.pronoun_named, self.pronouns)}",
            "by rule (quotes; right/given where judged): "
            + ", ".join(
                f"{rule} {n} ({self.rule_ok[rule]}/{self.rule_given[rule]})"
                for rule, n in self.by_rule.most_common()
            ),
        ]
        return lines


def _ratio(part: int, whole: int) -> str:
    return f"{part / whole:.3f} ({part}/{whole})" if whole else "n/a"
