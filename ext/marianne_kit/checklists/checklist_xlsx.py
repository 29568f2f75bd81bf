"""The XLSX checklist (Excel), written as SpreadsheetML directly.

openpyxl would cost ≈30 ms a file and stamps the current time in its zip
entries and properties; this file is a fixed set of small XML parts, so it is
written from templates, with every date taken from the build date. Text goes in
inline string cells, which Excel and LibreOffice never evaluate, so a profile
name such as ``=HYPERLINK(…)`` stays text.
"""

from __future__ import annotations

from xml.sax.saxutils import escape

from . import checklist_info as info
from . import checklist_sheets as sheets
from . import checklist_text as text
from .checklist_pdf_layout import TextMeasure
from .scope import Checklist
from .sheet_columns import Column, Columns
from .zip_package import ZipPart, zip_package

_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PKG_RELS_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# Cell style indexes in styles.xml.
WRAP, HEADER, LABEL, FIELD = 1, 2, 3, 4
#: Characters of an Excel cell width unit per centimetre (Calibri 11).
_WIDTH_PER_CM = 5.1

_CONTENT_TYPES = (
    _XML
    + '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet2.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/worksheets/sheet3.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
    '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>'
    "</Types>"
)  # fmt: skip
_PACKAGE_RELS = (
    _XML + f'<Relationships xmlns="{_PKG_RELS_NS}">'
    f'<Relationship Id="rId1" Type="{_RELS_NS}/officeDocument" Target="xl/workbook.xml"/>'
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/'
    'metadata/core-properties" Target="docProps/core.xml"/></Relationships>'
)
_WORKBOOK_RELS = (
    _XML + f'<Relationships xmlns="{_PKG_RELS_NS}">'
    f'<Relationship Id="rId1" Type="{_RELS_NS}/worksheet" Target="worksheets/sheet1.xml"/>'
    f'<Relationship Id="rId2" Type="{_RELS_NS}/worksheet" Target="worksheets/sheet2.xml"/>'
    f'<Relationship Id="rId3" Type="{_RELS_NS}/styles" Target="styles.xml"/>'
    f'<Relationship Id="rId4" Type="{_RELS_NS}/worksheet" Target="worksheets/sheet3.xml"/>'
    "</Relationships>"
)
_STYLES = (
    _XML + f"<styleSheet {_NS}>"
    '<fonts count="2"><font><sz val="10"/><name val="Arial"/></font>'
    '<font><b/><sz val="10"/><name val="Arial"/></font></fonts>'
    '<fills count="3"><fill><patternFill patternType="none"/></fill>'
    '<fill><patternFill patternType="gray125"/></fill>'
    '<fill><patternFill patternType="solid"><fgColor rgb="FFDDE5F0"/></patternFill></fill></fills>'
    '<borders count="2"><border/><border><left style="thin"/><right style="thin"/>'
    '<top style="thin"/><bottom style="thin"/></border></borders>'
    '<cellStyleXfs count="1"><xf/></cellStyleXfs>'
    '<cellXfs count="5"><xf/>'
    '<xf borderId="1" applyBorder="1" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf fontId="1" fillId="2" borderId="1" applyFont="1" applyFill="1" applyBorder="1" '
    'applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf>'
    '<xf fontId="1" applyFont="1" applyAlignment="1"><alignment vertical="top"/></xf>'
    '<xf applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf></cellXfs>'
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>'
    "</styleSheet>"
)


def _text_cell(ref: str, value: str, style: int) -> str:
    if not value:
        return f'<c r="{ref}" s="{style}"/>'
    return f'<c r="{ref}" s="{style}" t="inlineStr"><is><t xml:space="preserve">{escape(value)}</t></is></c>'


def _row(number: int, cells: list[str], height: float) -> str:
    """A row of the height computed from its text: LibreOffice does not fit XLSX rows itself."""
    return f'<row r="{number}" ht="{height:g}" customHeight="1">{"".join(cells)}</row>'


def _cols(widths: tuple[float, ...]) -> str:
    return (
        "<cols>"
        + "".join(
            f'<col min="{i}" max="{i}" width="{w * _WIDTH_PER_CM:.1f}" customWidth="1"/>'
            for i, w in enumerate(widths, start=1)
        )
        + "</cols>"
    )


