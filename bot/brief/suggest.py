"""What to tell an editor whose query matched nothing."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Sequence

from bot.errors import NoMatches


def no_matches(
    query: str,
    unknown: Sequence[str],
    vocabulary: Collection[str],
    names: Sequence[str],
    known_names: Sequence[str] = (),
) -> NoMatches:
    """A NoMatches error that offers spelling fixes and the corpus's main people and topics."""
    fixes = []
    lowered_names = {n.lower(): n for n in (*known_names, *names)}
    for word in unknown:
        close = difflib.get_close_matches(word.lower(), list(lowered_names), n=1, cutoff=0.75)
        if not close:
            close = difflib.get_close_matches(word.lower(), list(vocabulary), n=1, cutoff=0.8)
        if close:
            fixes.append(lowered_names.get(close[0], close[0]))
    message = f"No articles mention '{query.strip()}'."
    if fixes:
        message += " Did you mean " + " or ".join(f"'{f}'" for f in fixes) + "?"
    if names:
        message += " The corpus is mostly about: " + ", ".join(names) + "."
    return NoMatches(message, suggestions=tuple(fixes) + tuple(names))
