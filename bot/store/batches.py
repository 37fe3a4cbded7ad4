"""Many values in a few queries: chunked IN lists."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

T = TypeVar("T")


def chunks(values: Sequence[T], size: int = 500) -> Iterator[Sequence[T]]:
    """`values` in slices of `size`: one query per few hundred, under every driver's limit on
    bound parameters."""
    for start in range(0, len(values), size):
        yield values[start : start + size]
