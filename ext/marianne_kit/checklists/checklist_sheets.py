"""The layout both spreadsheets share: sheets, columns, rows and « Synthèse » formulas.

The ODS and XLSX writers only differ in XML dialect; keeping what goes in
which cell here guarantees a referent switching between LibreOffice and Excel
finds the same sheet, and that the tests check one layout.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final, Literal

from . import checklist_info as info
from . import checklist_text as text
from .checklist_info import year_edition
from .prefill import NOT_REVIEWED, REVIEWED_VALUES, carried_line
from .scope import Checklist
from .sheet_columns import Choices, Column, Columns
from .sheet_layout import POINTS_PER_CM, Cell, row_height_pt, shorten, text_width

LEVERS_SHEET: Final = "Leviers"
SUMMARY_SHEET: Final = "Synthèse"
STATUS_CHOICES: Final = Choices("status", text.STATUSES)
VERDICT_CHOICES: Final = Choices("verdict", text.VERDICTS)
ID: Final = Column("ID", 2.8)
COMMITMENTS: Final = Column("Engagements", 3.1)
STATUS: Final = Column("Statut", 3.2, "filled", STATUS_CHOICES)
#: The « Leviers » sheet; widths in centimetres (print fits them to the width).
#: Every column title fits on one line in DejaVu Sans Bold 10 (« Engagements » needs 3.1 cm).
LEVER_COLUMNS: Final = Columns(
    (
        ID,
        COMMITMENTS,
        Column("Canal", 2.6),
        Column("Catégorie", 4.5),
        Column("Levier", 11.0),
        STATUS,
        Column("Responsable", 3.5, "filled"),
        Column("Échéance", 2.6, "filled"),
        Column("Commentaire / preuve", 7.0, "filled"),
    )
)
#: Pre-fill: « Revu » follows « Statut » when last year's answers are carried over.
REVIEWED: Final = Column("Revu", 1.8, "filled", Choices("reviewed", REVIEWED_VALUES))
APPLICABLE: Final = Column("Leviers applicables", 4.2, "computed")
IN_PLACE: Final = Column("En place", 2.2, "computed")
#: The « Synthèse » table. Column A also holds the header-field labels
#: (« Date de génération », 3.9 cm in bold); the values span the other columns.
SUMMARY_COLUMNS: Final = Columns(
    (
        Column("Engagement", 4.3),
        Column("Intitulé", 9.0),
        APPLICABLE,
        IN_PLACE,
        Column("En cours", 2.2, "computed"),
        Column("À engager", 2.4, "computed"),
        Column("% en place", 2.6, "computed"),
        Column("Engagement tenu ?", 4.3, "filled", VERDICT_CHOICES),
        Column("Indicateur / preuve", 7.0, "filled"),
    )
)
LEVER_WIDTHS_CM: Final = LEVER_COLUMNS.widths_cm
SUMMARY_WIDTHS_CM: Final = SUMMARY_COLUMNS.widths_cm
#: Width the page header may use: A4 landscape less the larger side margins (XLSX: 0.4 in).
PRINTABLE_WIDTH_CM: Final = 29.7 - 2 * 1.016
#: Page-header text is measured at this size: above the 10 pt both files ask for.
HEADER_FONT_SIZE: Final = 11.0
#: Room kept empty between the left and right page-header texts.
HEADER_GAP_CM: Final = 1.0

Dialect = Literal["xlsx", "ods"]


@dataclass(frozen=True)
class SummaryRow:
    """One row of the « Synthèse » table: fixed text then formulas."""

    label: str
    title: str
    formulas: tuple[str, str, str, str, str]
    with_verdict: bool


def lever_columns(checklist: Checklist) -> Columns:
    """The « Leviers » columns of this checklist: pre-filled ones add « Statut N−1 » before
    « Statut » and « Revu » after it (letters follow, being positions)."""
    if checklist.prefill is None:
        return LEVER_COLUMNS
    columns = list(LEVER_COLUMNS.columns)
    at = columns.index(STATUS)
    columns[at : at + 1] = [Column(checklist.prefill.previous_header, 3.0), STATUS, REVIEWED]
    return Columns(tuple(columns))


def lever_rows(checklist: Checklist) -> list[list[str]]:
    """The « Leviers » sheet below its header: fixed cells, then the cells to fill."""
    if checklist.prefill is None:
        to_fill = [""] * len(LEVER_COLUMNS.of_role("filled"))
        return [text.item_row(item) + to_fill for item in checklist.items]
    rows = []
    for item in checklist.items:
        line = carried_line(checklist.prefill, item.lever_ids)
        carried = [line.previous, line.status, NOT_REVIEWED, line.owner, line.due, line.comment]
        rows.append(text.item_row(item) + carried)
    return rows


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
    pattern: str | None, row: int, last: int, dialect: Dialect, lever_columns: Columns
) -> tuple[str, str, str, str, str]:
    """Counts per status, for one engagement (``pattern``) or for every line (None).

    Lines are matched on the « Engagements » cell with a wildcard because a line
    shared by several engagements counts for each of them.
    """
    sep = "," if dialect == "xlsx" else ";"
    commitments = _range(lever_columns.letter(COMMITMENTS), last, dialect)
    statuses = _range(lever_columns.letter(STATUS), last, dialect)
    criteria = [f'{commitments}{sep}"*{pattern}*"'] if pattern else []
    ids = _range(lever_columns.letter(ID), last, dialect)

    def count(status: str | None) -> str:
        parts = list(criteria)
        if status is not None:
            parts.append(f'{statuses}{sep}"{status}"')
        if not parts:
            return f"COUNTA({ids})"
        return f"COUNTIFS({sep.join(parts)})"

    applicable = f"{count(None)}-{count('Non applicable')}"
    applicable_cell, in_place_cell = (
        f"{SUMMARY_COLUMNS.letter(column)}{row}" for column in (APPLICABLE, IN_PLACE)
    )
    if dialect == "ods":
        applicable_cell, in_place_cell = f"[.{applicable_cell}]", f"[.{in_place_cell}]"
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
    columns = lever_columns(checklist)
    rows = [
        SummaryRow(
            label=section.commitment,
            title=section.title,
            formulas=_formulas(section.commitment, first + index, last, dialect, columns),
            with_verdict=True,
        )
        for index, section in enumerate(checklist.sections)
    ]
    total_row = first + len(rows)
    rows.append(
        SummaryRow(
            label="Total",
            title="Toutes les lignes de la liste (une action commune comptée une fois)",
            formulas=_formulas(None, total_row, last, dialect, columns),
            with_verdict=False,
        )
    )
    return rows


def summary_values(row: SummaryRow) -> list[str]:
    """One value per « Synthèse » column: the given texts, the formulas, then cells to fill."""
    given, formulas = iter((row.label, row.title)), iter(row.formulas)
    values = [
        next(given) if column.role == "given" else next(formulas) if column.role == "computed"
        else ""
        for column in SUMMARY_COLUMNS
    ]  # fmt: skip
    if next(given, None) is not None or next(formulas, None) is not None:
        raise ValueError("« Synthèse » columns and row values disagree")
    return values


def _height(values: Sequence[str], widths: Sequence[float], bold: bool = False) -> float:
    return row_height_pt([Cell(v, w, bold) for v, w in zip(values, widths, strict=True)])


def lever_row_heights(checklist: Checklist) -> list[float]:
    """Heights in points of the « Leviers » rows, column titles first."""
    columns = lever_columns(checklist)
    titles = _height(columns.headers, columns.widths_cm, bold=True)
    return [titles] + [_height(values, columns.widths_cm) for values in lever_rows(checklist)]


#: Header-field values span columns B to the last of the « Synthèse » sheet.
FIELD_VALUE_WIDTH_CM: Final = sum(SUMMARY_WIDTHS_CM[1:])


def field_row_heights(checklist: Checklist, meta: text.ChecklistMeta) -> list[float]:
    """Heights of the « Synthèse » header-field rows (label, then value across B:I)."""
    return [
        row_height_pt(
            [Cell(label, SUMMARY_WIDTHS_CM[0], bold=True), Cell(value, FIELD_VALUE_WIDTH_CM)]
        )
        for label, value in text.header_fields(checklist, meta)
    ]


def info_row_heights(checklist: Checklist, meta: text.ChecklistMeta) -> list[float]:
    """Heights of the « Informations » rows, column titles first (a long site name wraps)."""
    rows = [info.INFO_COLUMNS] + [
        (label, str(value)) for label, value in info.info_fields(checklist, meta)
    ]
    return [
        row_height_pt([Cell(a, info.INFO_WIDTHS_CM[0], bold=True), Cell(b, info.INFO_WIDTHS_CM[1])])
        for a, b in rows
    ]


def summary_title_height() -> float:
    """Height of the « Synthèse » column-titles row."""
    return _height(SUMMARY_COLUMNS.headers, SUMMARY_WIDTHS_CM, bold=True)


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
    suffix = f" — {year_edition(profile.year, meta)}"
    whole_left = text_width(profile.name + suffix, HEADER_FONT_SIZE)
    # The right-hand text stays whole unless it would leave the site less than half the width.
    right = shorten(meta.version, max(0.45 * width, width - gap - whole_left), HEADER_FONT_SIZE)
    room = width - gap - text_width(right, HEADER_FONT_SIZE) - text_width(suffix, HEADER_FONT_SIZE)
    return shorten(profile.name, room, HEADER_FONT_SIZE) + suffix, right
