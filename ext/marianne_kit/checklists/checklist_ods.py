"""The ODS checklist (LibreOffice; ODF is the French state's interoperability norm, RGI).

Written as OpenDocument XML directly, for the same reasons as the XLSX writer:
speed, and every byte determined by the input and the build date. Text cells
are ``office:value-type="string"``, never formulas. Wildcards are enabled in the
calculation settings because the « Synthèse » formulas match engagement IDs
inside the « Engagements » cell.
"""

from __future__ import annotations

from xml.sax.saxutils import escape, quoteattr

from . import checklist_info as info
from . import checklist_sheets as sheets
from . import checklist_text as text
from .checklist_pdf_layout import TextMeasure
from .scope import Checklist
from .sheet_columns import Column
from .sheet_layout import FONT_SIZE
from .zip_package import ZipPart, zip_package

MIMETYPE = "application/vnd.oasis.opendocument.spreadsheet"
_XML = '<?xml version="1.0" encoding="UTF-8"?>\n'
_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" '
    'xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0" '
    'office:version="1.3"'
)
_MANIFEST = (
    _XML + '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
    'manifest:version="1.3">'
    f'<manifest:file-entry manifest:full-path="/" manifest:version="1.3" manifest:media-type="{MIMETYPE}"/>'
    + "".join(
        f'<manifest:file-entry manifest:full-path="{name}" manifest:media-type="text/xml"/>'
        for name in ("content.xml", "styles.xml", "meta.xml", "settings.xml")
    )
    + "</manifest:manifest>"
)  # fmt: skip
#: The font every cell asks for, at the size the row heights were computed for.
_FONT_FACES = (
    '<office:font-face-decls><style:font-face style:name="Liberation Sans" '
    'svg:font-family="\'Liberation Sans\'" style:font-family-generic="swiss" '
    'style:font-pitch="variable"/></office:font-face-decls>'
)
_DEFAULT_STYLE = (
    '<office:styles><style:default-style style:family="table-cell">'
    '<style:text-properties style:font-name="Liberation Sans" '
    f'fo:font-size="{FONT_SIZE:g}pt"/></style:default-style></office:styles>'
)
_CELL_STYLES = (
    '<style:style style:name="mk-wrap" style:family="table-cell"><style:table-cell-properties '
    'fo:wrap-option="wrap" style:vertical-align="top" fo:border="0.5pt solid #000000"/></style:style>'
    '<style:style style:name="mk-header" style:family="table-cell"><style:table-cell-properties '
    'fo:wrap-option="wrap" style:vertical-align="top" fo:background-color="#dde5f0" '
    'fo:border="0.5pt solid #000000"/><style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="mk-label" style:family="table-cell"><style:table-cell-properties '
    'style:vertical-align="top"/><style:text-properties fo:font-weight="bold"/></style:style>'
    '<style:style style:name="mk-field" style:family="table-cell"><style:table-cell-properties '
    'fo:wrap-option="wrap" style:vertical-align="top"/></style:style>'
        '<style:style style:name="sheet" style:family="table" style:master-page-name="Checklist">'
    '<style:table-properties table:display="true"/></style:style>'
)  # fmt: skip


def _column_styles(prefix: str, widths: tuple[float, ...]) -> str:
    return "".join(
        f'<style:style style:name="{prefix}{i}" style:family="table-column">'
        f'<style:table-column-properties style:column-width="{w}cm"/></style:style>'
        for i, w in enumerate(widths)
    )


def _columns(prefix: str, widths: tuple[float, ...]) -> str:
    return "".join(
        f'<table:table-column table:style-name="{prefix}{i}"/>' for i in range(len(widths))
    )


def _row_style(height: float) -> str:
    """The name of the row style of ``height`` points (one style per distinct height)."""
    return f"ro{height:g}".replace(".", "_")


def _row_styles(heights: set[float]) -> str:
    """Fixed row heights: LibreOffice must not refit rows with the fonts it happens to find."""
    return "".join(
        f'<style:style style:name="{_row_style(h)}" style:family="table-row">'
        f'<style:table-row-properties style:row-height="{h:g}pt" '
        'style:use-optimal-row-height="false"/></style:style>'
        for h in sorted(heights)
    )


def _row(cells: str, height: float) -> str:
    return f'<table:table-row table:style-name="{_row_style(height)}">{cells}</table:table-row>'


def _text(value: str, style: str = "mk-wrap", validation: str = "") -> str:
    attributes = f' table:style-name="{style}"' if style else ""
    if validation:
        attributes += f' table:content-validation-name="{validation}"'
    if not value:
        return f"<table:table-cell{attributes}/>"
    return (
        f'<table:table-cell{attributes} office:value-type="string">'
        f"<text:p>{escape(value)}</text:p></table:table-cell>"
    )


