"""A checklist grouped by Services Publics+ engagement, read back with real readers.

The fixture project ``tests/roots/checklists-spplus`` has two profiles with the
same scope: ``site-marianne`` (default grouping) and ``site-spplus``
(``referentiel = "services-publics-plus"``). Its crosswalk exercises every rule:
an engagement mapped twice, an engagement with « aucune correspondance », a
lever-level addition and a restriction, and one action listed under two
engagements. The expected layout below was worked out by hand from
``index.md``, not from the extension.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from checklist_readers import (
    libreoffice_sheet_csv,
    needs_soffice,
    normalise,
    ods_lines,
    pdftotext,
    read_csv,
    xlsx_lines,
)
from conftest import BuildResult, build_root
from pypdf import PdfReader

SLUGS = ("site-marianne", "site-spplus")
SUFFIXES = ("html", "pdf", "ods", "xlsx", "csv")
#: The site's levers (physique + « Tous canaux », LEV-03-02 excluded).
LEVER_IDS = {"LEV-01-01", "LEV-01-02", "LEV-01-04", "LEV-02-01", "LEV-02-02", "LEV-03-01"}
#: Lines to assess: the shared action « afficher-horaires » is one line.
LINES = {
    ("LEV-01-01",),
    ("LEV-01-04",),
    ("LEV-01-02", "LEV-02-01"),
    ("LEV-02-02",),
    ("LEV-03-01",),
}
SPPLUS_HEADINGS = [
    "Engagement Services Publics+ 1 — Premier engagement de test",
    "Engagement Services Publics+ 2 — Deuxième engagement de test",
    "Engagement Services Publics+ 3 — Troisième engagement de test",
    "Leviers sans correspondance Services Publics+",
]
MARIANNE_HEADINGS = [
    "Engagement 1 — Adapter nos horaires au regard des attentes usagers",
    "Engagement 2 — Informer sur les conditions d’accès",
    "Engagement 3 — Orienter vers le bon service",
]
#: Print order of the SP+ lines: SPP-1 (physique, then « Tous canaux »), SPP-2, unmapped.
SPPLUS_LINE_ORDER = [
    "LEV-01-01",
    "LEV-01-04",
    "LEV-01-02, LEV-02-01",
    "LEV-02-02",
    "LEV-03-01",
]
#: The « Engagements » cell of each SP+ line: the SP+ engagements it serves.
SPPLUS_ENGAGEMENTS = {
    "LEV-01-01": "SPP-1, SPP-2",
    "LEV-01-04": "SPP-1",
    "LEV-01-02, LEV-02-01": "SPP-1, SPP-2",
    "LEV-02-02": "SPP-2, SPP-3",
    "LEV-03-01": "Sans correspondance",
}
_ID = re.compile(r"LEV-\d{2}-\d{2}")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Iterator[BuildResult]:
    result = build_root("checklists-spplus", tmp_path_factory.mktemp("spplus-checklists"))
    assert result.warning_lines() == []
    assert result.status == 0
    yield result


def _file(built: BuildResult, slug: str, suffix: str) -> Path:
    return built.outdir / "checklists" / f"{slug}.{suffix}"


def _html_lines(path: Path) -> list[tuple[str, ...]]:
    html = path.read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="ligne-[^"]+"><th scope="row">(.*?)</th>', html)
    return [tuple(re.findall(r">(LEV-\d{2}-\d{2})<", row)) for row in rows]


def _html_headings(path: Path) -> list[str]:
    html = path.read_text(encoding="utf-8")
    return [normalise(h) for h in re.findall(r'<h2 id="titre-[^"]+">(.*?)</h2>', html)]


def _pdf_outline(path: Path) -> list[str]:
    """The outline's top level: one entry per section (nested lists hold the channels)."""
    return [
        normalise(entry.title) for entry in PdfReader(path).outline if not isinstance(entry, list)
    ]


def _lines_of_sheet(rows: list[list[object]]) -> list[tuple[str, ...]]:
    return [tuple(_ID.findall(str(row[0]))) for row in rows if row and row[0]]


def lines_by_format(built: BuildResult, slug: str) -> dict[str, list[tuple[str, ...]]]:
    """The assessed lines (lever IDs per line) as each real reader sees them."""
    csv_rows = read_csv(_file(built, slug, "csv"))[1]
    by_line: dict[str, list[str]] = {}
    for row in csv_rows:
        by_line.setdefault(row["Ligne d’évaluation"], []).append(row["ID"])
    pdf = pdftotext(_file(built, slug, "pdf"))
    return {
        "html": _html_lines(_file(built, slug, "html")),
        "ods": _lines_of_sheet(ods_lines(_file(built, slug, "ods"))),
        "xlsx": _lines_of_sheet(xlsx_lines(_file(built, slug, "xlsx"))),
        "csv": [tuple(ids) for ids in by_line.values()],
        # The PDF prints each line's IDs; a shared line's IDs may wrap, so compare IDs.
        "pdf": [(lever_id,) for lever_id in sorted(set(_ID.findall(pdf)))],
    }


