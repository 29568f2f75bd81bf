"""The DSFR's script has nothing to say about our markup: no warning, no error.

The DSFR script checks the markup of its components as it starts and logs what it
finds wrong (a modal without an accessible name, a component without its required
part) as console warnings, then often patches the page itself. A warning means the
theme's templates drifted from the DSFR's markup; the reader's browser shows the
patched page, but the page we wrote is not the one the DSFR expects. Phones matter
most: the header's search bar and menu become modals only below 62em.
"""

from __future__ import annotations

from typing import Any

import pytest

from .browser_support import open_context
from .test_accessibility import DESKTOP, PHONE

pytestmark = pytest.mark.browser

#: One page of each template kind: header, tabs, tables, search, checklist, catalogue.
PAGES = [
    "index.html",
    "catalogue.html",
    "commitments/eng-03.html",
    "tracabilite/actions-engagements.html",
    "checklists/prefecture-gironde.html",
    "search.html?q=accueil",
]
#: The buttons that open the header's DSFR modals on a phone → the dialog's name.
MODAL_BUTTONS = {"#bouton-recherche-en-tete": "Rechercher", "#bouton-menu-en-tete": "Menu"}


def dsfr_complaints(messages: list[Any]) -> list[str]:
    """Console warnings and errors; the DSFR's own logs (version, start) are fine."""
    return [f"{m.type}: {m.text}" for m in messages if m.type in ("warning", "error")]


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["375px", "desktop"])
def test_dsfr_script_warns_about_nothing(browser: Any, server: str, viewport: Any) -> None:
    context, watch = open_context(browser, viewport=viewport)
    messages: list[Any] = []
    context.on("console", lambda message: messages.append(message))
    started: list[str] = []
    try:
        for path in PAGES:
            page = context.new_page()
            page.goto(server + path)
            page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
            if viewport == PHONE:
                # Each modal checks its name again when it opens.
                for button, name in MODAL_BUTTONS.items():
                    page.locator(button).click()
                    page.wait_for_selector(f"{button}[data-fr-opened='true']")
                    assert page.get_by_role("dialog", name=name, exact=True).count() == 1
                    page.keyboard.press("Escape")
                    page.wait_for_selector(f"{button}[data-fr-opened='false']")
            page.wait_for_timeout(200)  # the DSFR checks a modal on its next frames
            page.close()
            started.append(path)
    finally:
        context.close()
    # The DSFR logged its start on every page: the watch did hear the console.
    starts = [m for m in messages if m.type == "log" and "dsfr" in m.text and "start" in m.text]
    assert len(starts) == len(PAGES) == len(started)
    assert dsfr_complaints(messages) == []
    assert watch.outside == [] and watch.errors == []
