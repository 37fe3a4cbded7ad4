"""Query results → a Brief (pure)."""

from bot.brief.compose import Limits, compose_brief, match_quotes, merge_events

__all__ = ["Limits", "compose_brief", "match_quotes", "merge_events"]
