"""CSV that opens correctly by double-click in a French-locale spreadsheet.

French Excel and LibreOffice split on « ; » (the comma is the decimal
separator) and read UTF-8 only when the file starts with a byte order mark.
Text cells starting with ``= + - @`` (or a tab or carriage return) would be
evaluated as formulas when opened (CSV injection), so they are prefixed with an
apostrophe, which both programs display as plain text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

BOM = "\ufeff"
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")

Cell = str | int | float | None


def neutralise(text: str) -> str:
    """Text that no spreadsheet will turn into a formula."""
    return "'" + text if text.startswith(FORMULA_TRIGGERS) else text


def _cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        raise TypeError("booleans have no agreed CSV spelling; convert them to text first")
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        # The decimal comma of the French locale.
        return repr(value).replace(".", ",")
    return neutralise(value)


def french_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """The bytes of a CSV file: UTF-8 with BOM, « ; » separators, CRLF line ends."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([_cell(value) for value in header])
    for row in rows:
        writer.writerow([_cell(value) for value in row])
    return (BOM + buffer.getvalue()).encode("utf-8")


def read_french_csv(data: bytes) -> list[list[str]]:
    """Parse bytes written by :func:`french_csv` (for round-trip tests and tools)."""
    text = data.decode("utf-8")
    if text.startswith(BOM):
        text = text[len(BOM) :]
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
