"""manifest.yml and the registered handlers stay in step."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import yaml

from handlers.app import EVENTS
from handlers.commands import COMMAND, command_paths

MANIFEST = Path(__file__).resolve().parents[2] / "manifest.yml"


def _manifest() -> dict[str, Any]:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


def _usage_paths(hint: str) -> set[str]:
    # "QUERY · share QUERY · digest subscribe [HH:MM] …": the lowercase words before the
    # first placeholder of each alternative name a subcommand; a bare QUERY is the brief.
    paths = set()
    for alternative in hint.split(" · "):
        words = []
        for word in alternative.split():
            if not re.fullmatch(r"[a-z]+", word):
                break
            words.append(word)
        if words:
            paths.add(" ".join(words))
    return paths


def test_every_manifest_slash_command_has_a_handler_and_back() -> None:
    commands = _manifest()["features"]["slash_commands"]
    assert [c["command"] for c in commands] == [COMMAND]
    assert _usage_paths(commands[0]["usage_hint"]) == command_paths()


def test_every_subscribed_event_has_a_listener_and_back() -> None:
    events = _manifest()["settings"]["event_subscriptions"]["bot_events"]
    assert {e.split(".")[0] for e in events} == set(EVENTS)


def test_manifest_asks_only_for_the_scopes_the_features_use() -> None:
    manifest = _manifest()
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {
        "commands", "chat:write", "app_mentions:read", "channels:history", "groups:history",
    }  # fmt: skip
    assert manifest["settings"]["socket_mode_enabled"] is True
    assert manifest["settings"]["interactivity"]["is_enabled"] is True
    command = manifest["features"]["slash_commands"][0]
    assert command["description"] and len(command["usage_hint"]) <= 1000
