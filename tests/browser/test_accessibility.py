"""Accessibility in real Chromium: axe-core (WCAG 2.0/2.1 A and AA) and a 375 px screen.

Every page of the build is checked on a 375 px phone screen, so pages added
later (checklists, matrices) are covered without touching this file; one page of
each kind is also checked on a desktop screen, the catalogue with filters
applied, a few in the dark theme. Whether a table fits or scrolls depends on the
font, so the layout checks run under each family of ``tests/fonts.py``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pytest
from fonts import FontFamily

from .browser_support import (
    axe_violations,
    drawn_family,
    horizontal_overflow,
    open_context,
    without_scripts,
)

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
DESKTOP = {"width": 1280, "height": 900}

#: One page of each kind a reader meets, as a path under the site root (+ query).
PAGE_KINDS = {
    "home": "index.html",
    "engagement": "commitments/eng-12.html",
    "levers of an engagement": "levers/eng-12.html",
    "catalogue": "catalogue.html",
    "catalogue, filtered": "catalogue.html?canal=telephonique&categorie=contacts"
    "&engagement=ENG-12&engagement=ENG-13&q=accueil",
    "catalogue, nothing found": "catalogue.html?q=zzzz",
    "best practice": "best-practices/rendez-vous-en-ligne.html",
    "source notes": "notes-texte-source.html",
    "accessibility statement": "accessibilite.html",
    "legal notice": "mentions-legales.html",
    "open data": "donnees.html",
    "editions history": "historique-editions.html",
    "search": "search.html?q=accueil",
    "site checklist": "checklists/sous-prefecture-lesparre-medoc.html",
    "list of checklists": "checklists/index.html",
    "matrix": "tracabilite/engagements-canaux.html",
    "sites matrix": "tracabilite/sites.html",
    "network page": "reseau/gironde.html",
    "network groups": "reseau.html",
}
#: Pages of the network's internal build only (one site's own answers).
INTERNAL_PAGE_KINDS = {
    "site dashboard": "resultats/prefecture-gironde.html",
    "action plan": "plans-action/prefecture-gironde.html",
    "pre-filled checklist": "checklists/prefecture-gironde.html",
    "sites matrix with verdicts": "tracabilite/sites.html",
    "list of sites' results": "checklists/index.html",
    "network page with the sites × commitments table": "reseau/gironde.html",
}


def site_pages(outdir: Path) -> list[str]:
    return sorted(
        str(path.relative_to(outdir))
        for path in outdir.rglob("*.html")
        if "_static" not in path.parts
    )


def _violations_by_page(
    context: Any, server: str, names: Sequence[str], check: Callable[[Any, str], None] | None = None
) -> dict[str, Any]:
    """axe violations of each page in one browser context (closed afterwards); ``check``
    runs its own assertions on each page first."""
    found = {}
    try:
        page = context.new_page()
        for name in names:
            page.goto(server + name)
            if check is not None:
                check(page, name)
            if violations := axe_violations(page):
                found[name] = violations
    finally:
        context.close()
    return found


def internal_pages(site: Any, internal_site: Any) -> list[str]:
    """The internal build's own pages, and those whose content differs from the public's."""
    public = set(site_pages(site.outdir))
    internal_only = sorted(set(site_pages(internal_site.outdir)) - public)
    return internal_only + sorted(set(INTERNAL_PAGE_KINDS.values()) - set(internal_only))


@pytest.fixture
def phone(font_browser: Any) -> Any:
    context, watch = open_context(font_browser, viewport=PHONE, is_mobile=True, has_touch=True)
    yield context.new_page()
    context.close()
    assert watch.outside == [] and watch.errors == []


def test_every_page_on_a_phone_passes_axe_without_sideways_scroll(
    phone: Any, server: str, site: Any, internal_server: str, internal_site: Any
) -> None:
    pages = site_pages(site.outdir)
    assert len(pages) > 40
    assert {"checklists/kit-complet.html", "tracabilite/actions-engagements.html"} <= set(pages)
    # The internal build's own pages, and those whose content differs from the public's.
    internal = internal_pages(site, internal_site)
    assert {
        "resultats/service-instruction-courrier.html",
        "plans-action/prefecture-gironde.html",
    } <= set(internal)
    assert {"reseau/ensemble.html", "reseau/prefecture-gironde.html"} <= set(pages)
    overflowing, found = {}, {}
    for name in [server + page for page in pages] + [internal_server + page for page in internal]:
        phone.goto(name)
        if overflow := horizontal_overflow(phone):
            overflowing[name] = overflow
        if violations := axe_violations(phone):
            found[name] = violations
    assert overflowing == {}, "pages wider than a 375 px screen (CSS px too many)"
    assert found == {}


def test_layout_tests_draw_with_their_family(font_browser: Any, font_family: FontFamily) -> None:
    assert drawn_family(font_browser) == font_family.name


@pytest.mark.parametrize("kind", sorted(PAGE_KINDS) + sorted(INTERNAL_PAGE_KINDS))
def test_page_kinds_pass_axe(
    font_browser: Any, server: str, internal_server: str, kind: str
) -> None:
    context, watch = open_context(font_browser, viewport=DESKTOP)
    try:
        page = context.new_page()
        if kind in INTERNAL_PAGE_KINDS:
            page.goto(internal_server + INTERNAL_PAGE_KINDS[kind])
        else:
            page.goto(server + PAGE_KINDS[kind])
        overflow, violations = horizontal_overflow(page), axe_violations(page)
    finally:
        context.close()
    assert overflow == 0
    assert violations == []
    assert watch.outside == [] and watch.errors == []


def scheme_applied(scheme: str) -> Callable[[Any, str], None]:
    """A page check that waits until the DSFR script has applied ``scheme`` (it may
    start after ``data-fr-js`` is set, on a loaded machine) and its colours have
    faded in: contrast is measured on the scheme's final colours."""

    def wait(page: Any, name: str) -> None:
        page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
        page.wait_for_function(
            "scheme => document.documentElement.dataset.frTheme === scheme", arg=scheme
        )
        page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")

    return wait


