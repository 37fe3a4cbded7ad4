from __future__ import annotations

from bot.ingest.bundled import bundled_seeds


def test_bundled_seeds_are_the_five_articles_whether_installed_or_checked_out():
    names = sorted(p.name for p in bundled_seeds().glob("*.txt"))
    assert len(names) == 5 and names[0].startswith("000_")
