"""Per-site files rendered in worker processes: the checklists and the dashboards alike.

A network of 1,000 sites spends most of a build rendering each site's files, and
Sphinx's ``-j N`` says how many cores the editor gave it. Sites are cut into
small batches (at least four per worker, so a slow batch does not leave a core
idle) and each batch comes back, in order, as soon as it is rendered: the caller
writes it and stamps it, and a batch is only sent once the writer has caught up,
so memory holds a few batches, not the whole network, whatever its size. Fewer than
four sites are rendered in process: a pool would cost more than it saves.

Workers are started fresh (``spawn``), not forked from the build: a forked worker
starts as a copy of the whole build (every site's results, the environment) and,
as Python touches those objects, turns the shared pages into its own, so each
worker grew to the build's size. A fresh worker holds the imported code and its
batch only.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Final, TypeVar

#: Sites per batch at most: a batch's files (a few hundred KB a site) travel and wait in
#: memory together, and no more than two batches per worker are ever ahead of the writer.
MAX_BATCH: Final = 16

Item = TypeVar("Item")
Result = TypeVar("Result")


def worker_count(requested: int) -> int:
    """Sphinx's ``-j`` value, bounded by the machine's cores."""
    return max(1, min(requested, os.cpu_count() or 1))


def rendered_in_batches(
    render: Callable[[Sequence[Item]], list[Result]], items: Sequence[Item], workers: int
) -> Iterator[Result]:
    """``render`` over ``items``, batch by batch, in order; ``render`` must pickle
    (a module-level function, or a ``functools.partial`` of one)."""
    if workers <= 1 or len(items) < 4:
        yield from render(items)
        return
    size = min(MAX_BATCH, max(1, len(items) // (workers * 4)))
    batches = [items[start : start + size] for start in range(0, len(items), size)]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        ahead: deque[Future[list[Result]]] = deque()
        for batch in batches:
            ahead.append(pool.submit(render, batch))
            if len(ahead) > workers * 2:
                yield from ahead.popleft().result()
        while ahead:
            yield from ahead.popleft().result()
