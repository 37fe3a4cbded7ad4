"""The served bot fixture shared by the Slack app and HTTP server tests."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from spacy.language import Language

from bot.services import Services, build_services
from bot.settings import Settings
from tests.handlers.served import Bot


@pytest.fixture
def bot(corpus: Services, slack: Any) -> Iterator[Bot]:
    served = Bot(corpus, slack)
    yield served
    served.close()


@pytest.fixture
def twin(corpus: Services, slack: Any, nlp: Language) -> Iterator[Bot]:
    """A second bot process: its own app, server and engine, on the same database as `bot`."""
    services = build_services(Settings(corpus.settings.database_url), nlp=nlp)
    served = Bot(services, slack)
    yield served
    served.close()
    services.close()
