"""The site search (``search.html?q=…``, any theme) in real Chromium: accents and case
ignored, and a kit ID finds its own block first.

Expected pages are literal: the twelve pages Sphinx's French search found for
« réclamation » before the search folded accents (issue 15), and the page whose
source defines each ID, read from ``docs/``.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from conftest import PROJECT_ROOT

pytestmark = pytest.mark.browser

#: What « réclamation » found before (issue 15, part 7), page by page.
RECLAMATION_PAGES = {
    "best-practices/performance-globale.html",
    "catalogue.html",
    "commitments/eng-13.html",
    "commitments/eng-19.html",
    "commitments/index.html",
    "index.html",
    "levers/eng-13.html",
    "levers/eng-19.html",
    "notes-texte-source.html",
    "tracabilite/actions-engagements.html",
    "tracabilite/bonnes-pratiques.html",
    "tracabilite/engagements-categories.html",
}
LINKS = "links => links.map(a => a.getAttribute('href'))"


def results(page: Any, server: str, query: str) -> list[str]:
    """The result links, in the order shown, once the search has finished."""
    page.goto(f"{server}search.html?q={quote(query)}")
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s !== null && s.textContent.trim() !== ''; }",
        timeout=30_000,
    )
    return page.eval_on_selector_all("#search-results ul.search li a", LINKS)


def pages(links: list[str]) -> set[str]:
    return {link.split("#")[0] for link in links}


def defining_page(need_id: str) -> str:
    """The page whose source declares ``:id: need_id`` (read from docs/, not the site)."""
    docs = PROJECT_ROOT / "docs"
    found = [
        p.relative_to(docs).with_suffix(".html").as_posix()
        for p in docs.rglob("*.md")
        if f":id: {need_id}\n" in p.read_text(encoding="utf-8")
    ]
    assert len(found) == 1, found
    return found[0]


def test_without_accents_or_in_capitals_the_same_pages(page: Any, server: str) -> None:
    accented = results(page, server, "réclamation")
    assert RECLAMATION_PAGES <= pages(accented)
    for typed in ("reclamation", "RECLAMATION", "Reclamation", "RÉCLAMATION"):
        assert results(page, server, typed) == accented, typed


def test_telephonique_finds_the_telephone_pages_and_tabs(page: Any, server: str) -> None:
    accented = results(page, server, "téléphonique")
    plain = results(page, server, "telephonique")
    assert plain == accented
    # The engagement 12 pages (« appels téléphoniques ») and a « Téléphonique » channel
    # section of a lever page, found through its title.
    assert {"levers/eng-12.html", "commitments/eng-12.html"} <= pages(plain)
    assert "levers/eng-12.html#telephonique" in plain
    assert len(pages(plain)) >= 20


@pytest.mark.parametrize(
    "need_id", ["LEV-12-05", "lev-12-05", "ENG-12", "BP-ESPRIT-SERVICE", "LEV-07-39"]
)
def test_an_id_ranks_its_own_block_first(page: Any, server: str, need_id: str) -> None:
    found = results(page, server, need_id)
    upper = need_id.upper()
    assert found and found[0] == f"{defining_page(upper)}#{upper}"
    page.locator("#search-results ul.search li a").first.click()
    page.wait_for_url(f"**/{defining_page(upper)}#{upper}")
    assert page.locator(f"[id='{upper}']").first.is_visible()
