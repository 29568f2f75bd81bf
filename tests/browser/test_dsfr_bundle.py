"""The vendored DSFR bundles work in Chromium: the script runs, the fonts load, the scheme switches.

The bundles are the DSFR's own files concatenated (``theme/vendor_bundle.py``), each
script wrapped in a block: this page proves that the result still starts the DSFR
(``window.dsfr`` with its core and the components' APIs), that the stylesheet's
fonts are found and its icons drawn, even on a page opened from disk, and that the
display setting's scheme changes the colours.
The page is a small one written here, so the check holds before and after the theme
uses the bundles.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

pytestmark = pytest.mark.browser

VENDORED = Path(__file__).resolve().parents[2] / "ext/marianne_kit/theme/static/dsfr"

PAGE = """<!doctype html>
<html lang="fr" data-fr-scheme="light">
<head><meta charset="utf-8"><title>Essai DSFR</title>
<link rel="stylesheet" href="dsfr/dsfr-kit.min.css"></head>
<body>
<main id="contenu"><h1>Référentiel Marianne</h1><p>Texte <strong>gras</strong>.</p>
<div class="fr-search-bar"><button class="fr-btn" title="Rechercher">Rechercher</button></div>
</main>
<script type="module" src="dsfr/dsfr-kit.module.min.js"></script>
</body></html>
"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - stdlib name
        """No access log in the test output."""


@pytest.fixture(scope="module")
def bundle_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("dsfr-page")
    shutil.copytree(VENDORED, folder / "dsfr")
    (folder / "index.html").write_text(PAGE, encoding="utf-8")
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), partial(_Quiet, directory=str(folder)))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}/index.html"
    httpd.shutdown()
    httpd.server_close()


def test_bundle_starts_the_dsfr_and_loads_its_fonts(page: Any, bundle_url: str) -> None:
    failed: list[str] = []
    page.on("response", lambda r: failed.append(r.url) if r.status >= 400 else None)
    page.goto(bundle_url, wait_until="networkidle")
    page.wait_for_function("window.dsfr && window.dsfr.core && window.dsfr.scheme")
    apis = page.evaluate("['tab', 'header', 'modal', 'display'].filter(k => !window.dsfr[k])")
    assert apis == [], "component scripts that did not run"
    page.evaluate("document.fonts.ready.then(() => true)")
    loaded = page.evaluate(
        "[...document.fonts].filter(f => f.status === 'loaded')"
        ".map(f => f.family.replaceAll('\"', '') + ' ' + f.weight).sort()"
    )
    assert loaded == ["Marianne 400", "Marianne 700"]
    assert failed == []


def test_scheme_switches_to_dark(page: Any, bundle_url: str) -> None:
    page.goto(bundle_url, wait_until="networkidle")
    page.wait_for_function("window.dsfr && window.dsfr.scheme")
    background = "getComputedStyle(document.body).backgroundColor"
    light = page.evaluate(background)
    page.evaluate("document.documentElement.setAttribute('data-fr-scheme', 'dark')")
    page.wait_for_function("document.documentElement.getAttribute('data-fr-theme') === 'dark'")
    assert (light, page.evaluate(background)) == ("rgb(255, 255, 255)", "rgb(22, 22, 22)")


def test_icons_draw_on_a_page_opened_from_disk(page: Any, tmp_path: Path) -> None:
    # Chromium fetches CSS mask images in CORS mode and refuses file:// ones: an icon
    # left as a file draws nothing there (and logs an error, which fails ``page``).
    shutil.copytree(VENDORED, tmp_path / "dsfr")
    # Without the module script, which Chromium refuses on file:// too (the site's
    # pages load theirs another way): the stylesheet alone draws the icons.
    script = '<script type="module" src="dsfr/dsfr-kit.module.min.js"></script>\n'
    assert script in PAGE
    (tmp_path / "index.html").write_text(PAGE.replace(script, ""), encoding="utf-8")
    page.goto((tmp_path / "index.html").as_uri(), wait_until="load")
    button = page.locator(".fr-search-bar .fr-btn")  # the header's search button
    drawn = button.screenshot()
    rule = ".fr-search-bar .fr-btn::before{{{}!important}}"
    page.add_style_tag(content=rule.format("-webkit-mask-image:none!important;mask-image:none"))
    square = button.screenshot()  # the icon's box, unmasked: a plain square
    page.add_style_tag(content=rule.format("visibility:hidden"))
    empty = button.screenshot()  # the button without its icon
    assert square != empty
    assert drawn not in (square, empty)