def _validations(checklist: Checklist) -> str:
    def rule(name: str, values: tuple[str, ...]) -> str:
        listed = ";".join(f'"{value}"' for value in values)
        return (
            f'<table:content-validation table:name="{name}" table:allow-empty-cell="true" '
            f"table:condition={quoteattr(f'of:cell-content-is-in-list({listed})')} "
            'table:display-list="unsorted">'
            '<table:error-message table:display="true" table:message-type="stop" '
            'table:title="Valeur non prévue"><text:p>Choisissez une valeur de la liste.</text:p>'
            "</table:error-message></table:content-validation>"
        )

    dropdowns = [
        choices
        for columns in (sheets.lever_columns(checklist), sheets.SUMMARY_COLUMNS)
        for _, choices in columns.with_choices()
    ]
    return (
        "<table:content-validations>"
        + "".join(rule(choices.name, choices.values) for choices in dropdowns)
        + "</table:content-validations>"
    )


def _validation_name(column: Column, judged: bool = True) -> str:
    """The dropdown a column's cells offer (none on a row that is not judged)."""
    return column.choices.name if column.choices is not None and judged else ""


def _levers_table(checklist: Checklist, heights: list[float]) -> str:
    columns = sheets.lever_columns(checklist)
    rows = []
    for values, height in zip(sheets.lever_rows(checklist), heights[1:], strict=True):
        cells = [
            _text(value, validation=_validation_name(column))
            for column, value in zip(columns, values, strict=True)
        ]
        rows.append(_row("".join(cells), height))
    header = "".join(_text(title, "mk-header") for title in columns.headers)
    return (
        f'<table:table table:name="{sheets.LEVERS_SHEET}" table:style-name="sheet">'
        + _columns("lc", columns.widths_cm)
        + f"<table:table-header-rows>{_row(header, heights[0])}</table:table-header-rows>"
        + "".join(rows) + "</table:table>"
    )  # fmt: skip


