"""The Bolt app: built by a factory, listeners wired in one place, nothing done at import."""

from __future__ import annotations

import datetime as dt
import logging
import threading
import time
from functools import partial
from typing import Any

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_sdk import WebClient

from bot.deliver import state
from bot.deliver.scheduler import DigestScheduler
from bot.deliver.settings import SlackSettings
from bot.deliver.slack import web_client
from bot.polling import FeedPoller, VectorCatchUp
from bot.render.blocks import FULL_TIMELINE, MORE_QUOTES, NEXT_PAGE, SHARE
from bot.services import Services
from handlers import actions, commands, threads
from handlers.response_urls import allowed_origins, response_url_guard
from handlers.server import make_server

logger = logging.getLogger(__name__)
EVENTS = ("app_mention", "message")


def create_app(
    settings: SlackSettings, services: Services, *, client: WebClient | None = None
) -> App:
    """A Bolt app for this workspace; calls auth.test once to learn who the bot is."""
    # The client carries the bot token and SLACK_API_URL; Bolt takes the token from it.
    _quiet_token_notice()
    app = App(
        signing_secret=settings.signing_secret or "",
        client=client or web_client(settings),
        name="china-brief",
    )
    app.middleware(response_url_guard(allowed_origins(settings.api_url)))
    register(app, services)
    return app


class _ClientTokenNotice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _quiet_token_notice() -> None:
    # Bolt also reads SLACK_BOT_TOKEN itself and warns at every start that the client's token
    # wins. Here the client always carries the token: the warning would only alarm a reader.
    bolt = logging.getLogger("slack_bolt.App")
    if not any(isinstance(f, _ClientTokenNotice) for f in bolt.filters):
        bolt.addFilter(_ClientTokenNotice())


def register(app: App, services: Services) -> None:
    """Wire every listener; `services` is bound by keyword so Bolt's injection ignores it."""
    app.command(commands.COMMAND)(partial(commands.china_brief, services=services))
    app.event("app_mention")(partial(threads.on_mention, services=services))
    app.event("message")(partial(threads.on_message, services=services))
    app.action(MORE_QUOTES)(partial(actions.more_quotes, services=services))
    app.action(FULL_TIMELINE)(partial(actions.full_timeline, services=services))
    app.action(SHARE)(partial(actions.share, services=services))
    app.action(NEXT_PAGE)(partial(actions.next_page, services=services))
    app.error(on_error)


def on_error(error: Exception, body: dict[str, Any]) -> None:
    """The unexpected: logged once with its traceback (never the payload's tokens)."""
    kind = body.get("type") or body.get("command") or "request"
    logger.exception("unhandled error while handling %s", kind, exc_info=error)


def warm_up(services: Services) -> threading.Thread:
    """Load spaCy and the index in the background; `services.ready` says when they are in.

    Slack's requests are acknowledged from the first second either way; warming up early
    means the first brief does not also pay for loading the model and the index. If loading
    fails (the database unreachable for a moment), the first request that needs them loads
    them, and /healthz turns 200 then.
    """

    def load() -> None:
        began = time.perf_counter()
        try:
            services.warm_up()
        except Exception:  # the first request meets the same error and reports it to its user
            logger.exception("could not load spaCy or the index; /healthz stays 503 until then")
            return
        elapsed = time.perf_counter() - began
        logger.info("ready to answer (spaCy and the index loaded in %.1f s)", elapsed)

    thread = threading.Thread(target=load, name="china-brief-warm-up", daemon=True)
    thread.start()
    return thread


def serve(
    settings: SlackSettings, services: Services, *, http: bool, port: int, host: str = "0.0.0.0"
) -> None:
    """Run the bot until interrupted: Socket Mode, or HTTP on `port`; digests on a timer."""
    app_token = None if http else settings.require_socket_mode()
    warm_up(services)  # beside auth.test and binding the port, not after them
    app = create_app(settings, services)
    scheduler = DigestScheduler(services, app.client)
    scheduler.start()
    poller = FeedPoller(services, dt.timedelta(minutes=services.settings.feed_minutes))
    if services.settings.feed_minutes:
        poller.start()
    embedder = VectorCatchUp(services)
    if services.hybrid:
        embedder.start()
    try:
        if http:
            server = make_server(
                app,
                host,
                port,
                ready=lambda: services.ready,
                signing_secret=settings.signing_secret or "",  # from_env insists on it for --http
                first_sighting=partial(state.first_sighting, services),
            )
            logger.info("china-brief listening on http://%s:%d/slack/events", host, port)
            server.serve_forever()
        else:
            logger.info("china-brief connecting to Slack in Socket Mode")
            SocketModeHandler(app, app_token).start()
    finally:
        embedder.stop()
        poller.stop()
        scheduler.stop()
