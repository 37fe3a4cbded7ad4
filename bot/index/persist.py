"""Index segments on disk beside the database, memory-mapped on load and checked before use.

A folder holds one sub-folder per segment (numpy .npy arrays, the terms as JSON, and
segment.json with its counts and checksums) and a manifest naming the segments in order and
the corpus version they cover. A segment is written in a temporary folder, then renamed to a
name drawn from its content: a folder under that name is whole, and two processes saving the
same segment make one folder. The manifest naming it then replaces the old one atomically, so
a reader in another process sees the old index or the new, never half of one.

A reader checks every array's shape and CRC-32 against segment.json, and that the segments'
passage ids rise strictly from one segment to the next up to the manifest's count and highest
id: a passage indexed twice, a truncated or altered file, all fail here, are logged in one
line, and the index is rebuilt from the store.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shutil
import time
import uuid
import zlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from bot.index.bm25 import Segment

logger = logging.getLogger(__name__)
FORMAT = 2  # 2: segment.json with counts and checksums, content-named segments
DTYPES = {"ids": "<i8", "indptr": "<i8", "rows": "<i4", "tfs": "<i4", "lengths": "<i4"}
STALE_AFTER_S = 60  # an unnamed segment this old is replaced, not another writer's work


class Damaged(ValueError):
    """A saved index that does not match what was written: rebuild it."""


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
        manifest = _manifest(folder, owner)
        return None if manifest is None else tuple(manifest["version"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def load(folder: Path, owner: str, known: Mapping[str, Segment] | None = None) -> Saved | None:
    """The saved segments, memory-mapped and checked; None when there are none or they fail
    a check (logged in one line). Segments in `known` (by name), checked when this process
    loaded them, are taken as they are: a name is drawn from the content."""
    try:
        return read(folder, owner, known)
    except Exception as exc:  # noqa: BLE001 - a damaged file fails in whatever way numpy's reader does
        # The index is a copy of the store: a damaged one is rebuilt, never a reason to stop.
        logger.warning("ignoring the saved index in %s (%s); rebuilding it", folder, describe(exc))
        return None


def read(folder: Path, owner: str, known: Mapping[str, Segment] | None = None) -> Saved | None:
    """The saved segments, memory-mapped and checked: None when none are saved for this
    corpus; an exception (Damaged, or whatever reading the files raised) when they fail."""
    if not (folder / "manifest.json").exists():
        return None
    manifest = _manifest(folder, owner)
    if manifest is None:  # saved for another corpus, or by an older release
        return None
    version, names = tuple(manifest["version"]), tuple(manifest["segments"])
    known = known or {}
    segments = tuple(known.get(name) or load_segment(folder / name) for name in names)
    check_run(segments, version)
    return Saved(version, names, segments)


def save(
    folder: Path, owner: str, version: tuple[int, ...], kept: tuple[str, ...], new: Segment
) -> str:
    """Write `new` after the already saved segments `kept`; the new segment's folder name."""
    name = write_segment(folder, new)
    manifest = {"format": FORMAT, "owner": owner, "version": list(version),
                "segments": [*kept, name]}  # fmt: skip
    write_manifest(folder, manifest)
    remove_unnamed(folder, {*kept, name})
    return name


def write_manifest(folder: Path, manifest: dict[str, Any]) -> None:
    """Replace the folder's manifest.json atomically: a reader sees the old or the new."""
    partial = folder / f"manifest.{uuid.uuid4().hex[:12]}.tmp"
    partial.write_text(json.dumps(manifest), encoding="utf-8")
    os.replace(partial, folder / "manifest.json")


def write_segment(folder: Path, segment: Segment) -> str:
    """Save a segment under a name drawn from its content (idempotent); that name."""
    arrays = {a: np.asarray(getattr(segment, a), dtype) for a, dtype in DTYPES.items()}
    terms = json.dumps(list(segment.vocab), ensure_ascii=False).encode()
    record = {"format": FORMAT, "counts": _counts(segment), "terms_crc32": zlib.crc32(terms)}
    return write_named(folder, "seg-", arrays, {"terms.json": terms}, record, load_segment)


def write_named(
    folder: Path, prefix: str, arrays: Mapping[str, np.ndarray], files: Mapping[str, bytes],
    record: dict[str, Any], reader: Callable[[Path], object],
) -> str:  # fmt: skip
    """Write arrays (.npy, with their shapes and CRC-32 added to `record`, saved as
    segment.json) and files in a temporary folder, then rename it to `prefix` and a name
    drawn from the record: a folder under that name is whole, and two processes saving the
    same content make one folder. `reader` reads one back (to tell whether a folder found
    under the name already is whole)."""
    folder.mkdir(parents=True, exist_ok=True)
    partial = folder / f"tmp-{uuid.uuid4().hex[:12]}"
    partial.mkdir()
    for array, data in arrays.items():
        np.save(partial / f"{array}.npy", data)
    for file, content in files.items():
        (partial / file).write_bytes(content)
    # CRC-32 of every array, not only counts: about 50 ms to load a million passages (README).
    shapes = {a: {"shape": list(d.shape), "crc32": crc(d)} for a, d in arrays.items()}
    text = json.dumps({**record, "arrays": shapes}, sort_keys=True)
    (partial / "segment.json").write_text(text, encoding="utf-8")
    name = prefix + hashlib.sha256(text.encode()).hexdigest()[:16]
    target = folder / name
    try:
        os.rename(partial, target)
    except OSError:  # the same segment is there already, saved by another process (or by us)
        if _whole(target, reader):
            shutil.rmtree(partial, ignore_errors=True)
            os.utime(target)  # freshly named again: not stale
            return name
        shutil.rmtree(target, ignore_errors=True)
        os.rename(partial, target)
    return name


