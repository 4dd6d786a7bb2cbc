"""Spread work over chunks of a sequence on every core, with forked worker processes.

Workers are forked, so they inherit the inputs and receive only the bounds of their chunk; each
returns its result (bytes and small values) pickled. The results come back in input order, so the
output does not depend on how the work was split. Where forking is unsafe or pointless (one core,
one chunk, a daemon process, other Python threads running) the chunks run in this process.
Nothing given to workers may call Typst: its threads do not survive a fork.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
import threading
from collections.abc import Callable, Generator, Sequence
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Set in the parent just before forking; workers read it from their copy of this module.
_shared: tuple[Callable[[Sequence[Any]], Any], Sequence[Any]] | None = None


def cores() -> int:
    """CPUs this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def _can_fork() -> bool:
    return (
        "fork" in multiprocessing.get_all_start_methods()
        and not multiprocessing.current_process().daemon
        and threading.active_count() == 1
    )


def _run_chunk(bounds: tuple[int, int]) -> Any:
    assert _shared is not None, "worker started without shared work"
    work, items = _shared
    return work(items[bounds[0] : bounds[1]])


def chunk_bounds(count: int, chunk_size: int) -> list[tuple[int, int]]:
    return [(start, min(start + chunk_size, count)) for start in range(0, count, chunk_size)]


def map_chunks(work: Callable[[Sequence[T]], R], items: Sequence[T], chunk_size: int) -> list[R]:
    """``work`` applied to consecutive chunks of ``items``, results in order."""
    return list(each_chunk(work, items, chunk_size))


def each_chunk(work: Callable[[Sequence[T]], R], items: Sequence[T], chunk_size: int) -> Generator[R, None, None]:
    """``work`` applied to consecutive chunks of ``items``, each result yielded, in order, as soon as
    it is there: the caller's own work on it overlaps the workers' on later chunks. While it is
    open, its pool's threads run, so a nested ``map_chunks`` runs in this process (``_can_fork``)."""
    global _shared
    bounds = chunk_bounds(len(items), max(1, chunk_size))
    workers = min(cores(), len(bounds))
    if workers < 2 or not _can_fork():
        yield from (work(items[start:stop]) for start, stop in bounds)
        return
    _shared = (work, items)
    frozen_before = gc.get_freeze_count() > 0  # e.g. the corpus, frozen by generator.load
    gc.freeze()  # workers' garbage collection then leaves the inherited objects' pages unwritten
    try:
        with multiprocessing.get_context("fork").Pool(workers) as pool:
            yield from pool.imap(_run_chunk, bounds)
    finally:
        if not frozen_before:
            gc.unfreeze()
        _shared = None
