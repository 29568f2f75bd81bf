"""How tall a spreadsheet row must be for its wrapped text, computed before any program opens it.

Neither format stores a usable row height by itself: LibreOffice keeps the
default height of the XLSX rows it opens (wrapped lever texts of consecutive rows
were printed over each other), and a row height left to the reader's program
depends on the fonts that program finds. So both writers store explicit heights,
measured here with DejaVu Sans — the widest of the fonts a reader may get (a fresh
Debian maps Arial and Liberation Sans to it) — so text laid out with Arial or
Liberation Sans takes at most as many lines. The page header is shortened the
same way, so a long site name never runs into the right-hand header. No Sphinx here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Final

from . import fonts

#: Font size of every cell, in points (both files state it explicitly).
FONT_SIZE: Final = 10.0
#: Height of one text line at :data:`FONT_SIZE`: Excel's 12.75 pt for Arial 10,
#: above LibreOffice's 11.2 pt per line (measured with DejaVu Sans and Liberation Sans).
LINE_HEIGHT_PT: Final = 12.75
#: Room above and below the text inside a cell.
ROW_PADDING_PT: Final = 1.5
#: What a cell's borders and inner margins take from its width, in points. LibreOffice
#: needed under 2 pt on the 316 lever rows of a real site; Excel keeps about 5 pt.
CELL_INSET_PT: Final = 8.0
POINTS_PER_CM: Final = 72 / 2.54
ELLIPSIS: Final = "…"
#: Wrapped texts remembered: the kit's lever texts in every column, and more (bounded).
WRAP_CACHE_SIZE: Final = 8192
#: Left out before an ellipsis: a cut never ends on a space or a dangling dash.
_TRIMMED: Final = " ,;:—–-\u00a0\u202f"


@dataclass(frozen=True)
class Cell:
    """A cell as the layout sees it: its text, its column width and its weight."""

    value: str
    width_cm: float
    bold: bool = False


def _width(value: str, bold: bool, size: float) -> float:
    return fonts.text_width(value, fonts.BOLD if bold else fonts.BODY, size)


def _split_long_word(word: str, available: float, bold: bool, size: float) -> list[str]:
    """A word wider than the column is broken between characters, as spreadsheets do."""
    pieces: list[str] = []
    current = ""
    for char in word:
        if current and _width(current + char, bold, size) > available:
            pieces.append(current)
            current = char
        else:
            current += char
    return pieces + [current] if current else pieces


def wrap(value: str, width_cm: float, bold: bool = False, size: float = FONT_SIZE) -> list[str]:
    """The lines ``value`` takes in a wrapped cell ``width_cm`` wide.

    Lines break at ordinary spaces only (no-break spaces hold « » and units to
    their word), greedily, as LibreOffice and Excel fill lines; an explicit line
    break always starts a new line. An empty value takes no line.
    """
    return list(_wrapped(value, width_cm, bold, size))


@lru_cache(maxsize=WRAP_CACHE_SIZE)
def _wrapped(value: str, width_cm: float, bold: bool, size: float) -> tuple[str, ...]:
    """Measured once per text and column: every site's ODS and XLSX files show the
    same lever texts in the same columns, and measuring is most of writing them."""
    if value == "":
        return ()
    available = max(width_cm * POINTS_PER_CM - CELL_INSET_PT, 1.0)
    space = _width(" ", bold, size)  # widths add up: the faces are measured without kerning
    lines: list[str] = []
    for paragraph in value.split("\n"):
        current, current_width = "", 0.0
        for word in paragraph.split(" "):
            word_width = _width(word, bold, size)
            if current and current_width + space + word_width <= available:
                current, current_width = f"{current} {word}", current_width + space + word_width
                continue
            if not current and word_width <= available:
                current, current_width = word, word_width
                continue
            if current:
                lines.append(current)
            pieces = _split_long_word(word, available, bold, size)
            lines.extend(pieces[:-1])
            current = pieces[-1] if pieces else ""
            current_width = _width(current, bold, size)
        lines.append(current)
    return tuple(lines)


def row_height_pt(cells: Sequence[Cell], size: float = FONT_SIZE) -> float:
    """The height, in points, of a row whose tallest cell shows all its lines."""
    lines = max(
        (len(wrap(cell.value, cell.width_cm, cell.bold, size)) for cell in cells), default=1
    )
    return round(max(lines, 1) * LINE_HEIGHT_PT * size / FONT_SIZE + ROW_PADDING_PT, 2)


def shorten(value: str, width_pt: float, size: float, bold: bool = False) -> str:
    """``value`` cut with an ellipsis so it fits ``width_pt``, at a word when that costs little."""
    if _width(value, bold, size) <= width_pt:
        return value

    def fits(end: int) -> bool:
        return _width(value[:end].rstrip(_TRIMMED) + ELLIPSIS, bold, size) <= width_pt

    low, high = 0, len(value)  # fits(low) is assumed; fits(high) is false
    while high - low > 1:
        middle = (low + high) // 2
        low, high = (middle, high) if fits(middle) else (low, middle)
    kept = value[:low]
    if value[low : low + 1] != " " and " " in kept:
        at_word = kept.rsplit(" ", 1)[0]
        kept = at_word if len(at_word) >= 0.75 * len(kept) else kept
    return kept.rstrip(_TRIMMED) + ELLIPSIS


def text_width(value: str, size: float, bold: bool = False) -> float:
    """Width in points of ``value`` set in DejaVu Sans at ``size``."""
    return _width(value, bold, size)
