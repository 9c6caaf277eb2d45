"""What is worth making once per object: an index or a prepared shape kept as long as its object lives."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

T = TypeVar("T")


def kept_for(cache: dict[int, tuple[Any, T]], owner: object, make: Callable[[], T], limit: int) -> T:
    """What ``make()`` gives for this owner, made once while the owner lives; the entry holds the owner,
    so its id cannot be reused by another object. The cache is emptied when it holds ``limit`` entries."""
    cached = cache.get(id(owner))
    if cached is not None and cached[0] is owner:
        return cached[1]
    if len(cache) >= limit:
        cache.clear()
    value = make()
    cache[id(owner)] = (owner, value)
    return value
