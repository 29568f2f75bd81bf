"""Traceability matrices built from plain need dicts: rows × columns of levers.

A quality team reads the kit through questions such as « which engagements are
thin on the telephone? » or « which action serves the most engagements? ». Each
question is one matrix: every cell holds the levers that belong to both its row
and its column, so counts, marks, totals and coverage all derive from the same
lever sets and cannot disagree. No Sphinx here: the directive, the CSV export
and the tests all call :func:`build_matrix` on needs as found in ``needs.json``.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..checklists.profiles import SiteProfile
from ..kit.crosswalk import with_served
from ..kit.grouping import kit_order_key
from .matrix_axes import AXES, Axis, AxisSource, AxisTable, Header

ROW_KINDS: Final = AXES.row_kinds()
COLUMN_KINDS: Final = AXES.column_kinds()
CELL_MODES: Final = ("count", "mark", "ids")
SORTS: Final = ("kit", "reach", "alpha")
ORPHANS: Final = ("rows", "cells")


@dataclass(frozen=True)
class MatrixSpec:
    """What one matrix shows; validated by :func:`check_spec` before any build."""

    rows: str
    columns: str
    cell: str = "count"
    sort: str = "kit"
    threshold: int | None = None
    threshold_column: str | None = None
    orphans: str = "rows"
    highlight: int | None = None
    csv: str | None = None


class SpecError(Exception):
    """An impossible combination of options; the message says which option."""


def check_spec(spec: MatrixSpec, axes: AxisTable = AXES) -> None:
    """Refuse what would silently give an empty or meaningless matrix."""
    choices = {
        "rows": (spec.rows, axes.row_kinds()),
        "columns": (spec.columns, axes.column_kinds()),
        "cell": (spec.cell, CELL_MODES),
        "sort": (spec.sort, SORTS),
        "orphans": (spec.orphans, ORPHANS),
    }
    for option, (value, allowed) in choices.items():
        if value not in allowed:
            raise SpecError(
                f"option '{option}': unknown value '{value}' (expected one of: "
                f"{', '.join(allowed)})"
            )
    if spec.rows == spec.columns:
        raise SpecError(f"options 'rows' and 'columns' are both '{spec.rows}'")
    if spec.threshold is not None and not 0 <= spec.threshold <= 100:
        raise SpecError(f"option 'threshold': {spec.threshold} is not a percentage (0 to 100)")
    if spec.threshold_column is not None and spec.threshold is None:
        raise SpecError("option 'threshold-column' needs option 'threshold'")
    known = axes.column(spec.columns).known
    if (
        spec.threshold_column is not None
        and known is not None
        and spec.threshold_column not in known
    ):
        raise SpecError(
            f"option 'threshold-column': unknown {spec.columns} '{spec.threshold_column}' "
            f"(expected one of: {', '.join(known)})"
        )
    if spec.highlight is not None and spec.highlight < 1:
        raise SpecError(f"option 'highlight': {spec.highlight} must be at least 1")


@dataclass(frozen=True)
class Matrix:
    """Headers and lever sets of one matrix; its axes say how to name and link them."""

    spec: MatrixSpec
    row_axis: Axis
    column_axis: Axis
    rows: tuple[Header, ...]
    columns: tuple[Header, ...]
    cells: Mapping[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)

    def levers(self, row: str, column: str) -> tuple[str, ...]:
        """The lever IDs of one cell, in the kit's order."""
        return self.cells.get((row, column), ())

    def value(self, row: str, column: str) -> int:
        """The number a cell stands for: its levers, or 1 for a mark."""
        levers = self.levers(row, column)
        if self.spec.cell == "mark":
            return 1 if levers else 0
        return len(levers)

    def reach(self, row: str) -> int:
        """How many columns of ``row`` hold at least one lever."""
        return sum(1 for column in self.columns if self.levers(row, column.key))

    def row_total(self, row: str) -> int:
        """The sum of the row's cells: what a reader gets by adding them up.

        A sum, not a count of distinct levers: a lever in scope for two sites is
        reviewed twice, and a reader checks a total by adding the cells.
        """
        return sum(self.value(row, column.key) for column in self.columns)

    def column_total(self, column: str) -> int:
        return sum(self.value(row.key, column) for row in self.rows)

    def grand_total(self) -> int:
        return sum(self.row_total(row.key) for row in self.rows)

    def highlighted(self, row: str) -> bool:
        return self.spec.highlight is not None and self.reach(row) >= self.spec.highlight

    def filters(self, row: str, column: str) -> dict[str, str] | None:
        """The catalogue filters that show exactly this cell's levers, if any."""
        row_parameter = self.row_axis.catalogue_parameter
        column_parameter = self.column_axis.catalogue_parameter
        if row_parameter is None or column_parameter is None:
            return None
        return {row_parameter: row, column_parameter: column}


def _fold(text: str) -> str:
    """Alphabetical key that ignores accents and case, as a French reader expects."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _sorted_rows(matrix: Matrix) -> tuple[Header, ...]:
    rows = list(matrix.rows)
    if matrix.spec.sort == "alpha":
        return tuple(sorted(rows, key=lambda h: (_fold(h.label), h.key)))
    if matrix.spec.sort == "reach":
        position = {h.key: index for index, h in enumerate(rows)}
        return tuple(
            sorted(
                rows,
                key=lambda h: (-matrix.reach(h.key), -matrix.row_total(h.key), position[h.key]),
            )
        )
    return tuple(rows)


def build_matrix(
    spec: MatrixSpec,
    needs: Iterable[Mapping[str, Any]],
    profiles: Sequence[SiteProfile] = (),
    axes: AxisTable = AXES,
) -> Matrix:
    """The matrix ``spec`` asks for, computed from every need of the project."""
    check_spec(spec, axes)
    row_axis, column_axis = axes.row(spec.rows), axes.column(spec.columns)
    # Levers carry the SP+ engagements they serve, computed from the crosswalk's needs.
    needs = with_served(needs)
    levers = sorted((n for n in needs if n["type"] == "lever"), key=kit_order_key)
    source = AxisSource(needs, levers, profiles)
    column_keys = column_axis.keys or (lambda lever: [])
    cells: dict[tuple[str, str], list[str]] = {}
    for row_key, (members, allowed) in row_axis.row_groups(source).items():
        for lever in members:
            for column_key in column_keys(lever):
                if allowed(column_key):
                    cells.setdefault((row_key, column_key), []).append(lever["id"])
    unsorted = Matrix(
        spec,
        row_axis,
        column_axis,
        tuple(row_axis.headers(source)),
        tuple(column_axis.headers(source)),
        {key: tuple(ids) for key, ids in cells.items()},
    )
    return Matrix(
        spec, row_axis, column_axis, _sorted_rows(unsorted), unsorted.columns, unsorted.cells
    )
