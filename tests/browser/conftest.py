"""Real-browser fixtures: the site built once, served on 127.0.0.1, and Debian's Chromium.

Playwright drives the system ``chromium`` (Debian package; another binary can be
named in ``MARIANNE_CHROMIUM``) through ``executable_path``: no browser download,
so CI needs only apt. Every page a test
opens is watched: a request to another host, a console error or an uncaught
exception fails the test that caused it.

Chromium never draws with whatever fonts the machine happens to have: each
instance gets a fontconfig file of its own (``tests/fonts.py``) and proves at
launch, by measuring text, that it draws with the family asked for. Tests whose
result depends on layout take ``font_browser`` (one run per family); the others
take ``browser`` (DejaVu Sans, what a fresh machine has).
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from fonts import FAMILIES, FontFamily, fontconfig_environment
from fonts import font_family as font_family  # the fixture, for every browser test

from .browser_support import PageWatch, drawn_family, open_context

CHROMIUM = Path(os.environ.get("MARIANNE_CHROMIUM", "/usr/bin/chromium"))
#: Without the background-networking switches Chromium stalls on refused connections.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _unavailable(reason: str) -> None:
    """Skip locally; under ``CI=true`` the root conftest turns the skip into a failure."""
    pytest.skip(reason)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        """The test output is no place for an access log."""


def _served(directory: Path) -> Iterator[str]:
    handler = partial(_QuietHandler, directory=str(directory))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="session")
def server(site: Any) -> Iterator[str]:
    """The built public site over HTTP, as a reader's browser gets it; yields the base URL."""
    yield from _served(site.outdir)


@pytest.fixture(scope="session")
def internal_server(internal_site: Any) -> Iterator[str]:
    """The network's internal build (each site's dashboard and plan) over HTTP."""
    yield from _served(internal_site.outdir)


class Browsers:
    """One Chromium per font family, launched when first asked for, closed with the session."""

    def __init__(self, playwright: Any, executable: Path, workdir: Path) -> None:
        self._playwright = playwright
        self._executable = executable
        self._workdir = workdir
        self._open: dict[str, Any] = {}

    def get(self, family: FontFamily) -> Any:
        if family.name not in self._open:
            environment = fontconfig_environment(family, self._workdir / family.slug)
            browser = self._playwright.chromium.launch(
                executable_path=str(self._executable), args=CHROMIUM_ARGS, env=environment
            )
            self._open[family.name] = browser
            drawn = drawn_family(browser)
            assert drawn == family.name, f"Chromium drew {drawn!r} text, not {family.name!r}"
        return self._open[family.name]

    def close(self) -> None:
        for browser in self._open.values():
            browser.close()


@pytest.fixture(scope="session")
def browsers(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browsers]:
    if not CHROMIUM.is_file() and shutil.which("chromium") is None:
        _unavailable("Chromium is missing: install the Debian package chromium")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright is missing: run the nox session 'browser'")
    executable = CHROMIUM if CHROMIUM.is_file() else Path(str(shutil.which("chromium")))
    with sync_playwright() as playwright:
        opened = Browsers(playwright, executable, tmp_path_factory.mktemp("fonts"))
        try:
            yield opened
        finally:
            opened.close()


@pytest.fixture(scope="session")
def browser(browsers: Browsers) -> Any:
    """Chromium with DejaVu Sans only, as on a fresh machine, for tests that do not
    depend on layout."""
    return browsers.get(FAMILIES[0])


@pytest.fixture
def font_browser(browsers: Browsers, font_family: FontFamily) -> Any:  # noqa: F811
    """Chromium drawing with ``font_family``: a layout test runs once per family."""
    return browsers.get(font_family)


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, PageWatch]]:
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    yield context, watch
    context.close()
    assert watch.outside == [], "requests to another host"
    assert watch.errors == [], "console errors or uncaught exceptions"


@pytest.fixture
def page(watched: tuple[Any, PageWatch]) -> Any:
    context, _ = watched
    return context.new_page()
