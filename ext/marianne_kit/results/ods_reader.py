"""Reading an ODS checklist, as written by the kit or re-saved by LibreOffice or Excel.

Only ``content.xml`` is read, cell values only. Repeated rows and cells
(``table:number-rows-repeated``: LibreOffice pads every sheet to 1,048,576
rows with one such element) are never expanded when empty: the row counter
just moves on. A non-empty repeat (two identical adjacent rows, which
LibreOffice merges) is expanded, within :data:`~.workbook.MAX_CELLS`.
Comments (``office:annotation``) are not cell text and are skipped.
"""

from __future__ import annotations

import datetime
from xml.etree.ElementTree import Element

from .safe_xml import UnsafeXml, attribute, iterparse, local
from .untrusted_zip import UnsafeArchive, UntrustedZip
from .workbook import MAX_CELLS, MAX_COLUMNS, Sheet, SheetCell, TooManyCells, Workbook

MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"


def is_ods(archive: UntrustedZip) -> bool:
    if archive.has("mimetype"):
        return archive.read("mimetype").strip() == MIMETYPE
    return archive.has("content.xml")


def _paragraph_text(element: Element) -> str:
    """Text of a ``text:p`` with its spaces (``text:s``), tabs and line breaks restored."""
    parts = [element.text or ""]
    for child in element:
        name = local(child.tag)
        if name == "s":
            parts.append(" " * int(attribute(child, "c") or 1))
        elif name == "tab":
            parts.append("\t")
        elif name == "line-break":
            parts.append("\n")
        elif name != "annotation":
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
    text = "\n".join(_paragraph_text(p) for p in element if local(p.tag) == "p")
    kind = attribute(element, "value-type")
    formula = attribute(element, "formula") or ""
    number = None
    if kind in ("float", "percentage", "currency"):
        try:
            number = float(attribute(element, "value") or "")
        except ValueError:
            number = None
    day = _date(attribute(element, "date-value")) if kind == "date" else None
    if not text and number is None and day is None and not formula:
        return None
    return SheetCell(text, formula, number, day)


def _read_content(data: bytes) -> Workbook:
    book = Workbook("ods")
    sheet: Sheet | None = None
    row_number = 0
    cells: dict[int, SheetCell] = {}
    column = 0
    depth_in_annotation = 0
    count = 0
    # Open elements: a finished row is removed from its parent, so a sheet of
    # millions of explicit empty rows never accumulates in memory.
    stack: list[Element] = []
    for event, element in iterparse(data, "content.xml"):
        name = local(element.tag)
        if event == "start":
            stack.append(element)
        else:
            stack.pop()
        if name == "annotation":
            depth_in_annotation += 1 if event == "start" else -1
            continue
        if depth_in_annotation:
            continue
        if event == "start":
            if name == "table":
                sheet = Sheet(attribute(element, "name") or "")
                book.sheets.append(sheet)
                row_number = 0
            elif name == "table-row":
                cells, column = {}, 0
            continue
        if sheet is None:
            continue
        if name in ("table-cell", "covered-table-cell"):
            repeat = int(attribute(element, "number-columns-repeated") or 1)
            value = _cell(element) if name == "table-cell" else None
            if value is not None:
                for offset in range(min(repeat, MAX_COLUMNS - column)):
                    cells[column + offset + 1] = value
            column += repeat
            element.clear()
        elif name == "table-row":
            repeat = int(attribute(element, "number-rows-repeated") or 1)
            if cells:
                count += len(cells) * repeat
                if count > MAX_CELLS:
                    raise TooManyCells()
                for offset in range(repeat):
                    sheet.rows[row_number + offset + 1] = cells
            row_number += repeat
            if stack:
                stack[-1].remove(element)
        elif name == "table":
            element.clear()
            sheet = None
    return book


def read_ods(archive: UntrustedZip) -> Workbook:
    """Every sheet's non-empty cells; raises UnsafeArchive, UnsafeXml or TooManyCells."""
    if not archive.has("content.xml"):
        raise UnsafeArchive("fichier ODS sans contenu (content.xml absent)")
    return _read_content(archive.read("content.xml"))


__all__ = ["UnsafeXml", "is_ods", "read_ods"]
