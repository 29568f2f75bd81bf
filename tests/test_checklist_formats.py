"""The registry of checklist formats, the column specs of the spreadsheets and the
needs digest: what each derives from, and a format added by configuration alone."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS, BuildResult, run_sphinx
from marianne_kit.checklists.checklist_files import needs_digest
from marianne_kit.checklists.checklist_formats import ChecklistFormat, FormatError, load_formats
from marianne_kit.checklists.sheet_columns import column_letter
from marianne_kit.checklists.source_closure import source_closure

SLUGS = ("kit-complet", "site-a", "site-b")
BUILTIN = ("html", "pdf", "ods", "xlsx", "csv")


def _toy_kit(tmp_path: Path) -> Path:
    kit = tmp_path / "kit"
    shutil.copytree(ROOTS / "checklists-toy-format", kit)
    return kit


def _build(kit: Path, fresh: bool = True) -> BuildResult:
    return run_sphinx(kit, kit, kit / "_build" / "html", fresh=fresh)


def test_a_format_registered_by_configuration_is_written_listed_and_regenerated(
    tmp_path: Path,
) -> None:
    kit = _toy_kit(tmp_path)
    result = _build(kit)
    assert result.warning_lines() == [] and result.status == 0
    outdir = result.outdir / "checklists"
    names = sorted(p.name for p in outdir.iterdir())
    assert names == sorted(f"{slug}.{suffix}" for slug in SLUGS for suffix in BUILTIN + ("toy",))
    toy = outdir / "site-a.toy"
    assert toy.read_text("utf-8") == "toy v1 — Site A\nLEV-01-01 LEV-01-01\nLEV-01-02 LEV-01-02\n"
    assert (outdir / "site-b.toy").read_text("utf-8") == "toy v1 — Site B\nLEV-01-02 LEV-01-02\n"
    page = (outdir / "site-a.html").read_text("utf-8")
    size = len(toy.read_bytes())  # the page gives the size of the file written beside it
    assert (
        '<a class="fr-link fr-link--download" href="site-a.toy" download>Télécharger la liste '
        f'Format jouet (texte) <span class="fr-link__detail">TOY, {size}\u00a0octets</span></a>'
    ) in page
    listing = (result.outdir / "index.html").read_text("utf-8")
    assert (
        '<a class="fr-link fr-link--download" href="checklists/site-a.toy" download>Format jouet '
        f'(texte) <span class="fr-link__detail">TOY, {size}\u00a0octets</span></a>'
    ) in listing, "the list of sites gives the size of the file too"

    unchanged = _build(kit, fresh=False)
    assert unchanged.warning_lines() == []
    assert toy.stat().st_mtime_ns == (outdir / "site-a.toy").stat().st_mtime_ns

    writer = kit / "toy_format.py"
    writer.write_text(writer.read_text("utf-8").replace("toy v1", "toy v2"), "utf-8")
    again = _build(kit, fresh=False)
    assert again.warning_lines() == [] and again.status == 0
    assert toy.read_text("utf-8") == "toy v2 — Site A\nLEV-01-01 LEV-01-01\nLEV-01-02 LEV-01-02\n"
    assert (outdir / "kit-complet.toy").read_text("utf-8").startswith("toy v2 — Kit complet")

    (kit / "checklists" / "site-b.toml").unlink()
    assert _build(kit, fresh=False).warning_lines() == []
    assert not (outdir / "site-b.toy").exists(), "a removed site's files go, the toy one too"


def test_a_format_that_cannot_be_loaded_stops_the_build(tmp_path: Path) -> None:
    kit = _toy_kit(tmp_path)
    conf = kit / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace("toy_format:TOY", "toy_format:TOYS"), "utf-8")
    result = _build(kit)
    assert result.status == 1
    assert "marianne_checklist_formats" in result.warnings and "toy_format:TOYS" in result.warnings
    assert not (kit / "_build" / "html" / "checklists").exists()


def _write_nothing(checklist: Any, meta: Any, measure: Any) -> bytes:
    return b""


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        (["marianne_kit.checklists.checklist_formats"], "not of the form"),
        (["marianne_kit.no_such_module:FORMAT"], "cannot be loaded"),
        (["marianne_kit.checklists.checklist_formats:BUILTIN_FORMATS"], "not a ChecklistFormat"),
        (["test_checklist_formats:SECOND_PDF"], "two checklist formats have the suffix 'pdf'"),
    ],
)
def test_unusable_formats_are_refused(paths: list[str], message: str) -> None:
    with pytest.raises(FormatError, match=message):
        load_formats(paths)


@pytest.mark.parametrize("suffix", ["html", "PDF", "t.gz", ""])
def test_a_format_cannot_take_the_page_suffix_or_an_odd_one(suffix: str) -> None:
    with pytest.raises(FormatError):
        ChecklistFormat(suffix, "Libellé", _write_nothing)


SECOND_PDF = ChecklistFormat("pdf", "Autre PDF", _write_nothing)


def test_builtin_formats_offer_their_downloads_in_order() -> None:
    formats = load_formats()
    assert [(f.suffix, f.label) for f in formats] == [
        ("pdf", "PDF à imprimer (A4)"),
        ("ods", "Tableur ODS (LibreOffice)"),
        ("xlsx", "Tableur XLSX (Excel)"),
        ("csv", "CSV (séparateur point-virgule)"),
    ]


def test_the_generator_sources_follow_the_writers_imports() -> None:
    """Helpers a writer imports only indirectly are covered; unrelated modules are not."""
    names = {name for name, _ in source_closure(["marianne_kit.checklists.checklist_files"])}
    indirect = {
        "marianne_kit.checklists.sheet_layout",  # via checklist_sheets, via checklist_ods
        "marianne_kit.checklists.zip_package",
        "marianne_kit.checklists.fonts",
        "marianne_kit.french_csv",
        "marianne_kit.kit.model",
        "marianne_kit.checklists.checklist_pdf_layout",
    }
    assert indirect <= names
    assert (
        not {"marianne_kit", "marianne_kit.matrices.matrix", "marianne_kit.catalogue.catalogue"}
        & names
    )


LEVER: dict[str, Any] = {
    "id": "LEV-01-01", "type": "lever", "title": "Afficher les horaires",
    "commitment": ["ENG-01"], "channel": "physique", "category": "accueil", "action": "",
    "docname": "engagements/01", "lineno": 12, "content": "Texte", "practice": [],
    "status": None,
}  # fmt: skip


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Afficher les horaires d’hiver"),
        ("commitment", ["ENG-02"]),
        ("channel", "courriel"),
        ("category", "orientation"),
        ("action", "AFFICHER-HORAIRES"),
        ("docname", "engagements/02"),
        ("lineno", 13),
    ],
)
def test_the_needs_digest_changes_with_every_field_a_checklist_shows(
    field: str, value: object
) -> None:
    assert needs_digest([LEVER | {field: value}]) != needs_digest([LEVER])


@pytest.mark.parametrize(("field", "value"), [("content", "Autre texte"), ("practice", ["BP"])])
def test_the_needs_digest_ignores_fields_no_checklist_shows(field: str, value: object) -> None:
    assert needs_digest([LEVER | {field: value}]) == needs_digest([LEVER])


@pytest.mark.parametrize(
    ("index", "letters"), [(0, "A"), (8, "I"), (25, "Z"), (26, "AA"), (27, "AB"), (702, "AAA")]
)
def test_column_letters_follow_the_spreadsheet_convention(index: int, letters: str) -> None:
    assert column_letter(index) == letters


def _listed_size(listing: str, href: str) -> str:
    """The detail the list of sites gives for the download at ``href``."""
    after = listing.split(f'href="{href}" download>', 1)[1]
    return after.split('<span class="fr-link__detail">', 1)[1].split("</span>", 1)[0]


def test_the_list_of_sites_follows_a_download_whose_size_changed(tmp_path: Path) -> None:
    """No page or profile changes, only the code writing a format: the files grow, and the
    list of sites, written before them, must be rewritten with their new sizes."""
    kit = _toy_kit(tmp_path)
    result = _build(kit)
    assert result.status == 0
    toy = result.outdir / "checklists" / "site-a.toy"
    before = toy.stat().st_size
    index = result.outdir / "index.html"
    assert _listed_size(index.read_text("utf-8"), "checklists/site-a.toy") == (
        f"TOY, {before}\u00a0octets"
    )
    writer = kit / "toy_format.py"
    writer.write_text(writer.read_text("utf-8").replace("toy v1", "toy, version 2"), "utf-8")
    again = _build(kit, fresh=False)
    assert again.warning_lines() == [] and again.status == 0
    after = toy.stat().st_size
    assert after == before + len(", version 2") - len(" v1")
    assert _listed_size(index.read_text("utf-8"), "checklists/site-a.toy") == (
        f"TOY, {after}\u00a0octets"
    )
