"""Helpers of the browser tests that are not fixtures: watched contexts, catalogue state.

A module of its own (not ``conftest``), so test modules can import it by a
unique name.
"""

from __future__ import annotations

import unicodedata
from typing import Any
from urllib.parse import parse_qsl, urlsplit


class PageWatch:
    """What a page did that a reader would suffer from: errors and outside requests."""

    def __init__(self) -> None:
        self.errors: list[str] = []
        self.outside: list[str] = []

    def route(self, route: Any) -> None:
        url = route.request.url
        scheme, host = urlsplit(url)[:2]
        if scheme in ("file", "data", "blob", "about") or host.split(":")[0] == "127.0.0.1":
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text} ({message.location})")

    def page_error(self, error: Any) -> None:
        self.errors.append(f"uncaught: {error}")


def open_context(browser: Any, **options: Any) -> tuple[Any, PageWatch]:
    """A fresh context (own history, storage) whose pages are all watched."""
    watch = PageWatch()
    context = browser.new_context(locale="fr-FR", **options)
    context.route("**/*", watch.route)
    context.on("console", watch.console)
    context.on("weberror", lambda error: watch.page_error(error.error))
    return context, watch


def without_scripts(context: Any) -> None:
    """Serve every script file of the context's pages empty: the page as the HTML and CSS
    make it. Chromium's own switch (``java_script_enabled=False``) would also stop
    axe-core, which needs timers."""

    def empty_script(route: Any) -> None:
        if route.request.resource_type == "script":
            route.fulfill(status=200, content_type="text/javascript", body="")
        else:
            route.fallback()

    context.route("**/*", empty_script)


def fold(text: str) -> str:
    """The catalogue's search folding, reimplemented as the test's oracle."""
    decomposed = unicodedata.normalize("NFD", text.lower())
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("œ", "oe").replace("æ", "ae").replace("’", "'")
    return " ".join(bare.split())


def stem(word: str) -> str:
    """The catalogue's query-word stemming: from five letters, drop s/x then e."""
    if len(word) < 5:
        return word
    if word.endswith(("s", "x")):
        word = word[:-1]
    return word.removesuffix("e")


def query_of(url: str) -> list[tuple[str, str]]:
    return parse_qsl(urlsplit(url).query)


#: axe-core rules of WCAG 2.0 and 2.1, levels A and AA: what RGAA 4.1 maps to.
AXE_OPTIONS = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def axe_violations(page: Any) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is now, one line per node.

    axe-playwright-python ships axe-core's script in the package and injects it
    with ``page.evaluate``: nothing is fetched (the watched context would fail).
    """
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, options=AXE_OPTIONS).response
    return [
        f"{violation['id']} ({violation['impact']}): {node['target']} {node['html'][:160]}"
        for violation in response["violations"]
        for node in violation["nodes"]
    ]


#: Width in CSS px of ten « m » at 100 px, from each font's own metrics (hmtx advance
#: of « m »: 1995/2048 em in DejaVu Sans, 1706/2048 em in Liberation Sans).
TEN_M_WIDTHS = {"DejaVu Sans": 974.1, "Liberation Sans": 833.0}
#: What the site's pages ask for (furo's stacks end in these), all to be drawn alike.
ASKED_FAMILIES = ("sans-serif", "monospace", "system-ui", "Arial", "Helvetica")
_MEASURE = """families => {
    const context = document.createElement("canvas").getContext("2d");
    return families.map(family => {
        context.font = `100px ${family}`;
        return context.measureText("mmmmmmmmmm").width;
    });
}"""


def drawn_family(browser: Any) -> str:
    """The family Chromium draws text with, told apart by width (the two differ by
    17 %): computed styles only repeat what the page asked for."""
    page = browser.new_page()
    try:
        widths = page.evaluate(_MEASURE, list(ASKED_FAMILIES))
    finally:
        page.close()
    names = {
        next((name for name, ten_m in TEN_M_WIDTHS.items() if abs(width - ten_m) <= 10), None)
        for width in widths
    }
    if len(widths) == len(ASKED_FAMILIES) and len(names) == 1 and None not in names:
        return names.pop()
    return f"not one known family: {dict(zip(ASKED_FAMILIES, widths, strict=True))}"


def horizontal_overflow(page: Any) -> int:
    """How many CSS pixels the page is wider than the viewport (0: no sideways scroll)."""
    return page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