def test_every_format_of_both_profiles_is_written(built: BuildResult) -> None:
    missing = [
        f"{slug}.{suffix}"
        for slug in SLUGS
        for suffix in SUFFIXES
        if not _file(built, slug, suffix).is_file()
    ]
    assert missing == []


@pytest.mark.parametrize("slug", SLUGS)
def test_both_groupings_list_the_same_levers_on_the_same_lines(
    built: BuildResult, slug: str
) -> None:
    for fmt, lines in lines_by_format(built, slug).items():
        ids = {lever_id for line in lines for lever_id in line}
        assert ids == LEVER_IDS, fmt
        if fmt != "pdf":
            assert sorted(lines) == sorted(LINES), fmt


def test_spplus_grouping_has_the_marianne_grouping_s_lever_ids(built: BuildResult) -> None:
    marianne = lines_by_format(built, "site-marianne")
    spplus = lines_by_format(built, "site-spplus")
    for fmt in marianne:
        assert {i for line in spplus[fmt] for i in line} == {
            i for line in marianne[fmt] for i in line
        }, fmt


def test_html_and_pdf_sections_are_the_spplus_engagements(built: BuildResult) -> None:
    assert _html_headings(_file(built, "site-spplus", "html")) == SPPLUS_HEADINGS
    assert _pdf_outline(_file(built, "site-spplus", "pdf")) == SPPLUS_HEADINGS
    assert _html_headings(_file(built, "site-marianne", "html")) == MARIANNE_HEADINGS
    assert _pdf_outline(_file(built, "site-marianne", "pdf")) == MARIANNE_HEADINGS


def test_lines_print_in_spplus_order_and_shared_ones_are_named_elsewhere(
    built: BuildResult,
) -> None:
    html = _file(built, "site-spplus", "html")
    assert [", ".join(line) for line in _html_lines(html)] == SPPLUS_LINE_ORDER
    text = normalise(re.sub(r"<[^>]+>", " ", html.read_text(encoding="utf-8")))
    # SPP-2 names the lines assessed under SPP-1; SPP-3 the one assessed under SPP-2.
    assert (
        "déjà listées sous un engagement précédent : LEV-01-01 (engagement Services Publics+ 1), "
        "LEV-01-02 (engagement Services Publics+ 1)"
    ) in text
    assert "LEV-02-02 (engagement Services Publics+ 2)" in text
    pdf = normalise(pdftotext(_file(built, "site-spplus", "pdf")))
    assert "LEV-02-02 (engagement Services Publics+ 2)" in pdf


def test_spreadsheets_and_csv_name_the_spplus_engagements(built: BuildResult) -> None:
    for reader, suffix in ((xlsx_lines, "xlsx"), (ods_lines, "ods")):
        rows = reader(_file(built, "site-spplus", suffix))
        found = {str(row[0]): str(row[1]) for row in rows if row and row[0]}
        assert found == SPPLUS_ENGAGEMENTS, suffix
        assert [str(row[0]) for row in rows if row and row[0]] == SPPLUS_LINE_ORDER, suffix
    rows = read_csv(_file(built, "site-spplus", "csv"))[1]
    assert [(row["ID"], row["Engagement"], row["Ligne d’évaluation"]) for row in rows] == [
        ("LEV-01-01", "SPP-1", "LEV-01-01"),
        ("LEV-01-02", "SPP-1", "LEV-01-02"),
        ("LEV-01-04", "SPP-1", "LEV-01-04"),
        ("LEV-02-01", "SPP-1", "LEV-01-02"),
        ("LEV-02-02", "SPP-2", "LEV-02-02"),
        ("LEV-03-01", "Sans correspondance", "LEV-03-01"),
    ]


@needs_soffice
@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_summary_counts_lines_per_spplus_engagement_in_libreoffice(
    built: BuildResult, suffix: str, tmp_path: Path
) -> None:
    """Recalculated by LibreOffice: a line counts for every SP+ engagement it serves."""
    rows = libreoffice_sheet_csv(_file(built, "site-spplus", suffix), 2, tmp_path)
    counts = {row[0]: row[2] for row in rows if row and row[0]}
    assert {key: counts.get(key) for key in ("SPP-1", "SPP-2", "SPP-3")} == {
        "SPP-1": "3",
        "SPP-2": "3",
        "SPP-3": "1",
    }
    assert counts.get("Sans correspondance") == "1"
    assert counts.get("Total") == "5"


def test_header_says_the_grouping_is_the_kit_s_own_reading(built: BuildResult) -> None:
    spplus = normalise(_file(built, "site-spplus", "html").read_text(encoding="utf-8"))
    marianne = normalise(_file(built, "site-marianne", "html").read_text(encoding="utf-8"))
    assert "par engagement Services Publics+, selon la correspondance établie par le kit" in spplus
    assert "Regroupement" not in marianne
