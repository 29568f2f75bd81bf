"""The printable PDF checklist: A4, one engagement per page run, boxes to tick.

Drawn with reportlab's canvas rather than platypus: a site's checklist is a
fixed grid, and a precomputed layout is several times faster than platypus'
flowables, which matters when a ministry generates a thousand sites. Layout is
computed first (pure arithmetic), so « Page n / N » is known before drawing.
The built-in Helvetica is used (nothing to embed, text extracts exactly); it
covers French (é, è, à, ’, « », œ) but not U+202F or U+2011, which are mapped.
"""

from __future__ import annotations

import io
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas

from . import checklist_text as text
from .grouping import category_label, channel_label
from .scope import Checklist, ChecklistItem, EngagementSection

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN = 40.0
TOP = PAGE_HEIGHT - 58.0
BOTTOM = 48.0
BODY = "Helvetica"
BOLD = "Helvetica-Bold"
ITALIC = "Helvetica-Oblique"
SIZE, LEADING = 8.5, 10.5
#: Column x positions and widths: ID, lever, status boxes, follow-up lines.
COLUMNS = ((MARGIN, 60.0), (MARGIN + 60, 215.0), (MARGIN + 275, 92.0), (MARGIN + 367, 148.0))
CONTENT_WIDTH = PAGE_WIDTH - 2 * MARGIN
PADDING = 4.0
FOLLOW_UP = ("Responsable", "Échéance", "Commentaire / preuve")
CONTROLS_FORM = "LeverControls"
_UNSUPPORTED = {"\u202f": "\u00a0", "\u2011": "-", "\u2009": " ", "\u200b": ""}


def pdf_text(value: str) -> str:
    """Text Helvetica can draw: thin spaces mapped, other unknown characters simplified."""
    value = "".join(_UNSUPPORTED.get(char, char) for char in value)
    try:
        value.encode("cp1252")
        return value
    except UnicodeEncodeError:
        return "".join(_drawable(char) for char in value)


def _drawable(char: str) -> str:
    try:
        char.encode("cp1252")
        return char
    except UnicodeEncodeError:
        simple = unicodedata.normalize("NFKD", char).encode("cp1252", "ignore").decode("cp1252")
        return simple or "?"


@dataclass
class TextMeasure:
    """Line-wrapping with a cache: the same lever texts recur in every site's PDF."""

    cache: dict[tuple[str, str, float, float], list[str]] = field(default_factory=dict)

    def wrap(self, value: str, font: str, size: float, width: float) -> list[str]:
        key = (value, font, size, width)
        if key not in self.cache:
            self.cache[key] = simpleSplit(pdf_text(value), font, size, width) or [""]
        return self.cache[key]


@dataclass(frozen=True)
class Block:
    """Something drawn at a height; ``draw`` receives the canvas and the top y."""

    height: float
    draw: Callable[[Canvas, float], None]
    new_page: bool = False
    keep_with_next: bool = False
    repeat_header: bool = False


def _cover(checklist: Checklist, meta: text.ChecklistMeta, measure: TextMeasure) -> list[Block]:
    fields = text.header_fields(checklist, meta)
    name_lines = measure.wrap(checklist.profile.name, BOLD, 16, CONTENT_WIDTH)

    def draw_title(canvas: Canvas, y: float) -> None:
        canvas.setFont(BOLD, 11)
        canvas.drawString(MARGIN, y - 11, pdf_text(text.TITLE))
        canvas.setFont(BOLD, 16)
        for index, line in enumerate(name_lines):
            canvas.drawString(MARGIN, y - 32 - 19 * index, line)
        y -= 40 + 19 * len(name_lines)
        for label, value in fields:
            canvas.setFont(BOLD, SIZE)
            canvas.drawString(MARGIN, y, pdf_text(label + "\u00a0:"))
            canvas.setFont(BODY, SIZE)
            canvas.drawString(MARGIN + 95, y, pdf_text(value))
            y -= LEADING + 2

    height = 44 + 19 * len(name_lines) + (LEADING + 2) * len(fields)
    blocks = [Block(height, draw_title)]
    legend = (
        "Pour chaque levier, cochez un statut, puis notez le responsable, l’échéance et la "
        "preuve. Pour chaque engagement, indiquez s’il est tenu et l’indicateur retenu. "
        "Statuts\u00a0: " + ", ".join(text.STATUSES) + "."
    )
    legend_lines = measure.wrap(legend, BODY, SIZE, CONTENT_WIDTH)
    blocks.append(Block(len(legend_lines) * LEADING + 12, _lines_at(legend_lines, BODY, 6)))
    blocks.append(Block(22, _summary_header))
    for section in checklist.sections:
        lines = measure.wrap(text.engagement_heading(section), BODY, SIZE, 290)
        blocks.append(Block(8 + LEADING * len(lines), _summary_row(section, lines)))
    return blocks


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
    canvas.drawString(MARGIN + 350, y - 14, pdf_text("Engagement tenu ?"))
    canvas.line(MARGIN, y - 18, PAGE_WIDTH - MARGIN, y - 18)


