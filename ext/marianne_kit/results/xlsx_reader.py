"""Reading an XLSX checklist, as written by the kit or re-saved by Excel or LibreOffice.

Excel and LibreOffice move text into a shared-strings table, rename and
reorder sheets' files, and rewrite styles; sheets are therefore found through
``workbook.xml`` and its relationships, by name. Values only: a formula's
cached value is kept with the mark ``formula`` and never recomputed. Numbers in
a date column are Excel serial dates (the workbook's 1900 or 1904 system).
"""

from __future__ import annotations

import datetime
import posixpath
import re
from xml.etree.ElementTree import Element

from .safe_xml import attribute, iterparse, local
from .untrusted_zip import UnsafeArchive, UntrustedZip
from .workbook import MAX_CELLS, MAX_COLUMNS, Sheet, SheetCell, TooManyCells, Workbook

_REF = re.compile(r"^([A-Z]{1,3})([0-9]+)$")
_EPOCH_1900 = datetime.date(1899, 12, 30)
_EPOCH_1904 = datetime.date(1904, 1, 1)


def is_xlsx(archive: UntrustedZip) -> bool:
    return archive.has("xl/workbook.xml")


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - ord("A") + 1
    return number


def _text_of(element: Element) -> str:
    """The text of a shared or inline string: its ``t`` runs, without phonetic hints."""
    if local(element.tag) == "t":
        return element.text or ""
    return "".join(_text_of(child) for child in element if local(child.tag) in ("t", "r"))


def _shared_strings(archive: UntrustedZip) -> list[str]:
    if not archive.has("xl/sharedStrings.xml"):
        return []
    strings: list[str] = []
    for event, element in iterparse(archive.read("xl/sharedStrings.xml"), "xl/sharedStrings.xml"):
        if event == "end" and local(element.tag) == "si":
            strings.append(_text_of(element))
            element.clear()
            if len(strings) > MAX_CELLS:
                raise TooManyCells()
    return strings


def _sheet_paths(archive: UntrustedZip) -> tuple[list[tuple[str, str]], bool]:
    """(sheet name, entry path) in workbook order, and whether dates count from 1904."""
    targets: dict[str, str] = {}
    if archive.has("xl/_rels/workbook.xml.rels"):
        for event, element in iterparse(
            archive.read("xl/_rels/workbook.xml.rels"), "xl/_rels/workbook.xml.rels"
        ):
            if event == "end" and local(element.tag) == "Relationship":
                target = attribute(element, "Target") or ""
                path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
                targets[attribute(element, "Id") or ""] = posixpath.normpath(path)
    sheets: list[tuple[str, str]] = []
    date1904 = False
    for event, element in iterparse(archive.read("xl/workbook.xml"), "xl/workbook.xml"):
        if event != "end":
            continue
        if local(element.tag) == "workbookPr":
            date1904 = (attribute(element, "date1904") or "").lower() in ("1", "true")
        elif local(element.tag) == "sheet":
            path = targets.get(attribute(element, "id") or "", "")
            if archive.has(path):
                sheets.append((attribute(element, "name") or "", path))
    return sheets, date1904


def _cell(element: Element, ns: str, strings: list[str], epoch: datetime.date) -> SheetCell | None:
    kind = element.get("t") or "n"
    formula = ""
    raw: str | None = None
    inline = ""
    for child in element:
        tag = child.tag
        if tag == ns + "v":
            raw = child.text
        elif tag == ns + "f":
            formula = "=" + child.text if child.text else "=…"
        elif tag == ns + "is":
            inline = _text_of(child)
    if kind == "s":
        try:
            text = strings[int(raw or "")]
        except (ValueError, IndexError):
            text = ""
        return SheetCell(text, formula) if text or formula else None
    if kind == "inlineStr":
        return SheetCell(inline, formula) if inline or formula else None
    if kind in ("str", "e"):
        return SheetCell(raw or "", formula) if raw or formula else None
    if kind == "d":  # an ISO 8601 date cell (Excel's strict format)
        try:
            return SheetCell(
                raw or "", formula, None, datetime.date.fromisoformat((raw or "")[:10])
            )
        except ValueError:
            return SheetCell(raw or "", formula)
    if kind == "b":
        return SheetCell("VRAI" if raw == "1" else "FAUX", formula)
    if raw is None or raw == "":
        return SheetCell("", formula) if formula else None
    try:
        number = float(raw)
    except ValueError:
        return SheetCell(raw, formula)
    day = None
    if 0 < number < 2_958_466:  # up to 9999-12-31
        day = epoch + datetime.timedelta(days=int(number))
    text = str(int(number)) if number.is_integer() else raw
    return SheetCell(text, formula, number, day)


def _row_cells(
    row: Element, ns: str, strings: list[str], epoch: datetime.date
) -> dict[int, SheetCell]:
    cells: dict[int, SheetCell] = {}
    column = 0
    for element in row:
        if element.tag != ns + "c":
            continue
        match = _REF.match(element.get("r") or "")
        column = _column_number(match.group(1)) if match else column + 1
        if column > MAX_COLUMNS:
            break
        value = _cell(element, ns, strings, epoch)
        if value is not None:
            cells[column] = value
    return cells


def _read_sheet(
    name: str, data: bytes, entry: str, strings: list[str], epoch: datetime.date, count: int
) -> tuple[Sheet, int]:
    sheet = Sheet(name)
    row_number = 0
    ns = ""
    # Open elements: a finished row is removed from its parent (memory follows one row).
    stack: list[Element] = []
    for event, element in iterparse(data, entry):
        if event == "start":
            if not stack:
                ns = element.tag.partition("}")[0] + "}" if element.tag[0] == "{" else ""
            stack.append(element)
            continue
        stack.pop()
        if element.tag != ns + "row":
            continue
        given = element.get("r")
        row_number = int(given) if given and given.isdigit() else row_number + 1
        cells = _row_cells(element, ns, strings, epoch)
        if cells:
            count += len(cells)
            if count > MAX_CELLS:
                raise TooManyCells()
            sheet.rows[row_number] = cells
        if stack:
            stack[-1].remove(element)
    return sheet, count


def read_xlsx(archive: UntrustedZip) -> Workbook:
    """Every sheet's non-empty cells; raises UnsafeArchive, UnsafeXml or TooManyCells."""
    paths, date1904 = _sheet_paths(archive)
    if not paths:
        raise UnsafeArchive("classeur XLSX sans feuille lisible")
    strings = _shared_strings(archive)
    epoch = _EPOCH_1904 if date1904 else _EPOCH_1900
    book = Workbook("xlsx")
    count = 0
    for name, path in paths:
        sheet, count = _read_sheet(name, archive.read(path), path, strings, epoch, count)
        book.sheets.append(sheet)
    return book
