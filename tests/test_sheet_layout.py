"""Spreadsheets printed by LibreOffice under each font family: no text drawn over
other text, column titles whole, comparable page counts for ODS and XLSX.

The row heights come from :mod:`marianne_kit.checklists.sheet_layout`; these tests check
the result where a referent sees it, in the printed PDF, and check the
measuring functions themselves on literal cases.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Any

import pytest
from checklist_readers import (
    PDFTOTEXT,
    libreoffice_pdf,
    needs_pdftotext,
    needs_soffice,
    normalise,
    pdf_font_names,
)
from conftest import BuildResult
from fonts import FontFamily, font_family, fontconfig_environment
from marianne_kit.checklists.checklist_files import SiteJob, render_site
from marianne_kit.checklists.checklist_pdf import TextMeasure
from marianne_kit.checklists.checklist_sheets import print_header
from marianne_kit.checklists.checklist_text import ChecklistMeta
from marianne_kit.checklists.profiles import SiteProfile
from marianne_kit.checklists.scope import build_checklist
from marianne_kit.checklists.sheet_layout import (
    Cell,
    row_height_pt,
    shorten,
    text_width,
    wrap,
)
from print_geometry import Box, overlapping_pairs, word_boxes

__all__ = ["font_family"]  # the fixture, imported so pytest finds it here

META = ChecklistMeta("Référentiel de test", datetime.date(2026, 11, 27))
#: 300 characters: a name longer than any page header.
LONG_NAME = (
    "Maison France Services de la communauté de communes Médoc Cœur de Presqu’île, "
    "antennes des bourgs de Lesparre-Médoc, Saint-Laurent-Médoc, Pauillac, "
    "Vendays-Montalivet, Soulac-sur-Mer et Hourtin, avec permanences d’accueil "
    "téléphonique et courriel partagées avec la sous-préfecture de l’arrondissement"
)
LEVER_TITLE_WORDS = ["ID", "Engagements", "Canal", "Catégorie", "Levier", "Statut",
                     "Responsable", "Échéance", "Commentaire", "/", "preuve"]  # fmt: skip
#: The example sites have 2025 results: their 2026 checklists carry the pre-fill columns.
PREFILLED_TITLE_WORDS = ["ID", "Engagements", "Canal", "Catégorie", "Levier", "Statut", "2025",
                         "Statut", "Revu", "Responsable", "Échéance", "Commentaire", "/",
                         "preuve"]  # fmt: skip
SUMMARY_TITLE_WORDS = ["Engagement", "Intitulé", "Leviers", "applicables", "En", "place",
                       "En", "cours", "À", "engager", "%", "en", "place", "Engagement",
                       "tenu", "?", "Indicateur", "/", "preuve"]  # fmt: skip


def test_long_name_is_300_characters() -> None:
    assert len(LONG_NAME) == 300


# --- The geometry check, on boxes placed by hand -----------------------------------


def test_lines_of_one_cell_and_neighbour_cells_do_not_collide() -> None:
    first = Box("Communication", 185.4, 50.14, 233.31, 59.12)
    second = Box("horaires", 185.4, 57.85, 210.34, 66.83)  # next line, 14 % shared
    beside = Box("Physique", 240.0, 50.14, 270.0, 59.12)
    assert overlapping_pairs([second, beside, first]) == []


def test_rows_drawn_over_each_other_collide() -> None:
    clipped = Box("d’ouverture", 273.4, 65.54, 307.92, 74.51)
    next_row = Box("Mentionner", 273.4, 66.65, 307.99, 75.63)
    elsewhere = Box("ENG-01", 80.0, 66.65, 105.0, 75.63)
    assert overlapping_pairs([next_row, elsewhere, clipped]) == [(clipped, next_row)]


def test_page_headers_running_into_each_other_collide() -> None:
    left = Box("Gironde…", 300.0, 28.0, 420.0, 37.0)
    right = Box("Référentiel", 410.0, 28.0, 460.0, 37.0)
    assert overlapping_pairs([left, right]) == [(left, right)]


# --- The measuring functions -------------------------------------------------------


def test_wrap_breaks_at_spaces_only_and_splits_words_wider_than_the_column() -> None:
    assert wrap("", 3.0) == []
    assert wrap("Physique", 3.0) == ["Physique"]
    # « Signalétique / aménagement » is 145 pt wide in DejaVu Sans 10: over 4.5 cm less the inset.
    assert wrap("Signalétique / aménagement du site", 4.5) == [
        "Signalétique /",
        "aménagement du site",
    ]
    # 2.6 cm less the inset: 65.7 pt; « Tous canaux » is 63.3 pt, with « \u00a0» 72.6 pt.
    assert wrap("Tous canaux\u00a0»", 2.6) == ["Tous", "canaux\u00a0»"], "no break before »"
    # 1.5 cm less the inset: 34.5 pt; « WWW » is 29.7 pt, « WWWW » 39.6 pt.
    assert wrap("W" * 12, 1.5) == ["WWW", "WWW", "WWW", "WWW"]


def test_row_height_counts_the_tallest_cell() -> None:
    assert row_height_pt([Cell("ENG-01", 3.1), Cell("", 7.0)]) == 14.25
    two_lines = Cell("Signalétique / aménagement du site", 4.5)
    assert row_height_pt([Cell("ENG-01", 3.1), two_lines]) == 27.0


def test_shorten_keeps_what_fits_and_cuts_at_a_word() -> None:
    assert shorten("Préfecture de la Gironde", 400.0, 11.0) == "Préfecture de la Gironde"
    short = shorten(LONG_NAME, 300.0, 11.0)
    assert short.endswith("…") and text_width(short, 11.0) <= 300.0
    assert LONG_NAME.startswith(short.removesuffix("…")) and short[-2] != " "
    assert len(short) > 40


def test_page_header_shortens_a_long_site_name_only() -> None:
    def header(name: str) -> tuple[str, str]:
        profile = SiteProfile(
            slug="s", name=name, kind="service", channels=("courriel",), year=2026
        )
        return print_header(build_checklist(profile, []), META)

    assert header("Préfecture de la Gironde") == (
        "Préfecture de la Gironde — autoévaluation 2026",
        "Référentiel de test",
    )
    left, right = header(LONG_NAME)
    assert right == "Référentiel de test"
    assert left.endswith("… — autoévaluation 2026") and len(left) < 160
    assert LONG_NAME.startswith(left.removesuffix("… — autoévaluation 2026"))


# --- Printed by LibreOffice ---------------------------------------------------------


def _long_name_files(needs: dict[str, Any], workdir: Path) -> dict[str, Path]:
    profile = SiteProfile(
        slug="nom-long", name=LONG_NAME, kind="service", channels=("courriel",), year=2026
    )
    files = render_site(SiteJob(profile, b""), list(needs.values()), META, TextMeasure())
    workdir.mkdir(parents=True, exist_ok=True)
    paths = {}
    for suffix in ("ods", "xlsx"):
        paths[suffix] = workdir / f"nom-long.{suffix}"
        paths[suffix].write_bytes(files[suffix])
    return paths


def _site_files(
    site: BuildResult, needs: dict[str, Any], source: str, workdir: Path
) -> dict[str, Path]:
    if source == "long-name":
        return _long_name_files(needs, workdir / "files")
    return {suffix: site.outdir / "checklists" / f"{source}.{suffix}" for suffix in ("ods", "xlsx")}


def _check_titles(pages: list[list[Box]], lever_words: list[str]) -> None:
    """Every « Leviers » page repeats the column titles on one line, every word whole."""
    summary = [i for i, page in enumerate(pages) if any(b.text == "Intitulé" for b in page)]
    assert len(summary) == 1, "the « Synthèse » sheet fits on one page"
    # Then « Informations » (site, code, year, edition), one page of its own.
    assert summary[0] == len(pages) - 2 and summary[0] > 0
    assert "Champ" in {b.text for b in pages[-1]}
    for page in pages[: summary[0]]:
        _assert_one_line(page, lever_words, "Engagements")
    _assert_one_line(pages[summary[0]], SUMMARY_TITLE_WORDS, "Intitulé")


def _assert_one_line(page: list[Box], words: list[str], anchor: str) -> None:
    anchors = [box.y0 for box in page if box.text == anchor]
    assert anchors, f"« {anchor} » printed whole"
    top = min(anchors)
    line = [box.text for box in sorted(page, key=lambda b: b.x0) if abs(box.y0 - top) < 1.0]
    assert line == words, "column titles on one line, no word split"


@needs_soffice
@needs_pdftotext
@pytest.mark.parametrize("source", ["prefecture-gironde", "long-name"])
def test_printed_spreadsheets_have_no_text_over_text(
    internal_site: BuildResult, needs: dict[str, Any], font_family: FontFamily, source: str,
    tmp_path: Path,
) -> None:  # fmt: skip
    """The example site's sheets are pre-filled (two more columns): the internal build's."""
    site = internal_site
    environment = fontconfig_environment(font_family, tmp_path / "fonts")
    family = font_family.name.replace(" ", "")
    page_counts = {}
    for suffix, path in _site_files(site, needs, source, tmp_path).items():
        pdf = libreoffice_pdf(path, tmp_path, environment)
        assert pdf_font_names(pdf) == {family, f"{family}-Bold"}, "printed in the chosen family"
        assert PDFTOTEXT is not None
        pages = word_boxes(pdf, PDFTOTEXT)
        page_counts[suffix] = len(pages)
        collisions = [pair for page in pages for pair in overlapping_pairs(page)]
        assert collisions == [], f"{suffix}: {len(collisions)} words drawn over others"
        _check_titles(pages, LEVER_TITLE_WORDS if source == "long-name" else PREFILLED_TITLE_WORDS)
        if source == "long-name":
            # LibreOffice may break the name after a hyphen (« Soulac-sur- » / « Mer »).
            words = normalise(" ".join(box.text for box in pages[-2])).replace("- ", "-")
            assert LONG_NAME in words, "the full name stays in the « Synthèse » cells"
            assert pages[0][0].text == "Maison" and "…" in " ".join(b.text for b in pages[0][:60])
    # XLSX column widths count characters of the reader's font: a wider font widens the
    # columns and shrinks the fitted print, so the page counts may differ by a fifth; by a
    # quarter for the pre-filled prefecture, whose two more columns shrink it further
    # (measured under DejaVu Sans: 15 ODS pages, 12 XLSX pages).
    spread = 1.2 if source == "long-name" else 1.25
    assert max(page_counts.values()) <= spread * min(page_counts.values()), page_counts
