"""The lever catalogue in real Chromium: facets, search, URL, history, keyboard, no-JS.

Expected rows come from ``needs.json`` (the ``levers`` fixture), never from the
page itself, so a filter that hides or shows the wrong rows cannot pass.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import pytest
from marianne_kit.kit.model import CATEGORIES, CHANNELS
from test_spplus import served_by

from .browser_support import axe_violations, fold, open_context, query_of, stem

pytestmark = pytest.mark.browser

Lever = dict[str, Any]
ALL = 349
VISIBLE_IDS = """rows => rows.filter(row => row.checkVisibility())
    .map(row => row.querySelector("th").textContent)"""


def visible_ids(page: Any) -> list[str]:
    return page.eval_on_selector_all("#mk-catalogue tbody tr", VISIBLE_IDS)


def status(page: Any) -> str:
    return page.locator("#mk-catalogue-count").inner_text()


def count_text(shown: int) -> str:
    noun = "levier affiché" if shown <= 1 else "leviers affichés"
    return f"{shown}\u00a0{noun} sur {ALL}"


def ids(levers: Iterable[Lever]) -> list[str]:
    return [lever["id"] for lever in levers]


def searchable(lever: Lever, titles: dict[str, str]) -> str:
    """What a reader sees in the lever's row (plus the engagement ID), folded."""
    parts = [
        lever["id"],
        *(f"Engagement {c.removeprefix('ENG-').lstrip('0')} {c}" for c in lever["commitment"]),
        CHANNELS[lever["channel"]],
        CATEGORIES[lever["category"]],
        lever["title"],
        *(titles[p] for p in lever.get("practice", [])),
    ]
    return fold(" ".join(parts))


def matching(levers: list[Lever], needs: dict[str, Lever], query: str) -> list[str]:
    titles = {need_id: need["title"] for need_id, need in needs.items()}
    words = [stem(word) for word in fold(query).split()]
    return [lever["id"] for lever in levers if all(w in searchable(lever, titles) for w in words)]


def wait_for_query(page: Any, words: str) -> None:
    """The URL follows the search after a short pause in typing."""
    page.wait_for_function(
        "words => new URLSearchParams(location.search).get('q') === words", arg=words
    )


@pytest.fixture
def catalogue(page: Any, server: str) -> Any:
    page.goto(server + "catalogue.html")
    page.wait_for_selector("#mk-catalogue-filters:not([hidden])")
    return page


def check(page: Any, param: str, value: str) -> None:
    box = page.locator(f'input[name="{param}"][value="{value}"]')
    disclosure = page.locator(f'details[data-param="{param}"]')
    if disclosure.count() and not disclosure.evaluate("d => d.open"):
        disclosure.locator("summary").click()
    box.check()


# --------------------------------------------------------------------------- facets


def test_unfiltered_catalogue_shows_every_lever(catalogue: Any, levers: list[Lever]) -> None:
    assert visible_ids(catalogue) == ids(levers)
    assert status(catalogue) == count_text(ALL)
    assert catalogue.locator("#mk-catalogue-empty").is_hidden()


def test_channel_facet(catalogue: Any, levers: list[Lever]) -> None:
    check(catalogue, "canal", "telephonique")
    expected = ids(lever for lever in levers if lever["channel"] == "telephonique")
    assert expected and visible_ids(catalogue) == expected
    assert status(catalogue) == count_text(len(expected))
    check(catalogue, "canal", "courriel")
    expected = ids(lever for lever in levers if lever["channel"] in ("telephonique", "courriel"))
    assert visible_ids(catalogue) == expected


def test_category_facet(catalogue: Any, levers: list[Lever]) -> None:
    """« Everything about signalétique »: two categories, either one."""
    wanted = ("signaletique-amenagement", "organisation-signaletique")
    for category in wanted:
        check(catalogue, "categorie", category)
    expected = ids(lever for lever in levers if lever["category"] in wanted)
    assert expected and visible_ids(catalogue) == expected
    summary = catalogue.locator('details[data-param="categorie"] summary').inner_text()
    assert summary == "Catégorie · 2\u00a0sélectionnées"


def test_commitment_facet(catalogue: Any, levers: list[Lever]) -> None:
    check(catalogue, "engagement", "ENG-01")
    check(catalogue, "engagement", "ENG-12")
    expected = ids(lever for lever in levers if {"ENG-01", "ENG-12"} & set(lever["commitment"]))
    assert expected and visible_ids(catalogue) == expected


