"""The layout both spreadsheets share: sheets, columns, rows and « Synthèse » formulas.

The ODS and XLSX writers only differ in XML dialect; keeping what goes in
which cell here guarantees a referent switching between LibreOffice and Excel
finds the same sheet, and that the tests check one layout.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final, Literal

from . import checklist_text as text
from .scope import Checklist

LEVERS_SHEET: Final = "Leviers"
SUMMARY_SHEET: Final = "Synthèse"
#: Column widths of the « Leviers » sheet, in centimetres (print fits them to the width).
LEVER_WIDTHS_CM: Final = (2.8, 2.6, 2.6, 4.5, 11.0, 3.2, 3.5, 2.6, 7.0)
SUMMARY_WIDTHS_CM: Final = (2.6, 9.0, 2.6, 2.2, 2.2, 2.2, 2.4, 3.2, 7.0)
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


def print_header(checklist: Checklist, meta: text.ChecklistMeta) -> tuple[str, str]:
    """Left and right page-header texts: site and year, referential version."""
    profile = checklist.profile
    return f"{profile.name} — autoévaluation {profile.year}", meta.version
