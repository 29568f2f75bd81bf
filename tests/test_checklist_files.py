"""Checklist files under stress: a real spreadsheet program, hostile names, bad
profiles, failed and incremental builds."""

from __future__ import annotations

import datetime
import shutil
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from checklist_readers import (
    libreoffice_pdf,
    libreoffice_sheet_csv,
    needs_soffice,
    normalise,
    ods_table,
    pdf_text,
)
from conftest import ROOTS, BuildResult, run_sphinx
from fonts import FontFamily, font_family, fontconfig_environment
from marianne_kit.checklists.checklist_files import SiteJob, render_site
from marianne_kit.checklists.checklist_html import (
    BODY_TOKEN,
    TITLE_TOKEN,
    PageShell,
    checklist_body,
)
from marianne_kit.checklists.checklist_pdf import TextMeasure
from marianne_kit.checklists.checklist_text import ChecklistMeta
from marianne_kit.checklists.profiles import SiteProfile
from marianne_kit.checklists.scope import build_checklist
from odfdo import Cell, Document
from pypdf import PdfReader

FILL = ["En place", "En cours", "À engager", "Non applicable", "En place", ""]
__all__ = ["font_family"]  # the fixture, imported so pytest finds it here
HOSTILE = ['=HYPERLINK("http://x","y")', "@SUM(1)", "+1", "-2+3", "<script>alert(1)</script>"]
META = ChecklistMeta("Référentiel de test", datetime.date(2026, 11, 27))


def _expected_summary(rows: list[tuple[str, str]]) -> dict[str, list[str]]:
    """Engagement -> [applicable, en place, en cours, à engager, %] from filled rows."""
    expected: dict[str, list[str]] = {}
    engagements = sorted({e for cell, _ in rows for e in cell.split(", ")})
    for engagement in engagements + ["Total"]:
        chosen = [s for cell, s in rows if engagement == "Total" or engagement in cell.split(", ")]
        applicable = len(chosen) - chosen.count("Non applicable")
        in_place = chosen.count("En place")
        percent = (
            (Decimal(100 * in_place) / applicable).quantize(0, ROUND_HALF_UP) if applicable else ""
        )
        expected[engagement] = [str(applicable), str(in_place), str(chosen.count("En cours")),
                                str(chosen.count("À engager")), str(percent)]  # fmt: skip
    return expected


def _summary_from_libreoffice(path: Path, workdir: Path) -> dict[str, list[str]]:
    exported = libreoffice_sheet_csv(path, 2, workdir)
    start = next(i for i, row in enumerate(exported) if row[:1] == ["Engagement"]) + 1
    return {row[0]: row[2:7] for row in exported[start:] if row and row[0]}


@needs_soffice
def test_libreoffice_recalculates_the_xlsx_summary(
    internal_site: BuildResult, tmp_path: Path
) -> None:
    book = openpyxl.load_workbook(internal_site.outdir / "checklists" / "prefecture-gironde.xlsx")
    sheet = book["Leviers"]
    status = [cell.value for cell in sheet[1]].index("Statut")  # found by title: pre-fill moves it
    filled: list[tuple[str, str]] = []
    for index, row in enumerate(sheet.iter_rows(min_row=2)):
        row[status].value = FILL[index % len(FILL)] or None
        filled.append((row[1].value, FILL[index % len(FILL)]))
    assert len(filled) == 313, "one row per line of the prefecture's checklist"
    path = tmp_path / "rempli.xlsx"
    book.save(path)
    assert _summary_from_libreoffice(path, tmp_path) == _expected_summary(filled)


