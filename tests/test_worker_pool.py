"""Per-site rendering in worker processes: order kept, workers that start fresh."""

from __future__ import annotations

import sys
import types
from collections.abc import Sequence

from marianne_kit.worker_pool import MAX_BATCH, rendered_in_batches

#: Put into ``sys.modules`` by the parent only: a forked worker would inherit it.
PARENT_ONLY = "_marianne_parent_only_state"


def _render(items: Sequence[int]) -> list[tuple[int, bool]]:
    """Each item with whether the process rendering it sees the parent's state."""
    return [(item, PARENT_ONLY in sys.modules) for item in items]


def test_batches_come_back_in_order_like_a_serial_run() -> None:
    items = list(range(23))
    assert [item for item, _ in rendered_in_batches(_render, items, 2)] == items
    assert [item for item, _ in rendered_in_batches(_render, items, 1)] == items


def test_workers_do_not_inherit_the_builds_memory() -> None:
    """A forked worker starts as a copy of the build (1,000 sites' results) and soon owns
    those pages; a fresh worker holds its batch only."""
    sys.modules[PARENT_ONLY] = types.ModuleType(PARENT_ONLY)
    try:
        seen = list(rendered_in_batches(_render, list(range(8)), 2))
        serial = list(rendered_in_batches(_render, list(range(8)), 1))
    finally:
        del sys.modules[PARENT_ONLY]
    assert [inherited for _, inherited in seen] == [False] * 8
    assert [inherited for _, inherited in serial] == [True] * 8


def _batch_sizes(items: Sequence[int]) -> list[int]:
    return [len(items)] * len(items)


def test_batches_stay_small_whatever_the_network_size() -> None:
    """A batch's files travel and wait in memory together: never more than MAX_BATCH sites."""
    sizes = list(rendered_in_batches(_batch_sizes, list(range(1000)), 2))
    assert len(sizes) == 1000 and max(sizes) == MAX_BATCH
