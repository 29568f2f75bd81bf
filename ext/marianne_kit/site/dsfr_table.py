"""The DSFR table component around a table, written in one place for every writer.

Three writers put tables on the site: Sphinx (docutils tables, through
``scroll_regions``), the lever catalogue and the traceability matrices (raw HTML).
All of them get the markup of the DSFR ≥ 1.12 table: ``div.fr-table`` >
``__wrapper`` > ``__container`` > ``__content`` > ``table``. The DSFR styles cells
only inside ``fr-table__content``, and its script keeps the caption above the box
that scrolls. That box, ``fr-table__container``, is the one tab stop and named
region of the table (``tabindex="0" role="region"``, WCAG 2.1.1, axe
``scrollable-region-focusable``), in the HTML itself so the no-JavaScript view
passes too. One function, so that the three writers cannot drift apart.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape
from typing import Final

#: Closes what :func:`table_start` opens.
TABLE_END: Final = "</div></div></div></div>"


def table_start(
    *,
    label: str | None = None,
    labelledby: str | None = None,
    modifiers: Iterable[str] = (),
    classes: Iterable[str] = (),
) -> str:
    """The DSFR table's opening tags up to the table; the scrolling box is named by
    ``label`` (text) or ``labelledby`` (an element ID, the caption's), never both.
    ``modifiers`` are DSFR variants (``"sm"`` gives ``fr-table--sm``); ``classes`` are
    the page's own hooks on the outer ``div``."""
    if (label is None) == (labelledby is None):
        raise ValueError("a table region is named by label or labelledby, exactly one")
    names = ["fr-table", *(f"fr-table--{modifier}" for modifier in modifiers), *classes]
    name = (
        f'aria-label="{escape(label)}"'
        if label is not None
        else f'aria-labelledby="{escape(str(labelledby))}"'
    )
    return (
        f'<div class="{escape(" ".join(names))}"><div class="fr-table__wrapper">'
        f'<div class="fr-table__container" tabindex="0" role="region" {name}>'
        '<div class="fr-table__content">'
    )
