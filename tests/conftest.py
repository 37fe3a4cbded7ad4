"""Shared fixtures: the real spaCy model once per session, real SQLite files per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from spacy.language import Language

from bot import pipeline
from bot.ingest.bundled import bundled_seeds
from bot.nlp.model import load_nlp
from bot.services import Services, build_services
from bot.settings import DEFAULT_MODELS, Settings


@pytest.fixture(scope="session")
def nlp() -> Language:
    return load_nlp(DEFAULT_MODELS)


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    return bundled_seeds()


@pytest.fixture
def services(tmp_path: Path, nlp: Language) -> Iterator[Services]:
    """An empty database in a fresh SQLite file."""
    built = build_services(Settings(f"sqlite:///{tmp_path / 'brief.sqlite3'}"), nlp=nlp)
    yield built
    built.close()


@pytest.fixture(scope="session")
def seeded(
    tmp_path_factory: pytest.TempPathFactory, nlp: Language, seeds_dir: Path
) -> Iterator[Services]:
    """The bundled seeds ingested once for the whole session; tests must not write to it."""
    path = tmp_path_factory.mktemp("seeded") / "brief.sqlite3"
    built = build_services(Settings(f"sqlite:///{path}"), nlp=nlp)
    report = pipeline.ingest([seeds_dir], built, progress=False)
    assert len(report.added) == 5 and not report.rejected
    yield built
    built.close()


@pytest.fixture
def write(tmp_path: Path):
    """write(name, text) -> path: a small article file in the test's own folder."""

    def _write(name: str, text: str | bytes) -> Path:
        path = tmp_path / "in" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            path.write_bytes(text)
        else:
            path.write_text(text, encoding="utf-8")
        return path

    return _write
