"""`china-brief feeds add|list|remove|poll`: following RSS and Atom feeds from the terminal."""

from __future__ import annotations

import argparse
import datetime as dt
import sys

from bot import pipeline
from bot.ingest.fetch import is_web_url
from bot.records import Feed, FeedPoll
from bot.render import json as render_json
from bot.services import Services
from bot.store import feeds as followed


def add_feeds_command(sub: argparse._SubParsersAction) -> None:
    """The `feeds` command and its four actions."""
    feeds = sub.add_parser("feeds", help="follow RSS and Atom feeds: add, list, remove, poll")
    actions = feeds.add_subparsers(required=True, metavar="ACTION")
    for name, run, help_text in (
        ("add", _add, "follow a feed (its items arrive at the next poll)"),
        ("remove", _remove, "stop following a feed; its stored articles stay"),
    ):
        p = actions.add_parser(name, help=help_text)
        p.add_argument("url", metavar="URL")
        p.add_argument("--json", action="store_true")
        p.set_defaults(run=run)
    p = actions.add_parser("list", help="the followed feeds and how their last polls went")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_list)
    p = actions.add_parser("poll", help="fetch every followed feed once and ingest new items")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_poll)


def _add(args: argparse.Namespace, services: Services) -> int:
    if not is_web_url(args.url):
        print(f"china-brief: {args.url!r} is not an http:// or https:// URL", file=sys.stderr)
        return 1
    with services.sessions.begin() as session:
        added = followed.add_feed(session, args.url, dt.datetime.now(dt.UTC))
    _say(
        args,
        {"url": args.url, "added": added},
        ("following " if added else "already following ") + args.url,
    )
    return 0


def _remove(args: argparse.Namespace, services: Services) -> int:
    with services.sessions.begin() as session:
        removed = followed.remove_feed(session, args.url)
    if not removed:
        print(f"china-brief: not following {args.url} (`china-brief feeds list`)", file=sys.stderr)
    _say(
        args,
        {"url": args.url, "removed": removed},
        f"stopped following {args.url}" if removed else "",
    )
    return 0 if removed else 1


def _list(args: argparse.Namespace, services: Services) -> int:
    with services.sessions() as session:
        feeds = followed.list_feeds(session)
    listing = render_json.listing("feeds", map(_feed_dict, feeds))
    _say(args, listing, "\n".join(map(_feed_line, feeds)) or "No feeds followed.")
    return 0


def _poll(args: argparse.Namespace, services: Services) -> int:
    polls = pipeline.poll_feeds(services)
    for poll in polls:
        for rejected in poll.report.rejected:
            print(f"skipped {rejected.path}: {rejected.reason}", file=sys.stderr)
        for url in poll.given_up:
            tries = followed.ITEM_TRIES
            print(f"gave up on {url}: it failed {tries} polls in a row", file=sys.stderr)
        if poll.error:
            print(
                f"feed {poll.url} failed: {poll.error}; tried again from {_when(poll.retry_at)}",
                file=sys.stderr,
            )
    listing = render_json.listing("feeds", map(_poll_dict, polls))
    _say(args, listing, "\n".join(map(_poll_line, polls)) or "No feeds due.")
    return 1 if any(poll.error for poll in polls) else 0


def _say(args: argparse.Namespace, document: dict[str, object], text: str) -> None:
    if args.json:
        print(render_json.dumps(document))
    elif text:
        print(text)


def _feed_dict(feed: Feed) -> dict[str, object]:
    return {
        "url": feed.url,
        "title": feed.title,
        "polled_at": feed.polled_at.isoformat() if feed.polled_at else None,
        "failures": feed.failures,
        "last_error": feed.last_error,
        "retry_at": feed.retry_at.isoformat() if feed.retry_at else None,
    }


def _feed_line(feed: Feed) -> str:
    state = f"last polled {_when(feed.polled_at)}" if feed.polled_at else "not polled yet"
    if feed.failures:
        state += f"; failed {feed.failures}× ({feed.last_error}), next try {_when(feed.retry_at)}"
    return f"{feed.url}  {feed.title or ''}\n    {state}"


def _poll_dict(poll: FeedPoll) -> dict[str, object]:
    report = poll.report
    return {
        "url": poll.url, "error": poll.error,
        "retry_at": poll.retry_at.isoformat() if poll.retry_at else None,
        "not_modified": poll.not_modified, "items": poll.items, "known": poll.known,
        "given_up": poll.given_up,
        "added": report.added, "replaced": report.replaced, "unchanged": report.unchanged,
        "rejected": [{"path": r.path, "reason": r.reason} for r in report.rejected],
    }  # fmt: skip


def _poll_line(poll: FeedPoll) -> str:
    if poll.error:
        return f"{poll.url}: failed ({poll.error})"
    if poll.not_modified:
        return f"{poll.url}: not changed since the last poll"
    report = poll.report
    return (
        f"{poll.url}: {poll.items} items, {poll.known} stored before; {len(report.added)} added, "
        f"{len(report.replaced)} replaced, {len(report.rejected)} skipped"
    )


def _when(moment: dt.datetime | None) -> str:
    return moment.strftime("%Y-%m-%d %H:%M UTC") if moment else "now"
