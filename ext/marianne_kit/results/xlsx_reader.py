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


def _cell(element: Element, strings: list[str], epoch: datetime.date) -> SheetCell | None:
    kind = attribute(element, "t") or "n"
    formula = ""
    raw: str | None = None
    inline = ""
    for child in element:
        name = local(child.tag)
        if name == "f":
            formula = "=" + (child.text or "") if child.text else "=…"
        elif name == "v":
            raw = child.text
        elif name == "is":
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


def _read_sheet(
    name: str, data: bytes, entry: str, strings: list[str], epoch: datetime.date, count: int
) -> tuple[Sheet, int]:
    sheet = Sheet(name)
    row_number = 0
    cells: dict[int, SheetCell] = {}
    column = 0
    stack: list[Element] = []
    for event, element in iterparse(data, entry):
        tag = local(element.tag)
        if event == "start":
            stack.append(element)
            if tag == "row":
                given = attribute(element, "r")
                row_number = int(given) if given and given.isdigit() else row_number + 1
                cells, column = {}, 0
            continue
        stack.pop()
        if tag == "c":
            match = _REF.match(attribute(element, "r") or "")
            column = _column_number(match.group(1)) if match else column + 1
            value = _cell(element, strings, epoch)
            if value is not None and column <= MAX_COLUMNS:
                cells[column] = value
            element.clear()
        elif tag == "row":
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