def read_arrays(folder: Path, dtypes: Mapping[str, str]) -> tuple[dict[str, np.ndarray], Any]:
    """The arrays of a folder written by write_named, memory-mapped, each checked against
    segment.json (dtype, shape, CRC-32); and that record."""
    record = json.loads((folder / "segment.json").read_text(encoding="utf-8"))
    arrays = {}
    for array, dtype in dtypes.items():
        # Plain ndarray views of the mapped files: numpy's memmap subclass slows every slice.
        data = np.asarray(np.load(folder / f"{array}.npy", mmap_mode="r", allow_pickle=False))
        expected = record["arrays"][array]
        if data.dtype != np.dtype(dtype) or list(data.shape) != expected["shape"]:
            raise Damaged(f"{folder.name}/{array}.npy holds {data.dtype} {list(data.shape)}, "
                          f"written as {dtype} {expected['shape']}")  # fmt: skip
        if crc(data) != expected["crc32"]:
            raise Damaged(f"{folder.name}/{array}.npy fails its checksum")
        arrays[array] = data
    return arrays, record


def load_segment(folder: Path) -> Segment:
    """A saved segment, memory-mapped, after checking it against its segment.json."""
    arrays, record = read_arrays(folder, DTYPES)
    terms = (folder / "terms.json").read_bytes()
    if zlib.crc32(terms) != record["terms_crc32"]:
        raise Damaged(f"{folder.name}/terms.json fails its checksum")
    segment = Segment(vocab={t: i for i, t in enumerate(json.loads(terms))}, **arrays)
    if _counts(segment) != record["counts"]:
        raise Damaged(f"segment {folder.name} does not hold what segment.json counts")
    return segment


def check_run(segments: tuple[Segment, ...], version: tuple[int, ...]) -> None:
    """Raise Damaged unless passage ids rise strictly through the segments, as many as the
    version counts, ending at its highest id: each passage once."""
    last: int | None = None
    for segment in (s for s in segments if s.size):
        if last is not None and int(segment.ids[0]) <= last:
            raise Damaged(f"passage {int(segment.ids[0])} is indexed twice or out of order")
        last = int(segment.ids[-1])
    size = sum(s.size for s in segments)
    if (size, last or 0) != tuple(version[:2]):
        raise Damaged(f"{size:,} passages up to id {last} where the manifest says "
                      f"{version[0]:,} up to id {version[1]}")  # fmt: skip


def _counts(segment: Segment) -> dict[str, Any]:
    """What the arrays must agree on; a segment whose ids do not rise strictly is refused."""
    ids, indptr = segment.ids, segment.indptr
    if len(ids) > 1 and not (np.diff(ids) > 0).all():
        raise Damaged("a segment's passage ids do not rise strictly")
    if len(segment.lengths) != len(ids) or len(indptr) != len(segment.vocab) + 1:
        raise Damaged("a segment's arrays disagree on its size")
    if int(indptr[0]) != 0 or not int(indptr[-1]) == len(segment.rows) == len(segment.tfs):
        raise Damaged("a segment's postings disagree with their offsets")
    return {
        "passages": len(ids),
        "first": int(ids[0]) if len(ids) else None,
        "last": int(ids[-1]) if len(ids) else None,
        "terms": len(segment.vocab),
        "postings": len(segment.rows),
    }


def crc(array: np.ndarray) -> int:
    return zlib.crc32(np.ascontiguousarray(array).data.cast("B"))


def _whole(folder: Path, reader: Callable[[Path], object] = load_segment) -> bool:
    try:
        reader(folder)
        return True
    except Exception:  # noqa: BLE001 - any failure to read it means it is not whole
        return False


def _manifest(folder: Path, owner: str) -> dict[str, Any] | None:
    return read_manifest(folder, format=FORMAT, owner=owner)


def read_manifest(folder: Path, **expected: object) -> dict[str, Any] | None:
    """The folder's manifest.json; None when a field differs from `expected` (saved for
    another corpus, by an older release)."""
    manifest: dict[str, Any] = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    if any(manifest.get(key) != value for key, value in expected.items()):
        return None
    return manifest


def describe(exc: BaseException) -> str:
    """Why a saved index was refused, on one line."""
    reason = str(exc) if isinstance(exc, Damaged) else f"{exc.__class__.__name__}: {exc}"
    return " ".join(reason.split())


def remove_unnamed(folder: Path, named: set[str]) -> None:
    # Segments no manifest names any more, and leftovers of writers that died: a reader that
    # mapped one keeps its open files.
    for path in folder.iterdir():
        if path.name in named or not path.name.startswith(("seg-", "vec-", "tmp-", "manifest.")):
            continue
        if path.name == "manifest.json":
            continue
        try:
            if time.time() - path.stat().st_mtime <= STALE_AFTER_S:
                continue
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink()
        except FileNotFoundError:  # another process cleaned it first
            continue