def _summary_table(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    spanned = len(sheets.SUMMARY_COLUMNS) - 1
    # Each value spans all columns but the first, so a long site name wraps inside the page.
    value_cell = '<table:table-cell table:style-name="mk-field" office:value-type="string" '
    value_cell += f'table:number-columns-spanned="{spanned}" table:number-rows-spanned="1">'
    covered = f'<table:covered-table-cell table:number-columns-repeated="{spanned - 1}"/>'
    fields = text.header_fields(checklist, meta)
    heights = sheets.field_row_heights(checklist, meta)
    rows = [
        _row(
            _text(label, "mk-label") + f"{value_cell}<text:p>{escape(value)}</text:p>"
            "</table:table-cell>" + covered,
            height,
        )
        for (label, value), height in zip(fields, heights, strict=True)
    ]
    rows.append("<table:table-row><table:table-cell/></table:table-row>")
    titles = "".join(_text(title, "mk-header") for title in sheets.SUMMARY_COLUMNS.headers)
    rows.append(_row(titles, sheets.summary_title_height()))
    for entry in sheets.summary_rows(checklist, meta, "ods"):
        cells = [
            '<table:table-cell table:style-name="mk-wrap" '
            f"table:formula={quoteattr('of:=' + value)}/>"
            if column.role == "computed"
            else _text(value, validation=_validation_name(column, entry.with_verdict))
            for column, value in zip(
                sheets.SUMMARY_COLUMNS, sheets.summary_values(entry), strict=True
            )
        ]
        rows.append(_row("".join(cells), sheets.summary_row_height(entry)))
    return (
        f'<table:table table:name="{sheets.SUMMARY_SHEET}" table:style-name="sheet">'
        + _columns("sc", sheets.SUMMARY_WIDTHS_CM) + "".join(rows) + "</table:table>"
    )  # fmt: skip


def _info_table(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    """« Informations »: what identifies the file when it comes back (see :mod:`.checklist_info`)."""
    heights = sheets.info_row_heights(checklist, meta)
    rows = [_row("".join(_text(title, "mk-header") for title in info.INFO_COLUMNS), heights[0])]
    fields = info.info_fields(checklist, meta)
    for (label, value), height in zip(fields, heights[1:], strict=True):
        if isinstance(value, int):
            cell = (
                '<table:table-cell table:style-name="mk-wrap" office:value-type="float" '
                f'office:value="{value}"><text:p>{value}</text:p></table:table-cell>'
            )
        else:
            cell = _text(value)
        rows.append(_row(_text(label, "mk-label") + cell, height))
    return (
        f'<table:table table:name="{info.INFO_SHEET}" table:style-name="sheet">'
        + _columns("ic", info.INFO_WIDTHS_CM)
        + "".join(rows)
        + "</table:table>"
    )


def _heights(checklist: Checklist, meta: text.ChecklistMeta, levers: list[float]) -> set[float]:
    """Every row height the sheets use."""
    heights = set(levers + sheets.field_row_heights(checklist, meta))
    heights.update(sheets.info_row_heights(checklist, meta))
    heights.add(sheets.summary_title_height())
    heights.update(
        sheets.summary_row_height(entry) for entry in sheets.summary_rows(checklist, meta, "ods")
    )
    return heights


def _content(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    last = sheets.last_lever_row(checklist)
    levers = sheets.LEVERS_SHEET
    lever_heights = sheets.lever_row_heights(checklist)
    return (
        _XML + f"<office:document-content {_NS}>" + _FONT_FACES + "<office:automatic-styles>"
        + _CELL_STYLES + _row_styles(_heights(checklist, meta, lever_heights))
        + _column_styles("lc", sheets.lever_columns(checklist).widths_cm)
        + _column_styles("sc", sheets.SUMMARY_WIDTHS_CM)
        + _column_styles("ic", info.INFO_WIDTHS_CM)
        + "</office:automatic-styles><office:body><office:spreadsheet>"
        '<table:calculation-settings table:use-wildcards="true" '
        'table:use-regular-expressions="false"/>'
        + _validations(checklist) + _levers_table(checklist, lever_heights)
        + _summary_table(checklist, meta) + _info_table(checklist, meta)
        + "<table:database-ranges>"
        '<table:database-range table:name="__Anonymous_Sheet_DB__0" '
        f"table:target-range-address=\"'{levers}'.A1:'{levers}'.{sheets.lever_columns(checklist).last_letter}{last}\" "
        'table:display-filter-buttons="true"/></table:database-ranges>'
        "</office:spreadsheet></office:body></office:document-content>"
    )  # fmt: skip


def _styles(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    left, right = (escape(part) for part in sheets.print_header(checklist, meta))
    return (
        _XML + f"<office:document-styles {_NS}>" + _FONT_FACES + _DEFAULT_STYLE
        + "<office:automatic-styles>"
        '<style:page-layout style:name="landscape"><style:page-layout-properties '
        'fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" '
        'fo:margin="1cm" style:scale-to-X="1" style:scale-to-Y="0"/>'
        '<style:header-style><style:header-footer-properties fo:min-height="0.6cm" '
        'fo:margin-bottom="0.25cm"/></style:header-style>'
        '<style:footer-style><style:header-footer-properties fo:min-height="0.6cm" '
        'fo:margin-top="0.25cm"/></style:footer-style></style:page-layout>'
        "</office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Checklist" style:page-layout-name="landscape">'
        f"<style:header><style:region-left><text:p>{left}</text:p></style:region-left>"
        f"<style:region-right><text:p>{right}</text:p></style:region-right></style:header>"
        "<style:footer><text:p>Page <text:page-number>1</text:page-number> / "
        "<text:page-count>1</text:page-count></text:p></style:footer>"
        "</style:master-page></office:master-styles></office:document-styles>"
    )  # fmt: skip


def _meta(checklist: Checklist, meta: text.ChecklistMeta) -> str:
    stamp = f"{meta.generated.isoformat()}T00:00:00"
    return (
        _XML + f"<office:document-meta {_NS}><office:meta>"
        f"<dc:title>{escape(info.document_title(checklist))}</dc:title>"
        f"<dc:subject>{escape(meta.version)}</dc:subject><dc:language>fr-FR</dc:language>"
        + "".join(
            f"<meta:keyword>{escape(word)}</meta:keyword>"
            for word in info.document_keywords(checklist, meta)
        )
        + f"<meta:creation-date>{stamp}</meta:creation-date><dc:date>{stamp}</dc:date>"
        "<meta:generator>marianne_kit</meta:generator></office:meta></office:document-meta>"
    )


def _settings() -> str:
    """The « Leviers » header row frozen, as LibreOffice stores a frozen pane."""

    def item(name: str, kind: str, value: str) -> str:
        return f'<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>'

    frozen = "".join(
        item(name, kind, value)
        for name, kind, value in (
            ("HorizontalSplitMode", "short", "0"),
            ("VerticalSplitMode", "short", "2"),
            ("VerticalSplitPosition", "int", "1"),
            ("ActiveSplitRange", "short", "2"),
            ("PositionTop", "int", "0"),
            ("PositionBottom", "int", "1"),
        )
    )
    return (
        _XML + f"<office:document-settings {_NS}><office:settings>"
        '<config:config-item-set config:name="ooo:view-settings">'
        '<config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>'
        + item("ViewId", "string", "view1")
        + '<config:config-item-map-named config:name="Tables">'
        f'<config:config-item-map-entry config:name="{sheets.LEVERS_SHEET}">{frozen}'
        "</config:config-item-map-entry></config:config-item-map-named>"
        + item("ActiveTable", "string", sheets.LEVERS_SHEET)
        + "</config:config-item-map-entry></config:config-item-map-indexed>"
        "</config:config-item-set></office:settings></office:document-settings>"
    )  # fmt: skip


def checklist_ods(
    checklist: Checklist, meta: text.ChecklistMeta, measure: TextMeasure | None = None
) -> bytes:
    """The ODS bytes; identical input gives identical bytes.

    ``measure`` is unused (row heights use :mod:`.sheet_layout`): every writer takes it.
    """
    parts = [
        ZipPart("mimetype", MIMETYPE, compress=False),
        ZipPart("content.xml", _content(checklist, meta)),
        ZipPart("styles.xml", _styles(checklist, meta)),
        ZipPart("meta.xml", _meta(checklist, meta)),
        ZipPart("settings.xml", _settings()),
        ZipPart("META-INF/manifest.xml", _MANIFEST),
    ]
    return zip_package(parts, meta.generated)
