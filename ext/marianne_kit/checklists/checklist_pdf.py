"""The printable PDF checklist: A4, one engagement per page run, boxes to tick.

Drawn with reportlab's canvas rather than platypus: a site's checklist is a
fixed grid, and a precomputed layout is several times faster than platypus'
flowables, which matters when a ministry generates a thousand sites. Layout is
computed first (:mod:`marianne_kit.checklists.checklist_pdf_layout`), so « Page n / N » is
known before drawing. Text is drawn in DejaVu Sans, embedded (subset) in every
file, so a site name in Vietnamese, Greek or Cyrillic prints and extracts as
typed; profiles refuse the characters it cannot show (:mod:`marianne_kit.checklists.fonts`).
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from ..kit.grouping import category_label, channel_label
from . import checklist_text as text
from .checklist_info import document_keywords, year_edition
from .checklist_pdf_layout import (
    CONTENT_WIDTH,
    MARGIN,
    PAGE_HEIGHT,
    PAGE_WIDTH,
    Block,
    TextMeasure,
    paginate,
    shorten,
)
from .fonts import BODY, BOLD, ITALIC, register_fonts, text_width
from .prefill import Prefill, carried_text
from .scope import Checklist, ChecklistItem, CommitmentSection

__all__ = ["TextMeasure", "checklist_pdf"]

SIZE, LEADING = 8.5, 10.5
TITLE_SIZE, TITLE_LEADING = 16.0, 19.0
FIELD_GAP = 2.0
#: Column x positions and widths: ID, lever, status boxes, follow-up lines.
COLUMNS = ((MARGIN, 60.0), (MARGIN + 60, 215.0), (MARGIN + 275, 92.0), (MARGIN + 367, 148.0))
PADDING = 4.0
FOLLOW_UP = ("Responsable", "Échéance", "Commentaire / preuve")
VERDICT_LABEL = "Engagement tenu\u00a0?"
INDICATOR_LABEL = "Indicateur / preuve\u00a0:"
#: Form XObjects: drawn once per document, placed many times (smaller, faster files).
CONTROLS_FORM = "LeverControls"
TABLE_HEADER_FORM = "TableHeader"
FRAME_FORM = "PageFrame"
HEADER_SIZE = 7.5


def _cover(checklist: Checklist, meta: text.ChecklistMeta, measure: TextMeasure) -> list[Block]:
    """Title, site name and header fields, one block per line so a long name can
    run on to the next page instead of off this one."""
    blocks = [Block(21, _line(text.TITLE, BOLD, 11, MARGIN, 11), keep_with_next=True)]
    name_lines = measure.wrap(checklist.profile.name, BOLD, TITLE_SIZE, CONTENT_WIDTH)
    for index, line in enumerate(name_lines):
        last = index == len(name_lines) - 1
        blocks.append(
            Block(
                TITLE_LEADING + (8 if last else 0),
                _line(line, BOLD, TITLE_SIZE, MARGIN, TITLE_SIZE),
                keep_with_next=index == 0,
            )
        )
    fields = text.header_fields(checklist, meta)
    labels = [label + "\u00a0:" for label, _ in fields]
    value_x = MARGIN + max(text_width(label, BOLD, SIZE) for label in labels) + 8
    for label, (_, value) in zip(labels, fields, strict=True):
        lines = measure.wrap(value, BODY, SIZE, PAGE_WIDTH - MARGIN - value_x)
        for index, line in enumerate(lines):
            last = index == len(lines) - 1
            blocks.append(
                Block(
                    LEADING + (FIELD_GAP if last else 0),
                    _field_line(label if index == 0 else "", line, value_x),
                    keep_with_next=index == 0 and not last,
                )
            )
    legend = (
        "Pour chaque levier, cochez un statut, puis notez le responsable, l’échéance et la "
        "preuve. Pour chaque engagement, indiquez s’il est tenu et l’indicateur retenu. "
        "Statuts\u00a0: " + ", ".join(text.STATUSES) + "."
    )
    legend_lines = measure.wrap(legend, BODY, SIZE, CONTENT_WIDTH)
    blocks.append(Block(len(legend_lines) * LEADING + 16, _lines_at(legend_lines, BODY, 10)))
    blocks.append(Block(22, _summary_header, keep_with_next=True))
    for section in checklist.sections:
        lines = measure.wrap(text.commitment_heading(section), BODY, SIZE, 290)
        blocks.append(Block(8 + LEADING * len(lines), _summary_row(section, lines)))
    return blocks


def _line(
    value: str, font: str, size: float, x: float, drop: float
) -> Callable[[Canvas, float], None]:
    def draw(canvas: Canvas, y: float) -> None:
        canvas.setFont(font, size)
        canvas.drawString(x, y - drop, value)

    return draw


def _field_line(label: str, value: str, value_x: float) -> Callable[[Canvas, float], None]:
    def draw(canvas: Canvas, y: float) -> None:
        if label:
            canvas.setFont(BOLD, SIZE)
            canvas.drawString(MARGIN, y - SIZE, label)
        canvas.setFont(BODY, SIZE)
        canvas.drawString(value_x, y - SIZE, value)

    return draw


def _lines_at(lines: list[str], font: str, gap: float) -> Callable[[Canvas, float], None]:
    def draw(canvas: Canvas, y: float) -> None:
        canvas.setFont(font, SIZE)
        for index, line in enumerate(lines):
            canvas.drawString(MARGIN, y - gap - SIZE - LEADING * index, line)

    return draw


def _summary_header(canvas: Canvas, y: float) -> None:
    canvas.setFont(BOLD, SIZE)
    canvas.drawString(MARGIN, y - 14, "Engagement")
    canvas.drawString(MARGIN + 300, y - 14, "Leviers")
    canvas.drawString(MARGIN + 350, y - 14, VERDICT_LABEL)
    canvas.line(MARGIN, y - 18, PAGE_WIDTH - MARGIN, y - 18)


def _summary_row(section: CommitmentSection, lines: list[str]) -> Callable[[Canvas, float], None]:
    def draw(canvas: Canvas, y: float) -> None:
        canvas.setFont(BODY, SIZE)
        for index, line in enumerate(lines):
            canvas.drawString(MARGIN, y - 12 - LEADING * index, line)
        canvas.drawRightString(MARGIN + 330, y - 12, str(section.lever_count))
        _boxes(canvas, MARGIN + 350, y - 12, text.VERDICTS, horizontal=True)

    return draw


def _boxes(
    canvas: Canvas, x: float, y: float, labels: tuple[str, ...], *, horizontal: bool
) -> None:
    """Empty tick boxes with their labels, on one line or stacked."""
    canvas.setFont(BODY, SIZE)
    for label in labels:
        canvas.rect(x, y - 1, 7, 7, stroke=1, fill=0)
        canvas.drawString(x + 10, y, label)
        if horizontal:
            x += 18 + text_width(label, BODY, SIZE)
        else:
            y -= LEADING + 1


def _section(
    section: CommitmentSection, measure: TextMeasure, prefill: Prefill | None = None
) -> Iterator[Block]:
    heading = text.commitment_heading(section)
    heading_lines = measure.wrap(heading, BOLD, 13, CONTENT_WIDTH)
    key = section.commitment
    answer_x = MARGIN + 8 + max(text_width(VERDICT_LABEL, BOLD, SIZE),
                                text_width(INDICATOR_LABEL, BOLD, SIZE))  # fmt: skip

    def draw_heading(canvas: Canvas, y: float) -> None:
        canvas.bookmarkHorizontal(key, 0, y)
        canvas.addOutlineEntry(heading, key, level=0)
        canvas.setFont(BOLD, 13)
        for index, line in enumerate(heading_lines):
            canvas.drawString(MARGIN, y - 13 - 16 * index, line)
        y -= 16 * len(heading_lines) + 10
        canvas.setFont(BOLD, SIZE)
        canvas.drawString(MARGIN, y - SIZE, VERDICT_LABEL)
        _boxes(canvas, answer_x, y - SIZE, text.VERDICTS, horizontal=True)
        y -= 20
        canvas.setFont(BOLD, SIZE)
        canvas.drawString(MARGIN, y - SIZE, INDICATOR_LABEL)
        canvas.line(answer_x, y - SIZE - 2, PAGE_WIDTH - MARGIN, y - SIZE - 2)
        canvas.line(MARGIN, y - SIZE - 18, PAGE_WIDTH - MARGIN, y - SIZE - 18)

    yield Block(16 * len(heading_lines) + 62, draw_heading, new_page=True)
    for group in section.channels:
        label = "Canal\u00a0: " + channel_label(group.channel)
        yield Block(
            18, _subheading(label, BOLD, 10.5, f"{key}-{group.channel}"), keep_with_next=True
        )
        for category in group.categories:
            yield Block(
                15,
                _subheading(category_label(category.category), ITALIC, 9, None),
                keep_with_next=True,
            )
            yield Block(16, _table_header, keep_with_next=True, repeat_header=True)
            for item in category.items:
                yield _item_block(item, measure, prefill)
    note = text.elsewhere_note(section)
    if note:
        lines = measure.wrap(note, ITALIC, SIZE, CONTENT_WIDTH)
        yield Block(len(lines) * LEADING + 10, _lines_at(lines, ITALIC, 6))


def _subheading(
    label: str, font: str, size: float, key: str | None
) -> Callable[[Canvas, float], None]:
    def draw(canvas: Canvas, y: float) -> None:
        if key:
            canvas.bookmarkHorizontal(key, 0, y)
            canvas.addOutlineEntry(label, key, level=1)
        canvas.setFont(font, size)
        canvas.drawString(MARGIN, y - size - 3, label)

    return draw


def _table_header(canvas: Canvas, y: float) -> None:
    _place(canvas, TABLE_HEADER_FORM, y)


def _place(canvas: Canvas, form: str, y: float) -> None:
    """Draw a form XObject with its origin at height ``y``."""
    canvas.saveState()
    canvas.translate(0, y)
    canvas.doForm(form)
    canvas.restoreState()


def _item_block(item: ChecklistItem, measure: TextMeasure, prefill: Prefill | None = None) -> Block:
    lines = measure.wrap(item.text, BODY, SIZE, COLUMNS[1][1] - 4)
    carried = (
        measure.wrap(carried_text(prefill, item.lever_ids), ITALIC, SIZE, COLUMNS[1][1] - 4)
        if prefill is not None
        else []
    )
    ids = list(item.lever_ids)
    note = text.shared_note(item)
    note_lines = measure.wrap(note, ITALIC, 7, COLUMNS[1][1] - 4) if note else []
    text_height = LEADING * (len(lines) + len(carried)) + 9 * len(note_lines)
    height = max(text_height, LEADING * len(ids), 4 * (LEADING + 1), 42.0) + 2 * PADDING

    def draw(canvas: Canvas, y: float) -> None:
        top = y - PADDING - SIZE
        writer = canvas.beginText(COLUMNS[0][0] + 2, top)
        writer.setFont(BOLD, SIZE, LEADING)
        writer.textLines(ids)
        writer.setTextOrigin(COLUMNS[1][0] + 2, top)
        writer.setFont(BODY, SIZE, LEADING)
        writer.textLines(lines)
        if carried:
            writer.setFont(ITALIC, SIZE, LEADING)
            writer.textLines(carried)
        if note_lines:
            writer.setFont(ITALIC, 7, 9)
            writer.textLines(note_lines)
        canvas.drawText(writer)
        _place(canvas, CONTROLS_FORM, top)
        canvas.setStrokeGray(0.75)
        canvas.line(MARGIN, y - height, PAGE_WIDTH - MARGIN, y - height)
        canvas.setStrokeGray(0)

    return Block(height, draw)


def _define_forms(canvas: Canvas, header: tuple[str, str], meta: text.ChecklistMeta) -> None:
    """What repeats unchanged, drawn once per document as form XObjects.

    Each lever row, table header and page references its form instead of
    repeating the drawing operations (and the font encoding of their text),
    which keeps files small and generation fast.
    """
    canvas.beginForm(TABLE_HEADER_FORM, lowerx=0, lowery=-20, upperx=PAGE_WIDTH, uppery=0)
    canvas.setLineWidth(0.5)
    canvas.setFont(BOLD, 7.5)
    for (x, _width), label in zip(COLUMNS, ("ID", "Levier", "Statut", "Suivi"), strict=True):
        canvas.drawString(x + 2, -10, label)
    canvas.line(MARGIN, -14, PAGE_WIDTH - MARGIN, -14)
    canvas.endForm()
    canvas.beginForm(FRAME_FORM, lowerx=0, lowery=0, upperx=PAGE_WIDTH, uppery=PAGE_HEIGHT)
    canvas.setLineWidth(0.5)
    canvas.setFont(BODY, HEADER_SIZE)
    canvas.drawString(MARGIN, PAGE_HEIGHT - 36, header[0])
    canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 36, header[1])
    canvas.line(MARGIN, PAGE_HEIGHT - 42, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 42)
    canvas.drawString(MARGIN, 28, "Généré le " + text.french_date(meta.generated))
    canvas.endForm()
    canvas.beginForm(CONTROLS_FORM, lowerx=0, lowery=-60, upperx=PAGE_WIDTH, uppery=20)
    canvas.setLineWidth(0.5)
    _boxes(canvas, COLUMNS[2][0] + 2, 0, text.STATUSES, horizontal=False)
    x, width = COLUMNS[3]
    canvas.setFont(BODY, 6.5)
    for index, label in enumerate(FOLLOW_UP):
        baseline = -2 - 13 * index
        canvas.drawString(x + 2, baseline + 1, label)
        start = x + 4 + text_width(label, BODY, 6.5)
        canvas.line(start, baseline, x + width, baseline)
    canvas.endForm()


def _running_header(checklist: Checklist, meta: text.ChecklistMeta) -> tuple[str, str]:
    """Left and right header texts, shortened so the two never meet.

    The version keeps at most half the width; the site name gives way to it
    (its year and « autoévaluation » stay whole).
    """
    profile = checklist.profile
    right = shorten(meta.version, BODY, HEADER_SIZE, CONTENT_WIDTH / 2)
    suffix = f" — {year_edition(profile.year, meta)}"
    room = CONTENT_WIDTH - text_width(right, BODY, HEADER_SIZE) - 12
    name = shorten(profile.name, BODY, HEADER_SIZE, room - text_width(suffix, BODY, HEADER_SIZE))
    return name + suffix, right


def _page_frame(canvas: Canvas, number: int, total: int) -> None:
    """Running header and footer: the form, then the page number."""
    canvas.doForm(FRAME_FORM)
    canvas.setFont(BODY, HEADER_SIZE)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 28, f"Page {number} / {total}")


def checklist_pdf(
    checklist: Checklist, meta: text.ChecklistMeta, measure: TextMeasure | None = None
) -> bytes:
    """The PDF bytes; identical input gives identical bytes (invariant mode)."""
    register_fonts()
    measure = measure or TextMeasure()
    blocks = _cover(checklist, meta, measure)
    for section in checklist.sections:
        blocks.extend(_section(section, measure, checklist.prefill))
    pages = paginate(blocks)
    buffer = io.BytesIO()
    canvas = Canvas(
        buffer, pagesize=A4, invariant=1, lang="fr-FR", pageCompression=1, initialFontName=BODY
    )
    profile = checklist.profile
    canvas.setTitle(f"{text.TITLE} — {profile.name} — {profile.year}")
    canvas.setSubject("Référentiel Marianne — autoévaluation annuelle de l’accueil")
    canvas.setAuthor(profile.referent or profile.name)
    canvas.setCreator(f"marianne_kit — {meta.version}")
    canvas.setKeywords(", ".join(document_keywords(checklist, meta)))
    stamp = meta.generated.strftime("D:%Y%m%d000000+00'00'")
    canvas.setDateFormatter(lambda *_parts: stamp)
    canvas.showOutline()
    _define_forms(canvas, _running_header(checklist, meta), meta)
    for number, page in enumerate(pages, start=1):
        canvas.setLineWidth(0.5)
        _page_frame(canvas, number, len(pages))
        for block, y in page:
            block.draw(canvas, y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
