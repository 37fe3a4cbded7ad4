"""Index segments on disk beside the database, memory-mapped on load.

A folder holds one sub-folder per segment (numpy .npy arrays and the terms as JSON) and a
manifest naming the segments in order and the corpus version they cover. A segment is written
in full before the manifest that names it replaces the old one atomically, so a reader in
another process sees either the old index or the new, never half of one.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import time
import uuid
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from bot.index.bm25 import Segment

logger = logging.getLogger(__name__)
FORMAT = 1
ARRAYS = ("ids", "indptr", "rows", "tfs", "lengths")
STALE_AFTER_S = 60  # an unnamed segment this old is replaced, not another writer's work


@dataclass(frozen=True)
class Saved:
    version: tuple[int, ...]  # the corpus version the segments cover
    names: tuple[str, ...]  # segment folders, in order
    segments: tuple[Segment, ...]


def saved_version(folder: Path, owner: str) -> tuple[int, ...] | None:
    """The corpus version the saved segments cover, without loading them.

    `owner` names the database the index was built from: a database deleted and made anew
    beside an old index folder must not inherit it, even at the same version.
    """
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("owner") != owner:
            return None
        return tuple(manifest["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load(folder: Path, owner: str) -> Saved | None:
    """The saved segments, memory-mapped, or None when there are none or they are unreadable."""
    try:
        manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
        if manifest.get("format") != FORMAT or manifest.get("owner") != owner:
            return None
        names = tuple(manifest["segments"])
        segments = tuple(_load_segment(folder / name) for name in names)
        return Saved(tuple(manifest["version"]), names, segments)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        if not isinstance(exc, FileNotFoundError):
            logger.warning("ignoring the saved index in %s (%s); it will be rebuilt", folder, exc)
        return None


def save(
    folder: Path, owner: str, version: tuple[int, ...], kept: tuple[str, ...], new: Segment
) -> str:
    """Write `new` after the already saved segments `kept`; the new segment's folder name."""
    name = f"seg-{uuid.uuid4().hex[:12]}"
    target = folder / name
    target.mkdir(parents=True)
    for array in ARRAYS:
        np.save(target / f"{array}.npy", getattr(new, array))
    terms = json.dumps(list(new.vocab), ensure_ascii=False)
    (target / "terms.json").write_text(terms, encoding="utf-8")
    manifest = {
        "format": FORMAT,
        "owner": owner,
        "version": list(version),
        "segments": [*kept, name],
    }
    partial = folder / f"manifest.{name}.tmp"
    partial.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(partial, folder / "manifest.json")
    _remove_unnamed(folder, {*kept, name})
    return name


def _load_segment(folder: Path) -> Segment:
    # Plain ndarray views of the mapped files: numpy's memmap subclass slows every small slice.
    arrays = {a: np.asarray(np.load(folder / f"{a}.npy", mmap_mode="r")) for a in ARRAYS}
    terms = json.loads((folder / "terms.json").read_text(encoding="utf-8"))
    vocab = {term: i for i, term in enumerate(terms)}
    if len(arrays["indptr"]) != len(vocab) + 1:
        raise ValueError(f"segment {folder.name} is inconsistent")
    return Segment(vocab=vocab, **arrays)


def _remove_unnamed(folder: Path, named: set[str]) -> None:
    # Segments no manifest names any more; a reader that mapped one keeps its open files.
    for path in folder.iterdir():
        if path.name in named or not path.name.startswith("seg-"):
            continue
        if time.time() - path.stat().st_mtime > STALE_AFTER_S:
            shutil.rmtree(path, ignore_errors=True)
