"""The Unicode font the checklists are drawn and measured with: DejaVu Sans.

reportlab's built-in Helvetica only knows Windows-1252, so a site name in
Vietnamese lost its accents and U+202F became a black box. DejaVu Sans (Debian's
``fonts-dejavu-core`` and ``fonts-dejavu-extra``) covers Latin, Greek and
Cyrillic in full and is embedded in every PDF. Text it cannot show correctly —
characters it lacks (Chinese, emoji) and right-to-left scripts, which reportlab
does not shape — is refused in the profiles with a clear message rather than
printed as boxes. No Sphinx here.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import cache
from itertools import chain
from pathlib import Path
from typing import Final

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIRECTORY: Final = Path("/usr/share/fonts/truetype/dejavu")
#: reportlab font name -> (file, Debian package that installs it).
FONT_FILES: Final[dict[str, tuple[str, str]]] = {
    "DejaVuSans": ("DejaVuSans.ttf", "fonts-dejavu-core"),
    "DejaVuSans-Bold": ("DejaVuSans-Bold.ttf", "fonts-dejavu-core"),
    "DejaVuSans-Oblique": ("DejaVuSans-Oblique.ttf", "fonts-dejavu-extra"),
}
BODY: Final = "DejaVuSans"
BOLD: Final = "DejaVuSans-Bold"
ITALIC: Final = "DejaVuSans-Oblique"
#: Characters all three faces have: Latin with its accents, French punctuation (’ « » –
#: …, the narrow no-break space), the euro sign. Text made of these only is checked
#: without loading the fonts, which costs 0.03 s a build; ``tests/test_profiles.py``
#: checks every one of them against the installed faces.
KNOWN_COVERED: Final = frozenset(
    chain(range(0x20, 0x7F), range(0xA0, 0x180), range(0x2010, 0x2028), (0x202F,),
          range(0x2030, 0x203B), (0x20AC,))
)  # fmt: skip
#: Bidirectional classes of right-to-left text, which would be drawn reversed.
_RIGHT_TO_LEFT: Final = frozenset({"R", "AL", "RLE", "RLO", "RLI"})


class FontMissing(Exception):
    """A font file is not installed; the message names the Debian package."""


@dataclass(frozen=True)
class UnsupportedCharacter:
    """A character of profile text that the checklists cannot show, and why."""

    char: str
    reason: str

    def describe(self) -> str:
        name = unicodedata.name(self.char, "")
        label = f"U+{ord(self.char):04X} {name}".rstrip()
        return f"{label}: {self.reason}"


def font_path(name: str, directory: Path = FONT_DIRECTORY) -> Path:
    file_name, package = FONT_FILES[name]
    path = directory / file_name
    if not path.is_file():
        raise FontMissing(f"font file {path} is missing: apt-get install {package}")
    return path


def check_fonts_installed(directory: Path = FONT_DIRECTORY) -> None:
    """Raise :class:`FontMissing` for the first face not installed, before any is loaded."""
    for name in FONT_FILES:
        font_path(name, directory)


@cache
def register_fonts(directory: Path = FONT_DIRECTORY) -> tuple[str, str, str]:
    """Register the three faces with reportlab once per process; return their names."""
    for name in FONT_FILES:
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(font_path(name, directory))))
    return BODY, BOLD, ITALIC


@cache
def _covered_code_points(directory: Path = FONT_DIRECTORY) -> frozenset[int]:
    """Code points that every face has a glyph for (bold and italic text too)."""
    register_fonts(directory)
    faces = [pdfmetrics.getFont(name).face for name in FONT_FILES]
    covered = set(faces[0].charToGlyph)
    for face in faces[1:]:
        covered &= set(face.charToGlyph)
    return frozenset(covered)


def text_width(value: str, font: str, size: float) -> float:
    """Width in points of ``value`` drawn in one of the registered faces."""
    register_fonts()
    return pdfmetrics.stringWidth(value, font, size)


def unsupported_characters(value: str) -> list[UnsupportedCharacter]:
    """The distinct characters of ``value`` no checklist format can show, in order.

    Line breaks and tabs are reported too: a one-line field must stay one line.
    """
    found: dict[str, UnsupportedCharacter] = {}
    for char in unicodedata.normalize("NFC", value):
        if char in found:
            continue
        if unicodedata.category(char) in {"Cc", "Cs", "Co", "Cn"}:
            found[char] = UnsupportedCharacter(char, "a control or unassigned character")
        elif unicodedata.bidirectional(char) in _RIGHT_TO_LEFT:
            found[char] = UnsupportedCharacter(char, "right-to-left script, not laid out")
        elif unicodedata.category(char) == "Cf" and char not in "\u200b\u2060\u00ad":
            found[char] = UnsupportedCharacter(char, "an invisible formatting character")
        elif (
            ord(char) not in KNOWN_COVERED
            and ord(char) not in _covered_code_points()
            and not char.isspace()
        ):
            found[char] = UnsupportedCharacter(char, "not in the DejaVu Sans font the PDF embeds")
    return list(found.values())
