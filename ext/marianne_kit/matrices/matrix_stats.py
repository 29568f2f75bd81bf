"""Coverage statistics, orphans and the CSV table of a traceability matrix.

The sentences under a matrix answer the quality team's question in words
(« 17 engagements sur 19 ont au moins un levier du canal « Téléphonique » »), and
the threshold check turns the same numbers into a build failure, so what the page
says and what fails the build are one computation. No Sphinx here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from ..french_csv import Cell
from ..kit.grouping import count_label
from .matrix import Header, Matrix

NBSP: Final = "\u00a0"


def quoted(text: str) -> str:
    """French guillemets with their no-break spaces."""
    return f"«{NBSP}{text}{NBSP}»"


def percent(part: int, whole: int) -> str:
    """« 89 % », rounded to the unit, with the no-break space French puts before %."""
    value = round(100 * part / whole) if whole else 0
    return f"{value}{NBSP}%"


def column_name(matrix: Matrix, column: Header) -> str:
    """How a sentence names a column: « du canal « Téléphonique » », « de l’engagement 3 »."""
    axis = matrix.column_axis
    named = axis.short(column) if axis.numbered else quoted(column.label)
    return f"{axis.of_article}{axis.singular} {named}"


@dataclass(frozen=True)
class Coverage:
    """How many rows hold at least one lever in ``column`` (all columns if None)."""

    column: Header | None
    covered: int
    total: int

    def below(self, threshold: int) -> bool:
        # Exact comparison: 79.5 % is below 80 % even though it prints « 80 % ».
        return self.covered * 100 < threshold * self.total


def row_coverage(matrix: Matrix) -> Coverage:
    covered = sum(1 for row in matrix.rows if matrix.row_total(row.key))
    return Coverage(None, covered, len(matrix.rows))


def column_coverage(matrix: Matrix) -> list[Coverage]:
    return [
        Coverage(
            column,
            sum(1 for row in matrix.rows if matrix.levers(row.key, column.key)),
            len(matrix.rows),
        )
        for column in matrix.columns
    ]


def coverage_sentence(matrix: Matrix, coverage: Coverage) -> str:
    """« 17 engagements sur 19 ont au moins un levier du canal « Téléphonique » (89 %) »."""
    singular, plural = matrix.row_axis.singular, matrix.row_axis.plural
    verb_singular, verb_plural = matrix.row_axis.covered
    verb = verb_singular if coverage.covered <= 1 else verb_plural
    where = "" if coverage.column is None else " " + column_name(matrix, coverage.column)
    share = percent(coverage.covered, coverage.total)
    counted = count_label(coverage.covered, singular, plural)
    return f"{counted} sur {coverage.total} {verb}{where} ({share})"


def threshold_failures(matrix: Matrix) -> list[Coverage]:
    """The columns whose coverage is below the spec's threshold (none without one)."""
    threshold = matrix.spec.threshold
    if threshold is None or not matrix.rows:
        return []
    chosen = matrix.spec.threshold_column
    return [
        coverage
        for coverage in column_coverage(matrix)
        if coverage.column is not None
        and (chosen is None or coverage.column.key == chosen)
        and coverage.below(threshold)
    ]


def empty_rows(matrix: Matrix) -> list[Header]:
    """Rows without any lever: a practice no lever cites, a site with nothing in scope."""
    return [row for row in matrix.rows if not matrix.row_total(row.key)]


def empty_columns(matrix: Matrix) -> list[Header]:
    return [column for column in matrix.columns if not matrix.column_total(column.key)]


def empty_cells(matrix: Matrix) -> list[tuple[Header, list[Header]]]:
    """Per row, the empty cells in columns the kit covers elsewhere.

    A column no row fills (a channel absent from the whole kit) is reported once
    by :func:`empty_columns`, not once per row.
    """
    covered = [column for column in matrix.columns if matrix.column_total(column.key)]
    found = []
    for row in matrix.rows:
        missing = [column for column in covered if not matrix.levers(row.key, column.key)]
        if missing and matrix.row_total(row.key):
            found.append((row, missing))
    return found


def orphan_sentences(matrix: Matrix) -> list[str]:
    """The orphans under a matrix, as French sentences (empty list: no orphan)."""
    sentences = []
    row_axis, column_axis = matrix.row_axis, matrix.column_axis
    singular, plural = row_axis.singular, row_axis.plural
    column_singular, column_plural = column_axis.singular, column_axis.plural
    rows = empty_rows(matrix)
    if rows:
        names = ", ".join(row_axis.name(row) for row in rows)
        sentences.append(f"{count_label(len(rows), singular, plural)} sans levier{NBSP}: {names}.")
    columns = empty_columns(matrix)
    if columns:
        names = ", ".join(column.label for column in columns)
        counted = count_label(len(columns), column_singular, column_plural)
        sentences.append(f"{counted} sans levier{NBSP}: {names}.")
    if matrix.spec.orphans == "cells":
        for row, missing in empty_cells(matrix):
            names = ", ".join(column_axis.short(column) for column in missing)
            if len(missing) > 1:
                what = f"les {column_plural} {names}"
            else:
                what = f"{column_axis.article}{column_singular} {names}"
            sentences.append(f"{row_axis.name(row)}{NBSP}: aucun levier pour {what}.")
    return sentences


def highlight_sentence(matrix: Matrix) -> str | None:
    """The legend of the ◆ mark: « ◆ : 12 actions servent au moins 2 engagements. »"""
    minimum = matrix.spec.highlight
    if minimum is None:
        return None
    count = sum(1 for row in matrix.rows if matrix.highlighted(row.key))
    row_axis, column_axis = matrix.row_axis, matrix.column_axis
    verb = column_axis.reached[0] if count <= 1 else column_axis.reached[1]
    counted = count_label(count, row_axis.singular, row_axis.plural)
    reach = count_label(minimum, column_axis.singular, column_axis.plural)
    return f"◆{NBSP}: {counted} {verb} au moins {reach}."


def csv_table(matrix: Matrix) -> tuple[list[str], list[list[Cell]]]:
    """Header and rows of the CSV export: the numbers of the HTML table, totals included."""
    header = [
        "Identifiant",
        matrix.row_axis.singular.capitalize(),
        *(matrix.column_axis.name(column) for column in matrix.columns),
        "Total",
    ]
    rows: list[list[Cell]] = [
        [
            row.key,
            row.label,
            *(matrix.value(row.key, column.key) for column in matrix.columns),
            matrix.row_total(row.key),
        ]
        for row in matrix.rows
    ]
    rows.append(
        [
            "",
            "Total",
            *(matrix.column_total(column.key) for column in matrix.columns),
            matrix.grand_total(),
        ]
    )
    return header, rows
