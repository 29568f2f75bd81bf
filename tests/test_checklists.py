"""The real site's checklists, read back with the readers a referent's tools use."""

from __future__ import annotations

import re
import tomllib
import zipfile
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import openpyxl
import pytest
from bs4 import BeautifulSoup
from checklist_readers import (
    expected_lever_ids,
    expected_lines,
    needs_pdftotext,
    normalise,
    ods_lines,
    ods_table,
    pdf_text,
    pdftotext,
    profile_settings,
    read_csv,
    xlsx_lines,
)
from conftest import PROJECT_ROOT, BuildResult
from pypdf import PdfReader

TABLE_NS = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
STATUSES = ["En place", "En cours", "À engager", "Non applicable"]
PROFILE_FILES = {path.stem: path for path in sorted((PROJECT_ROOT / "checklists").glob("*.toml"))}
SLUGS = ["kit-complet", *PROFILE_FILES]
#: Levers and lines to assess per site (lines merge identical actions), counted once by hand
#: from the profiles and the lever pages, so an empty scope cannot pass unnoticed.
SCOPE_SIZES = {
    "kit-complet": (349, 313),
    "prefecture-gironde": (349, 313),
    "service-instruction-courrier": (73, 67),
    "sous-prefecture-lesparre-medoc": (261, 242),
}


def _scope(slug: str, levers: list[dict[str, Any]]) -> tuple[list[str], list[list[str]]]:
    ids = expected_lever_ids(levers, profile_settings(PROFILE_FILES.get(slug)))
    lines = expected_lines(levers, ids)
    assert (len(ids), len(lines)) == SCOPE_SIZES[slug]
    return ids, lines


def _last_year(slug: str) -> dict[str, Any] | None:
    """The example site's 2025 results, which pre-fill its 2026 checklist (None: blank)."""
    path = PROJECT_ROOT / "results" / slug / "2025.toml"
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def test_example_sites_are_prefilled_and_the_generic_list_is_blank() -> None:
    assert _last_year("kit-complet") is None
    assert all(_last_year(slug) is not None for slug in PROFILE_FILES)


def test_public_checklists_are_blank(site: BuildResult, internal_site: BuildResult) -> None:
    """Last year's answers are one site's own: the public build's lists never carry them,
    while the internal build's do (the tests below read the internal build)."""
    for slug in PROFILE_FILES:
        header = (site.outdir / "checklists" / f"{slug}.csv").read_bytes()
        assert b"Statut 2025" not in header and b"Revu" not in header, slug
        page = (site.outdir / "checklists" / f"{slug}.html").read_text(encoding="utf-8")
        assert "repris de 2025" not in page, slug
        assert "<strong>Données d’exemple</strong>" not in page, slug
        assert b"Statut 2025" in _files(internal_site, slug)["csv"].read_bytes(), slug


def _files(site: BuildResult, slug: str) -> dict[str, Path]:
    return {suffix: site.outdir / "checklists" / f"{slug}.{suffix}"
            for suffix in ("html", "pdf", "ods", "xlsx", "csv")}  # fmt: skip


def test_three_example_profiles_cover_the_three_kinds() -> None:
    settings = [profile_settings(path) for path in PROFILE_FILES.values()]
    assert sorted(s["kind"] for s in settings) == ["prefecture", "service", "sous-prefecture"]
    channel_sets = sorted(tuple(sorted(s["channels"])) for s in settings)
    assert ("physique", "telephonique") in channel_sets
    assert ("courriel", "courrier") in channel_sets


@pytest.mark.parametrize("slug", SLUGS)
def test_every_site_has_every_format_and_is_listed(internal_site: BuildResult, slug: str) -> None:
    for path in _files(internal_site, slug).values():
        assert path.is_file() and path.stat().st_size > 0, path
    index = BeautifulSoup(
        (internal_site.outdir / "checklists" / "index.html").read_text(), "html.parser"
    )
    hrefs = {a["href"] for a in index.select("table.mk-sites a")}
    assert {f"{slug}.html", f"{slug}.pdf", f"{slug}.ods", f"{slug}.xlsx", f"{slug}.csv"} <= hrefs


