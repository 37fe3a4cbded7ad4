"""Articles in: read, annotate with spaCy, store one transaction each, index; vectors after."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterable, Iterator
from pathlib import Path

from sqlalchemy.exc import SQLAlchemyError
from tqdm import tqdm

from bot.errors import BadArticle
from bot.iterables import batched
from bot.pipeline.clock import now as _now
from bot.records import (
    AnnotatedArticle,
    IngestReport,
    Rejected,
    SourceText,
)
from bot.services import Services
from bot.store import articles as stored
from bot.store import removals
from bot.store import speakers as quoted

logger = logging.getLogger(__name__)


PARALLEL_FROM = 32  # articles: fewer are done before a second spaCy process has started


TRIAGE_BATCH = 500  # articles checked against the store per query


def ingest(
    paths: Iterable[Path | str],
    services: Services,
    *,
    progress: bool = True,
    jobs: int | None = None,
    restore: bool = False,
) -> IngestReport:
    """Read, clean, annotate and store articles from files, folders and http(s) URLs; each
    article is committed on its own.

    `jobs` is the number of spaCy processes: by default every core (up to 2) once there are
    enough articles to repay starting them. Text that was removed (`remove`) stays out
    unless `restore` is set.
    """
    # Ingest's own modules (readers, parsers, the annotation rules) are imported where ingest
    # runs: a question never needs them, and importing them cost every `ask` 70 ms.
    from bot.ingest.readers import read_articles

    # An article longer than spaCy takes comes in parts of whole paragraphs.
    articles = read_articles(paths, max_chars=services.nlp.max_length)
    return _ingest_read(articles, services, progress=progress, jobs=jobs, restore=restore)


def _ingest_read(
    articles: Iterable[SourceText | Rejected],
    services: Services,
    *,
    progress: bool = False,
    jobs: int | None = None,
    restore: bool = False,
) -> IngestReport:
    from bot.nlp.annotate import annotate_many

    report = IngestReport()
    pending = list(_new_or_changed(articles, services, report, restore))
    if jobs is None:
        jobs = min(os.cpu_count() or 1, 2) if len(pending) >= PARALLEL_FROM else 1
    with tqdm(total=len(pending), unit="article", disable=not progress or not pending) as bar:
        for annotated in annotate_many(services.nlp, pending, n_process=jobs):
            _store(annotated, services, report, restore)
            bar.update()
    if report.added or report.replaced:
        # BM25 now, not at the next query; vectors later (catch_up_vectors): BM25 finds the
        # new passages meanwhile.
        services.index.current(services.sessions)
    return report


def catch_up_vectors(
    services: Services, *, progress: bool = False, stop: threading.Event | None = None
) -> int | None:
    """Embed, from the store's text, the passages that have no sentence vector yet; how many,
    or None when another process on this machine is embedding them. Saved a chunk at a time:
    an interrupted catch-up keeps what it finished and leaves the rest to the next (as does
    one told to `stop`)."""
    if not services.hybrid:
        return 0
    index = services.index.current(services.sessions)
    return services.vectors.catch_up(
        index, services.sessions, services.bulk_encoder, progress=progress, stop=stop
    )


def _store(
    annotated: AnnotatedArticle | Rejected, services: Services, report: IngestReport, restore: bool
) -> None:
    # One transaction per article: a failure leaves the database as it was for that article.
    if isinstance(annotated, Rejected):
        report.rejected.append(annotated)
        return
    key = annotated.source.key
    try:
        with services.sessions.begin() as session:
            article_id, replaced = stored.save_article(session, annotated, _now())
            if restore:
                removals.forget_removed(session, [annotated.source.content_hash])
            quoted.save_speaker_roles(session, article_id, annotated.speaker_roles)
        (report.replaced if replaced else report.added).append(key)
    except BadArticle as exc:
        report.rejected.append(Rejected(key, exc.reason))
    except SQLAlchemyError as exc:
        # The database's own words, in one line; the traceback only when asked for (-v).
        said = str(getattr(exc, "orig", None) or exc).strip().splitlines() or ["no reason"]
        report.rejected.append(Rejected(key, f"could not be stored (the database said: {said[0]})"))
        logger.debug("storing %s failed; the database is unchanged for it", key, exc_info=True)


def _new_or_changed(
    items: Iterable[SourceText | Rejected], services: Services, report: IngestReport, restore: bool
) -> Iterator[SourceText]:
    from bot.nlp.annotate import RULES_VERSION

    # Decide before running spaCy, so a re-run (or a resumed run) skips finished articles;
    # a few hundred articles at a time, so re-reading a large archive holds little at once.
    seen: dict[str, str] = {}  # content hash -> key, for copies within this run
    for batch in batched(items, TRIAGE_BATCH):
        report.rejected += [item for item in batch if isinstance(item, Rejected)]
        sources = [item for item in batch if isinstance(item, SourceText)]
        digests = [s.content_hash for s in sources]
        with services.sessions() as session:
            hashes = stored.stored_hashes(session, [s.key for s in sources])
            twins = seen | stored.keys_with_hashes(session, digests)
            removed = {} if restore else removals.removed_hashes(session, digests)
        for item in sources:
            if hashes.get(item.key) == (item.content_hash, RULES_VERSION):
                report.unchanged.append(item.key)
            elif (twin := twins.get(item.content_hash)) and twin != item.key:
                report.duplicates.append((item.key, twin))
            elif when := removed.get(item.content_hash):
                report.withheld.append(item.key)
                report.rejected.append(Rejected(item.key, (
                    f"was removed from the corpus on {when:%Y-%m-%d}; to add it back: "
                    "china-brief ingest --restore PATH"
                )))  # fmt: skip
            else:
                seen[item.content_hash] = twins[item.content_hash] = item.key
                yield item
