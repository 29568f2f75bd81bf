"""The action plan as ODS, XLSX and CSV files, beside its page.

One sheet « Plan d’action » with the page's columns, text cells only (dates in
ISO form), so what a referent downloads is what the page shows. The packages
go through the checklists' :func:`~..checklists.zip_package.zip_package`
(fixed entry dates) and the CSV through :func:`~..french_csv.french_csv`, so
the files are byte-identical from one build to the next.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final
from xml.sax.saxutils import escape, quoteattr

from ..checklists.sheet_columns import column_letter
from ..checklists.zip_package import ZipPart, ods_package, zip_package
from ..french_csv import french_csv
from .action_plan import PLAN_HEADERS, ActionPlan

SHEET: Final = "Plan d’action"
_CONTROL: Final = re.compile("[\x00-\x08\x0b-\x1f]")


def _rows(plan: ActionPlan) -> list[Sequence[str]]:
    return [PLAN_HEADERS, *(line.cells for line in plan.lines)]


def _xml_text(value: str) -> str:
    """Text for XML 1.0: control characters a referent pasted would make the file unreadable."""
    return escape(_CONTROL.sub("", value))


def plan_csv(plan: ActionPlan) -> bytes:
    return french_csv(PLAN_HEADERS, [line.cells for line in plan.lines])


def plan_xlsx(plan: ActionPlan) -> bytes:
    rows = []
    for number, values in enumerate(_rows(plan), start=1):
        cells = "".join(
            f'<c r="{column_letter(index)}{number}" t="inlineStr"><is><t xml:space="preserve">'
            f"{_xml_text(value)}</t></is></c>"
            for index, value in enumerate(values)
            if value
        )
        rows.append(f'<row r="{number}">{cells}</row>')
    sheet = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        '<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" '
        'activePane="bottomLeft" state="frozen"/></sheetView></sheetViews>'
        f"<sheetData>{''.join(rows)}</sheetData></worksheet>"
    )
    main = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    package = "http://schemas.openxmlformats.org/package/2006/relationships"
    parts = [
        ZipPart(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" '
            'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
        ),
        ZipPart(
            "_rels/.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="{package}"><Relationship Id="rId1" Type="{main}/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        ),
        ZipPart(
            "xl/workbook.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            f'xmlns:r="{main}"><sheets><sheet name={quoteattr(SHEET)} sheetId="1" r:id="rId1"/>'
            "</sheets></workbook>",
        ),
        ZipPart(
            "xl/_rels/workbook.xml.rels",
            f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships '
            f'xmlns="{package}"><Relationship Id="rId1" Type="{main}/worksheet" '
            'Target="worksheets/sheet1.xml"/></Relationships>',
        ),
        ZipPart("xl/worksheets/sheet1.xml", sheet),
    ]
    return zip_package(parts, plan.today)


_ODS_NS: Final = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.3"'
)


def plan_ods(plan: ActionPlan) -> bytes:
    rows = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string"><text:p>{_xml_text(value)}</text:p>'
            "</table:table-cell>"
            if value
            else "<table:table-cell/>"
            for value in values
        )
        + "</table:table-row>"
        for values in _rows(plan)
    )
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {_ODS_NS}>'
        f"<office:body><office:spreadsheet><table:table table:name={quoteattr(SHEET)}>"
        f'<table:table-column table:number-columns-repeated="{len(PLAN_HEADERS)}"/>'
        f"{rows}</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    return ods_package(content, plan.today)


#: Suffix -> (download label, writer), in the order the page offers them.
PLAN_FORMATS: Final = {
    "ods": ("Tableur ODS (LibreOffice)", plan_ods),
    "xlsx": ("Tableur XLSX (Excel)", plan_xlsx),
    "csv": ("CSV (séparateur point-virgule)", plan_csv),
}