def test_facets_combine(catalogue: Any, levers: list[Lever], needs: dict[str, Lever]) -> None:
    """Values of one facet add up; facets and the search narrow each other down."""
    check(catalogue, "canal", "telephonique")
    check(catalogue, "canal", "tous-canaux")
    check(catalogue, "engagement", "ENG-12")
    expected = ids(
        lever
        for lever in levers
        if lever["channel"] in ("telephonique", "tous-canaux") and "ENG-12" in lever["commitment"]
    )
    assert expected and visible_ids(catalogue) == expected
    catalogue.fill("#mk-catalogue-q", "messagerie")
    searched = set(matching(levers, needs, "messagerie"))
    narrowed = [i for i in expected if i in searched]
    assert 0 < len(narrowed) < len(expected)
    assert visible_ids(catalogue) == narrowed


# --------------------------------------------------------------------------- search


@pytest.mark.parametrize(
    ("typed", "accented"),
    [
        ("telephone", "téléphone"),
        ("reclamation", "réclamations"),
        ("RENDEZ-VOUS", "rendez-vous"),
        ("signaletique accueil", "Signalétique ACCUEIL"),
        ("etat", "État"),
    ],
)
def test_search_ignores_accents_and_case(
    catalogue: Any,
    levers: list[Lever],
    needs: dict[str, Lever],
    typed: str,
    accented: str,
) -> None:
    expected = matching(levers, needs, accented)
    assert expected, f"{accented!r} must find levers"
    catalogue.fill("#mk-catalogue-q", typed)
    assert visible_ids(catalogue) == expected
    assert status(catalogue) == count_text(len(expected))
    catalogue.fill("#mk-catalogue-q", accented)
    assert visible_ids(catalogue) == expected


def test_search_finds_accented_text_from_plain_letters(catalogue: Any, levers: list[Lever]) -> None:
    catalogue.fill("#mk-catalogue-q", "telephone")
    shown = set(visible_ids(catalogue))
    phone_levers = {lever["id"] for lever in levers if lever["channel"] == "telephonique"}
    assert phone_levers and phone_levers <= shown
    catalogue.fill("#mk-catalogue-q", "reclamation")
    texts = catalogue.eval_on_selector_all(
        "#mk-catalogue tbody tr",
        "rows => rows.filter(r => r.checkVisibility()).map(r => r.innerText)",
    )
    assert texts and all("réclamation" in text.lower() for text in texts)


def test_count_agrees_in_french_and_empty_result_is_said(catalogue: Any) -> None:
    catalogue.fill("#mk-catalogue-q", "LEV-12-01")
    assert status(catalogue) == count_text(1) == "1\u00a0levier affiché sur 349"
    catalogue.fill("#mk-catalogue-q", "zzzz")
    assert status(catalogue) == "0\u00a0levier affiché sur 349"
    assert catalogue.locator("#mk-catalogue-empty").is_visible()
    assert catalogue.locator("#mk-catalogue-count").get_attribute("role") == "status"


def test_reset_shows_everything_again(catalogue: Any, levers: list[Lever]) -> None:
    check(catalogue, "canal", "courrier")
    catalogue.fill("#mk-catalogue-q", "courrier")
    catalogue.locator("#mk-catalogue-reset").click()
    assert visible_ids(catalogue) == ids(levers)
    assert catalogue.input_value("#mk-catalogue-q") == ""
    assert catalogue.locator("input[type=checkbox]:checked").count() == 0
    assert query_of(catalogue.url) == []


# --------------------------------------------------------------------------- URL and history


def test_url_sets_the_filters(page: Any, server: str, levers: list[Lever]) -> None:
    page.goto(server + "catalogue.html?canal=telephonique&engagement=ENG-12")
    expected = ids(
        lever
        for lever in levers
        if lever["channel"] == "telephonique" and "ENG-12" in lever["commitment"]
    )
    assert expected and visible_ids(page) == expected
    assert status(page) == count_text(len(expected))
    assert page.is_checked("#mk-canal-telephonique")
    assert page.is_checked("#mk-engagement-ENG-12")
    assert page.locator("input[type=checkbox]:checked").count() == 2
    # The facets stay folded (the levers stay in sight); their summaries say what is chosen.
    folded = page.eval_on_selector_all("details.mk-facet-disclosure", "ds => ds.map(d => d.open)")
    assert folded == [False, False, False, False]
    summaries = page.locator("details.mk-facet-disclosure > summary")
    assert [summaries.nth(i).inner_text() for i in range(summaries.count())] == [
        "Canal · 1\u00a0sélectionné",
        "Catégorie",
        "Engagement · 1\u00a0sélectionné",
        "Engagement Services Publics+",
    ]