#: Width and colour scheme of the other full passes (the phone in light is above, under
#: each font family).
SCHEMES = {"desktop, light": (DESKTOP, "light"), "phone, dark": (PHONE, "dark"),
           "desktop, dark": (DESKTOP, "dark")}  # fmt: skip


@pytest.mark.parametrize("where", sorted(SCHEMES))
def test_every_page_passes_axe_in_each_scheme_and_width(
    browser: Any, server: str, site: Any, internal_server: str, internal_site: Any, where: str
) -> None:
    """The DSFR theme follows the reader's scheme (``data-fr-scheme="system"``): each
    page is checked once its script has applied the scheme asked for."""
    viewport, scheme = SCHEMES[where]
    touch = {"is_mobile": True, "has_touch": True} if viewport is PHONE else {}
    context, watch = open_context(browser, viewport=viewport, color_scheme=scheme, **touch)
    pages = site_pages(site.outdir)
    assert len(pages) > 40

    assert _violations_by_page(context, server, pages, scheme_applied(scheme)) == {}
    assert watch.outside == [] and watch.errors == []
    context, watch = open_context(browser, viewport=viewport, color_scheme=scheme, **touch)
    internal = internal_pages(site, internal_site)
    assert _violations_by_page(context, internal_server, internal, scheme_applied(scheme)) == {}
    assert watch.outside == [] and watch.errors == []


def test_dark_theme_passes_axe(browser: Any, server: str, internal_server: str) -> None:
    pages = (
        "index.html",
        "commitments/eng-12.html",
        PAGE_KINDS["catalogue, filtered"],
        PAGE_KINDS["network page"],
    )
    for base, names in (
        (server, pages),
        (internal_server, [INTERNAL_PAGE_KINDS["site dashboard"]]),
    ):
        context, watch = open_context(browser, viewport=DESKTOP, color_scheme="dark")
        assert _violations_by_page(context, base, names, scheme_applied("dark")) == {}
        assert watch.outside == [] and watch.errors == []


def test_catalogue_open_facets_pass_axe(page: Any, server: str) -> None:
    """The folded facets, once opened, are checked too (closed, axe skips them)."""
    page.goto(server + "catalogue.html?canal=courrier")
    summaries = page.locator(".mk-facet-disclosure summary").all()
    # « Canal », « Catégorie », « Engagement » and « Engagement Services Publics+ » start folded.
    assert len(summaries) == 4
    for summary in summaries:
        summary.click()
    assert page.locator(".mk-facet-disclosure[open]").count() == 4
    page.fill("#mk-catalogue-q", "délai")
    assert axe_violations(page) == []


#: Pages whose tables scroll inside the page on a phone, seen without JavaScript.
NO_SCRIPT_PAGES = (
    "checklists/index.html",
    "notes-texte-source.html",
    "catalogue.html",
    "tracabilite/engagements-canaux.html",
    "checklists/sous-prefecture-lesparre-medoc.html",
)


def test_pages_without_javascript_on_a_phone_pass_axe(font_browser: Any, server: str) -> None:
    """Focusable, named table regions are in the HTML, not added by a script."""
    context, watch = open_context(font_browser, viewport=PHONE, is_mobile=True)
    without_scripts(context)

    def static_regions_only(page: Any, name: str) -> None:
        assert page.locator("#mk-catalogue-filters:not([hidden])").count() == 0, name
        assert page.locator("[role=region][tabindex='0']").count() > 0, name

    assert _violations_by_page(context, server, NO_SCRIPT_PAGES, static_regions_only) == {}
    assert watch.outside == [] and watch.errors == []


def test_keyboard_scrolls_a_wide_table_sideways(browser: Any, server: str) -> None:
    """Tab reaches the profile-keys table, its focus shows, the arrow key scrolls it
    (DejaVu Sans at 375 px: the table is wider than the screen)."""
    context, _ = open_context(browser, viewport=PHONE, is_mobile=True)
    without_scripts(context)
    try:
        page = context.new_page()
        page.goto(server + "checklists/index.html")
        box = "div.fr-table__container[aria-label*='Ajouter ou modifier un site']"
        table = page.locator(box)
        assert table.evaluate("box => box.scrollWidth - box.clientWidth") > 0
        for _ in range(250):  # past the header and the unfolded no-JS menu
            page.keyboard.press("Tab")
            if table.evaluate("box => box === document.activeElement"):
                break
        else:
            raise AssertionError("Tab never reached the table of profile keys")
        assert table.evaluate("box => getComputedStyle(box).outlineStyle") == "solid"
        assert table.evaluate("box => box.scrollLeft") == 0
        page.keyboard.press("ArrowRight")
        page.wait_for_function("box => document.querySelector(box).scrollLeft > 0", arg=box)
    finally:
        context.close()


def test_axe_reports_a_real_violation(page: Any) -> None:
    """The check is not vacuous: axe runs and sees an image without text alternative."""
    page.set_content('<html lang="fr"><title>Essai</title><main><img src="data:,"></main></html>')
    assert any(line.startswith("image-alt (critical)") for line in axe_violations(page))
