"""The one place our errors become words in Slack, and messages become Slack calls."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from bot.errors import BriefError, ChannelUnavailable
from bot.render.blocks import Message, escape, text_message

logger = logging.getLogger(__name__)
Send = Callable[[Message], Any]


def ephemeral(respond: Callable[..., Any]) -> Send:
    """Send to the response_url, visible only to the person who asked."""
    return lambda m: respond(
        text=m.text, blocks=m.blocks, response_type="ephemeral", replace_original=False
    )


@contextmanager
def told(send: Send) -> Iterator[None]:
    """Run a listener's slow part; our own errors are shown to the user, the rest propagate."""
    try:
        yield
    except ChannelUnavailable:
        send(text_message("I am not in this channel yet: add me with `/invite @China Brief`."))
    except BriefError as exc:
        send(text_message(escape(str(exc))))
    except Exception:
        # After the ack the user would otherwise see nothing at all; the traceback still
        # reaches the one @app.error handler.
        send(text_message("Something went wrong on our side; it has been logged. Try again."))
        raise