def test_url_search_and_unknown_values(
    page: Any, server: str, levers: list[Lever], needs: dict[str, Lever]
) -> None:
    query = "q=rendez-vous&canal=nowhere&categorie=information-communication"
    page.goto(server + "catalogue.html?" + query)
    expected = [
        i
        for i in matching(levers, needs, "rendez-vous")
        if needs[i]["category"] == "information-communication"
    ]
    assert 0 < len(expected) < len(matching(levers, needs, "rendez-vous"))
    assert page.input_value("#mk-catalogue-q") == "rendez-vous"
    assert visible_ids(page) == expected
    assert page.locator('input[name="canal"]:checked').count() == 0


def test_filters_are_written_to_the_url(catalogue: Any) -> None:
    check(catalogue, "engagement", "ENG-12")
    assert query_of(catalogue.url) == [("engagement", "ENG-12")]
    check(catalogue, "canal", "telephonique")
    catalogue.locator("#mk-catalogue-q").press_sequentially("boîte vocale")
    wait_for_query(catalogue, "boîte vocale")
    assert query_of(catalogue.url) == [
        ("canal", "telephonique"),
        ("engagement", "ENG-12"),
        ("q", "boîte vocale"),
    ]
    shared = catalogue.url
    shown = visible_ids(catalogue)
    catalogue.goto(shared)
    assert visible_ids(catalogue) == shown


def test_back_and_forward_restore_each_state(catalogue: Any, server: str) -> None:
    check(catalogue, "canal", "courriel")
    first = visible_ids(catalogue)
    check(catalogue, "engagement", "ENG-11")
    second = visible_ids(catalogue)
    entries = catalogue.evaluate("history.length")
    catalogue.locator("#mk-catalogue-q").press_sequentially("suivi")
    third = visible_ids(catalogue)
    wait_for_query(catalogue, "suivi")
    catalogue.wait_for_timeout(400)  # longer than the script's pause before writing the URL
    assert catalogue.evaluate("history.length") == entries + 1
    assert len(set(map(tuple, (first, second, third)))) == 3

    catalogue.go_back()  # the whole run of keystrokes is one step
    assert query_of(catalogue.url) == [("canal", "courriel"), ("engagement", "ENG-11")]
    assert visible_ids(catalogue) == second
    assert catalogue.input_value("#mk-catalogue-q") == ""
    catalogue.go_back()
    assert visible_ids(catalogue) == first
    assert not catalogue.is_checked("#mk-engagement-ENG-11")
    catalogue.go_back()
    assert catalogue.url == server + "catalogue.html"
    assert len(visible_ids(catalogue)) == ALL
    catalogue.go_forward()
    catalogue.go_forward()
    assert visible_ids(catalogue) == second
    assert catalogue.is_checked("#mk-engagement-ENG-11")
    catalogue.go_forward()
    assert visible_ids(catalogue) == third
    assert catalogue.input_value("#mk-catalogue-q") == "suivi"


def test_back_from_a_lever_returns_to_the_view_just_typed(
    catalogue: Any, levers: list[Lever], needs: dict[str, Lever]
) -> None:
    catalogue.fill("#mk-catalogue-q", "signaletique")  # no pause: the URL is not written yet
    assert query_of(catalogue.url) == []
    expected = matching(levers, needs, "signaletique")
    link = catalogue.locator("#mk-catalogue tbody tr:visible th a").first
    assert link.inner_text() == expected[0]
    link.click()
    catalogue.wait_for_url(f"**/levers/*.html#{expected[0]}")
    catalogue.go_back()
    assert query_of(catalogue.url) == [("q", "signaletique")]
    assert visible_ids(catalogue) == expected
    assert catalogue.input_value("#mk-catalogue-q") == "signaletique"


def test_commitment_tab_link_opens_the_filtered_view(
    page: Any, server: str, levers: list[Lever]
) -> None:
    page.goto(server + "commitments/eng-12.html")
    link = page.locator(".sd-tab-content .mk-catalogue-link a").filter(visible=True).first
    params = dict(query_of(server + "commitments/" + link.get_attribute("href")))
    link.click()
    page.wait_for_url("**/catalogue.html?*")
    expected = ids(
        lever
        for lever in levers
        if lever["channel"] == params["canal"] and params["engagement"] in lever["commitment"]
    )
    assert expected and visible_ids(page) == expected


