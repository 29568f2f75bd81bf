"""A site's checklist page printed by Chromium on A4: every line on the paper, nothing cut.

The page's tables are DSFR tables (``fr-table``), whose container scrolls on a
screen; the page's column sits in the DSFR grid, a flex row. Either can make the
printed page wider than the paper, which Chromium then cuts at the paper's right
edge: a column of boxes or half a lever's text lost, with every ID still there.
So the words' boxes are read from the printed PDF (``pdftotext -bbox``).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from checklist_readers import PDFTOTEXT, needs_pdftotext
from fonts import FontFamily
from print_geometry import word_boxes

from .browser_support import open_context

#: The pre-filled site: its status column is the widest (« En place (repris de 2025) »).
PAGE = "checklists/sous-prefecture-lesparre-medoc.html"
#: Its levers, counted by hand from its profile (tests/test_checklists.py, SCOPE_SIZES).
LEVERS = 261
#: @page margin of 12 mm, in points, less 1 pt for pdftotext's rounding.
MARGIN = 12 / 25.4 * 72 - 1


@needs_pdftotext
@pytest.mark.browser
def test_checklist_page_prints_every_column_inside_the_paper(
    font_browser: Any, font_family: FontFamily, server: str, tmp_path: Path
) -> None:
    context, _ = open_context(font_browser, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(server + PAGE)
    shown = page.eval_on_selector_all(
        "table.mk-checklist-table tbody th a", "links => links.map(a => a.textContent)"
    )
    assert len(set(shown)) == LEVERS
    tables = page.locator("table.mk-checklist-table").count()
    rows = page.locator("table.mk-checklist-table tbody tr").count()
    assert tables > 0 and rows > 0
    pdf = tmp_path / "liste.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=False)
    context.close()
    assert PDFTOTEXT is not None
    pages = word_boxes(pdf, PDFTOTEXT)
    width = 595.28  # A4 portrait, in points
    outside = [
        (number, box.text, round(box.x1))
        for number, boxes in enumerate(pages, 1)
        for box in boxes
        if box.x1 > width - MARGIN or box.x0 < MARGIN
    ]
    assert outside == [], f"words beyond the paper's margins ({font_family.name})"
    words = [box.text for boxes in pages for box in boxes]
    assert set(shown) <= set(words), "every lever's ID is printed"
    # The last column, headed on every table's first page at least, and filled on every line.
    assert words.count("Suivi") >= tables
    assert words.count("Responsable") >= rows, "each line's follow-up column is printed"
