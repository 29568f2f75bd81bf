"""The catalogue's first screen: on a filtered view the count and the first lever show
without scrolling, on a laptop (1280×800) and on a phone (375×800), under both font
families (``tests/fonts.py``).

Expected levers come from ``needs.json``; positions are measured in the page as drawn.
The test asks for the view a commitment tab links to, with facets chosen by the URL.
"""

from __future__ import annotations

from typing import Any

import pytest

from .browser_support import horizontal_overflow, open_context
from .test_catalogue_browser import count_text, ids, visible_ids

pytestmark = pytest.mark.browser

VIEW = "catalogue.html?canal=telephonique&engagement=ENG-12"
HEIGHT = 800
GEOMETRY = """() => {
    const box = el => { const r = el.getBoundingClientRect();
        return {top: r.top, bottom: r.bottom, left: r.left, right: r.right}; };
    const row = [...document.querySelectorAll("#mk-catalogue tbody tr")]
        .find(tr => tr.checkVisibility());
    return {
        scrollY: window.scrollY,
        count: box(document.getElementById("mk-catalogue-count")),
        row: box(row),
        id: box(row.cells[0].querySelector("a")),
        text: box(row.cells[1]),
    };
}"""


def inside(box: dict[str, float], width: int) -> bool:
    return (
        box["top"] >= 0 and box["bottom"] <= HEIGHT and box["left"] >= 0 and box["right"] <= width
    )


@pytest.mark.parametrize("width", [1280, 375])
def test_count_and_first_lever_on_the_first_screen(
    font_browser: Any, server: str, levers: list[dict[str, Any]], width: int
) -> None:
    expected = ids(
        lever
        for lever in levers
        if lever["channel"] == "telephonique" and "ENG-12" in lever["commitment"]
    )
    assert len(expected) > 5
    context, watch = open_context(font_browser, viewport={"width": width, "height": HEIGHT})
    try:
        page = context.new_page()
        page.goto(server + VIEW)
        page.wait_for_selector("#mk-catalogue-filters:not([hidden])")
        assert visible_ids(page) == expected
        drawn = page.evaluate(GEOMETRY)
        assert drawn["scrollY"] == 0
        assert page.locator("#mk-catalogue-count").inner_text() == count_text(len(expected))
        assert inside(drawn["count"], width), drawn
        # The first lever, whole: its row, its ID link and what it says.
        assert inside(drawn["row"], width) or (
            drawn["row"]["bottom"] <= HEIGHT and inside(drawn["text"], width)
        ), drawn
        assert inside(drawn["id"], width) and inside(drawn["text"], width), drawn
        assert drawn["row"]["top"] >= drawn["count"]["bottom"]
        first = page.locator("#mk-catalogue tbody tr:visible th a").first
        assert first.inner_text() == expected[0]
        assert horizontal_overflow(page) == 0
    finally:
        context.close()
    assert watch.outside == [] and watch.errors == []
