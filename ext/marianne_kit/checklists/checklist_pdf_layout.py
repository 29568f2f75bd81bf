"""Measuring, wrapping and paginating the PDF checklist (arithmetic, no drawing).

Kept apart from the drawing code so the rules that keep text on the page —
wrap every line to a width, break words longer than that width, shorten the
running header with an ellipsis — can be read and tested on their own. Widths
come from DejaVu Sans (:mod:`marianne_kit.checklists.fonts`), the font embedded in the PDF.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Final

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from .fonts import text_width

PAGE_WIDTH, PAGE_HEIGHT = A4
MARGIN: Final = 40.0
TOP: Final = PAGE_HEIGHT - 58.0
BOTTOM: Final = 48.0
CONTENT_WIDTH: Final = PAGE_WIDTH - 2 * MARGIN
ELLIPSIS: Final = "…"
#: Where a line may break: ordinary spaces only. No-break spaces (U+00A0,
#: U+202F) and the non-breaking hyphen (U+2011) keep their neighbours together.
_BREAK: Final = " "


@dataclass
class TextMeasure:
    """Line-wrapping with a cache: the same lever texts recur in every site's PDF.

    One instance serves a batch of sites in one process (see ``checklist_files``).
    """

    cache: dict[tuple[str, str, float, float], list[str]] = field(default_factory=dict)

    def wrap(self, value: str, font: str, size: float, width: float) -> list[str]:
        """``value`` as lines no wider than ``width``; never an empty list."""
        key = (value, font, size, width)
        if key not in self.cache:
            self.cache[key] = wrap(value, font, size, width)
        return self.cache[key]


def wrap(value: str, font: str, size: float, width: float) -> list[str]:
    """Greedy line-breaking at spaces; a word wider than ``width`` is cut between characters.

    A line break replaces exactly one space, so joining the lines with spaces
    gives ``value`` back (a reader's text extraction sees the same text).
    """
    space = text_width(_BREAK, font, size)
    lines: list[str] = []
    current: list[str] = []
    current_width = 0.0
    for word in value.split(_BREAK):
        word_width = text_width(word, font, size)
        if current and current_width + space + word_width <= width:
            current.append(word)
            current_width += space + word_width
            continue
        if current:
            lines.append(_BREAK.join(current))
        pieces = _cut(word, font, size, width) if word_width > width else [word]
        lines.extend(pieces[:-1])
        current = [pieces[-1]]
        current_width = text_width(pieces[-1], font, size)
    lines.append(_BREAK.join(current))
    return lines


def _cut(word: str, font: str, size: float, width: float) -> list[str]:
    """A word wider than the line, in pieces that fit (never before a combining mark)."""
    pieces: list[str] = []
    start, used = 0, 0.0
    for index, char in enumerate(word):
        char_width = text_width(char, font, size)
        combining = unicodedata.combining(char) != 0
        if used + char_width > width and index > start and not combining:
            pieces.append(word[start:index])
            start, used = index, 0.0
        used += char_width
    pieces.append(word[start:])
    return pieces


def shorten(value: str, font: str, size: float, width: float) -> str:
    """``value`` cut and ended with « … » so that it is no wider than ``width``."""
    if text_width(value, font, size) <= width:
        return value
    budget = width - text_width(ELLIPSIS, font, size)
    used = 0.0
    end = 0
    for index, char in enumerate(value):
        used += text_width(char, font, size)
        if used > budget:
            break
        if not unicodedata.combining(value[index + 1 : index + 2] or "a"):
            end = index + 1
    return value[:end].rstrip() + ELLIPSIS


@dataclass(frozen=True)
class Block:
    """Something drawn at a height; ``draw`` receives the canvas and the top y."""

    height: float
    draw: Callable[[Canvas, float], None]
    new_page: bool = False
    keep_with_next: bool = False
    repeat_header: bool = False


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
