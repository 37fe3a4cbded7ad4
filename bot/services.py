"""Long-lived collaborators, built once per process and passed in: engine, spaCy, index."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from functools import cached_property

from spacy.language import Language
from sqlalchemy import Engine
from sqlalchemy.orm import sessionmaker

from bot.index import BM25Index, build_index
from bot.nlp.model import load_nlp
from bot.settings import Settings
from bot.store import open_engine, session_factory
from bot.store.articles import corpus_version, iter_passages


@dataclass
class LiveIndex:
    """The BM25 index of the store, rebuilt when another ingest has changed the corpus."""

    _index: BM25Index | None = None
    _version: tuple[int, int] | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, sessions: sessionmaker) -> BM25Index:
        """The index for the corpus as it is now."""
        with sessions() as session:
            version = corpus_version(session)
            with self._lock:
                if self._index is None or version != self._version:
                    self._index = build_index(iter_passages(session))
                    self._version = version
                return self._index

    def rebuild(self, sessions: sessionmaker) -> BM25Index:
        """Index the whole corpus afresh from the store."""
        with sessions() as session, self._lock:
            self._version = corpus_version(session)
            self._index = build_index(iter_passages(session))
            return self._index


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker
    index: LiveIndex

    @cached_property
    def nlp(self) -> Language:
        """spaCy, loaded on first use and then kept: commands that need no NLP start fast."""
        return load_nlp(self.settings.spacy_models)

    def close(self) -> None:
        self.engine.dispose()


def build_services(settings: Settings, nlp: Language | None = None) -> Services:
    """Open the database (creating its schema) and prepare the index holder.

    Pass `nlp` to share one loaded spaCy pipeline between several services (tests, workers).
    """
    engine = open_engine(settings.database_url)
    services = Services(settings, engine, session_factory(engine), LiveIndex())
    if nlp is not None:
        services.__dict__["nlp"] = nlp  # fills the cached_property
    return services