@needs_soffice
def test_libreoffice_recalculates_the_ods_summary(
    internal_site: BuildResult, tmp_path: Path
) -> None:
    document = Document(
        str(internal_site.outdir / "checklists" / "sous-prefecture-lesparre-medoc.ods")
    )
    table = document.body.get_table(name="Leviers")
    column = [cell.value for cell in table.get_row(0).traverse()].index("Statut")
    filled: list[tuple[str, str]] = []
    for index in range(1, table.height):
        status = FILL[(index - 1) % len(FILL)]
        # Every status written (or emptied): the file came pre-filled from 2025.
        table.set_cell((column, index), Cell(status) if status else Cell())
        filled.append((table.get_cell((1, index)).value, status))
    assert len(filled) == 242, "one row per line of the sub-prefecture's checklist"
    path = tmp_path / "rempli.ods"
    document.save(str(path))
    assert _summary_from_libreoffice(path, tmp_path) == _expected_summary(filled)


@needs_soffice
@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_libreoffice_prints_a4_landscape_fitted_with_headers(
    internal_site: BuildResult, suffix: str, font_family: FontFamily, tmp_path: Path
) -> None:
    path = internal_site.outdir / "checklists" / f"sous-prefecture-lesparre-medoc.{suffix}"
    environment = fontconfig_environment(font_family, tmp_path / "fonts")
    printed = PdfReader(libreoffice_pdf(path, tmp_path, environment))
    first = printed.pages[0]
    assert (round(float(first.mediabox.width)), round(float(first.mediabox.height))) == (842, 595)
    pages = len(printed.pages)
    assert pages > 2
    for number in (1, 2):
        text = printed.pages[number - 1].extract_text()
        assert "Sous-préfecture de Lesparre-Médoc — autoévaluation 2026" in text, "page header"
        assert f"Page {number} / {pages}" in text, "page footer"
        # Pre-filled from the example site's 2025 results.
        header_row = "ID Engagements Canal Catégorie Levier Statut 2025 Statut Revu Responsable"
        assert header_row in normalise(text), "header row repeated on every page"
        assert "Commentaire / preuve" in text, "every column fits the page width"


def _hostile_files(name: str, needs: dict[str, Any]) -> dict[str, bytes]:
    profile = SiteProfile(
        slug="hostile", name=name, kind="service", channels=("courriel",), year=2026
    )
    return render_site(SiteJob(profile, b""), list(needs.values()), META, TextMeasure())


@pytest.mark.parametrize("name", HOSTILE)
def test_hostile_names_never_become_formulas(
    name: str, needs: dict[str, Any], tmp_path: Path
) -> None:
    files = _hostile_files(name, needs)
    csv_text = files["csv"].decode("utf-8-sig")
    first_cell = csv_text.splitlines()[1].split(";")[0]
    if name[0] in "=+-@":
        assert first_cell.strip('"').replace('""', '"') == "'" + name
    else:
        assert first_cell == name
    (tmp_path / "h.xlsx").write_bytes(files["xlsx"])
    cell = openpyxl.load_workbook(tmp_path / "h.xlsx")["Synthèse"]["B1"]
    assert cell.data_type == "s" and cell.value == name
    with zipfile.ZipFile(tmp_path / "h.xlsx") as archive:
        summary = archive.read("xl/worksheets/sheet2.xml").decode()
    assert '<c r="B1" s="4" t="inlineStr">' in summary
    (tmp_path / "h.ods").write_bytes(files["ods"])
    ods_cell = ods_table(tmp_path / "h.ods", "Synthèse").get_cell((1, 0))
    assert ods_cell.type == "string" and ods_cell.value == name
    assert ods_cell.get_attribute("table:formula") is None
    (tmp_path / "h.pdf").write_bytes(files["pdf"])
    assert name in normalise(pdf_text(tmp_path / "h.pdf"))


def test_hostile_names_are_escaped_in_the_page_title(needs: dict[str, Any]) -> None:
    profile = SiteProfile(
        slug="h", name=HOSTILE[-1], kind="service", channels=("courriel",), year=2026
    )
    shell = PageShell(f"<title>{TITLE_TOKEN}</title><main>{BODY_TOKEN}</main>", {})
    sizes = dict.fromkeys(("pdf", "ods", "xlsx", "csv"), 1)
    page = shell.page(build_checklist(profile, []), META, sizes).decode()
    assert "<script>" not in page and "— &lt;script&gt;alert(1)&lt;/script&gt;</title>" in page


