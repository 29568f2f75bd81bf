"""The accessible HTML table of a traceability matrix.

docutils tables have no ``scope`` on header cells and no row headers, which
screen readers need to announce « Engagement 3, Téléphonique, 25 » in a
19 × 27 grid. The table is therefore written here, escaped, from the plain
matrix; URLs come from the caller, which alone knows the pages. It is the DSFR
table (``site.dsfr_table``), bordered, whose container is a named scrolling
region so a 375 px screen scrolls the table, not the page; the row headers stay
in view (``fr-cell--fixed``). No Sphinx here.

A matrix has thousands of cells (5,608 empty ones on « Actions et engagements »),
so a cell's markup is kept short: its marks « — » and « ✓ » are drawn by the
site's CSS (``marianne.css``, with an empty alternative text so screen readers
skip them) and its text for screen readers is a bare ``<span>`` that the same
CSS hides visually. Each repeated byte weighs on the page (``benchmarks/weights.py``).
Cells are separated by line breaks: Sphinx's search indexes raw HTML with its tags
removed, and cells written edge to edge would glue their words together
(« lev-02-29aucun »).
"""

from __future__ import annotations

from html import escape
from typing import Final

from ..kit.grouping import count_label
from ..site.dsfr_table import TABLE_END, table_start
from .matrix import Header, Matrix
from .matrix_axes import MatrixLinks

#: The marks of empty and checked cells are drawn by marianne.css (« — » and « ✓ »).
HIGHLIGHT_MARK: Final = "◆"
#: Small paddings (19 × 27 cells), a grid (the eye follows a row and a column), row
#: labels that wrap (the DSFR keeps cells on one line by default).
TABLE_MODIFIERS: Final = ("sm", "bordered", "multiline")
#: A header cell that stays at the left while the table scrolls sideways.
FIXED: Final = ' class="fr-cell--fixed"'


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
    axis = matrix.column_axis
    if axis.numbered:
        inner = _hidden(axis.capitalized + " ") + escape(str(column.number))
        title: str | None = f"{axis.name(column)} — {column.label}"
    else:
        inner, title = escape(column.label), None
    return f'<th scope="col">{_link(axis.href(links, column), inner, title)}</th>'


def _row_header(matrix: Matrix, row: Header, links: MatrixLinks) -> str:
    parts = []
    axis = matrix.row_axis
    if matrix.highlighted(row.key):
        columns = matrix.column_axis
        reach = count_label(matrix.reach(row.key), columns.singular, columns.plural)
        parts.append(_visible(HIGHLIGHT_MARK) + " " + _hidden(f"Sert {reach}\u00a0: "))
    parts.append(_link(axis.href(links, row), escape(axis.name(row))))
    if axis.numbered:
        parts.append(f' <span class="mk-matrix-subtitle">{escape(row.label)}</span>')
    if row.lever_ids:
        ids = ", ".join(_link(links.need(i), escape(i)) for i in row.lever_ids)
        parts.append(f' <span class="mk-matrix-subtitle">{ids}</span>')
    return f'<th scope="row"{FIXED}>{"".join(parts)}</th>'


def _cell(matrix: Matrix, row: Header, column: Header, links: MatrixLinks) -> str:
    levers = matrix.levers(row.key, column.key)
    # The CSS draws the mark and hides the bare <span> visually (module docstring).
    if not levers:
        return '<td class="mk-matrix-empty"><span>aucun levier</span></td>'
    if matrix.spec.cell == "mark":
        hidden = "<span>" + escape("oui\u00a0: " + ", ".join(levers)) + "</span>"
        return f'<td class="mk-matrix-mark">{_link(links.need(levers[0]), hidden)}</td>'
    if matrix.spec.cell == "ids":
        inner = " ".join(_link(links.need(i), escape(i)) for i in levers)
        return f'<td class="mk-matrix-ids">{inner}</td>'
    filters = matrix.filters(row.key, column.key)
    href = links.cell(filters) if filters is not None else None
    return f"<td>{_link(href, str(len(levers)))}</td>"


def render_table(matrix: Matrix, caption: str, links: MatrixLinks) -> str:
    """The matrix as a captioned table with row and column headers and totals."""
    row_heading = matrix.row_axis.singular.capitalize()
    head = "\n".join(_column_header(matrix, column, links) for column in matrix.columns)
    lines = [
        table_start(label=caption, modifiers=TABLE_MODIFIERS, classes=("mk-matrix-table",)),
        f'<table class="mk-matrix mk-matrix-{matrix.spec.cell}">',
        f"<caption>{escape(caption)}</caption>",
        f'<thead><tr><th scope="col"{FIXED}>{escape(row_heading)}</th>\n{head}\n'
        '<th scope="col" class="mk-matrix-total">Total</th></tr></thead>',
        "<tbody>",
    ]
    for row in matrix.rows:
        classes = ' class="mk-matrix-highlight"' if matrix.highlighted(row.key) else ""
        cells = "\n".join(_cell(matrix, row, column, links) for column in matrix.columns)
        total = matrix.row_total(row.key)
        lines.append(
            f"<tr{classes}>{_row_header(matrix, row, links)}\n{cells}\n"
            f'<td class="mk-matrix-total">{total}</td></tr>'
        )
    totals = "\n".join(
        f'<td class="mk-matrix-total">{matrix.column_total(column.key)}</td>'
        for column in matrix.columns
    )
    lines += [
        "</tbody>",
        f'<tfoot><tr><th scope="row"{FIXED}>Total</th>\n{totals}\n'
        f'<td class="mk-matrix-total mk-matrix-grand-total">{matrix.grand_total()}</td>'
        "</tr></tfoot>",
        "</table>",
        TABLE_END,
    ]
    return "\n".join(lines) + "\n"
