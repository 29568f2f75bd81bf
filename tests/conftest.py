"""Shared fixtures: one real build of the site per test session, plus helpers to
build the small fixture projects under ``tests/roots/``.

Builds run in-process with Sphinx's own application class, so a failure shows the
real warnings; fixture projects are copied to a temporary folder first, never
built in place.
"""

from __future__ import annotations

import io
import json
import os
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from marianne_kit.user_errors import BuildStopped
from sphinx.application import Sphinx
from sphinx.util.console import nocolor
from sphinx.util.docutils import docutils_namespace, patch_docutils

PROJECT_ROOT = Path(__file__).resolve().parent.parent
ROOTS = Path(__file__).resolve().parent / "roots"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SOURCE_DATE_EPOCH = "1700000000"
LEVER_PAGES = PROJECT_ROOT / "docs" / "levers"
_LEVER_ID_LINE = re.compile(r"^:id: (LEV-\d{2}-\d{2})$", re.MULTILINE)


def lever_ids_in_kit_order(pages: Path = LEVER_PAGES) -> list[str]:
    """Lever IDs in the kit's order, read from the sources, not from the extension.

    The kit's order is engagement by engagement, then the order of the levers on
    the engagement's page ``docs/levers/eng-NN.md`` (engagement 7's page starts
    with LEV-07-39), which is the document order of their ``:id:`` lines.
    """
    files = sorted(pages.glob("eng-*.md"))
    assert [f.name for f in files] == [f"eng-{n:02d}.md" for n in range(1, 20)]
    return [i for f in files for i in _LEVER_ID_LINE.findall(f.read_text(encoding="utf-8"))]


@dataclass
class BuildResult:
    srcdir: Path
    outdir: Path
    warnings: str
    status: int
    #: The last line of a build stopped on user mistakes ("Build stopped: …"), else "".
    stopped: str = ""

    def needs(self) -> dict[str, dict[str, Any]]:
        data = json.loads((self.outdir / "needs.json").read_text(encoding="utf-8"))
        return data["versions"][data["current_version"]]["needs"]

    def warning_lines(self) -> list[str]:
        return [line for line in self.warnings.splitlines() if line.strip()]


def run_sphinx(
    srcdir: Path,
    confdir: Path,
    outdir: Path,
    *,
    fresh: bool = True,
    warningiserror: bool = True,
    parallel: int = 1,
    confoverrides: dict[str, Any] | None = None,
) -> BuildResult:
    """Build like ``sphinx-build -W --keep-going``; return the warnings, never raise on them
    (nor on the user mistakes that stop a build before it writes anything)."""
    os.environ["SOURCE_DATE_EPOCH"] = SOURCE_DATE_EPOCH
    warnings = io.StringIO()
    nocolor()
    with patch_docutils(confdir), docutils_namespace():
        try:
            app = _make_app(
                srcdir, confdir, outdir, warnings, fresh, warningiserror, parallel, confoverrides
            )
            app.build(force_all=fresh)
        except BuildStopped as stopped:
            return BuildResult(srcdir, outdir, warnings.getvalue(), 1, str(stopped))
    return BuildResult(srcdir, outdir, warnings.getvalue(), app.statuscode)


def _make_app(
    srcdir: Path,
    confdir: Path,
    outdir: Path,
    warnings: io.StringIO,
    fresh: bool,
    warningiserror: bool,
    parallel: int,
    confoverrides: dict[str, Any] | None = None,
) -> Sphinx:
    return Sphinx(
        srcdir=srcdir,
        confdir=confdir,
        outdir=outdir,
        doctreedir=outdir.parent / "doctrees",
        buildername="html",
        status=io.StringIO(),
        warning=warnings,
        freshenv=fresh,
        warningiserror=warningiserror,
        keep_going=True,
        parallel=parallel,
        confoverrides=confoverrides,
    )


def build_site(workdir: Path, audience: str = "public") -> BuildResult:
    """A clean build of the real kit from a copy of the project (docs, ext, conf), for the
    public (default) or the network's internal audience."""
    for name in ("docs", "ext"):
        shutil.copytree(
            PROJECT_ROOT / name, workdir / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy2(PROJECT_ROOT / "conf.py", workdir / "conf.py")
    if (PROJECT_ROOT / "network.toml").is_file():
        shutil.copy2(PROJECT_ROOT / "network.toml", workdir / "network.toml")
    if (PROJECT_ROOT / "checklists").is_dir():
        shutil.copytree(PROJECT_ROOT / "checklists", workdir / "checklists")
    if (PROJECT_ROOT / "results").is_dir():
        shutil.copytree(PROJECT_ROOT / "results", workdir / "results")
    return run_sphinx(
        workdir / "docs",
        workdir,
        workdir / "build" / "html",
        confoverrides={"marianne_audience": audience},
    )


def build_root(
    name: str, workdir: Path, confoverrides: dict[str, Any] | None = None
) -> BuildResult:
    """Build fixture project ``tests/roots/<name>`` (its own ``conf.py``)."""
    target = workdir / name
    shutil.copytree(ROOTS / name, target)
    return run_sphinx(target, target, target / "_build" / "html", confoverrides=confoverrides)


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuildResult]:
    """The real site, built once per session."""
    yield build_site(tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def internal_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuildResult]:
    """The real site's internal build (each site's dashboard, plan, pre-filled checklists)."""
    yield build_site(tmp_path_factory.mktemp("internal-site"), audience="internal")


@pytest.fixture(scope="session")
def needs(site: BuildResult) -> dict[str, dict[str, Any]]:
    return site.needs()


@pytest.fixture(scope="session")
def levers(needs: dict[str, dict[str, Any]]) -> list[dict[str, Any]]:
    """Every lever, in kit order (engagement, then position on its page's source)."""
    order = lever_ids_in_kit_order()
    found = {n["id"]: n for n in needs.values() if n["type"] == "lever"}
    assert len(order) == len(set(order)) == 349 and set(order) == set(found)
    return [found[lever_id] for lever_id in order]


#: Spellings of ``CI`` that mean "not in CI"; any other non-empty value is a CI run
#: (``true``, ``1``, ``yes``, or a CI system's own name), so an unknown spelling fails closed.
CI_OFF = frozenset({"", "0", "false", "no", "off"})
#: Outcomes that hide a test that did not really run and pass.
HIDDEN_OUTCOMES = ("skipped", "xfailed", "xpassed")


def in_ci(value: str | None) -> bool:
    """Whether the ``CI`` environment variable's value means a CI run."""
    return value is not None and value.strip().lower() not in CI_OFF


def pytest_terminal_summary(terminalreporter: Any, exitstatus: int, config: pytest.Config) -> None:
    """In CI a skipped, xfailed or xpassed test is a hidden failure: fail the run."""
    if not in_ci(os.environ.get("CI")):
        return
    hidden = {outcome: len(terminalreporter.stats.get(outcome, [])) for outcome in HIDDEN_OUTCOMES}
    if any(hidden.values()) and terminalreporter._session.exitstatus == pytest.ExitCode.OK:
        counts = ", ".join(f"{count} {outcome}" for outcome, count in hidden.items() if count)
        terminalreporter.write_line(
            f"CI={os.environ['CI']}: {counts}; every test must run and pass in CI.", red=True
        )
        terminalreporter._session.exitstatus = pytest.ExitCode.TESTS_FAILED
