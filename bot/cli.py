"""The `china-brief` command: the whole pipeline in a terminal, no Slack needed."""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import datetime as dt
import logging
import os
import signal
import sys
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path

from bot import pipeline
from bot.brief.speakers import several_speakers
from bot.cli_feeds import add_feeds_command
from bot.deliver.settings import SlackSettings
from bot.errors import BriefError
from bot.ingest.bundled import bundled_seeds
from bot.ingest.fetch import is_web_url
from bot.render import json as render_json
from bot.render import text as render_text
from bot.services import Services, build_services
from bot.settings import Settings
from bot.store import digests
from bot.store.articles import corpus_stats, list_articles, stored_articles
from bot.store.removals import never_used

logger = logging.getLogger("china_brief")


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit status."""
    args = _parser().parse_args(argv)
    logging.basicConfig(
        level=logging.DEBUG if args.verbose else logging.WARNING,
        format="%(levelname)s %(name)s: %(message)s",
    )
    # What the bot writes (the database with its Slack threads, the index, caches) is the
    # owner's only, whatever the login's umask.
    umask = os.umask(0o077)
    try:
        return _run(args)
    finally:
        os.umask(umask)


def _run(args: argparse.Namespace) -> int:
    try:
        settings = Settings.from_env()
        if args.db:
            settings = dataclasses.replace(settings, database_url=args.db)
        services = build_services(settings)
        try:
            status = int(args.run(args, services) or 0)
            sys.stdout.flush()  # a reader gone by now is met here, not at interpreter exit
            return status
        finally:
            services.close()
    except BriefError as exc:
        print(f"china-brief: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader went away (`china-brief quotes | head`): stop quietly, as cat does.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="china-brief", description="Sourced briefings from your article corpus."
    )
    parser.add_argument(
        "--db", help="SQLAlchemy URL (default: $CHINA_BRIEF_DB or a local SQLite file)"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log what happens")
    sub = parser.add_subparsers(required=True, metavar="COMMAND")

    p = sub.add_parser(
        "ingest", help="add article files or folders (.txt, .md, .json, .jsonl, .html) or URLs"
    )
    p.add_argument("paths", nargs="+", type=_target, metavar="PATH")
    p.add_argument(
        "--jobs", type=int, help="spaCy processes (default: 2 cores for 32 articles or more)"
    )
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.add_argument(
        "--restore", action="store_true", help="add back articles taken out with `remove`"
    )
    p.add_argument(
        "--no-vectors", action="store_true",
        help="leave embedding to `serve` or a later ingest (BM25 finds new passages meanwhile)",
    )  # fmt: skip
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_ingest)

    p = sub.add_parser("remove", help="take articles out (a retraction): id, URL, file, folder")
    p.add_argument("targets", nargs="+", metavar="TARGET")
    p.add_argument("--dry-run", action="store_true", help="list what would go; change nothing")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_remove)

    p = sub.add_parser("ask", help="brief on a query: summary, quotes, timeline")
    p.add_argument("query", nargs="+")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_ask)

    p = sub.add_parser("quotes", help="quotes matching a query and/or by a speaker")
    p.add_argument("query", nargs="*")
    p.add_argument("--speaker", help="part of the speaker's name, e.g. Cleverly")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_quotes)

    p = sub.add_parser("speakers", help="quoted speakers with their roles and quote counts")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_speakers)

    p = sub.add_parser("timeline", help="dated events, for a query or the whole corpus")
    p.add_argument("query", nargs="*")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_timeline)

    p = sub.add_parser("articles", help="list the articles in the corpus")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_articles)

    p = sub.add_parser("article", help="show stored articles: metadata and cleaned text")
    p.add_argument("ids", nargs="+", type=int, metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_article)

    p = sub.add_parser("check", help="integrity of the store and of the saved index against it")
    p.add_argument("--repair", action="store_true", help="rebuild what can be rebuilt")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_check)

    p = sub.add_parser("info", help="where the database is and what it holds")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_info)
    add_feeds_command(sub)
    _add_slack_commands(sub)
    return parser


def _add_slack_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="run the Slack bot (Socket Mode, or HTTP with --http)")
    p.add_argument("--http", action="store_true", help="serve Slack's HTTP requests instead")
    p.add_argument("--port", type=int, default=3000, help="HTTP port (default 3000)")
    p.add_argument("--host", default="0.0.0.0", help="HTTP interface (default all)")
    p.set_defaults(run=_serve)

    p = sub.add_parser("digest", help="post or preview a channel's daily digest")
    p.add_argument("--channel", required=True, help="Slack channel id, e.g. C0123456789")
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--post", action="store_true", help="post today's digest (once a day)")
    mode.add_argument("--print", action="store_true", help="show it here, post nothing")
    p.set_defaults(run=_digest)


def _target(text: str) -> Path | str:
    # A web address stays text: as a Path its "//" would become "/".
    return text if is_web_url(text) else Path(text)


def _seed_if_empty(services: Services, quiet: bool = False) -> None:
    # A fresh machine has an empty database: brief on the bundled sample corpus. One that
    # was emptied on purpose (`remove`) stays empty.
    with services.sessions() as session:
        if not never_used(session):
            return
    seeds = bundled_seeds()
    print(
        f"The database is empty: loading the bundled sample corpus from {seeds}.\n"
        "Add your own articles with: china-brief ingest PATH",
        file=sys.stderr,
    )
    report = pipeline.ingest([seeds], services, progress=not quiet)
    for rejected in report.rejected:
        print(f"skipped {rejected.path}: {rejected.reason}", file=sys.stderr)
    pipeline.catch_up_vectors(services)  # a few hundred sentences: the first answer is hybrid


def _ingest(args: argparse.Namespace, services: Services) -> int:
    report = pipeline.ingest(
        args.paths, services, progress=not args.quiet, jobs=args.jobs, restore=args.restore
    )
    for rejected in report.rejected:
        print(f"skipped {rejected.path}: {rejected.reason}", file=sys.stderr)
    if args.json:
        print(render_json.dumps({
            "added": report.added, "replaced": report.replaced, "unchanged": report.unchanged,
            "duplicates": [{"path": p, "same_as": t} for p, t in report.duplicates],
            "rejected": [{"path": r.path, "reason": r.reason} for r in report.rejected],
        }))  # fmt: skip
    else:
        print(
            f"{len(report.added)} added, {len(report.replaced)} replaced, "
            f"{len(report.unchanged)} unchanged, {len(report.duplicates)} duplicate, "
            f"{len(report.rejected)} skipped"
        )
    nothing_in = not (report.added or report.replaced or report.unchanged or report.duplicates)
    status = 1 if report.rejected and nothing_in else 0
    if args.no_vectors:
        return status
    return _embed(services, progress=not args.quiet) or status


def _embed(services: Services, progress: bool) -> int:
    # Every article is committed by now: stopping here loses no article, only the chunk of
    # vectors being computed; serve, or the next ingest, embeds the rest.
    try:
        if pipeline.catch_up_vectors(services, progress=progress) is None:
            print(
                "another china-brief process on this machine is embedding the new passages",
                file=sys.stderr,
            )
    except KeyboardInterrupt:
        left = len(services.vectors.missing(services.index.current(services.sessions),
                                            services.sessions))  # fmt: skip
        print(
            f"embedding stopped: {left:,} passages have no sentence vector yet (search finds "
            "them by their words); `china-brief serve` or the next ingest embeds them",
            file=sys.stderr,
        )
        return 130
    return 0


def _remove(args: argparse.Namespace, services: Services) -> int:
    report = pipeline.remove(args.targets, services, dry_run=args.dry_run)
    for target in report.unknown:
        print(
            f"no article matches {target!r}: `china-brief articles` lists ids and files",
            file=sys.stderr,
        )
    if args.json:
        removed = [render_json.article_dict(ref) for ref in report.removed]
        print(render_json.dumps({"removed": removed, "unknown": report.unknown}))
    else:
        if report.removed:
            print(render_text.articles_text(report.removed))
        print(f"{len(report.removed)} {'would be removed' if args.dry_run else 'removed'}")
    return 1 if report.unknown else 0


def _ask(args: argparse.Namespace, services: Services) -> int:
    _seed_if_empty(services)
    brief = pipeline.make_brief(" ".join(args.query), services)
    print(
        render_json.dumps(render_json.brief_dict(brief))
        if args.json
        else render_text.brief_text(brief)
    )
    return 0


def _quotes(args: argparse.Namespace, services: Services) -> int:
    _seed_if_empty(services)
    items = pipeline.find_quotes(" ".join(args.query) or None, args.speaker, services)
    note = several_speakers(args.speaker, items) if args.speaker else None
    if args.json:
        listing = render_json.listing("quotes", map(render_json.quote_dict, items))
        print(render_json.dumps(listing | ({"note": note} if note else {})))
    else:
        lines = render_text.quotes_text(items) or ["No quotes found."]
        print("\n".join([render_text.note_text(note), "", *lines] if note else lines))
    return 0


def _speakers(args: argparse.Namespace, services: Services) -> int:
    _seed_if_empty(services)
    found = pipeline.list_speakers(services)
    if args.json:
        print(render_json.dumps(render_json.listing("speakers", map(asdict, found))))
    else:
        print("\n".join(render_text.speakers_text(found)) or "No quoted speakers.")
    return 0


def _timeline(args: argparse.Namespace, services: Services) -> int:
    _seed_if_empty(services)
    items = pipeline.build_timeline(" ".join(args.query) or None, services)
    if args.json:
        print(
            render_json.dumps(
                render_json.listing("timeline", map(render_json.timeline_dict, items))
            )
        )
    else:
        print("\n".join(render_text.timeline_text(items)) or "No dated events.")
    return 0


def _articles(args: argparse.Namespace, services: Services) -> int:
    _seed_if_empty(services)
    with services.sessions() as session:
        refs = list_articles(session)
    if args.json:
        print(
            render_json.dumps(render_json.listing("articles", map(render_json.article_dict, refs)))
        )
    else:
        print(render_text.articles_text(refs))
    return 0


def _article(args: argparse.Namespace, services: Services) -> int:
    _seed_if_empty(services)
    with services.sessions() as session:
        found = stored_articles(session, args.ids)
    unknown = [i for i in dict.fromkeys(args.ids) if i not in found]
    for article_id in unknown:
        print(f"no article has id {article_id}: `china-brief articles` lists them", file=sys.stderr)
    shown = [found[i] for i in dict.fromkeys(args.ids) if i in found]
    if args.json:
        listing = render_json.listing("articles", map(render_json.stored_article_dict, shown))
        print(render_json.dumps(listing))
    elif shown:
        print("\n\n".join(map(render_text.stored_article_text, shown)))
    return 1 if unknown else 0


def _info(args: argparse.Namespace, services: Services) -> int:
    with services.sessions() as session:
        stats = corpus_stats(session)
    info = {
        "database": services.engine.url.render_as_string(hide_password=True),
        "index": str(services.index.folder or "in memory"),
        "spacy_models": list(services.settings.spacy_models),
        "bundled_seeds": str(bundled_seeds()),
        "articles": stats.articles,
        "sentences": stats.sentences,
        "first_published": stats.first.isoformat() if stats.first else None,
        "last_published": stats.last.isoformat() if stats.last else None,
        "undated_articles": stats.undated,
        "sources": dict(stats.sources),
    }
    if args.json:
        print(render_json.dumps(info))
    else:
        print("\n".join(f"{k:>16}: {v}" for k, v in info.items()))
    return 0


def _check(args: argparse.Namespace, services: Services) -> int:
    report = pipeline.check(services, repair=args.repair)
    if args.json:
        print(render_json.dumps(asdict(report) | {"ok": not report.problems}))
    else:
        print(render_text.check_text(report))
    return 1 if report.problems else 0


def _serve(args: argparse.Namespace, services: Services) -> int:
    # handlers is the Slack adapter over this library: imported only when serving.
    from handlers.app import serve

    if not args.verbose:  # a server's log is all it shows: say what it is doing
        logging.getLogger().setLevel(logging.INFO)
    settings = SlackSettings.from_env(http=args.http)
    if not args.http:
        settings.require_socket_mode()
    _seed_if_empty(services)
    # Process managers (systemd, Docker, Kubernetes) stop a service with SIGTERM: leave the way
    # Ctrl-C does, letting the digest tick in progress finish.
    signal.signal(signal.SIGTERM, signal.default_int_handler)
    with contextlib.suppress(KeyboardInterrupt):  # Ctrl-C is how a person stops it
        serve(settings, services, http=args.http, port=args.port, host=args.host)
    return 0


def _digest(args: argparse.Namespace, services: Services) -> int:
    # Slack's client only when posting a digest: `ask`, the common command, starts faster.
    from bot.deliver import digests as deliver
    from bot.deliver.slack import web_client

    now = dt.datetime.now(dt.UTC)
    with services.sessions() as session:
        sub = digests.subscription(session, args.channel)
    sub = sub or digests.Subscription(args.channel, dt.time(0), "UTC", True, now, None)
    if args.print:
        day = deliver.local_day(sub, now)
        since = sub.last_digest_at or now - deliver.FIRST_WINDOW
        print(render_text.digest_text(pipeline.make_digest(day, since, now, services)))
        return 0
    client = web_client(SlackSettings.from_env())
    outcome = deliver.deliver(services, client, sub, now)
    print(f"{args.channel} {outcome.day}: {outcome.status}")
    return 0 if outcome.status in {"posted", "quiet", "taken", "already_posted"} else 1


if __name__ == "__main__":
    raise SystemExit(main())