def _summary_row(section: EngagementSection, lines: list[str]) -> Callable[[Canvas, float], None]:
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
        canvas.drawString(x + 10, y, pdf_text(label))
        if horizontal:
            x += 18 + stringWidth(pdf_text(label), BODY, SIZE)
        else:
            y -= LEADING + 1


def _section(section: EngagementSection, measure: TextMeasure) -> Iterator[Block]:
    heading_lines = measure.wrap(text.engagement_heading(section), BOLD, 13, CONTENT_WIDTH)
    key = section.engagement

    def draw_heading(canvas: Canvas, y: float) -> None:
        canvas.bookmarkHorizontal(key, 0, y)
        canvas.addOutlineEntry(pdf_text(text.engagement_heading(section)), key, level=0)
        canvas.setFont(BOLD, 13)
        for index, line in enumerate(heading_lines):
            canvas.drawString(MARGIN, y - 13 - 16 * index, line)
        y -= 16 * len(heading_lines) + 10
        canvas.setFont(BOLD, SIZE)
        canvas.drawString(MARGIN, y - SIZE, pdf_text("Engagement tenu ?"))
        _boxes(canvas, MARGIN + 90, y - SIZE, text.VERDICTS, horizontal=True)
        y -= 20
        canvas.drawString(MARGIN, y - SIZE, "Indicateur / preuve\u00a0:")
        canvas.line(MARGIN + 90, y - SIZE - 2, PAGE_WIDTH - MARGIN, y - SIZE - 2)
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
                yield _item_block(item, measure)
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
            canvas.addOutlineEntry(pdf_text(label), key, level=1)
        canvas.setFont(font, size)
        canvas.drawString(MARGIN, y - size - 3, pdf_text(label))

    return draw


def _table_header(canvas: Canvas, y: float) -> None:
    canvas.setFont(BOLD, 7.5)
    for (x, _width), label in zip(COLUMNS, ("ID", "Levier", "Statut", "Suivi"), strict=True):
        canvas.drawString(x + 2, y - 10, label)
    canvas.line(MARGIN, y - 14, PAGE_WIDTH - MARGIN, y - 14)


def _item_block(item: ChecklistItem, measure: TextMeasure) -> Block:
    lines = measure.wrap(item.text, BODY, SIZE, COLUMNS[1][1] - 4)
    ids = [lever_id for lever_id in item.lever_ids]
    note = text.shared_note(item)
    note_lines = measure.wrap(note, ITALIC, 7, COLUMNS[1][1] - 4) if note else []
    text_height = LEADING * len(lines) + 9 * len(note_lines)
    height = max(text_height, LEADING * len(ids), 4 * (LEADING + 1), 42.0) + 2 * PADDING

    def draw(canvas: Canvas, y: float) -> None:
        top = y - PADDING - SIZE
        writer = canvas.beginText(COLUMNS[0][0] + 2, top)
        writer.setFont(BOLD, SIZE, LEADING)
        writer.textLines(ids)
        writer.setTextOrigin(COLUMNS[1][0] + 2, top)
        writer.setFont(BODY, SIZE, LEADING)
        writer.textLines(lines)
        if note_lines:
            writer.setFont(ITALIC, 7, 9)
            writer.textLines(note_lines)
        canvas.drawText(writer)
        canvas.saveState()
        canvas.translate(0, top)
        canvas.doForm(CONTROLS_FORM)
        canvas.restoreState()
        canvas.setStrokeGray(0.75)
        canvas.line(MARGIN, y - height, PAGE_WIDTH - MARGIN, y - height)
        canvas.setStrokeGray(0)

    return Block(height, draw)