def test_hostile_names_are_escaped_in_html(needs: dict[str, Any]) -> None:
    profile = SiteProfile(
        slug="h", name=HOSTILE[-1], kind="service", channels=("courriel",), year=2026
    )
    body = checklist_body(build_checklist(profile, needs.values()), META, lambda i: f"#{i}", {})
    assert "<script>" not in body and "&lt;script&gt;alert(1)&lt;/script&gt;" in body


@needs_soffice
def test_libreoffice_shows_a_hostile_name_as_text(needs: dict[str, Any], tmp_path: Path) -> None:
    files = _hostile_files(HOSTILE[0], needs)
    for suffix in ("xlsx", "ods"):
        path = tmp_path / f"hostile.{suffix}"
        path.write_bytes(files[suffix])
        exported = libreoffice_sheet_csv(path, 2, tmp_path)
        assert exported[0][:2] == ["Site", HOSTILE[0]], "evaluated, it would show « y »"


def test_french_text_survives_every_format(needs: dict[str, Any], tmp_path: Path) -> None:
    name = "Maison de l’œuvre « Élan » à Noël"
    files = _hostile_files(name, needs)
    (tmp_path / "f.pdf").write_bytes(files["pdf"])
    assert name in pdf_text(tmp_path / "f.pdf"), "page header, exactly as typed"
    assert name in files["csv"].decode("utf-8-sig")
    (tmp_path / "f.xlsx").write_bytes(files["xlsx"])
    typeset = name.replace("« ", "«\u00a0").replace(" »", "\u00a0»")  # no-break spaces added
    assert openpyxl.load_workbook(tmp_path / "f.xlsx")["Synthèse"]["B1"].value == typeset


def _kit(tmp_path: Path) -> Path:
    target = tmp_path / "kit"
    shutil.copytree(ROOTS / "checklists-kit", target)
    return target


def _build(kit: Path, fresh: bool = True) -> BuildResult:
    return run_sphinx(kit, kit, kit / "_build" / "html", fresh=fresh)


def _snapshot(directory: Path) -> dict[str, tuple[int, bytes]]:
    return {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in sorted(directory.iterdir())}


def test_fixture_kit_builds_checklists_without_warnings(tmp_path: Path) -> None:
    result = _build(_kit(tmp_path))
    assert result.warning_lines() == [] and result.status == 0
    names = sorted(p.name for p in (result.outdir / "checklists").iterdir())
    assert names == sorted(f"{slug}.{suffix}" for slug in ("kit-complet", "site-a", "site-b")
                           for suffix in ("html", "pdf", "ods", "xlsx", "csv"))  # fmt: skip


