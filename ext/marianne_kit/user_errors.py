"""User mistakes end the build as plain lines, before anything is written.

Sphinx prints any exception an extension raises as a crash report (versions,
traceback, "please report this to Sphinx"), which buried a referent's one-line
mistake. Instead every problem is logged as one ``file:line: ERROR: …`` line
(``ERROR: file: key '…': …`` when no line applies), all of them at once, and
the build ends with :class:`BuildStopped`: a ``SystemExit``, which Sphinx's
crash handler does not catch and Python prints as its message alone, with exit
status 1.

The same rule applies to the content: when warnings count as errors (``-W``),
a build whose reading or validation produced any warning stops before the first
page is written, so ``build/html`` keeps the last good build whole. The saved
environment is then discarded, so the next build reads every page again and
reports every problem a clean build would.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NoReturn

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util import logging

from .problems import Problem

logger = logging.getLogger(__name__)

#: Sphinx's saved environment, in the doctrees folder.
ENVIRONMENT_FILE = "environment.pickle"


class BuildStopped(SystemExit):
    """Ends ``sphinx-build`` with status 1 after the problems were printed."""

    def __init__(self, message: str) -> None:
        super().__init__(message)


def report(problems: Iterable[Problem], subtype: str) -> int:
    """Log each problem as one error line; return how many there were."""
    count = 0
    for problem in problems:
        if problem.line is None:
            # Sphinx reads a location without a line as a page name: name the file in the text.
            logger.error(str(problem), type="marianne", subtype=subtype)
        else:
            logger.error(problem.text, type="marianne", subtype=subtype, location=problem.location)
        count += 1
    return count


def stop(app: Sphinx, count: int, what: str) -> NoReturn:
    """End the build after ``count`` reported problems; nothing more is written."""
    forget_environment(app)
    plural = "problem" if count == 1 else "problems"
    raise BuildStopped(
        f"Build stopped: {count} {plural} in {what} (listed above); "
        f"nothing was written to {app.outdir}."
    )


def forget_environment(app: Sphinx) -> None:
    """Make the next build read every page again, so it reports every problem again."""
    (Path(app.doctreedir) / ENVIRONMENT_FILE).unlink(missing_ok=True)


def _warnings_so_far(app: Sphinx) -> int:
    # Sphinx counts every warning and error it printed; no public accessor exists.
    return int(getattr(app, "_warncount", 0))


def build_failed(app: Sphinx) -> bool:
    """Whether the build will exit non-zero because warnings are errors (``-W``)."""
    return bool(getattr(app, "_fail_on_warnings", False) and _warnings_so_far(app))


def _stop_before_writing(app: Sphinx, builder: Builder) -> None:
    if build_failed(app):
        stop(app, _warnings_so_far(app), "the content (warnings are errors)")


def _forget_failed_environment(app: Sphinx, exception: Exception | None) -> None:
    # A warning of the writing phase: the pages were written, but the next build
    # must not start from an environment that hides the problem.
    if exception is None and build_failed(app):
        forget_environment(app)


def setup_user_errors(app: Sphinx) -> None:
    # Late: after sphinx-needs validated the needs against their schema (priority 500).
    app.connect("write-started", _stop_before_writing, priority=900)
    app.connect("build-finished", _forget_failed_environment)
