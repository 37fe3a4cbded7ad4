"""Vector segments on disk, in a `vectors/` folder inside the index's, saved as the BM25
segments are (bot.index.persist): content-named folders of checked .npy files, memory-mapped
on load, and a manifest replaced atomically naming them in order and the model that made them.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from bot.index import persist
from bot.index.vectors import VectorSegment

logger = logging.getLogger(__name__)
FORMAT = 1
MODEL = "sentence-transformers/all-MiniLM-L6-v2@1110a243"  # vectors of another model mix not
DTYPES = {"ids": "<i8", "articles": "<i8", "vectors": "<f2", "codes": "<u8"}


def saved_names(folder: Path, owner: str) -> tuple[str, ...] | None:
    """The saved segments' names, without loading them; None when none are saved for this
    corpus and model."""
    try:
        manifest = _manifest(folder, owner)
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return None if manifest is None else tuple(manifest["segments"])


def load(
    folder: Path, owner: str, known: Mapping[str, VectorSegment]
) -> tuple[tuple[str, ...], tuple[VectorSegment, ...]] | None:
    """The saved segments (those in `known` taken as they are), checked; None when there are
    none for this corpus, or they fail a check (logged: they are embedded again)."""
    if not (folder / "manifest.json").exists():
        return None
    try:
        manifest = _manifest(folder, owner)
        if manifest is None:
            return None
        names = tuple(manifest["segments"])
        return names, tuple(known.get(n) or load_segment(folder / n) for n in names)
    except Exception as exc:  # noqa: BLE001 - as persist.load: any failure is damage
        logger.warning("ignoring the saved vectors in %s (%s)", folder, persist.describe(exc))
        return None


def save(folder: Path, owner: str, names: tuple[str, ...], segments: tuple[VectorSegment, ...]
         ) -> tuple[str, ...]:  # fmt: skip
    """Save the segments not yet named (names shorter than segments) and a manifest naming
    all of them; the names."""
    written = [*names]
    for segment in segments[len(names) :]:
        arrays = {a: segment.__getattribute__(a).astype(d, copy=False) for a, d in DTYPES.items()}
        record = {"format": FORMAT, "model": MODEL, "rows": segment.size}
        written.append(persist.write_named(folder, "vec-", arrays, {}, record, load_segment))
    manifest = {"format": FORMAT, "owner": owner, "model": MODEL, "segments": written}
    persist.write_manifest(folder, manifest)
    persist.remove_unnamed(folder, set(written))
    return tuple(written)


def load_segment(folder: Path) -> VectorSegment:
    """A saved segment, memory-mapped, after checking it against its segment.json."""
    arrays, record = persist.read_arrays(folder, DTYPES)
    segment = VectorSegment(**arrays)
    rows = record.get("rows")
    if record.get("model") != MODEL or any(
        len(a) != rows for a in (segment.ids, segment.articles, segment.vectors, segment.codes[0])
    ):
        raise persist.Damaged(f"vector segment {folder.name} does not hold what it records")
    return segment


def _manifest(folder: Path, owner: str) -> dict[str, Any] | None:
    return persist.read_manifest(folder, format=FORMAT, owner=owner, model=MODEL)