# --------------------------------------------------------------------------- hidden text

#: Box size and clip of each element: drawn nowhere if 1 px² at most or clipped to nothing.
BOXES = """els => els.map(el => {
    const box = el.getBoundingClientRect();
    return [box.width * box.height, getComputedStyle(el).clipPath];
})"""


def test_screen_reader_text_is_not_drawn(catalogue: Any) -> None:
    """The folded facets' legends, the table's caption once the live count shows, and the
    « Engagement » before each number are for screen readers only: the site's one class
    for that (``mk-sr-only``), and the DSFR's table without a visible caption
    (``fr-table--no-caption``), must hide them here too."""
    for param in ("canal", "categorie", "engagement", "spplus"):
        catalogue.locator(f'details[data-param="{param}"] summary').click()
    legends = catalogue.locator("#mk-catalogue legend.mk-sr-only")
    assert [legends.nth(i).inner_text() for i in range(legends.count())] == [
        "Canal",
        "Catégorie",
        "Engagement",
        "Engagement Services Publics+",
    ]
    assert catalogue.locator("#mk-catalogue .fr-table--no-caption caption").count() == 1
    boxes = catalogue.eval_on_selector_all("#mk-catalogue :is(.mk-sr-only, caption)", BOXES)
    assert len(boxes) == 4 + 1 + ALL  # legends, caption, one commitment link per lever
    drawn = [box for box in boxes if box[0] > 1 and box[1] != "inset(50%)"]
    assert drawn == []


# --------------------------------------------------------------------------- keyboard


def focused(page: Any) -> str:
    return page.evaluate(
        "() => { const e = document.activeElement;"
        " return e.id || (e.tagName === 'SUMMARY' ? 'summary:' + e.parentElement.dataset.param"
        " : e.tagName); }"
    )


def tab_until(page: Any, target: str, limit: int = 200) -> list[str]:
    seen = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        seen.append(focused(page))
        if seen[-1] == target:
            return seen
    raise AssertionError(f"{target} not reached by Tab; focus went through {seen[-12:]}")


def test_keyboard_reaches_and_operates_every_control(catalogue: Any, levers: list[Lever]) -> None:
    page = catalogue
    tab_until(page, "mk-catalogue-q")
    page.keyboard.type("accueil")
    searched = visible_ids(page)
    assert 0 < len(searched) < ALL

    # Enter opens a folded facet; Space ticks a checkbox; focus is visibly marked.
    tab_until(page, "summary:canal")
    page.keyboard.press("Enter")
    tab_until(page, "mk-canal-physique")
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline not in ("none", "")
    page.keyboard.press("Space")
    assert page.is_checked("#mk-canal-physique")
    assert query_of(page.url) == [("canal", "physique"), ("q", "accueil")]

    # The other folded facets open the same way; their checkboxes take the focus in turn.
    for facet, count in (("categorie", len(CATEGORIES)), ("engagement", 19)):
        tab_until(page, f"summary:{facet}")
        page.keyboard.press("Enter")
        assert page.locator(f'details[data-param="{facet}"]').evaluate("d => d.open")
        last = list(CATEGORIES)[-1] if facet == "categorie" else "ENG-19"
        order = tab_until(page, f"mk-{facet}-{last}")
        boxes = page.eval_on_selector_all(f'input[name="{facet}"]', "boxes => boxes.map(b => b.id)")
        assert len(boxes) == count
        assert [f for f in order if f.startswith(f"mk-{facet}-")][-count:] == boxes
    page.keyboard.press("Space")
    assert page.is_checked("#mk-engagement-ENG-19")
    assert page.is_checked("#mk-canal-physique")

    tab_until(page, "mk-catalogue-reset")
    page.keyboard.press("Enter")
    assert visible_ids(page) == ids(levers)
    assert page.locator("#mk-catalogue input:checked")  # not the display settings.count() == 0

    # The copy button; the table scrolls on its own and is reachable too; the lever links.
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "mk-catalogue-copy"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('fr-table__container')")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == levers[0]["id"]
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/levers/eng-01.html#{levers[0]['id']}")


