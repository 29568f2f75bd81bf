"""The accessible HTML table of a traceability matrix.

docutils tables have no ``scope`` on header cells and no row headers, which
screen readers need to announce « Engagement 3, Téléphonique, 25 » in a
19 × 27 grid. The table is therefore written here, escaped, from the plain
matrix; URLs come from the caller, which alone knows the pages. It sits in its
own scrolling region so a 375 px screen scrolls the table, not the page. No
Sphinx here.
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Final, Protocol

from ..kit.grouping import count_label
from .matrix import Header, Matrix
from .matrix_stats import COLUMN_NOUNS, ROW_NOUNS

EMPTY_MARK: Final = "—"
CHECK_MARK: Final = "✓"
HIGHLIGHT_MARK: Final = "◆"


class MatrixLinks(Protocol):
    """Where the table's links go; ``None`` leaves the text unlinked."""

    def need(self, need_id: str) -> str | None: ...

    def cell(self, filters: Mapping[str, str]) -> str | None: ...

    def site(self, slug: str) -> str | None: ...


def _link(href: str | None, inner: str, title: str | None = None) -> str:
    if href is None:
        return inner
    title_attribute = f' title="{escape(title)}"' if title else ""
    return f'<a class="reference internal" href="{escape(href)}"{title_attribute}>{inner}</a>'


def _hidden(text: str) -> str:
    """Text for screen readers only; the visible mark beside it is aria-hidden."""
    return f'<span class="mk-sr-only">{escape(text)}</span>'


def _visible(mark: str) -> str:
    return f'<span aria-hidden="true">{mark}</span>'


def _column_header(matrix: Matrix, column: Header, links: MatrixLinks) -> str:
    if matrix.spec.columns == "commitment":
        inner = _hidden("Engagement ") + escape(str(column.number))
        title = f"Engagement {column.number} — {column.label}"
        return f'<th scope="col">{_link(links.need(column.key), inner, title)}</th>'
    return f'<th scope="col">{escape(column.label)}</th>'


def _row_header(matrix: Matrix, row: Header, links: MatrixLinks) -> str:
    parts = []
    if matrix.highlighted(row.key):
        column_singular, column_plural = COLUMN_NOUNS[matrix.spec.columns]
        reach = count_label(matrix.reach(row.key), column_singular, column_plural)
        parts.append(_visible(HIGHLIGHT_MARK) + " " + _hidden(f"Sert {reach}\u00a0: "))
    if matrix.spec.rows == "commitment":
        parts.append(_link(links.need(row.key), escape(f"Engagement {row.number}")))
        parts.append(f' <span class="mk-matrix-subtitle">{escape(row.label)}</span>')
    elif matrix.spec.rows == "practice":
        parts.append(_link(links.need(row.key), escape(row.label)))
    elif matrix.spec.rows == "site":
        parts.append(_link(links.site(row.key), escape(row.label)))
    else:
        parts.append(escape(row.label))
    if row.lever_ids:
        ids = ", ".join(_link(links.need(i), escape(i)) for i in row.lever_ids)
        parts.append(f' <span class="mk-matrix-subtitle">{ids}</span>')
    return f'<th scope="row">{"".join(parts)}</th>'


def _cell(matrix: Matrix, row: Header, column: Header, links: MatrixLinks) -> str:
    levers = matrix.levers(row.key, column.key)
    if not levers:
        inner = _visible(EMPTY_MARK) + _hidden("aucun levier")
        return f'<td class="mk-matrix-empty">{inner}</td>'
    if matrix.spec.cell == "mark":
        hidden = _hidden("oui\u00a0: " + ", ".join(levers))
        inner = _link(links.need(levers[0]), _visible(CHECK_MARK) + hidden)
        return f'<td class="mk-matrix-mark">{inner}</td>'
    if matrix.spec.cell == "ids":
        inner = " ".join(_link(links.need(i), escape(i)) for i in levers)
        return f'<td class="mk-matrix-ids">{inner}</td>'
    filters = matrix.filters(row.key, column.key)
    href = links.cell(filters) if filters is not None else None
    return f"<td>{_link(href, str(len(levers)))}</td>"


def render_table(matrix: Matrix, caption: str, links: MatrixLinks) -> str:
    """The matrix as a captioned table with row and column headers and totals."""
    row_heading = ROW_NOUNS[matrix.spec.rows][0].capitalize()
    head = "".join(_column_header(matrix, column, links) for column in matrix.columns)
    lines = [
        f'<div class="mk-matrix-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">',
        f'<table class="mk-matrix mk-matrix-{matrix.spec.cell}">',
        f"<caption>{escape(caption)}</caption>",
        f'<thead><tr><th scope="col">{escape(row_heading)}</th>{head}'
        '<th scope="col" class="mk-matrix-total">Total</th></tr></thead>',
        "<tbody>",
    ]
    for row in matrix.rows:
        classes = ' class="mk-matrix-highlight"' if matrix.highlighted(row.key) else ""
        cells = "".join(_cell(matrix, row, column, links) for column in matrix.columns)
        total = matrix.row_total(row.key)
        lines.append(
            f"<tr{classes}>{_row_header(matrix, row, links)}{cells}"
            f'<td class="mk-matrix-total">{total}</td></tr>'
        )
    totals = "".join(
        f'<td class="mk-matrix-total">{matrix.column_total(column.key)}</td>'
        for column in matrix.columns
    )
    lines += [
        "</tbody>",
        f'<tfoot><tr><th scope="row">Total</th>{totals}'
        f'<td class="mk-matrix-total mk-matrix-grand-total">{matrix.grand_total()}</td>'
        "</tr></tfoot>",
        "</table>",
        "</div>",
    ]
    return "\n".join(lines) + "\n"
