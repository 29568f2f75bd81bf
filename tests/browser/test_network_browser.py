"""A network page in Chromium with its folded levers table open: axe, desktop and 375 px,
light and dark, under each font family (the every-page passes of ``test_accessibility``
see the table folded, which axe skips)."""

from __future__ import annotations

from typing import Any

import pytest

from .browser_support import axe_violations, horizontal_overflow, open_context
from .test_accessibility import DESKTOP, PHONE, scheme_applied

pytestmark = pytest.mark.browser

PAGE = "reseau/gironde.html"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_network_page_with_every_table_open_passes_axe(
    font_browser: Any, server: str, width: str, scheme: str
) -> None:
    viewport = PHONE if width == "phone" else DESKTOP
    touch = {"is_mobile": True, "has_touch": True} if width == "phone" else {}
    context, watch = open_context(font_browser, viewport=viewport, color_scheme=scheme, **touch)
    try:
        page = context.new_page()
        page.goto(server + PAGE)
        scheme_applied(scheme)(page, PAGE)
        summary = page.locator("details.mk-network-levers > summary")
        assert summary.count() == 1
        summary.click()
        levers = page.locator("details.mk-network-levers[open] table tbody tr")
        assert levers.count() > 300  # the real kit's levers, every one a row
        charts = page.locator("svg[role=img]")
        assert charts.count() >= 2
        overflow, violations = horizontal_overflow(page), axe_violations(page)
    finally:
        context.close()
    assert overflow == 0
    assert violations == []
    assert watch.outside == [] and watch.errors == []