def test_tab_goes_through_every_control_in_order(catalogue: Any) -> None:
    """With every folded facet opened (Enter), Tab visits each control of the form once."""
    page = catalogue
    for facet in ("canal", "categorie", "engagement", "spplus"):
        tab_until(page, f"summary:{facet}")
        page.keyboard.press("Enter")
    controls = page.eval_on_selector_all(
        "#mk-catalogue-filters input, #mk-catalogue-filters summary, #mk-catalogue-filters button",
        "all => all.map(e => e.id || 'summary:' + e.parentElement.dataset.param)",
    )
    # Search, then each folded facet's summary and boxes (SP+ 1 to 7), reset, copy.
    assert len(controls) == 1 + 1 + 5 + 1 + len(CATEGORIES) + 1 + 19 + 1 + 7 + 1 + 1
    page.focus("#mk-catalogue-q")
    order = ["mk-catalogue-q", *tab_until(page, "mk-catalogue-copy")]
    assert order == controls


def test_enter_in_the_search_field_does_not_reload(catalogue: Any) -> None:
    catalogue.fill("#mk-catalogue-q", "horaires")
    shown = visible_ids(catalogue)
    catalogue.evaluate("window.stayed = true")
    catalogue.press("#mk-catalogue-q", "Enter")
    assert catalogue.evaluate("window.stayed") is True
    assert visible_ids(catalogue) == shown


# --------------------------------------------------------------------------- copy the link

CLIPBOARD = ["clipboard-read", "clipboard-write"]


def test_copy_button_copies_the_link_of_the_view(
    browser: Any, server: str, levers: list[Lever]
) -> None:
    """The link copied is the view as shown, typing included; the message is announced."""
    context, watch = open_context(browser)
    try:
        context.grant_permissions(CLIPBOARD, origin=server.rstrip("/"))
        page = context.new_page()
        page.goto(server + "catalogue.html?canal=courrier")
        page.wait_for_selector("#mk-catalogue-filters:not([hidden])")
        page.fill("#mk-catalogue-q", "délai")
        shown = visible_ids(page)
        assert shown and len(shown) < ALL
        page.locator("#mk-catalogue-copy").click()
        message = page.locator("#mk-catalogue-copied")
        assert message.get_attribute("role") == "status"
        page.wait_for_function("() => document.getElementById('mk-catalogue-copied').textContent")
        assert message.inner_text() == "Lien copié : collez-le pour partager cette sélection."
        link = page.evaluate("navigator.clipboard.readText()")
        assert link.startswith(server + "catalogue.html?")
        assert sorted(query_of(link)) == [("canal", "courrier"), ("q", "délai")]
        # The copied link opens the same view for whoever receives it.
        other = context.new_page()
        other.goto(link)
        other.wait_for_selector("#mk-catalogue-filters:not([hidden])")
        assert visible_ids(other) == shown
        # A new filter makes the message stale: it goes.
        check(page, "canal", "physique")
        assert message.inner_text() == ""
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


