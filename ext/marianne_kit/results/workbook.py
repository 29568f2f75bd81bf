"""A spreadsheet as the import sees it: sheets of sparse cells, values only.

The ODS, XLSX and CSV readers all produce this one structure, so finding
columns by their header text and checking values is written once. Only
non-empty cells are kept: a sheet LibreOffice padded to 1,048,576 rows costs
nothing. A cell remembers the formula it held, because the import never
evaluates one (see :mod:`.checklist_tables`).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Final

#: Cells read from one file, all sheets together; a checklist has about 3,500.
MAX_CELLS: Final = 200_000
#: Columns read per row; a checklist has 12, users add a few.
MAX_COLUMNS: Final = 1024


@dataclass(frozen=True)
class SheetCell:
    """One cell: its text as shown, and its typed value when the file gave one."""

    text: str
    #: The formula the cell held ("" for none), shown when the import refuses it.
    formula: str = ""
    number: float | None = None
    date: datetime.date | None = None


@dataclass
class Sheet:
    """One sheet: row number (1-based) -> column number (1-based) -> cell."""

    name: str
    rows: dict[int, dict[int, SheetCell]] = field(default_factory=dict)


@dataclass
class Workbook:
    """Every sheet of a file, in file order; a CSV file is one sheet named ""."""

    kind: str
    sheets: list[Sheet] = field(default_factory=list)

    def cell_count(self) -> int:
        return sum(len(row) for sheet in self.sheets for row in sheet.rows.values())


class TooManyCells(Exception):
    """The file holds more cells than any checklist could."""
