"""Developer and CI entry points: ``nox -s build``, ``nox -s build-internal``, ``nox -s tests``,
``nox -s browser``, ``nox -s serve``.

Dependencies are read from ``pyproject.toml`` (declared once) and pinned by
``constraints.txt`` so CI, snapshots and editors all run the same versions.
"""

from __future__ import annotations

from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent
CONSTRAINTS = ROOT / "constraints.txt"
PYPROJECT = nox.project.load_toml(ROOT / "pyproject.toml")
SPHINX_ARGS = ["-b", "html", "-c", ".", "-d", "build/doctrees", "docs", "build/html"]

nox.options.sessions = ["build"]
nox.options.reuse_venv = "yes"


def _install(session: nox.Session, *extras: str) -> None:
    """Install the project's dependencies (and the given extras) with the pins."""
    requirements = list(PYPROJECT["project"]["dependencies"])
    for extra in extras:
        requirements += PYPROJECT["project"]["optional-dependencies"][extra]
    session.install("-c", str(CONSTRAINTS), *requirements)


@nox.session
def build(session: nox.Session) -> None:
    """Build the HTML site into build/html; any warning fails the build."""
    _install(session)
    session.run("sphinx-build", "-W", "--keep-going", *SPHINX_ARGS, *session.posargs)


@nox.session(name="build-internal")
def build_internal(session: nox.Session) -> None:
    """Build the network's internal copy into build/internal: the public site plus each
    site's dashboard, action plan and pre-filled checklists. Never publish it."""
    _install(session)
    session.run(
        "sphinx-build", "-W", "--keep-going", "-b", "html", "-c", ".",
        "-d", "build/doctrees-internal", "-D", "marianne_audience=internal",
        "docs", "build/internal", *session.posargs,
    )  # fmt: skip


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, including clean builds of the real site (not the browser tests)."""
    _install(session, "test")
    session.run("python", "-m", "pytest", "-m", "not browser", *session.posargs)


@nox.session
def browser(session: nox.Session) -> None:
    """Browser and accessibility tests in Debian's chromium (``apt-get install chromium``)."""
    _install(session, "test", "browser")
    session.run("python", "-m", "pytest", "-m", "browser", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Style, formatting and types of the extension, tests and benchmarks."""
    _install(session, "lint")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    session.run("mypy")


@nox.session(name="import")
def import_results(session: nox.Session) -> None:
    """Import filled checklists into results/: ``nox -s import -- FILE...`` (build first)."""
    _install(session)
    session.run(
        "python", "-m", "marianne_kit", "import", *session.posargs,
        env={"PYTHONPATH": str(ROOT / "ext")},
    )  # fmt: skip


@nox.session
def snapshot(session: nox.Session) -> None:
    """Keep the levers of the edition in conf.py: ``nox -s snapshot -- 2026.2`` builds the site
    and writes ``docs/editions/2026.2/levers.json`` (see ``marianne_kit/editions/snapshot.py``)."""
    _install(session)
    if len(session.posargs) != 1:
        session.error("give the edition: nox -s snapshot -- 2026.2")
    session.run("sphinx-build", "-W", "--keep-going", *SPHINX_ARGS)
    output = f"docs/editions/{session.posargs[0]}/levers.json"
    session.run("python", "-m", "marianne_kit.editions", "build/html/needs.json", output,
                env={"PYTHONPATH": "ext"})  # fmt: skip


@nox.session
def serve(session: nox.Session) -> None:
    """Preview while editing: rebuild on save, serve on http://127.0.0.1:8000."""
    _install(session, "serve")
    session.run(
        "sphinx-autobuild",
        "--watch",
        "ext",
        "--watch",
        "checklists",
        *SPHINX_ARGS,
        *session.posargs,
    )


@nox.session(name="vendor-dsfr")
def vendor_dsfr(session: nox.Session) -> None:
    """Refresh ext/marianne_kit/theme/static/dsfr/ from the pinned npm package (needs npm).

    ``npm pack`` downloads the tarball, ``npm install --ignore-scripts`` unpacks it (the
    package's install script refuses to run outside a DSFR project); the module
    ``marianne_kit.theme.vendor_refresh`` checks it against the pinned integrity,
    bundles the modules the theme lists, subsets the fonts and rewrites VERSION and
    MANIFEST.sha256. Commit the result; re-running it gives identical bytes.
    """
    import os
    import re
    import tempfile

    _install(session, "vendor")
    pythonpath = os.environ.get("PYTHONPATH", "")
    pinned = re.search(
        r'^DSFR_VERSION = "([^"]+)"',
        (ROOT / "ext/marianne_kit/theme/vendor.py").read_text(encoding="utf-8"),
        re.MULTILINE,
    )
    assert pinned is not None, "DSFR_VERSION not found in vendor.py"
    with tempfile.TemporaryDirectory(prefix="vendor-dsfr-") as tmp:
        npm = ["--no-audit", "--no-fund", "--loglevel=error"]
        session.run(
            "npm", "pack", f"@gouvfr/dsfr@{pinned.group(1)}", "--pack-destination", tmp,
            *npm, external=True,
        )  # fmt: skip
        tarball = next(Path(tmp).glob("gouvfr-dsfr-*.tgz"))
        session.run(
            "npm", "install", "--ignore-scripts", "--no-save", "--prefix", f"{tmp}/unpacked",
            *npm, str(tarball), external=True,
        )  # fmt: skip
        session.run(
            "python", "-m", "marianne_kit.theme.vendor_refresh",
            "--package", f"{tmp}/unpacked/node_modules/@gouvfr/dsfr", "--tarball", str(tarball),
            env={"PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT / "ext"), pythonpath]))},
        )  # fmt: skip
