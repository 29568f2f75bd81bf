"""Where a printed PDF puts its words, and which words are drawn over each other.

A spreadsheet row too short for its wrapped text still has all its text in the
PDF: LibreOffice only clips it, so its last lines lie under the next row's text.
Reading the word boxes of ``pdftotext -bbox`` therefore shows every collision,
which reading the text back cannot.
"""

from __future__ import annotations

import html
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

_PAGE = re.compile(r"<page width=\"[\d.]+\" height=\"[\d.]+\">(.*?)</page>", re.S)
_WORD = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>'
)
#: Share of the smaller box's height two words must share to collide. pdftotext's
#: boxes are taller than LibreOffice's line pitch: consecutive lines of one cell
#: share 11 % (DejaVu Sans) to 14 % (Liberation Sans) of their height.
OVERLAP_SHARE = 0.2


@dataclass(frozen=True)
class Box:
    """A printed word and its box, in points from the top-left corner of its page."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


def word_boxes(pdf: Path, pdftotext: str) -> list[list[Box]]:
    """The words of each page of ``pdf``, as ``pdftotext -bbox`` sees them."""
    xhtml = subprocess.run(
        [pdftotext, "-bbox", "-enc", "UTF-8", str(pdf), "-"],
        check=True, capture_output=True, text=True,
    ).stdout  # fmt: skip
    return [
        [
            Box(html.unescape(text), float(x0), float(y0), float(x1), float(y1))
            for x0, y0, x1, y1, text in _WORD.findall(page)
        ]
        for page in _PAGE.findall(xhtml)
    ]


def overlapping_pairs(boxes: list[Box]) -> list[tuple[Box, Box]]:
    """Pairs of words drawn over each other: they share width, and height beyond a touch."""
    ordered = sorted(boxes, key=lambda box: box.y0)
    pairs: list[tuple[Box, Box]] = []
    for index, upper in enumerate(ordered):
        for lower in ordered[index + 1 :]:
            if lower.y0 >= upper.y1:
                break
            shared_height = min(upper.y1, lower.y1) - lower.y0
            shared_width = min(upper.x1, lower.x1) - max(upper.x0, lower.x0)
            smaller = min(upper.y1 - upper.y0, lower.y1 - lower.y0)
            if shared_width > 0.5 and shared_height > OVERLAP_SHARE * smaller:
                pairs.append((upper, lower))
    return pairs
