"""Column specs of a spreadsheet table: what each column holds, read by every writer.

A column's letter is its position, never written by hand, so inserting a
column moves every reference to the columns after it (formulas, validations,
filters, merged cells) in both the ODS and the XLSX file at once.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

#: Who writes a column's cells: the kit (text), a formula, or the referent.
Role = Literal["given", "computed", "filled"]


def column_letter(index: int) -> str:
    """The spreadsheet letters of the column at 0-based ``index``: A … Z, AA …"""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


@dataclass(frozen=True)
class Choices:
    """A dropdown: the values a cell accepts, under a name (ODS names its validations)."""

    name: str
    values: tuple[str, ...]


@dataclass(frozen=True)
class Column:
    """One column: its title, its width in centimetres, who fills it and its dropdown."""

    header: str
    width_cm: float
    role: Role = "given"
    choices: Choices | None = None


@dataclass(frozen=True)
class Columns:
    """A table's columns, left to right."""

    columns: tuple[Column, ...]

    def __iter__(self) -> Iterator[Column]:
        return iter(self.columns)

    def __len__(self) -> int:
        return len(self.columns)

    def letter(self, column: Column) -> str:
        """The letter of ``column``, found by position in this table."""
        return column_letter(self.columns.index(column))

    @property
    def letters(self) -> tuple[str, ...]:
        return tuple(column_letter(index) for index in range(len(self.columns)))

    @property
    def last_letter(self) -> str:
        return column_letter(len(self.columns) - 1)

    @property
    def headers(self) -> tuple[str, ...]:
        return tuple(column.header for column in self.columns)

    @property
    def widths_cm(self) -> tuple[float, ...]:
        return tuple(column.width_cm for column in self.columns)

    def of_role(self, role: Role) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.role == role)

    def with_choices(self) -> Iterator[tuple[str, Choices]]:
        """(letter, dropdown) of each column that has one."""
        for letter, column in zip(self.letters, self.columns, strict=True):
            if column.choices is not None:
                yield letter, column.choices
