"""The DSFR table component as drawn: the catalogue's and the matrices' tables.

``site.dsfr_table`` writes the DSFR markup; the DSFR's CSS and script then place
the caption above the box that scrolls and let row headers stay in view. These
tests measure that in Chromium, with and without scripts, on screen and in print,
under both font families (``tests/fonts.py``): what fits depends on the font.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from .browser_support import open_context, without_scripts

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 812}
MATRIX = "tracabilite/engagements-canaux.html"
MATRIX_CAPTION = "Nombre de leviers par engagement et par canal d’accueil"
CATALOGUE_CAPTION = "Leviers du kit dans l’ordre des engagements (349\u00a0leviers en tout)"
#: Boxes of the first DSFR table of a page, relative to the viewport.
GEOMETRY = """() => {
    const table = document.querySelector(".fr-table");
    const box = el => { const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const container = table.querySelector(".fr-table__container");
    return {
        container: box(container),
        caption: box(table.querySelector("caption")),
        head: box(table.querySelector("thead tr")),
        rowHeader: box(table.querySelector("tbody th")),
        secondCell: box(table.querySelector("tbody td:nth-of-type(2)")),
        footHeader: box(table.querySelector("tfoot th") || container),
        scrollLeft: container.scrollLeft,
    };
}"""


def dsfr_ready(page: Any) -> None:
    """The DSFR's script has taken the table in hand and measured its caption."""
    page.wait_for_selector(".fr-table[data-fr-js-table='true']", state="attached")
    page.wait_for_function("() => new Promise(done => requestAnimationFrame(() => done(true)))")


def test_matrix_caption_stays_above_and_row_headers_stay_in_view(
    font_browser: Any, server: str
) -> None:
    """On a phone the matrix scrolls sideways inside its box: the caption does not
    move and does not cover the header row, the row headers stay at the box's left."""
    context, watch = open_context(font_browser, viewport=PHONE, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(server + MATRIX)
        dsfr_ready(page)
        container = page.locator(".mk-matrix-table .fr-table__container")
        assert container.evaluate("box => box.scrollWidth - box.clientWidth") > 100
        before = page.evaluate(GEOMETRY)
        assert before["caption"]["bottom"] <= before["head"]["top"], before
        assert before["caption"]["top"] >= before["container"]["top"] - 1, before
        container.evaluate("box => { box.scrollLeft = 100; }")
        after = page.evaluate(GEOMETRY)
        assert after["scrollLeft"] == 100
        assert after["caption"] == before["caption"], "the caption scrolled with the table"
        assert after["secondCell"]["left"] == pytest.approx(before["secondCell"]["left"] - 100)
        for header in ("rowHeader", "footHeader"):
            assert after[header]["left"] == pytest.approx(after["container"]["left"], abs=1)
        assert page.get_by_role("region", name=MATRIX_CAPTION, exact=True).count() == 1
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


@pytest.mark.parametrize("scripts", [True, False], ids=["script", "no script"])
def test_catalogue_caption_names_the_region_and_shows_only_without_script(
    font_browser: Any, server: str, scripts: bool
) -> None:
    """With the script the live count says what the caption says: the caption gives its
    line to the levers (the header row starts at the top of the scrolling box), yet
    still names the table and its region. Without it the caption shows above the table."""
    context, watch = open_context(font_browser, viewport=PHONE, is_mobile=True)
    if not scripts:
        without_scripts(context)
    try:
        page = context.new_page()
        page.goto(server + "catalogue.html")
        if scripts:
            page.wait_for_selector("#mk-catalogue-filters:not([hidden])")
            dsfr_ready(page)
        drawn = page.evaluate(GEOMETRY)
        caption = drawn["caption"]
        height = caption["bottom"] - caption["top"]
        if scripts:
            assert height <= 1, drawn
            assert drawn["head"]["top"] == pytest.approx(drawn["container"]["top"], abs=1)
        else:
            assert height > 20 and caption["bottom"] <= drawn["head"]["top"], drawn
        for role in ("region", "table"):
            assert page.get_by_role(role, name=CATALOGUE_CAPTION, exact=True).count() == 1
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


@pytest.mark.parametrize("name", ["catalogue.html?canal=courrier", MATRIX])
def test_print_shows_the_whole_table(browser: Any, server: str, name: str) -> None:
    """Paper does not scroll: the box shows every column; rows the filters hide stay
    hidden."""
    context, watch = open_context(browser, viewport={"width": 1280, "height": 900})
    try:
        page = context.new_page()
        page.goto(server + name)
        dsfr_ready(page)
        page.emulate_media(media="print")
        container = page.locator(".fr-table__container").first
        assert container.evaluate("box => getComputedStyle(box).overflowX") == "visible"
        hidden = page.locator("tbody tr[hidden]")
        displays = hidden.evaluate_all("rows => rows.map(row => getComputedStyle(row).display)")
        if name.startswith("catalogue"):
            assert len(displays) > 200 and set(displays) == {"none"}
        else:
            assert displays == []
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []


#: The drawn mark, the width of the cell's own text and the cell as screen readers get it.
CELL = """cell => ({
    mark: getComputedStyle(cell.querySelector("a") || cell, "::before").content,
    hiddenWidth: cell.querySelector("span").getBoundingClientRect().width,
})"""


def test_matrix_marks_are_drawn_and_only_the_words_are_spoken(browser: Any, server: str) -> None:
    """The « — » of an empty cell and the « ✓ » of a checked one come from the CSS with
    an empty alternative text (``matrix_html``): seen, not read; the words « aucun
    levier » and « oui : LEV-… » are read, not seen."""
    context, watch = open_context(browser)
    try:
        page = context.new_page()
        page.goto(server + "tracabilite/actions-engagements.html")
        empty = page.locator("table.mk-matrix td.mk-matrix-empty").first
        checked = page.locator("table.mk-matrix td.mk-matrix-mark").first
        empty_seen, checked_seen = empty.evaluate(CELL), checked.evaluate(CELL)
        assert empty_seen["mark"].startswith('"—"'), empty_seen
        assert checked_seen["mark"].startswith('"✓"'), checked_seen
        assert empty_seen["hiddenWidth"] <= 1 and checked_seen["hiddenWidth"] <= 1
        assert empty.aria_snapshot() == '- cell "aucun levier"'
        spoken = checked.get_by_role("link").aria_snapshot()
        name = re.search(r'link "([^"]*)"', spoken)
        assert name and re.fullmatch(r"oui\s: LEV-\d\d-\d\d(, LEV-\d\d-\d\d)*", name[1]), spoken
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []
