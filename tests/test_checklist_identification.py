"""Every checklist format names its site, year and edition, read back with real readers.

The results import finds these fields by label, never by position (CHECKLIST
IDENTIFICATION contract); the expected values come from the profile's TOML and
from ``conf.py``'s text, not from the extension.
"""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from bs4 import BeautifulSoup
from checklist_readers import (
    libreoffice_sheet_csv,
    needs_pdftotext,
    needs_soffice,
    normalise,
    pdftotext,
    read_csv,
)
from conftest import PROJECT_ROOT, BuildResult
from pypdf import PdfReader

SLUG = "sous-prefecture-lesparre-medoc"
PROFILE = tomllib.loads((PROJECT_ROOT / "checklists" / f"{SLUG}.toml").read_text("utf-8"))
EDITION_LINE = re.compile(r'^marianne_edition = "([0-9]{4}\.[0-9]+)"$', re.MULTILINE)
EDITION = EDITION_LINE.findall((PROJECT_ROOT / "conf.py").read_text("utf-8"))[0]
ODS_NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


def _file(site: BuildResult, suffix: str) -> Path:
    return site.outdir / "checklists" / f"{SLUG}.{suffix}"


def _fields(rows: list[list[str]]) -> dict[str, str]:
    """« Champ » / « Valeur » rows by label, wherever the two columns are."""
    header = rows[0]
    label, value = header.index("Champ"), header.index("Valeur")
    return {row[label]: row[value] for row in rows[1:] if len(row) > value and row[label]}


def _expected_fields() -> dict[str, str]:
    return {
        "Site": PROFILE["name"],
        "Code du site": SLUG,
        "Année": str(PROFILE["year"]),
        "Édition du référentiel": EDITION,
    }


def test_the_edition_under_test_is_declared_once_and_pyproject_agrees() -> None:
    assert len(EDITION_LINE.findall((PROJECT_ROOT / "conf.py").read_text("utf-8"))) == 1
    pyproject = tomllib.loads((PROJECT_ROOT / "pyproject.toml").read_text("utf-8"))
    assert pyproject["project"]["version"] == EDITION


def test_csv_columns_name_site_code_year_and_edition(site: BuildResult) -> None:
    _, rows = read_csv(_file(site, "csv"))
    assert rows, "the site has levers"
    assert list(rows[0])[:5] == ["Site", "Code site", "Année", "Édition", "ID"]
    identification = {(r["Site"], r["Code site"], r["Année"], r["Édition"]) for r in rows}
    assert identification == {(PROFILE["name"], SLUG, str(PROFILE["year"]), EDITION)}


def test_xlsx_informations_sheet_and_properties(site: BuildResult) -> None:
    book = openpyxl.load_workbook(_file(site, "xlsx"))
    assert book.sheetnames == ["Leviers", "Synthèse", "Informations"]
    rows = [["" if v is None else v for v in row] for row in book["Informations"].values]
    fields = _fields(rows)
    year = fields.pop("Année")
    assert year == PROFILE["year"] and isinstance(year, int), "the year is a number"
    fields["Année"] = str(year)
    assert {k: fields[k] for k in _expected_fields()} == _expected_fields()
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", fields["Générée le"])
    assert f"édition {EDITION}" in book.properties.keywords
    assert SLUG in book.properties.keywords


@needs_soffice
def test_ods_informations_sheet_read_by_libreoffice(site: BuildResult, tmp_path: Path) -> None:
    path = _file(site, "ods")
    with zipfile.ZipFile(path) as archive:
        content = ElementTree.fromstring(archive.read("content.xml"))
        meta = ElementTree.fromstring(archive.read("meta.xml"))
    names = [
        t.get(f"{{{ODS_NS['table']}}}name") for t in content.iter(f"{{{ODS_NS['table']}}}table")
    ]
    assert names == ["Leviers", "Synthèse", "Informations"]
    keywords = [k.text for k in meta.iter(f"{{{ODS_NS['meta']}}}keyword")]
    assert f"édition {EDITION}" in keywords and SLUG in keywords
    # Sheet 3, as LibreOffice shows it (the year a number, displayed without decimals).
    fields = _fields(libreoffice_sheet_csv(path, 3, tmp_path))
    assert {k: fields[k] for k in _expected_fields()} == _expected_fields()
    year_cell = [
        cell
        for cell in content.iter(f"{{{ODS_NS['table']}}}table-cell")
        if cell.get(f"{{{ODS_NS['office']}}}value") == str(PROFILE["year"])
    ]
    assert [c.get(f"{{{ODS_NS['office']}}}value-type") for c in year_cell] == ["float"]


@needs_pdftotext
def test_pdf_header_and_metadata_state_the_edition(site: BuildResult) -> None:
    path = _file(site, "pdf")
    text = normalise(pdftotext(path))
    pages = text.count(f"autoévaluation {PROFILE['year']} — édition {EDITION}")
    reader = PdfReader(path)
    assert pages == len(reader.pages) > 1, "every page's running header"
    assert f"Édition du référentiel : {EDITION}" in text, "the cover’s header fields"
    assert reader.metadata is not None
    assert f"édition {EDITION}" in str(reader.metadata.get("/Keywords"))
    assert SLUG in str(reader.metadata.get("/Keywords"))


@pytest.mark.parametrize("slug", [SLUG, "prefecture-gironde"])  # the second has a referent
def test_html_page_states_the_edition_next_to_the_year(site: BuildResult, slug: str) -> None:
    profile = tomllib.loads((PROJECT_ROOT / "checklists" / f"{slug}.toml").read_text("utf-8"))
    page = site.outdir / "checklists" / f"{slug}.html"
    soup = BeautifulSoup(page.read_text("utf-8"), "html.parser")
    header = soup.select_one("dl.mk-checklist-header")
    assert header is not None
    labels = [dt.get_text(strip=True) for dt in header.find_all("dt")]
    values = [dd.get_text(strip=True) for dd in header.find_all("dd")]
    fields = dict(zip(labels, values, strict=True))
    assert fields["Année"] == str(profile["year"])
    assert fields["Édition du référentiel"] == EDITION
    assert labels.index("Édition du référentiel") == labels.index("Année") + 1
