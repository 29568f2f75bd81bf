"""The layout both spreadsheets share: sheets, columns, rows and « Synthèse » formulas.

The ODS and XLSX writers only differ in XML dialect; keeping what goes in
which cell here guarantees a referent switching between LibreOffice and Excel
finds the same sheet, and that the tests check one layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from . import checklist_text as text
from .scope import Checklist
from .sheet_layout import POINTS_PER_CM, Cell, row_height_pt, shorten, text_width

LEVERS_SHEET: Final = "Leviers"
SUMMARY_SHEET: Final = "Synthèse"
#: Column widths of the « Leviers » sheet, in centimetres (print fits them to the width).
#: Every column title fits on one line in DejaVu Sans Bold 10 (« Engagements » needs 3.1 cm).
LEVER_WIDTHS_CM: Final = (2.8, 3.1, 2.6, 4.5, 11.0, 3.2, 3.5, 2.6, 7.0)
#: Column A also holds the header-field labels (« Date de génération », 3.9 cm in bold).
SUMMARY_WIDTHS_CM: Final = (4.3, 9.0, 4.2, 2.2, 2.2, 2.4, 2.6, 4.3, 7.0)
#: Width the page header may use: A4 landscape less the larger side margins (XLSX: 0.4 in).
PRINTABLE_WIDTH_CM: Final = 29.7 - 2 * 1.016
#: Page-header text is measured at this size: above the 10 pt both files ask for.
HEADER_FONT_SIZE: Final = 11.0
#: Room kept empty between the left and right page-header texts.
HEADER_GAP_CM: Final = 1.0
STATUS_COLUMN: Final = "F"
ENGAGEMENTS_COLUMN: Final = "B"
VERDICT_COLUMN: Final = "H"
FORMULA_COLUMNS: Final = ("C", "D", "E", "F", "G")

Dialect = Literal["xlsx", "ods"]


@dataclass(frozen=True)
class SummaryRow:
    """One row of the « Synthèse » table: fixed text then formulas."""

    label: str
    title: str
    formulas: tuple[str, str, str, str, str]
    with_verdict: bool


def lever_rows(checklist: Checklist) -> list[list[str]]:
    """The « Leviers » sheet below its header: fixed cells, then four cells to fill."""
    return [text.item_row(item) + ["", "", "", ""] for item in checklist.items]


def last_lever_row(checklist: Checklist) -> int:
    """Spreadsheet row number of the last lever (row 1 is the header)."""
    return max(len(checklist.items) + 1, 2)


def summary_header_row(checklist: Checklist, meta: text.ChecklistMeta) -> int:
    """The row of the « Synthèse » column titles, below the site's header fields."""
    return len(text.header_fields(checklist, meta)) + 2


def _range(column: str, last: int, dialect: Dialect) -> str:
    if dialect == "xlsx":
        return f"'{LEVERS_SHEET}'!${column}$2:${column}${last}"
    return f"[$'{LEVERS_SHEET}'.${column}$2:.${column}${last}]"


def _formulas(
    pattern: str | None, row: int, last: int, dialect: Dialect
) -> tuple[str, str, str, str, str]:
    """Counts per status, for one engagement (``pattern``) or for every line (None).

    Lines are matched on the « Engagements » cell with a wildcard because a line
    shared by several engagements counts for each of them.
    """
    sep = "," if dialect == "xlsx" else ";"
    engagements = _range(ENGAGEMENTS_COLUMN, last, dialect)
    statuses = _range(STATUS_COLUMN, last, dialect)
    criteria = [f'{engagements}{sep}"*{pattern}*"'] if pattern else []
    ids = _range("A", last, dialect)

    def count(status: str | None) -> str:
        parts = list(criteria)
        if status is not None:
            parts.append(f'{statuses}{sep}"{status}"')
        if not parts:
            return f"COUNTA({ids})"
        return f"COUNTIFS({sep.join(parts)})"

    applicable = f"{count(None)}-{count('Non applicable')}"
    applicable_cell, in_place_cell = (
        (f"C{row}", f"D{row}") if dialect == "xlsx" else (f"[.C{row}]", f"[.D{row}]")
    )
    # A whole number of percent: the same in both programs, whatever the locale's format.
    percent = (
        f'IF({applicable_cell}=0{sep}""{sep}ROUND(100*{in_place_cell}/{applicable_cell}{sep}0))'
    )
    return (
        applicable,
        count(text.STATUSES[0]),
        count(text.STATUSES[1]),
        count(text.STATUSES[2]),
        percent,
    )