def test_scopes_differ_as_profiles_say(levers: list[dict[str, Any]]) -> None:
    counts = {slug: len(_scope(slug, levers)[0]) for slug in SLUGS}
    assert counts["kit-complet"] == 349
    assert counts["sous-prefecture-lesparre-medoc"] < counts["prefecture-gironde"] <= 349
    assert 0 < counts["service-instruction-courrier"] < counts["sous-prefecture-lesparre-medoc"]


@pytest.mark.parametrize("slug", SLUGS)
def test_csv_has_one_row_per_scoped_lever(
    internal_site: BuildResult, levers: list[dict[str, Any]], slug: str
) -> None:
    ids, _ = _scope(slug, levers)
    data, rows = read_csv(_files(internal_site, slug)["csv"])
    assert data.startswith(b"\xef\xbb\xbf"), "UTF-8 BOM, so French Excel reads the accents"
    last_year = _last_year(slug)
    columns = 13 if last_year is None else 15  # pre-fill: « Statut 2025 » and « Revu »
    assert b"\r\n" in data and data.split(b"\r\n")[0].count(b";") == columns
    assert [row["ID"] for row in rows] == ids
    texts = {lever["id"]: lever["title"] for lever in levers}
    assert all(row["Levier"] == texts[row["ID"]] for row in rows), "exact French text"
    if last_year is None:
        assert {row["Statut"] for row in rows} == {""}
        return
    before = {key: value.get("status", "") for key, value in last_year["levers"].items()}
    assert [row["Statut"] for row in rows] == [before.get(row["ID"], "") for row in rows]
    assert [row["Statut 2025"] for row in rows] == [before.get(i, "nouveau") for i in ids]
    assert {row["Revu"] for row in rows} == {"Non"}


@pytest.mark.parametrize("slug", SLUGS)
def test_xlsx_lines_dropdowns_and_print_setup(
    internal_site: BuildResult, levers: list[dict[str, Any]], slug: str
) -> None:
    ids, lines = _scope(slug, levers)
    path = _files(internal_site, slug)["xlsx"]
    rows = xlsx_lines(path)
    assert [row[0].split(", ") for row in rows] == lines
    texts = {lever["id"]: lever["title"] for lever in levers}
    assert [row[4] for row in rows] == [texts[line[0]] for line in lines]
    book = openpyxl.load_workbook(path)
    sheet = book["Leviers"]
    last = len(lines) + 1
    prefilled = _last_year(slug) is not None
    validation, *reviewed = sheet.data_validations.dataValidation
    status, final = ("G", "K") if prefilled else ("F", "I")  # « Statut 2025 » comes first
    assert str(validation.sqref) == f"{status}2:{status}{last}"
    assert validation.type == "list" and validation.formula1 == '"' + ",".join(STATUSES) + '"'
    assert [(str(v.sqref), v.formula1) for v in reviewed] == (
        [(f"H2:H{last}", '"Oui,Non"')] if prefilled else []
    )
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == f"A1:{final}{last}"
    assert sheet.print_title_rows == "$1:$1"
    assert sheet.page_setup.orientation == "landscape" and sheet.page_setup.paperSize == 9
    assert sheet.page_setup.fitToWidth == 1 and sheet.sheet_properties.pageSetUpPr.fitToPage
    assert sheet["E2"].alignment.wrap_text
    summary = book["Synthèse"]
    formulas = [row[2].value for row in summary.iter_rows() if str(row[2].value).startswith("=")]
    engagements = sorted({lever["commitment"][0] for lever in levers if lever["id"] in ids})
    assert len(formulas) == len(engagements) + 1, "one row per engagement, then the total"


