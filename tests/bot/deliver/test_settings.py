"""Slack settings fail fast with one line naming the variable."""

from __future__ import annotations

import pytest

from bot.deliver.settings import DEFAULT_API_URL, SlackSettings
from bot.errors import ConfigError

SECRET = "0123456789abcdef0123456789abcdef"


def test_bot_token_is_required_and_named() -> None:
    with pytest.raises(ConfigError, match="^SLACK_BOT_TOKEN is not set"):
        SlackSettings.from_env({})


@pytest.mark.parametrize(
    ("env", "name"),
    [
        ({"SLACK_BOT_TOKEN": "xapp-1"}, "SLACK_BOT_TOKEN is malformed"),
        (
            {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xoxb-2"},
            "SLACK_APP_TOKEN is malformed",
        ),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "not hex"}, "SLACK_SIGNING_SECRET"),
        ({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": "localhost:9"}, "SLACK_API_URL"),
    ],
)
def test_malformed_variables_are_named(env: dict[str, str], name: str) -> None:
    with pytest.raises(ConfigError, match=name) as caught:
        SlackSettings.from_env(env)
    assert "\n" not in str(caught.value)


def test_http_mode_needs_the_signing_secret() -> None:
    with pytest.raises(ConfigError, match="^SLACK_SIGNING_SECRET is not set"):
        SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}, http=True)
    settings = SlackSettings.from_env(
        {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": SECRET}, http=True
    )
    assert settings.signing_secret == SECRET


def test_socket_mode_needs_the_app_token() -> None:
    settings = SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"})
    with pytest.raises(ConfigError, match="^SLACK_APP_TOKEN is not set"):
        settings.require_socket_mode()
    with_app = SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"})
    assert with_app.require_socket_mode() == "xapp-1"


def test_api_url_defaults_to_slack_and_gets_its_trailing_slash() -> None:
    assert SlackSettings.from_env({"SLACK_BOT_TOKEN": "xoxb-1"}).api_url == DEFAULT_API_URL
    local = {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_API_URL": "http://127.0.0.1:8080/api"}
    assert SlackSettings.from_env(local).api_url == "http://127.0.0.1:8080/api/"


def test_tokens_and_secrets_never_appear_in_the_settings_repr():
    from bot.deliver.settings import SlackSettings

    settings = SlackSettings("xoxb-123-secret", app_token="xapp-1-secret", signing_secret="ab" * 16)
    shown = repr(settings)
    assert "secret" not in shown and "ab" * 16 not in shown and "api_url" in shown
