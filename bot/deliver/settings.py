"""The Slack variables, read once from the environment into one frozen place."""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from bot.errors import ConfigError

DEFAULT_API_URL = "https://slack.com/api/"


@dataclass(frozen=True)
class SlackSettings:
    # Kept out of repr(): a settings object in a log line or traceback must not leak them.
    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)  # Socket Mode
    signing_secret: str | None = field(default=None, repr=False)  # HTTP mode
    api_url: str = DEFAULT_API_URL

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, *, http: bool = False) -> SlackSettings:
        """Read SLACK_* variables; a missing or malformed one stops start-up with one line."""
        env = os.environ if env is None else env
        bot_token = _get(env, "SLACK_BOT_TOKEN", "xoxb-", "the Bot User OAuth Token")
        if bot_token is None:
            raise ConfigError(
                "SLACK_BOT_TOKEN is not set: copy the Bot User OAuth Token (xoxb-…) from your "
                "app's OAuth & Permissions page."
            )
        app_token = _get(env, "SLACK_APP_TOKEN", "xapp-", "an app-level token")
        secret = env.get("SLACK_SIGNING_SECRET", "").strip() or None
        if http and secret is None:
            raise ConfigError(
                "SLACK_SIGNING_SECRET is not set: HTTP mode needs the Signing Secret from your "
                "app's Basic Information page."
            )
        if secret is not None and not re.fullmatch(r"[0-9a-fA-F]{16,128}", secret):
            raise ConfigError("SLACK_SIGNING_SECRET is malformed: expected the hex Signing Secret.")
        return cls(bot_token, app_token, secret, _api_url(env))

    def require_socket_mode(self) -> str:
        """The app-level token Socket Mode needs, or a clear error saying what to set."""
        if self.app_token is None:
            raise ConfigError(
                "SLACK_APP_TOKEN is not set: Socket Mode needs an app-level token (xapp-…) with "
                "connections:write, or run with --http --port N and SLACK_SIGNING_SECRET."
            )
        return self.app_token


def _get(env: Mapping[str, str], name: str, prefix: str, what: str) -> str | None:
    value = env.get(name, "").strip()
    if not value:
        return None
    if not value.startswith(prefix) or any(c.isspace() for c in value):
        raise ConfigError(f"{name} is malformed: expected {what} starting with '{prefix}'.")
    return value


def _api_url(env: Mapping[str, str]) -> str:
    url = env.get("SLACK_API_URL", "").strip()
    if not url:
        return DEFAULT_API_URL
    if not re.match(r"^https?://[^/\s]+", url):
        raise ConfigError(
            f"SLACK_API_URL={url!r} is malformed: expected a base URL like https://slack.com/api/"
        )
    return url if url.endswith("/") else url + "/"