def test_editing_one_profile_regenerates_that_site_only(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    outdir = _build(kit).outdir / "checklists"
    before = _snapshot(outdir)
    profile = kit / "checklists" / "site-a.toml"
    profile.write_text(
        profile.read_text(encoding="utf-8").replace("Site A", "Site A bis"), encoding="utf-8"
    )
    result = _build(kit, fresh=False)
    assert result.warning_lines() == []
    after = _snapshot(outdir)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [f"site-a.{suffix}" for suffix in ("csv", "html", "ods", "pdf", "xlsx")]
    assert "Site A bis" in (outdir / "site-a.html").read_text(encoding="utf-8")
    assert "Site A bis" in (result.outdir / "index.html").read_text(encoding="utf-8"), (
        "list of sites refreshed"
    )


def test_files_that_come_out_the_same_are_not_rewritten(tmp_path: Path) -> None:
    """A lever edited: every site is checked again (the needs changed), but site B (courriel)
    does not show that lever (physique): its files keep their bytes and their dates."""
    kit = _kit(tmp_path)
    outdir = _build(kit).outdir / "checklists"
    before = _snapshot(outdir)
    page = kit / "index.md"
    text = page.read_text(encoding="utf-8")
    old = "Afficher les horaires d’ouverture à l’extérieur du bâtiment\n:id: LEV-01-01"
    assert text.count(old) == 1
    page.write_text(
        text.replace(old, "Afficher les horaires d’ouverture devant le bâtiment\n:id: LEV-01-01"),
        encoding="utf-8",
    )
    result = _build(kit, fresh=False)
    assert (result.status, result.warning_lines()) == (0, [])
    after = _snapshot(outdir)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == [f"{site}.{suffix}" for site in ("kit-complet", "site-a")
                       for suffix in ("csv", "html", "ods", "pdf", "xlsx")]  # fmt: skip


#: The dropdowns, in order, as a referent must see them (literals, not the code's constants).
STATUS_CHOICES = ["En place", "En cours", "À engager", "Non applicable"]
VERDICT_CHOICES = ["Oui", "Non", "Non applicable"]


def test_xlsx_dropdowns_offer_every_choice(internal_site: BuildResult) -> None:
    book = openpyxl.load_workbook(internal_site.outdir / "checklists" / "prefecture-gironde.xlsx")
    lists = {}
    # The example prefecture's checklist is pre-filled: « Revu » has a dropdown too.
    for sheet_name, validation in [
        (sheet, validation)
        for sheet in ("Leviers", "Synthèse")
        for validation in book[sheet].data_validations.dataValidation
    ]:
        assert validation.type == "list" and validation.formula1.startswith('"')
        choices = validation.formula1.strip('"').split(",")
        lists[sheet_name if choices != ["Oui", "Non"] else "Revu"] = (
            str(validation.sqref),
            choices,
        )
    status_range, statuses = lists["Leviers"]
    assert statuses == STATUS_CHOICES
    assert status_range.startswith("G2:G")
    assert lists["Revu"][0].startswith("H2:H")
    verdict_range, verdicts = lists["Synthèse"]
    assert verdicts == VERDICT_CHOICES
    summary = book["Synthèse"]
    engagement_rows = [
        row[0].row for row in summary.iter_rows() if str(row[0].value).startswith("ENG-")
    ]
    assert len(engagement_rows) > 1
    assert verdict_range == f"H{engagement_rows[0]}:H{engagement_rows[-1]}", "not on « Total »"


def _ods_choices(condition: str) -> list[str]:
    assert condition.startswith("of:cell-content-is-in-list(") and condition.endswith(")")
    return [
        value.strip('"') for value in condition[len("of:cell-content-is-in-list(") : -1].split(";")
    ]


def test_ods_dropdowns_offer_every_choice(internal_site: BuildResult) -> None:
    path = internal_site.outdir / "checklists" / "prefecture-gironde.ods"
    with zipfile.ZipFile(path) as archive:
        content = archive.read("content.xml").decode("utf-8")
    table = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
    root = ElementTree.fromstring(content)
    conditions = {
        element.get(f"{table}name"): element.get(f"{table}condition", "")
        for element in root.iter(f"{table}content-validation")
    }
    assert sorted(conditions) == ["reviewed", "status", "verdict"]  # pre-filled: « Revu »
    assert _ods_choices(conditions["reviewed"]) == ["Oui", "Non"]
    assert _ods_choices(conditions["status"]) == STATUS_CHOICES
    assert _ods_choices(conditions["verdict"]) == VERDICT_CHOICES
    summary = ods_table(path, "Synthèse")
    verdict_cells = {
        row.get_cell(0).value: row.get_cell(7).get_attribute("table:content-validation-name")
        for row in summary.traverse()
        if str(row.get_cell(0).value).startswith("ENG-") or row.get_cell(0).value == "Total"
    }
    assert len(verdict_cells) > 2 and verdict_cells.pop("Total") is None
    assert set(verdict_cells.values()) == {"verdict"}
