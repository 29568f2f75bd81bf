"""Keep two builds of the same commit byte-identical.

sphinx-needs writes ``schema_violations.json`` into the output with the
validation's duration in it; the same facts are already in the build log, so the
file is removed from the published site — as soon as it is written, so that a
build stopped before writing (``user_errors``) leaves none behind either.
"""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

TIMED_REPORTS = ("schema_violations.json",)


def _remove_timed_reports(app: Sphinx, *args: object) -> None:
    for name in TIMED_REPORTS:
        Path(app.outdir, name).unlink(missing_ok=True)


def setup_reproducible(app: Sphinx) -> None:
    # sphinx-needs writes the report in write-started (500); builds may stop at 800.
    app.connect("write-started", _remove_timed_reports, priority=700)
    app.connect("build-finished", _remove_timed_reports, priority=900)