def _define_controls(canvas: Canvas) -> None:
    """Status boxes and follow-up rules, drawn once per document and reused by every row.

    A PDF form XObject: each row references it instead of repeating ten drawing
    operations, which keeps files small and generation fast.
    """
    canvas.beginForm(CONTROLS_FORM, lowerx=0, lowery=-60, upperx=PAGE_WIDTH, uppery=20)
    canvas.setLineWidth(0.5)
    _boxes(canvas, COLUMNS[2][0] + 2, 0, text.STATUSES, horizontal=False)
    x, width = COLUMNS[3]
    canvas.setFont(BODY, 6.5)
    for index, label in enumerate(FOLLOW_UP):
        baseline = -2 - 13 * index
        canvas.drawString(x + 2, baseline + 1, pdf_text(label))
        start = x + 4 + stringWidth(pdf_text(label), BODY, 6.5)
        canvas.line(start, baseline, x + width, baseline)
    canvas.endForm()


def paginate(blocks: list[Block]) -> list[list[tuple[Block, float]]]:
    """Assign each block a page and a top y; a heading never ends a page."""
    pages: list[list[tuple[Block, float]]] = [[]]
    y = TOP
    header: Block | None = None
    for index, block in enumerate(blocks):
        if block.repeat_header:
            header = block
        elif block.new_page:
            header = None
        needed = block.height
        if block.keep_with_next and index + 1 < len(blocks):
            follower = index + 1
            while blocks[follower].keep_with_next and follower + 1 < len(blocks):
                needed += blocks[follower].height
                follower += 1
            needed += blocks[follower].height
        if (block.new_page and pages[-1]) or (y - needed < BOTTOM and pages[-1]):
            pages.append([])
            y = TOP
            if header is not None and not block.repeat_header and not block.keep_with_next:
                pages[-1].append((header, y))
                y -= header.height
        pages[-1].append((block, y))
        y -= block.height
    return pages


def _page_frame(
    canvas: Canvas, checklist: Checklist, meta: text.ChecklistMeta, number: int, total: int
) -> None:
    profile = checklist.profile
    canvas.setFont(BODY, 7.5)
    left = pdf_text(f"{profile.name} — autoévaluation {profile.year}")
    while stringWidth(left, BODY, 7.5) > CONTENT_WIDTH / 2 - 10:
        left = left[:-2] + "…"
    canvas.drawString(MARGIN, PAGE_HEIGHT - 36, left)
    canvas.drawRightString(PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 36, pdf_text(meta.version))
    canvas.line(MARGIN, PAGE_HEIGHT - 42, PAGE_WIDTH - MARGIN, PAGE_HEIGHT - 42)
    canvas.drawString(MARGIN, 28, pdf_text("Généré le " + text.french_date(meta.generated)))
    canvas.drawRightString(PAGE_WIDTH - MARGIN, 28, f"Page {number} / {total}")


def checklist_pdf(
    checklist: Checklist, meta: text.ChecklistMeta, measure: TextMeasure | None = None
) -> bytes:
    """The PDF bytes; identical input gives identical bytes (invariant mode)."""
    measure = measure or TextMeasure()
    blocks = _cover(checklist, meta, measure)
    for section in checklist.sections:
        blocks.extend(_section(section, measure))
    pages = paginate(blocks)
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=1, lang="fr-FR", pageCompression=1)
    profile = checklist.profile
    canvas.setTitle(pdf_text(f"{text.TITLE} — {profile.name} — {profile.year}"))
    canvas.setSubject(pdf_text("Référentiel Marianne — autoévaluation annuelle de l’accueil"))
    canvas.setAuthor(pdf_text(profile.referent or profile.name))
    canvas.setCreator(pdf_text(f"marianne_kit — {meta.version}"))
    stamp = meta.generated.strftime("D:%Y%m%d000000+00'00'")
    canvas.setDateFormatter(lambda *_parts: stamp)
    canvas.showOutline()
    _define_controls(canvas)
    for number, page in enumerate(pages, start=1):
        canvas.setLineWidth(0.5)
        _page_frame(canvas, checklist, meta, number, len(pages))
        for block, y in page:
            block.draw(canvas, y)
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()
