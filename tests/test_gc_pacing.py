"""The cycle collector runs less often during a build, and gets its pacing back after."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import Any

from conftest import build_root
from marianne_kit.site.gc_pacing import YOUNG_THRESHOLD


def test_a_build_paces_the_collector_and_gives_its_pacing_back(tmp_path: Path) -> None:
    young_thresholds: set[int] = set()

    def note(phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            young_thresholds.add(gc.get_threshold()[0])

    before = gc.get_threshold()
    gc.callbacks.append(note)
    try:
        result = build_root("kit-minimal", tmp_path)
    finally:
        gc.callbacks.remove(note)
    assert result.status == 0
    assert YOUNG_THRESHOLD in young_thresholds  # collections ran, paced, during the build
    assert gc.get_threshold() == before