@pytest.mark.parametrize("slug", SLUGS)
def test_ods_lines_dropdowns_and_print_setup(
    internal_site: BuildResult, levers: list[dict[str, Any]], slug: str
) -> None:
    _, lines = _scope(slug, levers)
    path = _files(internal_site, slug)["ods"]
    rows = ods_lines(path)
    assert [row[0].split(", ") for row in rows] == lines
    table = ods_table(path, "Leviers")
    column = 6 if _last_year(slug) is not None else 5  # after « Statut 2025 » when pre-filled
    status_cells = [row.get_cell(column) for row in table.traverse()][1:]
    assert {cell.get_attribute("table:content-validation-name") for cell in status_cells} == {
        "status"
    }
    content = _zip_text(path, "content.xml")
    conditions = {
        element.get(f"{{{TABLE_NS}}}name"): element.get(f"{{{TABLE_NS}}}condition")
        for element in ElementTree.fromstring(content).iter(f"{{{TABLE_NS}}}content-validation")
    }
    listed = ";".join(f'"{status}"' for status in STATUSES)
    assert conditions["status"] == f"of:cell-content-is-in-list({listed})"
    assert "<table:table-header-rows>" in content, "header row repeated on every printed page"
    assert 'table:display-filter-buttons="true"' in content
    assert 'table:use-wildcards="true"' in content
    styles = _zip_text(path, "styles.xml")
    assert 'style:print-orientation="landscape"' in styles and 'fo:page-width="29.7cm"' in styles
    assert '<config:config-item config:name="VerticalSplitMode" config:type="short">2' in _zip_text(
        path, "settings.xml"
    )


def _zip_text(path: Path, member: str) -> str:
    with zipfile.ZipFile(path) as archive:
        return archive.read(member).decode("utf-8")


@pytest.mark.parametrize("slug", SLUGS)
def test_pdf_outline_metadata_and_exact_text(
    internal_site: BuildResult, levers: list[dict[str, Any]], needs: dict[str, Any], slug: str
) -> None:
    ids, lines = _scope(slug, levers)
    path = _files(internal_site, slug)["pdf"]
    reader = PdfReader(path)
    engagements = sorted({lever["commitment"][0] for lever in levers if lever["id"] in ids})
    top_level = [item.title for item in reader.outline if not isinstance(item, list)]
    assert top_level == [f"Engagement {int(e[4:])} — {needs[e]['title']}" for e in engagements], (
        "one bookmark per engagement"
    )
    assert reader.metadata.title.startswith("Liste de contrôle d’autoévaluation — ")
    assert reader.metadata.subject == "Référentiel Marianne — autoévaluation annuelle de l’accueil"
    assert reader.trailer["/Root"]["/Lang"] == "fr-FR"
    pages = len(reader.pages)
    text = pdf_text(path)
    assert f"Page 1 / {pages}" in text and f"Page {pages} / {pages}" in text
    flat = normalise(text)
    positions = [flat.find(line[0] + " ") for line in lines]
    assert -1 not in positions and positions == sorted(positions), "every line, in kit order"
    texts = {lever["id"]: lever["title"] for lever in levers}
    missing = [line[0] for line in lines if normalise(texts[line[0]]) not in flat]
    assert missing == [], "lever texts must extract exactly"


@needs_pdftotext
def test_pdf_text_is_exact_in_poppler(
    internal_site: BuildResult, levers: list[dict[str, Any]]
) -> None:
    _, lines = _scope("kit-complet", levers)
    flat = normalise(pdftotext(_files(internal_site, "kit-complet")["pdf"]))
    texts = {lever["id"]: lever["title"] for lever in levers}
    assert [line[0] for line in lines if normalise(texts[line[0]]) not in flat] == []
    for sample in ("é", "è", "à", "’", "« Tous canaux »", "â", "ô"):
        assert sample in flat


@pytest.mark.parametrize("slug", SLUGS)
def test_html_page_rows_and_links(
    internal_site: BuildResult, levers: list[dict[str, Any]], slug: str
) -> None:
    _, lines = _scope(slug, levers)
    page = _files(internal_site, slug)["html"]
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table.mk-checklist-table tbody tr")
    assert [[a.get_text() for a in row.th.find_all("a")] for row in rows] == lines
    for link in soup.select("table.mk-checklist-table tbody th a"):
        target, anchor = link["href"].split("#")
        html = (page.parent / target).resolve().read_text(encoding="utf-8")
        assert f'id="{anchor}"' in html, link["href"]
    assert soup.select_one("section.mk-checklist-engagement h2") is not None
    assert len(soup.select("caption")) == len(soup.select("table.mk-checklist-table"))


