"""The DSFR theme in real Chromium: what every page of a State site must carry, the
header search, the display settings and the side menu, all by keyboard.

Expected values are written out here or come from the sources (``docs/**/*.md``),
never from the pages under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from conftest import PROJECT_ROOT

from .browser_support import open_context, without_scripts
from .test_accessibility import DESKTOP, PHONE, site_pages

pytestmark = pytest.mark.browser

SKIP_LINKS = [
    ("Contenu", "#contenu"),
    ("Menu", "#menu-du-site"),
    ("Recherche", "#recherche-en-tete-champ"),
    ("Pied de page", "#pied-de-page"),
]
FOOTER_LINKS = {
    "Plan du site": "plan-du-site.html",
    "Accessibilité : non conforme": "accessibilite.html",  # \s+ made the no-break space plain
    "Mentions légales": "mentions-legales.html",
    "Données personnelles": "donnees-personnelles.html",
}
#: Facts a page's theme shows, read in the page (texts as rendered, targets resolved).
THEME_FACTS = """() => {
    const text = el => el ? el.textContent.replace(/\\s+/g, " ").trim() : null;
    const path = href => new URL(href, location.href).pathname;
    return {
        skip: [...document.querySelectorAll(".fr-skiplinks a")].map(a => [
            text(a), a.getAttribute("href"), !!document.querySelector(a.getAttribute("href"))]),
        brand: [...document.querySelector("header .fr-header__brand .fr-logo").childNodes]
            .filter(n => n.nodeType === Node.TEXT_NODE).map(n => n.textContent.trim()).join(" "),
        service: text(document.querySelector("header .fr-header__service-title")),
        menu: !!document.querySelector("nav.fr-sidemenu"),
        current: [...document.querySelectorAll("nav.fr-sidemenu a[aria-current=page]")].map(
            a => path(a.href)),
        footer: Object.fromEntries([...document.querySelectorAll(
            "footer .fr-footer__bottom-list a")].map(a => [text(a), path(a.href)])),
        here: location.pathname,
    };
}"""


def source_pages() -> set[str]:
    """The pages written from a source file: each is in the side menu."""
    docs = PROJECT_ROOT / "docs"
    return {
        str(path.relative_to(docs).with_suffix(".html"))
        for path in docs.rglob("*.md")
        if path.name != "README.md" and "_static" not in path.parts
    }


def test_every_page_carries_the_state_site_frame(page: Any, server: str, site: Any) -> None:
    pages = site_pages(site.outdir)
    sources = source_pages()
    assert len(sources) > 60 and sources <= set(pages)
    wrong: dict[str, list[str]] = {}
    for name in pages:
        page.goto(server + name)
        facts = page.evaluate(THEME_FACTS)
        problems = []
        if [(label, href) for label, href, _ in facts["skip"]] != SKIP_LINKS:
            problems.append(f"skip links {facts['skip']}")
        if not all(target for *_, target in facts["skip"]):
            problems.append("a skip link without its target")
        if facts["brand"] != "République française":
            problems.append(f"bloc-marque {facts['brand']!r}")
        if facts["service"] != "Banque de leviers Marianne" or not facts["menu"]:
            problems.append("service name or side menu missing")
        if name in sources and facts["current"] != [facts["here"]]:
            problems.append(f"current page in the menu: {facts['current']}")
        footer = {label: "/" + target for label, target in FOOTER_LINKS.items()}
        if {k: v for k, v in facts["footer"].items() if k in footer} != footer:
            problems.append(f"footer links {facts['footer']}")
        if problems:
            wrong[name] = problems
    assert wrong == {}


def tab_to(page: Any, test: str, limit: int = 120, key: str = "Tab") -> None:
    """Press Tab (or ``key``) until ``test`` (a JS predicate on the focused element) holds."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(f"(el => {test})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached: {test}")


