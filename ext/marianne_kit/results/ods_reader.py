"""Reading an ODS checklist, as written by the kit or re-saved by LibreOffice or Excel.

Only ``content.xml`` is read, cell values only. Repeated rows and cells
(``table:number-rows-repeated``: LibreOffice pads every sheet to 1,048,576
rows with one such element) are never expanded when empty: the row counter
just moves on. A non-empty repeat (two identical adjacent rows, which
LibreOffice merges) is expanded, within :data:`~.workbook.MAX_CELLS`.
Comments (``office:annotation``) are not cell text and are skipped. Tags are
compared with their full namespaced names: the parse is the import's cost.
"""

from __future__ import annotations

import datetime
from typing import Final
from xml.etree.ElementTree import Element

from .safe_xml import UnsafeXml, iterparse
from .untrusted_zip import UnsafeArchive, UntrustedZip
from .workbook import MAX_CELLS, MAX_COLUMNS, Sheet, SheetCell, TooManyCells, Workbook

MIMETYPE: Final = b"application/vnd.oasis.opendocument.spreadsheet"
_TABLE: Final = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_TEXT: Final = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_OFFICE: Final = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TABLE: Final = _TABLE + "table"
ROW: Final = _TABLE + "table-row"
CELL: Final = _TABLE + "table-cell"
COVERED: Final = _TABLE + "covered-table-cell"
ANNOTATION: Final = _OFFICE + "annotation"
PARAGRAPH: Final = _TEXT + "p"
SPACES: Final = _TEXT + "s"
TAB: Final = _TEXT + "tab"
LINE_BREAK: Final = _TEXT + "line-break"
NAME: Final = _TABLE + "name"
ROWS_REPEATED: Final = _TABLE + "number-rows-repeated"
COLUMNS_REPEATED: Final = _TABLE + "number-columns-repeated"
FORMULA: Final = _TABLE + "formula"
VALUE_TYPE: Final = _OFFICE + "value-type"
VALUE: Final = _OFFICE + "value"
DATE_VALUE: Final = _OFFICE + "date-value"
SPACE_COUNT: Final = _TEXT + "c"


def is_ods(archive: UntrustedZip) -> bool:
    if archive.has("mimetype"):
        return archive.read("mimetype").strip() == MIMETYPE
    return archive.has("content.xml")


def _repeat(element: Element, name: str) -> int:
    """A repeat count; a malformed one counts once (the referent cannot see it anyway)."""
    value = element.get(name)
    if value is None:
        return 1
    return int(value) if value.isdigit() and value != "0" else 1


def _paragraph_text(element: Element) -> str:
    """Text of a ``text:p`` with its spaces (``text:s``), tabs and line breaks restored."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if tag == SPACES:
            count = child.get(SPACE_COUNT) or "1"
            parts.append(" " * min(int(count) if count.isdigit() else 1, 1000))
        elif tag == TAB:
            parts.append("\t")
        elif tag == LINE_BREAK:
            parts.append("\n")
        elif tag != ANNOTATION:
            parts.append(_paragraph_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _date(value: str | None) -> datetime.date | None:
    if not value:
        return None
    try:
        return datetime.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _cell(element: Element) -> SheetCell | None:
    """The cell's value, or None for an empty cell."""
    text = "\n".join(_paragraph_text(p) for p in element if p.tag == PARAGRAPH)
    kind = element.get(VALUE_TYPE)
    formula = element.get(FORMULA) or ""
    number = None
    if kind in ("float", "percentage", "currency"):
        try:
            number = float(element.get(VALUE) or "")
        except ValueError:
            number = None
    day = _date(element.get(DATE_VALUE)) if kind == "date" else None
    if not text and number is None and day is None and not formula:
        return None
    return SheetCell(text, formula, number, day)


def _row_cells(row: Element) -> dict[int, SheetCell]:
    cells: dict[int, SheetCell] = {}
    column = 0
    for element in row:
        if element.tag not in (CELL, COVERED):
            continue
        repeat = _repeat(element, COLUMNS_REPEATED)
        value = _cell(element) if element.tag == CELL else None
        if value is not None:
            for offset in range(min(repeat, MAX_COLUMNS - column)):
                cells[column + offset + 1] = value
        column += repeat
        if column >= MAX_COLUMNS:
            break
    return cells


def _read_content(data: bytes) -> Workbook:
    book = Workbook("ods")
    # Open elements: a finished row is removed from its parent, so a sheet of
    # millions of explicit empty rows never accumulates in memory.
    stack: list[Element] = []
    sheet: Sheet | None = None
    row_number = 0
    count = 0
    in_annotation = 0
    for event, element in iterparse(data, "content.xml"):
        tag = element.tag
        if event == "start":
            stack.append(element)
            if tag == TABLE and not in_annotation:
                sheet = Sheet(element.get(NAME) or "")
                book.sheets.append(sheet)
                row_number = 0
            elif tag == ANNOTATION:
                in_annotation += 1
            continue
        stack.pop()
        if tag == ANNOTATION:
            in_annotation -= 1
        elif tag == ROW and sheet is not None and not in_annotation:
            repeat = _repeat(element, ROWS_REPEATED)
            cells = _row_cells(element)
            if cells:
                count += len(cells) * repeat
                if count > MAX_CELLS:
                    raise TooManyCells()
                for offset in range(repeat):
                    sheet.rows[row_number + offset + 1] = cells
            row_number += repeat
            if stack:
                stack[-1].remove(element)
        elif tag == TABLE and not in_annotation:
            sheet = None
    return book


def read_ods(archive: UntrustedZip) -> Workbook:
    """Every sheet's non-empty cells; raises UnsafeArchive, UnsafeXml or TooManyCells."""
    if not archive.has("content.xml"):
        raise UnsafeArchive("fichier ODS sans contenu (content.xml absent)")
    return _read_content(archive.read("content.xml"))


__all__ = ["UnsafeXml", "is_ods", "read_ods"]
