"""Each table of a network page as a CSV file and an ODS file, beside the page.

French conventions: the CSV is :func:`~..french_csv.french_csv`'s (UTF-8 with
BOM, « ; », CRLF, formulas neutralised); the ODS has one sheet whose counts and
percents are numbers and whose other cells are text. A withheld figure is its
reason, as text, in every cell it would fill, so a filter or a sum in a
spreadsheet never takes it for a number. Zip entries are dated with the build
date (:func:`~..checklists.zip_package.zip_package`), so the bytes are the same
from one build to the next. No Sphinx here.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from ..checklists.zip_package import ods_package
from ..french_csv import Cell as CsvCell
from ..french_csv import french_csv
from .aggregates import Movement, Withheld
from .network_tables import Cell, Table

#: The formats of each table, in the order the page offers them.
EXPORT_SUFFIXES: Final = ("csv", "ods")
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f]")
_ODS_NS: Final = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" office:version="1.3"'
)


def _plain(cell: Cell) -> CsvCell:
    """What a spreadsheet holds: the reason of a withheld figure, a movement's points."""
    if isinstance(cell, Withheld):
        return cell.reason
    if isinstance(cell, Movement):
        return cell.points
    return cell


def _headers(table: Table) -> list[str]:
    return [column.label + (f" ({column.unit})" if column.unit else "") for column in table.columns]


def table_csv(table: Table) -> bytes:
    """The table as a French-locale CSV file, header first."""
    return french_csv(_headers(table), [[_plain(cell) for cell in row] for row in table.rows])


def _xml_text(value: str) -> str:
    return escape(_CONTROL.sub("", value))


def _ods_cell(cell: Cell) -> str:
    value = _plain(cell)
    if isinstance(value, int):
        return (
            f'<table:table-cell office:value-type="float" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    text = "" if value is None else str(value)
    if not text:
        return "<table:table-cell/>"
    return (
        f'<table:table-cell office:value-type="string"><text:p>{_xml_text(text)}</text:p>'
        "</table:table-cell>"
    )


def table_ods(table: Table, day: datetime.date, title: str = "") -> bytes:
    """The table as a one-sheet ODS file named after its key; ``title`` in its properties."""
    rows: list[Sequence[Cell]] = [_headers(table), *table.rows]
    body = "".join(
        "<table:table-row>" + "".join(_ods_cell(cell) for cell in row) + "</table:table-row>"
        for row in rows
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(table.key)}>"
        f'<table:table-column table:number-columns-repeated="{len(table.columns)}"/>'
        f"{body}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    meta = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {_ODS_NS}><office:meta>'
        f"<dc:title>{_xml_text(title or table.caption)}</dc:title>"
        f"<dc:subject>{_xml_text(table.caption)}</dc:subject><dc:language>fr</dc:language>"
        "</office:meta></office:document-meta>"
    )
    return ods_package(content, day, meta)


def export_name(page: str, table: Table, suffix: str) -> str:
    """A table's file beside its page: ``<page>-<table key>.<suffix>``."""
    return f"{page}-{table.key}.{suffix}"


def table_files(
    page: str, tables: Sequence[Table], day: datetime.date, title: str = ""
) -> dict[str, bytes]:
    """File name -> bytes of every table's CSV and ODS files (names from :func:`export_name`)."""
    files: dict[str, bytes] = {}
    for table in tables:
        files[export_name(page, table, "csv")] = table_csv(table)
        files[export_name(page, table, "ods")] = table_ods(table, day, title)
    return files
