"""Long-lived collaborators, built once per process and passed in: engine, spaCy, index."""

from __future__ import annotations

import hashlib
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_cache_dir
from spacy.language import Language
from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.orm import Session, sessionmaker

from bot.index import BM25Index, persist
from bot.index.bm25 import Segment, build_segment
from bot.index.compare import differences
from bot.live_vectors import LiveVectors
from bot.nlp.minilm import BULK_FROM, Encoder, load_bulk_encoder, load_numpy_minilm
from bot.nlp.model import load_nlp
from bot.records import IndexAudit
from bot.settings import Settings
from bot.store import open_engine, session_factory, snapshot
from bot.store.articles import corpus_identity, corpus_stamp, corpus_version, sentence_ids_grow
from bot.store.passages import iter_passage_terms

logger = logging.getLogger(__name__)
Version = tuple[int, int, int]  # the store's (sentences, highest sentence id, removals)
QUERY_EXCLUDES = ("ner",)
MAX_SEGMENTS = 8  # past this many additions, one rebuild keeps queries to a few segments
# An addition larger than a quarter of the corpus (and than 50k passages) is rebuilt whole.
ADDITION_SHARE, ADDITION_FLOOR = 0.25, 50_000


@dataclass
class LiveIndex:
    """The BM25 index of the store, kept up to date while the process runs.

    Loaded from the segments saved in its folder (see index_folder) when they match the
    store; a small addition (by this process or another) becomes one more segment; anything
    else (an article replaced or removed, many additions) rebuilds the whole index and saves it.
    """

    folder: Path | None = None  # where segments are saved (index_folder); None: memory only
    _index: BM25Index | None = None
    _version: Version | None = None
    _names: tuple[str, ...] = ()
    _stamp: tuple[int, int, int] | None = None
    _owner: str = ""  # corpus_identity of the store, written into the saved manifest
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def current(self, sessions: sessionmaker) -> BM25Index:
        """The index for the corpus as it is now."""
        with sessions() as session:
            stamp = corpus_stamp(session)
        with self._lock:
            if self._index is None or stamp != self._stamp:
                # The version and the passages are read in one snapshot, taken after the
                # stamp: it holds at least what the stamp saw, and each passage once.
                with snapshot(sessions) as session:
                    self._catch_up(session, corpus_version(session))
                self._stamp = stamp
            assert self._index is not None
            return self._index

    @property
    def loaded(self) -> bool:
        """Whether an index is in memory (so the next `current` only checks for changes)."""
        return self._index is not None

    def rebuild(self, sessions: sessionmaker) -> BM25Index:
        """Index the whole corpus afresh from the store, and save it."""
        with snapshot(sessions) as session, self._lock:
            self._owner = corpus_identity(session)
            self._rebuild(session, corpus_version(session))
            assert self._index is not None
            return self._index

    def audit(self, sessions: sessionmaker) -> IndexAudit:
        """How the saved index agrees with the store now; changes nothing."""
        if self.folder is None:
            return IndexAudit(None, [], ["the index is kept in memory only (in-memory database)"])
        with snapshot(sessions) as session:
            version = corpus_version(session)
            try:
                saved = persist.read(self.folder, corpus_identity(session))
            except Exception as exc:  # noqa: BLE001 - as persist.load: any failure is damage
                return IndexAudit(
                    None, [f"the saved index fails its checks: {persist.describe(exc)}"]
                )
            if saved is None and (self.folder / "manifest.json").exists():
                other = "the saved index was built for another database or by an older release"
                return IndexAudit(None, [other])
            if saved is None:
                missing = "no index is saved for this database: each process builds its own"
                return IndexAudit(None, [missing] if version[0] else [])
            indexed, held = sum(s.size for s in saved.segments), _versions(saved.version, version)
            if saved.version != version and not _later(version, saved.version):
                ahead = f"the saved index is not an earlier state of the store: {held}"
                return IndexAudit(indexed, [ahead + " (a database restored from a backup?)"])
            if saved.version != version:
                behind = f"the saved index is behind: {held}; the next question catches up"
                return IndexAudit(indexed, [], [behind])
            fresh = build_segment(iter_passage_terms(session))
            return IndexAudit(indexed, differences(saved.segments, fresh))

    def _catch_up(self, session: Session, version: Version) -> None:
        if self._index is not None and version == self._version:
            return
        self._owner = corpus_identity(session)
        grows = sentence_ids_grow(session)
        segments = self._index.segments if self._index is not None else ()
        seen, names = self._version, self._names
        # Another process (an ingest) may have saved the work already: map it, do not redo it.
        saved = self._saved_since(seen, version, grows)
        if saved is not None:
            if saved.version == version:  # say, saved by the `remove` that made the change
                return self._use(saved.segments, saved.version, saved.names)
            segments, names, seen = saved.segments, saved.names, _as_version(saved.version)
        if seen is not None and segments and grows and len(segments) < MAX_SEGMENTS:
            added = list(iter_passage_terms(session, after=seen[1]))
            # Ids grow in commit order, so "seen + added = now" means nothing else changed.
            pure = seen[0] + len(added) == version[0] and seen[2] == version[2]
            if pure and len(added) <= max(ADDITION_SHARE * seen[0], ADDITION_FLOOR):
                return self._add(segments, names, build_segment(added), version, session)
        return self._rebuild(session, version)

    def _saved_since(
        self, seen: Version | None, version: Version, grows: bool
    ) -> persist.Saved | None:
        """The saved index, if it is the corpus now, or an earlier state of it newer than the
        one in memory (to add to).

        Never one later than this snapshot: another process may have saved it a moment after
        the snapshot began, but so would a database restored from an older backup leave one.
        """
        if self.folder is None:
            return None
        on_disk = persist.saved_version(self.folder, self._owner)
        if on_disk is None or len(on_disk) != len(version) or on_disk == seen:
            return None
        newer = seen is None or _later(on_disk, seen)
        if on_disk == version or (grows and newer and not _later(on_disk, version)):
            # The segments mapped already were checked then: only new ones are read.
            mapped = self._index.segments if self._index is not None else ()
            known = dict(zip(self._names, mapped, strict=False))
            return persist.load(self.folder, self._owner, known)
        return None

    def _add(
        self, segments: tuple[Segment, ...], names: tuple[str, ...], new: Segment,
        version: Version, session: Session,
    ) -> None:  # fmt: skip
        try:
            persist.check_run((*segments, new), version)
        except persist.Damaged as exc:  # never expected: a rebuild makes it right
            logger.warning("the index's addition does not follow it (%s); rebuilding it", exc)
            return self._rebuild(session, version)
        if len(names) == len(segments):  # every segment so far is saved: save this one too
            names = self._save(version, names, new)
        self._use((*segments, new), version, names)

    def _rebuild(self, session: Session, version: Version) -> None:
        segment = build_segment(iter_passage_terms(session))
        # What was read is what the index covers: its count and highest id, counted here.
        last = int(segment.ids[-1]) if segment.size else 0
        version = (segment.size, last, version[2])
        names = self._save(version, (), segment) if segment.size else ()
        self._use((segment,), version, names)

    def _save(self, version: Version, kept: tuple[str, ...], new: Segment) -> tuple[str, ...]:
        folder = self.folder
        if folder is None or not all((folder / name).is_dir() for name in kept):
            # A kept segment was cleared since (another process's rebuild replaced it): a
            # manifest naming it would fail every reader. Serve from memory; the saved index
            # stays the other process's.
            return ()
        try:
            return (*kept, persist.save(folder, self._owner, version, kept, new))
        except OSError as exc:  # a read-only folder still serves, from memory
            logger.warning("could not save the index in %s (%s)", folder, exc)
            return ()

    def _use(
        self, segments: tuple[Segment, ...], version: tuple[int, ...], names: tuple[str, ...]
    ) -> None:
        self._index, self._version, self._names = BM25Index(segments), _as_version(version), names


