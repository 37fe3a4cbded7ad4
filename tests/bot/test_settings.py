"""Settings from the environment, and where each database's index is saved."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.errors import ConfigError
from bot.services import index_folder
from bot.settings import DEFAULT_MODELS, Settings


def test_an_empty_environment_gives_the_embedded_sqlite_default_and_the_bundled_model():
    settings = Settings.from_env({})
    assert settings.database_url.startswith("sqlite:///") and settings.index_dir is None
    assert settings.spacy_models == DEFAULT_MODELS


def test_every_variable_is_read_and_a_path_is_not_taken_for_a_url(tmp_path):
    env = {
        "CHINA_BRIEF_DB": "postgresql+psycopg://desk@db/newsroom",
        "CHINA_BRIEF_SPACY_MODEL": "en_core_web_md",
        "CHINA_BRIEF_INDEX_DIR": str(tmp_path),
    }
    settings = Settings.from_env(env)
    assert settings.spacy_models == ("en_core_web_md",) and settings.index_dir == tmp_path
    with pytest.raises(ConfigError, match="not an SQLAlchemy URL"):
        Settings.from_env({"CHINA_BRIEF_DB": "/srv/brief.sqlite3"})


def test_the_index_lives_beside_a_sqlite_file_and_per_database_elsewhere(tmp_path):
    beside = index_folder(Settings(f"sqlite:///{tmp_path / 'desk.sqlite3'}"))
    assert beside == tmp_path / "desk.sqlite3.index"
    assert index_folder(Settings("sqlite://")) is None  # in memory: nothing to save beside
    news = index_folder(Settings("postgresql+psycopg://desk:s3cret@db/news", index_dir=tmp_path))
    sport = index_folder(Settings("postgresql+psycopg://desk:s3cret@db/sport", index_dir=tmp_path))
    assert news != sport and news is not None and news.parent == tmp_path
    assert "s3cret" not in str(news)
    default = index_folder(Settings("postgresql+psycopg://desk@db/news"))
    assert default is not None and "china-brief" in Path(default).parts


def test_one_sqlite_file_written_two_ways_keeps_one_index_folder(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    relative = index_folder(Settings("sqlite:///desk.sqlite3", index_dir=tmp_path / "cache"))
    absolute = index_folder(
        Settings(f"sqlite:///{tmp_path}/desk.sqlite3", index_dir=tmp_path / "cache")
    )
    assert relative == absolute


def test_feeds_are_polled_every_15_minutes_unless_the_variable_says_otherwise():
    assert Settings.from_env({}).feed_minutes == 15
    assert Settings.from_env({"CHINA_BRIEF_FEED_MINUTES": "5"}).feed_minutes == 5
    assert Settings.from_env({"CHINA_BRIEF_FEED_MINUTES": "0"}).feed_minutes == 0  # serve: none
    for bad in ("soon", "-1", "2000"):
        with pytest.raises(ConfigError, match="CHINA_BRIEF_FEED_MINUTES is"):
            Settings.from_env({"CHINA_BRIEF_FEED_MINUTES": bad})


def test_search_is_hybrid_unless_lexical_only_is_asked_for():
    assert Settings.from_env({}).search == "hybrid"
    assert Settings.from_env({"CHINA_BRIEF_SEARCH": "BM25"}).search == "bm25"
    with pytest.raises(ConfigError, match="CHINA_BRIEF_SEARCH is 'dense'"):
        Settings.from_env({"CHINA_BRIEF_SEARCH": "dense"})