def test_copy_button_works_without_the_clipboard_api(browser: Any, server: str) -> None:
    """Over plain http (an intranet), browsers give no Clipboard API: the selection copy."""
    context, watch = open_context(browser)
    try:
        context.grant_permissions(CLIPBOARD, origin=server.rstrip("/"))
        page = context.new_page()
        page.add_init_script("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
        page.goto(server + "catalogue.html?engagement=ENG-04")
        page.wait_for_selector("#mk-catalogue-filters:not([hidden])")
        assert page.evaluate("navigator.clipboard") is None
        page.locator("#mk-catalogue-copy").click()
        assert page.locator("#mk-catalogue-copied").inner_text().startswith("Lien copié")
        assert page.evaluate("document.activeElement.id") == "mk-catalogue-copy"
        reader = context.new_page()
        reader.goto(server + "index.html")
        link = reader.evaluate("navigator.clipboard.readText()")
        assert query_of(link) == [("engagement", "ENG-04")]
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


# --------------------------------------------------------------------------- fallback, file://


def test_without_javascript_the_full_table_is_there(
    browser: Any, server: str, levers: list[Lever]
) -> None:
    context, watch = open_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(server + "catalogue.html?canal=telephonique")
        rows = page.locator("#mk-catalogue tbody tr")
        assert rows.count() == ALL
        assert page.locator("#mk-catalogue tbody tr:visible").count() == ALL
        assert page.locator("#mk-catalogue-filters").is_hidden()
        assert (
            page.locator("#mk-catalogue caption")
            .inner_text()
            .endswith("(349\u00a0leviers en tout)")
        )
        first = page.locator("#mk-catalogue tbody tr th a").first
        assert first.inner_text() == levers[0]["id"]
        first.click()
        page.wait_for_url(f"**/levers/eng-01.html#{levers[0]['id']}")
        assert page.locator(f"[id='{levers[0]['id']}']").is_visible()
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


def test_works_from_file_urls(browser: Any, site: Any, levers: list[Lever]) -> None:
    context, watch = open_context(browser)
    try:
        page = context.new_page()
        url = (site.outdir / "catalogue.html").as_uri()
        page.goto(url + "?canal=courrier&q=delai")
        first = visible_ids(page)
        assert first and all(
            lever["channel"] == "courrier" for lever in levers if lever["id"] in set(first)
        )
        check(page, "engagement", "ENG-09")
        assert ("engagement", "ENG-09") in query_of(page.url)
        page.go_back()
        assert visible_ids(page) == first
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


# --------------------------------------------------------------------------- Services Publics+


def serving(levers: list[Lever], needs: dict[str, Lever], *spplus: str) -> list[str]:
    """Levers serving any of ``spplus``, by the crosswalk as read from ``needs.json``."""
    served = served_by(needs)
    return [lever["id"] for lever in levers if served[lever["id"]] & set(spplus)]


def test_spplus_facet_filters_and_combines(
    catalogue: Any, levers: list[Lever], needs: dict[str, Lever]
) -> None:
    check(catalogue, "spplus", "SPP-6")
    expected = serving(levers, needs, "SPP-6")
    assert 0 < len(expected) < 20 and visible_ids(catalogue) == expected
    assert status(catalogue) == count_text(len(expected))
    summary = catalogue.locator('details[data-param="spplus"] summary').inner_text()
    assert summary == "Engagement Services Publics+ · 1\u00a0sélectionné"
    check(catalogue, "spplus", "SPP-4")
    both = serving(levers, needs, "SPP-6", "SPP-4")
    assert visible_ids(catalogue) == both and len(both) > len(expected)
    check(catalogue, "canal", "courriel")
    narrowed = [i for i in both if needs[i]["channel"] == "courriel"]
    assert 0 < len(narrowed) < len(both)
    assert visible_ids(catalogue) == narrowed


def test_spplus_facet_round_trips_through_the_url(
    page: Any, server: str, levers: list[Lever], needs: dict[str, Lever]
) -> None:
    page.goto(server + "catalogue.html?spplus=SPP-6&canal=tous-canaux&spplus=SPP-99")
    expected = [i for i in serving(levers, needs, "SPP-6") if needs[i]["channel"] == "tous-canaux"]
    assert expected and visible_ids(page) == expected
    assert page.is_checked("#mk-spplus-SPP-6")
    # Folded like every facet (the levers stay on the first screen); opened to choose more.
    assert not page.locator('details[data-param="spplus"]').evaluate("d => d.open")
    page.locator('details[data-param="spplus"] summary').click()
    check(page, "spplus", "SPP-1")
    assert query_of(page.url) == [
        ("canal", "tous-canaux"),
        ("spplus", "SPP-1"),
        ("spplus", "SPP-6"),
    ]
    shown = visible_ids(page)
    assert shown == [
        i for i in serving(levers, needs, "SPP-1", "SPP-6") if needs[i]["channel"] == "tous-canaux"
    ]
    page.go_back()
    assert visible_ids(page) == expected
    page.go_forward()
    page.goto(page.url)
    assert visible_ids(page) == shown


def test_spplus_facet_by_keyboard(
    catalogue: Any, levers: list[Lever], needs: dict[str, Lever]
) -> None:
    page = catalogue
    tab_until(page, "summary:spplus")
    page.keyboard.press("Enter")
    assert page.locator('details[data-param="spplus"]').evaluate("d => d.open")
    order = tab_until(page, "mk-spplus-SPP-3")
    assert [f for f in order if f.startswith("mk-spplus-")] == [
        "mk-spplus-SPP-1",
        "mk-spplus-SPP-2",
        "mk-spplus-SPP-3",
    ]
    page.keyboard.press("Space")
    assert page.is_checked("#mk-spplus-SPP-3")
    assert visible_ids(page) == serving(levers, needs, "SPP-3")
    assert query_of(page.url) == [("spplus", "SPP-3")]
    tab_until(page, "mk-catalogue-reset")
    page.keyboard.press("Enter")
    assert len(visible_ids(page)) == ALL


def test_spplus_filtered_view_passes_axe(page: Any, server: str) -> None:
    page.goto(server + "catalogue.html?spplus=SPP-7")
    page.wait_for_selector("#mk-catalogue-filters:not([hidden])")
    page.locator('details[data-param="spplus"] summary').click()  # axe skips a folded facet
    assert page.locator('details[data-param="spplus"]').evaluate("d => d.open")
    assert axe_violations(page) == []