def _as_version(version: tuple[int, ...]) -> Version:
    return version[0], version[1], version[2]


def _versions(saved: tuple[int, ...], now: Version) -> str:
    return (
        f"it holds {saved[0]:,} passages up to id {saved[1]} after {saved[2]} removals, the "
        f"store {now[0]:,} up to id {now[1]} after {now[2]}"
    )


def _later(saved: tuple[int, ...], seen: tuple[int, ...]) -> bool:
    """Whether `saved` is a later state of the corpus than `seen`.

    Every change raises the highest sentence id (an addition, a replacement) or the removal
    count, and none lowers the count of removals; so a version not below another in either
    is later, or the same.
    """
    return tuple(saved) != tuple(seen) and saved[1] >= seen[1] and saved[2] >= seen[2]


def index_folder(settings: Settings) -> Path | None:
    """Where the index is saved so a restart maps it instead of rebuilding it.

    Beside a SQLite file; for a server database (PostgreSQL), in the user's cache directory
    (or CHINA_BRIEF_INDEX_DIR), in a folder named for the database: each machine running the
    bot keeps its own copy, and the saved manifest names the corpus it belongs to. None for
    an in-memory database.
    """
    url = make_url(settings.database_url)
    name = url.render_as_string(hide_password=True)
    if url.get_backend_name() == "sqlite":
        if url.database in (None, "", ":memory:"):
            return None
        database = Path(url.database).expanduser().resolve()
        if settings.index_dir is None:
            return database.with_name(database.name + ".index")
        name = str(database)  # one file, however its URL was written
    base = settings.index_dir or Path(user_cache_dir("china-brief", appauthor=False))
    return base / f"index-{hashlib.sha256(name.encode()).hexdigest()[:16]}"