def _header_footer(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    # « & » introduces codes in Excel headers; a literal one is written « && ».
    left, right = (escape(part.replace("&", "&&")) for part in sheets.print_header(checklist, meta))
    return (
        f"<headerFooter><oddHeader>&amp;L{left}&amp;R{right}</oddHeader>"
        "<oddFooter>&amp;CPage &amp;P / &amp;N</oddFooter></headerFooter>"
    )


def _page_setup() -> str:
    return (
        '<pageMargins left="0.4" right="0.4" top="0.6" bottom="0.6" header="0.3" footer="0.3"/>'
        '<pageSetup paperSize="9" orientation="landscape" fitToWidth="1" fitToHeight="0"/>'
    )


def _validation(cells: str, values: tuple[str, ...]) -> str:
    listed = escape(",".join(values))
    return (
        '<dataValidation type="list" allowBlank="1" showErrorMessage="1" '
        f'errorTitle="Valeur non prévue" error="Choisissez une valeur de la liste." sqref="{cells}">'
        f'<formula1>"{listed}"</formula1></dataValidation>'
    )


def _validations(columns: Columns, first: int, last: int) -> str:
    """The dropdown of each column that has one, over rows ``first`` to ``last``."""
    rules = [
        _validation(f"{letter}{first}:{letter}{last}", choices.values)
        for letter, choices in columns.with_choices()
    ]
    return f'<dataValidations count="{len(rules)}">{"".join(rules)}</dataValidations>'


def _levers_sheet(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    columns = sheets.lever_columns(checklist)
    last = sheets.last_lever_row(checklist)
    header = [
        _text_cell(f"{letter}1", title, HEADER)
        for letter, title in zip(columns.letters, columns.headers, strict=True)
    ]
    heights = sheets.lever_row_heights(checklist)
    rows = [_row(1, header, heights[0])]
    for number, values in enumerate(sheets.lever_rows(checklist), start=2):
        cells = [
            _text_cell(f"{letter}{number}", value, WRAP)
            for letter, value in zip(columns.letters, values, strict=True)
        ]
        rows.append(_row(number, cells, heights[number - 1]))
    return (
        _XML + f'<worksheet {_NS} xmlns:r="{_RELS_NS}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        '<sheetViews><sheetView workbookViewId="0" tabSelected="1">'
        '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>'
        "</sheetView></sheetViews>"
        + _cols(columns.widths_cm)
        + "<sheetData>" + "".join(rows) + "</sheetData>"
        + f'<autoFilter ref="A1:{columns.last_letter}{last}"/>'
        + _validations(columns, 2, last)
        + _page_setup() + _header_footer(checklist, meta) + "</worksheet>"
    )  # fmt: skip


def _summary_cell(ref: str, column: Column, value: str) -> str:
    if column.role == "computed":
        return f'<c r="{ref}" s="{WRAP}"><f>{escape(value)}</f></c>'
    return _text_cell(ref, value, WRAP)


def _summary_sheet(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    columns = sheets.SUMMARY_COLUMNS
    # Header fields: the label in the first column, the value across all the others.
    label_letter, value_letter = columns.letters[:2]
    rows: list[str] = []
    fields = text.header_fields(checklist, meta)
    heights = sheets.field_row_heights(checklist, meta)
    for number, ((label, value), height) in enumerate(zip(fields, heights, strict=True), start=1):
        cells = [
            _text_cell(f"{label_letter}{number}", label, LABEL),
            _text_cell(f"{value_letter}{number}", value, FIELD),
        ]
        rows.append(_row(number, cells, height))
    header_row = sheets.summary_header_row(checklist, meta)
    titles = [
        _text_cell(f"{letter}{header_row}", title, HEADER)
        for letter, title in zip(columns.letters, columns.headers, strict=True)
    ]
    rows.append(_row(header_row, titles, sheets.summary_title_height()))
    summary = sheets.summary_rows(checklist, meta, "xlsx")
    for number, entry in enumerate(summary, start=header_row + 1):
        cells = [
            _summary_cell(f"{letter}{number}", column, value)
            for letter, column, value in zip(
                columns.letters, columns, sheets.summary_values(entry), strict=True
            )
        ]
        rows.append(_row(number, cells, sheets.summary_row_height(entry)))
    # Each header-field value spans the row, so a long site name wraps inside the page.
    merged = "".join(
        f'<mergeCell ref="{value_letter}{n}:{columns.last_letter}{n}"/>'
        for n in range(1, len(fields) + 1)
    )
    # Dropdowns on the engagements' rows, not on the total's.
    judged = header_row + sum(1 for entry in summary if entry.with_verdict)
    return (
        _XML + f'<worksheet {_NS} xmlns:r="{_RELS_NS}">'
        '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>'
        + _cols(columns.widths_cm)
        + "<sheetData>" + "".join(rows) + "</sheetData>"
        + f'<mergeCells count="{len(fields)}">{merged}</mergeCells>'
        + _validations(columns, header_row + 1, judged)
        + _page_setup() + _header_footer(checklist, meta) + "</worksheet>"
    )  # fmt: skip


def _info_sheet(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    """« Informations »: what identifies the file when it comes back (see :mod:`.checklist_info`)."""
    heights = sheets.info_row_heights(checklist, meta)
    titles = [
        _text_cell(f"{c}1", title, HEADER) for c, title in zip("AB", info.INFO_COLUMNS, strict=True)
    ]
    rows = [_row(1, titles, heights[0])]
    fields = info.info_fields(checklist, meta)
    for number, ((label, value), height) in enumerate(zip(fields, heights[1:], strict=True), 2):
        if isinstance(value, int):
            cell = f'<c r="B{number}" s="{WRAP}"><v>{value}</v></c>'
        else:
            cell = _text_cell(f"B{number}", value, WRAP)
        rows.append(_row(number, [_text_cell(f"A{number}", label, LABEL), cell], height))
    return (
        _XML + f'<worksheet {_NS} xmlns:r="{_RELS_NS}">'
        + _cols(info.INFO_WIDTHS_CM) + "<sheetData>" + "".join(rows) + "</sheetData>"
        + _page_setup() + "</worksheet>"
    )  # fmt: skip


def _workbook(checklist: Checklist) -> str:
    levers, summary = sheets.LEVERS_SHEET, sheets.SUMMARY_SHEET
    last = sheets.lever_columns(checklist).last_letter
    return (
        _XML + f'<workbook {_NS} xmlns:r="{_RELS_NS}"><sheets>'
        f'<sheet name="{levers}" sheetId="1" r:id="rId1"/>'
        f'<sheet name="{summary}" sheetId="2" r:id="rId2"/>'
        f'<sheet name="{info.INFO_SHEET}" sheetId="3" r:id="rId4"/></sheets>'
        "<definedNames>"
        f"<definedName name=\"_xlnm._FilterDatabase\" localSheetId=\"0\" hidden=\"1\">'{levers}'!$A$1:${last}$1</definedName>"
        f"<definedName name=\"_xlnm.Print_Titles\" localSheetId=\"0\">'{levers}'!$1:$1</definedName>"
        "</definedNames>"
        '<calcPr calcId="191029" fullCalcOnLoad="1"/></workbook>'
    )  # fmt: skip


def _core(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    stamp = f"{meta.generated.isoformat()}T00:00:00Z"
    return (
        _XML + '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
        'metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
        'xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(info.document_title(checklist))}</dc:title>"
        f"<dc:subject>{escape(meta.version)}</dc:subject>"
        f"<cp:keywords>{escape(', '.join(info.document_keywords(checklist, meta)))}</cp:keywords>"
        "<dc:language>fr-FR</dc:language>"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def checklist_xlsx(
    checklist: Checklist, meta: text.ChecklistMeta, measure: TextMeasure | None = None
) -> bytes:
    """The XLSX bytes; identical input gives identical bytes.

    ``measure`` is unused (row heights use :mod:`.sheet_layout`): every writer takes it.
    """
    parts = [
        ZipPart("[Content_Types].xml", _CONTENT_TYPES),
        ZipPart("_rels/.rels", _PACKAGE_RELS),
        ZipPart("docProps/core.xml", _core(checklist, meta)),
        ZipPart("xl/workbook.xml", _workbook(checklist)),
        ZipPart("xl/_rels/workbook.xml.rels", _WORKBOOK_RELS),
        ZipPart("xl/styles.xml", _STYLES),
        ZipPart("xl/worksheets/sheet1.xml", _levers_sheet(checklist, meta)),
        ZipPart("xl/worksheets/sheet2.xml", _summary_sheet(checklist, meta)),
        ZipPart("xl/worksheets/sheet3.xml", _info_sheet(checklist, meta)),
    ]
    return zip_package(parts, meta.generated)