def test_header_search_by_keyboard_finds_the_page(page: Any, server: str) -> None:
    page.goto(server + "index.html")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Contenu"
    tab_to(page, "el.getAttribute('href') === '#recherche-en-tete-champ'")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "recherche-en-tete-champ"
    page.keyboard.type("sonneries")
    page.keyboard.press("Enter")
    page.wait_for_url("**/search.html?q=sonneries")
    results = page.locator("#search-results li a")
    results.first.wait_for()
    hrefs = [Path(h).name for h in results.evaluate_all("links => links.map(a => a.href)")]
    # « Prendre en charge les appels téléphoniques en moins de 5 sonneries »
    assert "eng-12.html" in hrefs


SCHEME = """() => [document.documentElement.getAttribute("data-fr-theme"),
    localStorage.getItem("scheme"), getComputedStyle(document.body).backgroundColor]"""


def test_display_setting_by_keyboard_switches_and_persists(browser: Any, server: str) -> None:
    context, watch = open_context(browser, viewport=DESKTOP, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(server + "commitments/eng-03.html")
        page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
        assert page.evaluate(SCHEME) == ["light", "system", "rgb(255, 255, 255)"]
        tab_to(page, "el.textContent.trim() === 'Paramètres d’affichage'")
        page.keyboard.press("Enter")
        page.locator("#parametres-affichage").wait_for(state="visible")
        tab_to(page, "el.name === 'fr-radios-theme'", limit=10)
        assert page.evaluate("document.activeElement.value") == "system"
        page.keyboard.press("ArrowUp")  # light, dark, system: up from system is dark
        page.wait_for_function("document.documentElement.getAttribute('data-fr-theme') === 'dark'")
        dark = page.evaluate(SCHEME)
        assert dark[:2] == ["dark", "dark"] and dark[2] != "rgb(255, 255, 255)"
        close = (
            "el.getAttribute('aria-controls') === 'parametres-affichage' && el.title === 'Fermer'"
        )
        tab_to(page, close, limit=5, key="Shift+Tab")
        page.keyboard.press("Enter")
        page.locator("#parametres-affichage").wait_for(state="hidden")
        page.goto(server + "catalogue.html")
        page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
        assert page.evaluate(SCHEME) == dark
        page.reload()
        page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
        assert page.evaluate(SCHEME) == dark
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


#: Records the theme on <html> when <body> appears: before any deferred script (the
#: DSFR's) has run, so before the first paint of the body.
AT_BODY = """(() => {
    const record = () => {
        window.__themeAtBody = document.documentElement.getAttribute("data-fr-theme");
        window.__dsfrAtBody = "dsfr" in window;
    };
    const observer = new MutationObserver(() => {
        if (document.body && !("__themeAtBody" in window)) { record(); observer.disconnect(); }
    });
    observer.observe(document, {childList: true, subtree: true});
})();"""


@pytest.mark.parametrize(
    ("stored", "system", "expected"),
    [
        ("dark", "light", "dark"),
        ("light", "dark", "light"),
        ("system", "dark", "dark"),
        (None, "dark", "dark"),
        (None, "light", "light"),
    ],
    ids=["stored dark", "stored light", "stored system, system dark", "none, dark", "none"],
)
def test_display_setting_applies_before_the_first_paint(
    browser: Any, server: str, stored: str | None, system: str, expected: str
) -> None:
    """No light flash for a reader who chose dark: the theme is on <html> before the
    body is parsed, so before the DSFR's deferred script runs and before the body's
    first paint; the DSFR then keeps it."""
    context, watch = open_context(browser, viewport=DESKTOP, color_scheme=system)
    try:
        page = context.new_page()
        page.goto(server + "index.html")
        if stored is not None:
            page.evaluate("scheme => localStorage.setItem('scheme', scheme)", stored)
        context.add_init_script(AT_BODY)
        page = context.new_page()
        page.goto(server + "commitments/eng-03.html", wait_until="commit")
        page.wait_for_function("'__themeAtBody' in window")
        early = page.evaluate("[window.__themeAtBody, window.__dsfrAtBody]")
        assert early == [expected, False]
        page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
        theme, _, background = page.evaluate(SCHEME)
        assert theme == expected  # the DSFR agrees
        assert (background == "rgb(255, 255, 255)") == (expected == "light"), background
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


def test_side_menu_opens_by_keyboard_on_a_phone(browser: Any, server: str) -> None:
    context, watch = open_context(browser, viewport=PHONE, is_mobile=True, has_touch=True)
    try:
        page = context.new_page()
        page.goto(server + "levers/eng-05.html")
        page.wait_for_function("document.documentElement.hasAttribute('data-fr-js')")
        current = page.locator("nav.fr-sidemenu a[aria-current=page]")
        assert current.count() == 1
        current.wait_for(state="hidden")  # folded once the script runs (0.3 s transition)
        tab_to(page, "el.getAttribute('aria-controls') === 'menu-du-site-contenu'")
        page.keyboard.press("Enter")
        current.wait_for(state="visible")
        assert current.inner_text() == "Leviers de l’engagement 5"
        # The next stops are the menu's own entries, in order.
        tab_to(page, "el.closest('nav.fr-sidemenu') && el.textContent.trim() === 'Accueil'", 3)
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


def test_side_menu_and_breadcrumb_are_open_without_javascript(browser: Any, server: str) -> None:
    context, _ = open_context(browser, viewport=PHONE, is_mobile=True)
    without_scripts(context)
    try:
        page = context.new_page()
        page.goto(server + "commitments/eng-19.html")
        links = page.locator("nav.fr-sidemenu a")
        assert links.count() > 60
        hidden = links.evaluate_all("links => links.filter(a => !a.checkVisibility()).length")
        assert hidden == 0
        assert page.locator("nav.fr-breadcrumb a[aria-current=page]").is_visible()
        # Buttons that only a script could make work are not offered.
        assert not page.locator("nav.fr-sidemenu .fr-sidemenu__inner > button").is_visible()
        assert not page.get_by_role("button", name="Paramètres d’affichage").first.is_visible()
    finally:
        context.close()


#: The site's frame: on screen on every page, never on paper.
FRAME = (
    "header.fr-header",
    "footer.fr-footer",
    "nav.fr-sidemenu",
    "nav.fr-breadcrumb",
    ".fr-skiplinks",
    ".mk-pager",
    ".mk-checklist-downloads",
)


def test_checklist_page_prints_without_the_site_frame(page: Any, server: str) -> None:
    page.goto(server + "checklists/kit-complet.html")
    on_screen = [s for s in FRAME[:3] if page.locator(s).first.is_visible()]
    assert on_screen == list(FRAME[:3])
    page.emulate_media(media="print")
    assert [
        s for s in FRAME if page.locator(s).count() and page.locator(s).first.is_visible()
    ] == []
    assert page.locator("table.mk-checklist-table").first.is_visible()
    # Without the menu column, the list takes the paper's whole width.
    share = page.evaluate(
        "document.querySelector('main').getBoundingClientRect().width"
        " / document.documentElement.clientWidth"
    )
    assert share > 0.9


def test_permalink_opens_the_item_and_names_an_unknown_id(page: Any, server: str) -> None:
    """``permalink.html?id=…`` goes to the item's anchor on its page (any case); an
    unknown ID is said in the page's status region, in French."""
    page.goto(server + "permalink.html?id=lev-12-05")
    page.wait_for_url("**/levers/eng-12.html#LEV-12-05")
    assert page.locator("#LEV-12-05").count() == 1
    page.goto(server + "permalink.html?id=LEV-99-99")
    status = page.locator("#mk-permalink-status")
    assert status.get_attribute("role") == "status"
    assert status.inner_text() == "Aucun élément du kit ne porte l’identifiant « LEV-99-99 »."
    assert page.url.endswith("permalink.html?id=LEV-99-99")
