"""Reading an input file at a bounded cost: only regular files, only so many bytes, JSON
only so deep and with numbers only so long.

A FIFO would block the run until some other program writes to it, and a device such as
/dev/zero never ends: both are refused by their type, from `stat`, without being opened.
"""

from __future__ import annotations

import json
import os
import re
import stat
from pathlib import Path
from typing import Any

# An article file is text: the longest newspaper feature is a few hundred KB, and a JSON or
# JSON Lines export of a whole archive is read in one piece, so it gets more room.
MAX_TEXT_BYTES = 8 * 1024 * 1024
MAX_RECORDS_BYTES = 64 * 1024 * 1024
KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISDIR, "a folder"),
)
CONTROL = re.compile(r"[\x00-\x1f\x7f]")
# No field of an article is a number; a long one only costs time (Python refuses to convert
# an integer of over 4,300 digits, and the conversion is quadratic below that).
MAX_NUMBER_CHARS = 100


class Unreadable(ValueError):
    """The file cannot be read as an article file; the message says why, for the editor."""


def shown(path: Path | str) -> str:
    """The path as one line of text that can be printed and stored: bytes that are not UTF-8
    in a file name (a Latin-1 archive) and control characters (a newline) are written as
    escapes such as `\\xe9`."""
    text = os.fsencode(path).decode("utf-8", "backslashreplace")
    return CONTROL.sub(lambda m: f"\\x{ord(m[0]):02x}", text)


def not_a_file(mode: int) -> str | None:
    """Why a path with this mode is not read ("is a named pipe (FIFO), ..."); None for a
    regular file."""
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in KINDS if test(mode)), "something else")
    return f"is {kind}, not a file; only regular files are read"


def read_bounded(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, else Unreadable saying why."""
    try:
        status = path.stat()
        refusal = not_a_file(status.st_mode)
        if refusal is not None:
            raise Unreadable(refusal)
        if status.st_size > limit:
            raise _too_large(limit)
        # O_NONBLOCK: should a FIFO take the file's place after the check, opening it does not
        # wait for a writer, and the check on the open file below refuses it.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
        with os.fdopen(fd, "rb") as file:
            refusal = not_a_file(os.fstat(file.fileno()).st_mode)
            if refusal is not None:
                raise Unreadable(refusal)
            data = file.read(limit + 1)  # one byte more shows a file that grew past the limit
    except OSError as exc:
        raise Unreadable(f"cannot be read ({exc.strerror or exc})") from None
    if len(data) > limit:
        raise _too_large(limit)
    return data


def load_json(text: str) -> Any:
    """Parsed JSON, or ValueError saying why not (json.JSONDecodeError for bad syntax)."""
    try:
        return json.loads(text, parse_int=_number(int), parse_float=_number(float))
    except RecursionError:
        # The C parser counts its depth against the interpreter's recursion limit and stops
        # there (about a thousand levels), long before the machine's stack would.
        raise Unreadable(
            "is nested too deeply (lists or objects hundreds of levels inside one another)"
        ) from None


def _number(kind: type[int] | type[float]) -> Any:
    def parse(text: str) -> int | float:
        if len(text) > MAX_NUMBER_CHARS:
            raise Unreadable(
                f"holds a number {len(text):,} characters long (at most {MAX_NUMBER_CHARS})"
            )
        return kind(text)

    return parse


def _too_large(limit: int) -> Unreadable:
    return Unreadable(
        f"is larger than {limit // (1024 * 1024)} MB, more than an article file may be; "
        "split it into several files"
    )
