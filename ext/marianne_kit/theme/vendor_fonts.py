"""Marianne fonts cut down to the characters the kit can show (vendoring time, fontTools).

Each Marianne woff2 of the DSFR weighs about 58 KB for some 600 characters; the kit's
French text uses about a hundred. The refresh keeps, for every served weight, the
characters of a fixed safe set (all of French, the typography the kit's style rules
ask for, a few symbols) plus any other character found in the kit's sources, so a
page never draws a glyph with a fallback font because the subset dropped it.
``tests/test_dsfr_vendor.py`` checks the built site's text against the fonts.

The output is deterministic: fontTools is told not to stamp the save time into the
``head`` table (``recalc_timestamp`` stays off), so ``head.created`` and
``head.modified`` keep the upstream font's values, and brotli compresses the same
tables to the same bytes.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

#: Characters always kept, whatever the sources use today: a lever or profile
#: written tomorrow in correct French must not need a refresh of the fonts.
SAFE_RANGES: tuple[tuple[int, int], ...] = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x00FF),  # Latin-1 Supplement: accents, « », NBSP, °, ©, ×
    (0x0152, 0x0153),  # Œ œ
    (0x0178, 0x0178),  # Ÿ (« L’HAŸ-LES-ROSES »)
    (0x2009, 0x2009),  # thin space
    (0x2011, 0x2011),  # non-breaking hyphen (kept if the font has it)
    (0x2013, 0x2014),  # – —
    (0x2018, 0x201E),  # ‘ ’ ‚ “ ” „
    (0x2022, 0x2022),  # • bullet
    (0x2026, 0x2026),  # … ellipsis
    (0x202F, 0x202F),  # narrow no-break space (before ; : ! ? and inside « »)
    (0x2039, 0x203A),  # ‹ ›
    (0x2060, 0x2060),  # word joiner
    (0x20AC, 0x20AC),  # €
    (0x2116, 0x2116),  # №
    (0x2190, 0x2193),  # ← ↑ → ↓
    (0x2212, 0x2212),  # − minus
    (0x2248, 0x2248),  # ≈
    (0x2260, 0x2260),  # ≠
    (0x2264, 0x2265),  # ≤ ≥
)

#: Text files whose characters can reach a page: Markdown and TOML sources, the
#: theme's templates, the extension's Python strings and scripts.
TEXT_SUFFIXES = frozenset({".md", ".toml", ".txt", ".html", ".py", ".js", ".csv"})

#: Control characters are never drawn.
_IGNORED_CATEGORIES = frozenset({"Cc"})


def safe_characters() -> set[str]:
    """The fixed safe set as characters."""
    return {chr(code) for first, last in SAFE_RANGES for code in range(first, last + 1)}


def characters_in_files(paths: Iterable[Path]) -> set[str]:
    """Every drawable character of the given UTF-8 text files."""
    found: set[str] = set()
    for path in paths:
        found |= set(path.read_text(encoding="utf-8"))
    return {char for char in found if unicodedata.category(char) not in _IGNORED_CATEGORIES}


def text_files(folders: Iterable[Path], exclude: Sequence[Path] = ()) -> list[Path]:
    """Text files under the folders (see ``TEXT_SUFFIXES``), sorted.

    Caches are left out, and so is anything under ``exclude``: the vendored DSFR
    itself, whose script holds strings the kit never shows.
    """
    return sorted(
        path
        for folder in folders
        if folder.is_dir()
        for path in folder.rglob("*")
        if path.is_file()
        and path.suffix in TEXT_SUFFIXES
        and "__pycache__" not in path.parts
        and not any(path.is_relative_to(excluded) for excluded in exclude)
    )


def wanted_characters(folders: Iterable[Path], exclude: Sequence[Path] = ()) -> set[str]:
    """The safe set plus every character of the kit's text files under ``folders``."""
    return safe_characters() | characters_in_files(text_files(folders, exclude))


def characters_listing(wanted: Iterable[str], kept: set[str]) -> str:
    """One line per wanted character beyond printable ASCII, for review in a diff.

    A character the font does not have is listed too, marked, since a page using
    it is drawn with a fallback font whatever the subset.
    """
    lines = [
        "# Characters kept in the subset Marianne fonts besides printable ASCII (U+0020-U+007E).\n",
        "# Written by `nox -s vendor-dsfr` (marianne_kit/theme/vendor_fonts.py).\n",
    ]
    for char in sorted(set(wanted)):
        if 0x20 <= ord(char) <= 0x7E:
            continue
        name = unicodedata.name(char, "<unnamed>")
        note = "" if char in kept else "  (not in Marianne: drawn by a fallback font)"
        lines.append(f"U+{ord(char):04X} {name}{note}\n")
    return "".join(lines)


def subset_font(source: Path, target: Path, characters: Iterable[str]) -> set[str]:
    """Write ``target``, a woff2 of ``source`` kept to ``characters``; return those it has.

    Kerning, ligatures and the font's other default OpenType features stay (the
    subsetter keeps the glyphs they need). TrueType hinting goes: it is 10 KB of
    the 24 KB left per weight, and the browsers' own rasterisers (DirectWrite,
    FreeType, Core Text) draw Marianne's outlines without it at text sizes. The
    name table keeps the IDs 0-6 (copyright, family, style, version, PostScript
    name), which carry the font's notice.
    """
    from fontTools import subset  # imported here: only the refresh and its tests need it

    options = subset.Options()
    options.flavor = "woff2"
    options.recalc_timestamp = False
    options.hinting = False
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    available = {chr(code) for code in font.getBestCmap()}
    kept = set(characters) & available
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(ord(char) for char in kept))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    subset.save_font(font, str(target), options)
    font.close()
    return kept


def font_characters(path: Path) -> set[str]:
    """Characters a font file maps to glyphs (its best ``cmap``)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path)) as font:
        return {chr(code) for code in font.getBestCmap()}