def summary_rows(
    checklist: Checklist, meta: text.ChecklistMeta, dialect: Dialect
) -> list[SummaryRow]:
    """One row per engagement in scope, then the site's total (each line counted once)."""
    first = summary_header_row(checklist, meta) + 1
    last = last_lever_row(checklist)
    rows = [
        SummaryRow(
            label=section.engagement,
            title=section.title,
            formulas=_formulas(section.engagement, first + index, last, dialect),
            with_verdict=True,
        )
        for index, section in enumerate(checklist.sections)
    ]
    total_row = first + len(rows)
    rows.append(
        SummaryRow(
            label="Total",
            title="Toutes les lignes de la liste (une action commune comptée une fois)",
            formulas=_formulas(None, total_row, last, dialect),
            with_verdict=False,
        )
    )
    return rows


def _height(values: Sequence[str], widths: Sequence[float], bold: bool = False) -> float:
    return row_height_pt([Cell(v, w, bold) for v, w in zip(values, widths, strict=True)])


def lever_row_heights(checklist: Checklist) -> list[float]:
    """Heights in points of the « Leviers » rows, column titles first."""
    titles = _height(text.LEVER_COLUMNS, LEVER_WIDTHS_CM, bold=True)
    return [titles] + [_height(values, LEVER_WIDTHS_CM) for values in lever_rows(checklist)]


#: Header-field values span columns B to I of the « Synthèse » sheet.
FIELD_VALUE_WIDTH_CM: Final = sum(SUMMARY_WIDTHS_CM[1:])


def field_row_heights(checklist: Checklist, meta: text.ChecklistMeta) -> list[float]:
    """Heights of the « Synthèse » header-field rows (label, then value across B:I)."""
    return [
        row_height_pt(
            [Cell(label, SUMMARY_WIDTHS_CM[0], bold=True), Cell(value, FIELD_VALUE_WIDTH_CM)]
        )
        for label, value in text.header_fields(checklist, meta)
    ]


def summary_title_height() -> float:
    """Height of the « Synthèse » column-titles row."""
    return _height(text.SUMMARY_COLUMNS, SUMMARY_WIDTHS_CM, bold=True)


def summary_row_height(row: SummaryRow) -> float:
    """Height of one « Synthèse » row: its label and title wrap, counts take one line."""
    return row_height_pt(
        [Cell(row.label, SUMMARY_WIDTHS_CM[0]), Cell(row.title, SUMMARY_WIDTHS_CM[1])]
    )


def print_header(checklist: Checklist, meta: text.ChecklistMeta) -> tuple[str, str]:
    """Left and right page-header texts: site and year, referential version.

    Each program draws both texts across the whole width, so a long site name
    would run into the right-hand text: the site name is shortened with an
    ellipsis to the room the right-hand text leaves (the sheet keeps it whole).
    """
    profile = checklist.profile
    width = PRINTABLE_WIDTH_CM * POINTS_PER_CM
    gap = HEADER_GAP_CM * POINTS_PER_CM
    suffix = f" — autoévaluation {profile.year}"
    whole_left = text_width(profile.name + suffix, HEADER_FONT_SIZE)
    # The right-hand text stays whole unless it would leave the site less than half the width.
    right = shorten(meta.version, max(0.45 * width, width - gap - whole_left), HEADER_FONT_SIZE)
    room = width - gap - text_width(right, HEADER_FONT_SIZE) - text_width(suffix, HEADER_FONT_SIZE)
    return shorten(profile.name, room, HEADER_FONT_SIZE) + suffix, right
