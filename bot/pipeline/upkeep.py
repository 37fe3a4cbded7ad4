"""Taking articles out and checking the store and the saved index against each other."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from pathlib import Path

from bot.ingest.files import shown
from bot.pipeline.clock import now as _now
from bot.records import (
    ArticleRef,
    CheckReport,
    Problem,
    RemovalReport,
)
from bot.services import Services
from bot.store import articles as stored
from bot.store import integrity, removals

logger = logging.getLogger(__name__)


def remove(targets: Iterable[str], services: Services, *, dry_run: bool = False) -> RemovalReport:
    """Take articles out of the corpus (a retraction, a takedown), all in one transaction.

    A target is an article's id, key or URL, or the file or folder it was ingested from.
    Serving processes stop citing the articles at their next search, without a restart, and
    ingesting the same text again leaves it out. `dry_run` finds them and changes nothing.
    """
    report = RemovalReport()
    with services.sessions.begin() as session:
        found: dict[int, ArticleRef] = {}
        for target in targets:
            path = Path(target).expanduser().resolve()
            # Names as ingest stored them: bytes that are not UTF-8 written as escapes.
            matches = removals.find_articles(
                session, shown(target), shown(path), folder=not path.is_file()
            )
            found |= {ref.id: ref for ref in matches}
            if not matches:
                report.unknown.append(target)
        gone = set(found) if dry_run else removals.remove_articles(session, found, _now())
        report.removed = [ref for article_id, ref in found.items() if article_id in gone]
    if report.removed and not dry_run:
        index = services.index.current(services.sessions)  # rebuild and save it now, for all
        if services.hybrid:  # nothing to embed; drops the removed rows once they add up
            services.vectors.catch_up(index, services.sessions, services.bulk_encoder)
    return report


def check(services: Services, *, repair: bool = False) -> CheckReport:
    """The store's integrity and the saved index's agreement with it; `repair` rebuilds what
    can be rebuilt (rows of missing articles go, the index is built afresh) and checks again."""
    found = _checked(services)
    if not repair or not any(p.repairable for p in found.problems):
        return found
    with services.sessions.begin() as session:
        integrity.remove_orphans(session)
    index = services.index.rebuild(services.sessions)
    if services.hybrid:
        services.vectors.catch_up(index, services.sessions, services.bulk_encoder, progress=True)
    after = _checked(services)
    after.repaired = [p for p in found.problems if p not in after.problems]
    return after


def _checked(services: Services) -> CheckReport:
    database = services.engine.url.render_as_string(hide_password=True)
    folder = str(services.index.folder or "in memory")
    with services.sessions() as session:
        faults = integrity.database_faults(session)
        if faults:  # nothing read from a damaged file can be trusted: stop here
            first = "nothing else was checked: restore the database from a backup first"
            return CheckReport(database, folder, None, None, None, notes=[first], problems=[
                Problem("store", f"the database reports: {f}", False) for f in faults
            ])  # fmt: skip
        orphans = integrity.orphans(session)
        stats = stored.corpus_stats(session)
    audit = services.index.audit(services.sessions)
    report = CheckReport(
        database, folder, stats.articles, stats.sentences, audit.indexed, notes=audit.notes
    )
    if orphans:
        rows = ", ".join(f"{n:,} in {table}" for table, n in orphans.items())
        report.problems.append(Problem("store", f"rows whose article is gone: {rows}", True))
    report.problems += [Problem("index", text, True) for text in audit.problems]
    if services.hybrid and audit.indexed:
        unembedded = len(services.vectors.missing(services.index.current(services.sessions),
                                                  services.sessions))  # fmt: skip
        if unembedded:
            text = (
                f"{unembedded:,} passages have no sentence vector: search finds them by words only"
            )
            report.problems.append(Problem("vectors", text, True))
    return report