@dataclass
class Services:
    settings: Settings
    engine: Engine
    sessions: sessionmaker
    index: LiveIndex
    vectors: LiveVectors = field(default_factory=LiveVectors)
    _nlp: Language | None = field(default=None, repr=False)
    _query_nlp: Language | None = field(default=None, repr=False)
    _encoder: Encoder | None = field(default=None, repr=False)
    _bulk_encoder: Encoder | None = field(default=None, repr=False)
    # A lock for spaCy's pipelines and one for the sentence models: a request racing the
    # serving process's warm-up waits for the model being loaded instead of loading a second
    # copy beside it, and a sentence model loads beside spaCy (prefetch_encoder).
    _loading: threading.Lock = field(default_factory=threading.Lock, repr=False)
    _loading_encoder: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def nlp(self) -> Language:
        """spaCy, loaded on first use and then kept: commands that need no NLP start fast."""
        with self._loading:
            if self._nlp is None:
                self._nlp = load_nlp(self.settings.spacy_models)
            return self._nlp

    @property
    def query_nlp(self) -> Language:
        """spaCy for query terms only: the full pipeline if loaded, else one without NER.

        Query terms use tags, lemmas and sentence starts, never entities; leaving NER out
        takes a fifth off the model's load, which `ask` pays on every start.
        """
        with self._loading:
            if self._query_nlp is None:
                self._query_nlp = self._nlp or load_nlp(
                    self.settings.spacy_models, exclude=QUERY_EXCLUDES
                )
            return self._query_nlp

    @property
    def hybrid(self) -> bool:
        """Whether searches use sentence vectors beside BM25 (CHINA_BRIEF_SEARCH)."""
        return self.settings.search == "hybrid"

    @property
    def encoder(self) -> Encoder:
        """The sentence model for questions: numpy, loaded in a tenth of a second on first use."""
        with self._loading_encoder:
            if self._encoder is None:
                self._encoder = load_numpy_minilm()
            return self._encoder

    def prefetch_encoder(self) -> None:
        """Start loading the question's sentence model in a thread, if a search will need it
        and it is not loaded: a cold `ask` loads it while spaCy loads, not after."""
        if self.hybrid and self._encoder is None:
            threading.Thread(target=lambda: self.encoder, name="encoder-load", daemon=True).start()

    def bulk_encoder(self, sentences: int) -> Encoder:
        """The sentence model for this many sentences: sentence-transformers, 4 s to load and
        3-4x faster to run, once there are enough to repay it; else the question's."""
        if sentences < BULK_FROM:
            return self.encoder
        with self._loading_encoder:
            if self._bulk_encoder is None:
                self._bulk_encoder = load_bulk_encoder()
            return self._bulk_encoder

    @property
    def ready(self) -> bool:
        """Whether a question can be answered without loading anything first."""
        loaded = self._query_nlp is not None or self._nlp is not None
        model = not self.hybrid or self._encoder is not None
        return loaded and model and self.index.loaded

    def warm_up(self) -> None:
        """Load what answering needs (spaCy for queries, the index, the sentence model and
        vectors) before the first question."""
        _ = self.query_nlp
        index = self.index.current(self.sessions)
        if self.hybrid:
            _ = self.encoder
            self.vectors.current(index, self.sessions)

    def close(self) -> None:
        self.engine.dispose()


def build_services(
    settings: Settings, nlp: Language | None = None, encoder: Encoder | None = None
) -> Services:
    """Open the database (creating its schema) and prepare the index holders.

    Pass `nlp` to share one loaded spaCy pipeline between several services (tests, workers),
    and `encoder` likewise one sentence model (used then for ingest and questions alike).
    """
    engine = open_engine(settings.database_url)
    folder = index_folder(settings)
    vectors = LiveVectors(folder / "vectors" if folder is not None else None)
    return Services(
        settings, engine, session_factory(engine), LiveIndex(folder), vectors,
        _nlp=nlp, _encoder=encoder, _bulk_encoder=encoder,
    )  # fmt: skip