def test_generic_checklist_lists_identical_actions_once(
    internal_site: BuildResult, levers: list[dict[str, Any]]
) -> None:
    _, lines = _scope("kit-complet", levers)
    shared = [line for line in lines if len(line) > 1]
    assert len(shared) == 26 and sum(len(line) for line in shared) == 62
    rows = xlsx_lines(_files(internal_site, "kit-complet")["xlsx"])
    assert len(rows) == len(lines) == 313
    engagements_of = {lever["id"]: lever["commitment"][0] for lever in levers}
    for row in rows:
        line = row[0].split(", ")
        assert row[1] == ", ".join(sorted({engagements_of[i] for i in line}))


def test_print_css_breaks_pages_per_engagement(internal_site: BuildResult) -> None:
    css = (internal_site.outdir / "_static" / "marianne.css").read_text(encoding="utf-8")
    depth = 0
    for char in css:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0
    assert depth == 0, "an unclosed block would swallow the rules after it"
    print_rules = css[css.index("@media print") :]
    assert re.search(r"\.mk-checklist-engagement\s*\{\s*break-before:\s*page", print_rules)
    assert "size: A4" in print_rules
    assert ".fr-header" in print_rules and ".mk-menu-column" in print_rules


def test_page_download_links_give_format_and_real_size(site: BuildResult) -> None:
    """« Télécharger la liste PDF à imprimer (A4) » + « PDF, 75 Ko »: sizes of the files
    beside the page, in units of 1,000 bytes."""
    folder = site.outdir / "checklists"
    soup = BeautifulSoup((folder / "kit-complet.html").read_text(encoding="utf-8"), "html.parser")
    links = soup.select(".mk-checklist-downloads a.fr-link--download")
    assert [link["href"] for link in links] == [
        f"kit-complet.{suffix}" for suffix in ("pdf", "ods", "xlsx", "csv")
    ]
    for link in links:
        suffix = str(link["href"]).rpartition(".")[2]
        size = (folder / str(link["href"])).stat().st_size
        assert size > 1000
        expected = f"{suffix.upper()}, {round(size / 1000)}\u00a0Ko"
        assert link.select_one(".fr-link__detail").get_text() == expected
        assert link.get_text().startswith("Télécharger la liste ") and link.has_attr("download")


def _size_detail(suffix: str, size: int) -> str:
    """« PDF, 156 Ko »: computed here from the size on disk, not by the code under test."""
    assert size >= 1000, "every download of the real site is over a kilobyte"
    return f"{suffix.upper()}, {round(size / 1000)}\u00a0Ko"


def test_index_download_links_give_format_and_size_of_the_files_served(
    site: BuildResult,
) -> None:
    """The list of sites is written before the sites' pages: its links must still give the
    sizes of the files beside it, every site and every format."""
    folder = site.outdir / "checklists"
    soup = BeautifulSoup((folder / "index.html").read_text(encoding="utf-8"), "html.parser")
    rows = soup.select("table#sites tbody tr")
    assert len(rows) == len(SLUGS)
    checked = 0
    for row, slug in zip(rows, SLUGS, strict=True):
        links = row.select("a.fr-link.fr-link--download")
        assert [link["href"] for link in links] == [
            f"{slug}.{suffix}" for suffix in ("pdf", "ods", "xlsx", "csv")
        ]
        for link in links:
            path = folder / str(link["href"])
            detail = link.select_one(".fr-link__detail")
            assert detail is not None and link.has_attr("download")
            suffix = path.suffix.removeprefix(".")
            assert detail.get_text() == _size_detail(suffix, path.stat().st_size), link["href"]
            checked += 1
    assert checked == 4 * len(SLUGS)
