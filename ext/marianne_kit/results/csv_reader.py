"""Reading a CSV checklist: « ; » or « , », UTF-8 with or without BOM, or Windows-1252.

The kit writes UTF-8 with a BOM and « ; »; a referent's spreadsheet may save
it again with commas, or in Windows-1252 (Excel's « CSV » on a French
Windows). The encoding is UTF-8 when the bytes decode as UTF-8 (Windows-1252
text with accents practically never does), else Windows-1252. The separator is
the one of the header line. The apostrophe the kit puts before a cell starting
with ``= + - @`` (so no spreadsheet evaluates it) is removed again.
"""

from __future__ import annotations

import csv
import io
from typing import Final

from ..french_csv import FORMULA_TRIGGERS
from .workbook import MAX_CELLS, MAX_COLUMNS, Sheet, SheetCell, TooManyCells, Workbook

BOM: Final = b"\xef\xbb\xbf"
#: A checklist CSV is about 150 KB.
MAX_CSV_BYTES: Final = 20 * 1024 * 1024


class NotText(Exception):
    """Bytes that are no CSV text (a binary file); the message is the French reason."""


def decode(data: bytes) -> str:
    if data.startswith(BOM):
        return data[len(BOM) :].decode("utf-8", errors="strict")
    if b"\x00" in data[:4096]:
        raise NotText("fichier binaire, ni tableur ni CSV")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


def separator(text: str) -> str:
    """« ; » or « , »: whichever the header line has more of (outside quotes)."""
    header = text.split("\n", 1)[0]
    unquoted = "".join(part for index, part in enumerate(header.split('"')) if index % 2 == 0)
    return "," if unquoted.count(",") > unquoted.count(";") else ";"


def _unneutralise(value: str) -> str:
    if value.startswith("'") and value[1:2] and value[1:].startswith(FORMULA_TRIGGERS):
        return value[1:]
    return value


def read_csv(data: bytes) -> Workbook:
    """The CSV as one sheet; row numbers are record numbers (the header is row 1)."""
    text = decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=separator(text), strict=False)
    sheet = Sheet("")
    count = 0
    try:
        for number, record in enumerate(reader, start=1):
            cells = {
                index: SheetCell(_unneutralise(value))
                for index, value in enumerate(record[:MAX_COLUMNS], start=1)
                if value.strip()
            }
            if cells:
                count += len(cells)
                if count > MAX_CELLS:
                    raise TooManyCells()
                sheet.rows[number] = cells
    except csv.Error as error:
        raise NotText(f"CSV illisible ({error})") from error
    return Workbook("csv", [sheet])
