"""Site dashboards, action plans and pre-filled checklists, built from a fixture project.

``tests/roots/results-kit`` has two sites and their results (site A: 2025 and
2026, site B: 2026 only). Every expected number is counted here from the TOML
files (``tomllib``) and ``needs.json``, never by the dashboard's own code; every
file is read back with its real reader (openpyxl, odfdo, pypdf/pdftotext,
stdlib csv, LibreOffice for the recalculated « Synthèse »).
"""

from __future__ import annotations

import csv
import datetime
import io
import shutil
import tomllib
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from bs4 import BeautifulSoup
from checklist_readers import (
    libreoffice_sheet_csv,
    needs_pdftotext,
    needs_soffice,
    normalise,
    ods_table,
    pdftotext,
)
from conftest import (
    PROJECT_ROOT,
    ROOTS,
    SOURCE_DATE_EPOCH,
    BuildResult,
    build_root,
    run_sphinx,
)
from odfdo import Cell, Document

ROOT = ROOTS / "results-kit"
BUILD_DAY = datetime.datetime.fromtimestamp(int(SOURCE_DATE_EPOCH), datetime.UTC).date()
STATUSES = ["En place", "En cours", "À engager", "Non applicable"]


class Tables(HTMLParser):
    """Each ``<table>`` of a page as its caption and rows of normalised cell text."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self._caption = ""
        self._rows: list[list[str]] | None = None
        self._cell: list[str] | None = None
        self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self._rows, self._caption = [], ""
        elif tag == "caption":
            self._in_caption = True
        elif tag == "tr" and self._rows is not None:
            self._rows.append([])
        elif tag in ("td", "th") and self._rows is not None:
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag == "caption":
            self._in_caption = False
        elif tag in ("td", "th") and self._cell is not None and self._rows is not None:
            self._rows[-1].append(normalise("".join(self._cell)))
            self._cell = None
        elif tag == "table" and self._rows is not None:
            self.tables[normalise(self._caption).removesuffix("¶").strip()] = self._rows
            self._rows = None

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            self._caption += data
        elif self._cell is not None:
            self._cell.append(data)


def page_tables(path: Path) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser.tables


def results_of(site: str) -> dict[int, dict[str, Any]]:
    folder = ROOT / "results" / site
    return {int(p.stem): tomllib.loads(p.read_text(encoding="utf-8")) for p in folder.iterdir()}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_root("results-kit", tmp_path_factory.mktemp("results"))
    assert result.status == 0, result.warnings
    return result


def _percent(numerator: int, denominator: int) -> str:
    return f"{round(100 * numerator / denominator)} %"


@pytest.mark.parametrize("site", ["site-a", "site-b"])
def test_dashboard_numbers_equal_counts_of_the_results_files(built: BuildResult, site: str) -> None:
    needs = built.needs()
    tables = page_tables(built.outdir / "resultats" / f"{site}.html")
    rows = tables["Résultats par année"][1:]
    years = results_of(site)
    assert [row[0] for row in rows] == [str(year) for year in sorted(years)]
    for row, year in zip(rows, sorted(years), strict=True):
        levers = {k: v for k, v in years[year]["levers"].items() if k in needs}
        statuses = [lever.get("status", "") for lever in levers.values()]
        filled = sum(bool(s) for s in statuses)
        applicable = len(statuses) - statuses.count("Non applicable")
        score = (
            _percent(statuses.count("En place"), applicable)
            if filled == len(statuses)
            else "non calculé (grille incomplète)"
        )
        verdicts = [v.get("verdict", "") for v in years[year]["commitments"].values()]
        judged = [v for v in verdicts if v != "Non applicable"]
        unreviewed = sum(lever.get("reviewed") is False for lever in levers.values())
        assert row == [
            str(year),
            f"{filled} / {len(statuses)} ({_percent(filled, len(statuses))})",
            score,
            f"{judged.count('Oui')} / {len(judged)}",
            *(str(statuses.count(status)) for status in STATUSES),
            str(unreviewed),
        ]


def test_scores_per_commitment_and_the_trend(built: BuildResult) -> None:
    needs = built.needs()
    tables = page_tables(built.outdir / "resultats" / "site-a.html")
    table = tables["Part des leviers applicables en place par engagement (données du graphique)"]
    years = results_of("site-a")
    expected = []
    for commitment in ("ENG-01", "ENG-02"):
        scores = []
        for year in sorted(years):
            statuses = [
                lever.get("status", "")
                for key, lever in years[year]["levers"].items()
                if commitment in needs[key]["commitment"]
            ]
            applicable = len(statuses) - statuses.count("Non applicable")
            scores.append(round(100 * statuses.count("En place") / applicable))
        delta = scores[1] - scores[0]
        trend = f"{delta:+d} points" if delta else "stable"
        expected.append([f"Engagement {int(commitment[4:])}", *(f"{s} %" for s in scores), trend])
    assert table[1:] == expected


def test_changes_list_levers_newly_in_place_and_regressions(built: BuildResult) -> None:
    years = results_of("site-a")
    before, after = years[2025]["levers"], years[2026]["levers"]
    newly = [
        k
        for k in sorted(after)
        if k in before
        and after[k].get("status") == "En place"
        and before[k].get("status") != "En place"
    ]
    back = [k for k in sorted(after) if k in before and before[k].get("status") == "En place"
            and after[k].get("status") not in (None, "", "En place")]  # fmt: skip
    assert newly == ["LEV-01-01"] and back == ["LEV-01-02"]  # the fixture shows both
    page = normalise((built.outdir / "resultats" / "site-a.html").read_text(encoding="utf-8"))
    assert f"Leviers nouvellement en place ({len(newly)})" in page
    assert f"Régressions ({len(back)})" in page
    assert "Ce qui a changé" not in normalise(
        (built.outdir / "resultats" / "site-b.html").read_text(encoding="utf-8")
    )


def expected_plan(site: str, needs: dict[str, dict[str, Any]]) -> list[list[str]]:
    """Open lines of the latest year, by due date (undated last) then ID."""
    years = results_of(site)
    levers = years[max(years)]["levers"]
    open_ids = [k for k, v in levers.items() if v.get("status") in ("À engager", "En cours")]
    open_ids.sort(key=lambda k: (levers[k].get("due") is None, levers[k].get("due")
                                 or datetime.date.min, k))  # fmt: skip
    channels = {"physique": "Physique", "courriel": "Courriel", "tous-canaux": "Tous canaux"}
    return [
        [
            key, ", ".join(needs[key]["commitment"]), channels[needs[key]["channel"]],
            needs[key]["title"], levers[key]["status"], levers[key].get("owner", ""),
            levers[key]["due"].isoformat() if "due" in levers[key] else "",
            "Oui" if "due" in levers[key] and levers[key]["due"] < BUILD_DAY else "Non",
            levers[key].get("comment", ""),
        ]
        for key in open_ids
    ]  # fmt: skip


@pytest.mark.parametrize("site", ["site-a", "site-b"])
def test_action_plan_files_hold_the_open_lines_by_due_date(built: BuildResult, site: str) -> None:
    needs = built.needs()
    expected = expected_plan(site, needs)
    assert expected  # both fixture sites have open lines
    folder = built.outdir / "plans-action"
    text = (folder / f"{site}.csv").read_bytes().decode("utf-8").removeprefix("\ufeff")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))
    assert rows[1:] == expected
    sheet = openpyxl.load_workbook(folder / f"{site}.xlsx")["Plan d’action"]
    assert [[c.value or "" for c in row] for row in sheet.iter_rows(min_row=2)] == expected
    table = Document(str(folder / f"{site}.ods")).body.get_table(name="Plan d’action")
    ods_rows = [[cell.value or "" for cell in row.traverse()] for row in table.traverse()]
    assert [row[: len(expected[0])] for row in ods_rows[1:]] == expected
    html_rows = page_tables(folder / f"{site}.html")["Plan d’action 2026"][1:]
    assert [row[0] for row in html_rows] == [row[0] for row in expected]
    assert [row[7] for row in html_rows] == [
        "En retard" if row[7] == "Oui" else "—" for row in expected
    ]
    assert [row[5] == "Sans responsable" for row in html_rows] == [not r[5] for r in expected]


@pytest.mark.parametrize("site", ["site-a", "site-b"])
def test_action_plan_download_links_give_format_and_size_of_the_files(
    built: BuildResult, site: str
) -> None:
    folder = built.outdir / "plans-action"
    soup = BeautifulSoup((folder / f"{site}.html").read_text(encoding="utf-8"), "html.parser")
    links = soup.select(".mk-checklist-downloads a.fr-link--download")
    assert [link["href"] for link in links] == [f"{site}.{s}" for s in ("ods", "xlsx", "csv")]
    for link in links:
        size = (folder / str(link["href"])).stat().st_size
        # French units of 1,000 bytes, written out here rather than asked of the code.
        shown = f"{size}\u00a0octets" if size < 1000 else f"{round(size / 1000)}\u00a0Ko"
        suffix = str(link["href"]).rpartition(".")[2].upper()
        assert link.select_one(".fr-link__detail").get_text() == f"{suffix}, {shown}"
        assert link.get_text().startswith("Télécharger le plan d’action ")
        assert link.has_attr("download")


def test_hostile_text_stays_text_and_example_data_is_labelled(built: BuildResult) -> None:
    plan = (built.outdir / "plans-action" / "site-b.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in plan and "&lt;script&gt;alert(1)" in plan
    # site A's latest results are example data, site B's are not.
    assert "Données d’exemple" in (built.outdir / "resultats" / "site-a.html").read_text()
    assert "Données d’exemple" in (built.outdir / "plans-action" / "site-a.html").read_text()
    assert "Données d’exemple" not in (built.outdir / "resultats" / "site-b.html").read_text()
    listing = page_tables(built.outdir / "index.html")["Derniers résultats des sites"]
    assert [row[0] for row in listing[1:]] == ["Site A (Données d’exemple)", "Site B"]


# --- Pre-filled checklists (site A has 2025 results; its profile says 2026) -------------


def carried(needs: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Lever -> what site A's 2026 checklist must carry from 2025."""
    before = results_of("site-a")[2025]["levers"]
    scope = [k for k, v in needs.items() if v["type"] == "lever"
             and v["channel"] in ("physique", "tous-canaux")]  # fmt: skip
    return {
        key: {
            "Statut 2025": before[key].get("status", "") if key in before else "nouveau",
            "Statut": before.get(key, {}).get("status", ""),
            "Revu": "Non",
            "Responsable": before.get(key, {}).get("owner", ""),
            "Échéance": str(before.get(key, {}).get("due", "")),
            "Commentaire / preuve": before.get(key, {}).get("comment", ""),
        }
        for key in sorted(scope)
    }


def _by_header(rows: list[list[Any]]) -> dict[str, dict[str, str]]:
    header = [str(cell) for cell in rows[0]]
    wanted = ("Statut 2025", "Statut", "Revu", "Responsable", "Échéance", "Commentaire / preuve")
    return {
        str(row[header.index("ID")]): {name: str(row[header.index(name)] or "") for name in wanted}
        for row in rows[1:]
        if row and row[0]
    }


def test_prefilled_csv_xlsx_and_ods_carry_last_years_answers(built: BuildResult) -> None:
    expected = carried(built.needs())
    assert "nouveau" in {line["Statut 2025"] for line in expected.values()}
    folder = built.outdir / "checklists"
    text = (folder / "site-a.csv").read_bytes().decode("utf-8").removeprefix("\ufeff")
    assert _by_header(list(csv.reader(io.StringIO(text), delimiter=";"))) == expected
    sheet = openpyxl.load_workbook(folder / "site-a.xlsx")["Leviers"]
    assert _by_header([[c.value for c in row] for row in sheet.iter_rows()]) == expected
    table = ods_table(folder / "site-a.ods", "Leviers")
    assert _by_header([[c.value for c in row.traverse()] for row in table.traverse()]) == expected
    # Without results for 2025, site B's checklist has no pre-fill columns.
    header = (folder / "site-b.csv").read_bytes().decode("utf-8").splitlines()[0]
    assert "Revu" not in header and "Statut 2025" not in header


@needs_soffice
@pytest.mark.parametrize("suffix", ["ods", "xlsx"])
def test_prefilled_summary_counts_this_years_statuses(
    built: BuildResult, suffix: str, tmp_path: Path
) -> None:
    """« Statut » moved right by one column: LibreOffice's « Synthèse » counts it, not
    « Statut 2025 ». The referent puts every line « En place »; last year had one."""
    lines = len(carried(built.needs()))
    source = built.outdir / "checklists" / f"site-a.{suffix}"
    path = tmp_path / f"rempli.{suffix}"
    if suffix == "xlsx":
        book = openpyxl.load_workbook(source)
        sheet = book["Leviers"]
        column = [cell.value for cell in sheet[1]].index("Statut")
        for row in sheet.iter_rows(min_row=2):
            row[column].value = "En place"
        book.save(path)
    else:
        document = Document(str(source))
        table = document.body.get_table(name="Leviers")
        column = [cell.value for cell in table.get_row(0).traverse()].index("Statut")
        for index in range(1, table.height):
            table.set_cell((column, index), Cell("En place"))
        document.save(str(path))
    rows = libreoffice_sheet_csv(path, 2, tmp_path)
    [total] = [row for row in rows if row and row[0] == "Total"]
    assert total[2:6] == [str(lines), str(lines), "0", "0"]


@needs_pdftotext
def test_prefilled_pdf_and_page_carry_last_years_answers(built: BuildResult) -> None:
    expected = carried(built.needs())
    text = normalise(pdftotext(built.outdir / "checklists" / "site-a.pdf"))
    page = normalise((built.outdir / "checklists" / "site-a.html").read_text(encoding="utf-8"))
    for line in expected.values():
        if line["Statut 2025"] == "nouveau":
            want = "Statut 2025 : nouveau (levier nouveau)."
        else:
            want = f"Statut 2025 : {line['Statut 2025']}"
        assert want in text and want in page
    assert "Responsable : Accueil · Échéance : 2023-06-01" in text
    assert page.count("(repris de 2025)") == sum(bool(v["Statut"]) for v in expected.values())
    assert "Statut 2025" not in normalise(pdftotext(built.outdir / "checklists" / "site-b.pdf"))


# --- Problems and incremental builds ----------------------------------------------------


def test_results_of_a_site_without_profile_stop_the_build(tmp_path: Path) -> None:
    target = tmp_path / "results-kit"
    shutil.copytree(ROOT, target)
    orphan = target / "results" / "site-z"
    orphan.mkdir()
    text = (ROOT / "results" / "site-b" / "2026.toml").read_text(encoding="utf-8")
    (orphan / "2026.toml").write_text(text.replace('"site-b"', '"site-z"'), encoding="utf-8")
    (target / "results" / "site-a" / "2027.toml").write_text("year = 2027\n", encoding="utf-8")
    result = run_sphinx(target, target, target / "_build" / "html")
    assert result.status == 1
    lines = result.warning_lines()
    assert (
        "ERROR: results/site-z: results of a site without a profile: no checklists/site-z.toml "
        "[marianne.results]" in lines
    )
    # Reported together with a broken file's problems, each on its own line.
    assert (
        "ERROR: results/site-a/2027.toml: key 'site': is None but the file is in the "
        "folder of 'site-a' [marianne.results]" in lines
    )
    assert not (target / "_build" / "html" / "resultats").exists()


def _states(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.*")}


def test_importing_one_sites_results_rebuilds_only_that_sites_pages(tmp_path: Path) -> None:
    target = tmp_path / "results-kit"
    shutil.copytree(ROOT, target)
    outdir = target / "_build" / "html"
    assert run_sphinx(target, target, outdir).status == 0
    before = _states(outdir)
    results = target / "results" / "site-b" / "2026.toml"
    results.write_text(
        results.read_text(encoding="utf-8").replace('LEV-01-03 = { status = "" }',
                                                    'LEV-01-03 = { status = "En place" }'),
        encoding="utf-8",
    )  # fmt: skip
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    after = _states(outdir)
    changed = {name for name in after if after[name] != before.get(name)}
    site_b = {"resultats/site-b.html"} | {
        f"plans-action/site-b.{s}" for s in ("html", "ods", "xlsx", "csv")
    }
    assert site_b <= changed
    assert not {name for name in changed if "site-a" in name or name.startswith("checklists/")}
    assert "3 / 3" in normalise((outdir / "resultats" / "site-b.html").read_text())
    # The list of sites on the index page shows the new count.
    listing = page_tables(outdir / "index.html")["Derniers résultats des sites"]
    assert listing[2][2] == "3 / 3"
    # Last year's results of site A change its pre-filled checklist, and only that.
    earlier = target / "results" / "site-a" / "2025.toml"
    earlier.write_text(
        earlier.read_text(encoding="utf-8").replace('LEV-01-02 = { status = "En place" }',
                                                    'LEV-01-02 = { status = "En cours" }'),
        encoding="utf-8",
    )  # fmt: skip
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    third = _states(outdir)
    changed = {name for name in third if third[name] != after.get(name)}
    assert {f"checklists/site-a.{s}" for s in ("html", "pdf", "ods", "xlsx", "csv")} <= changed
    assert not {name for name in changed if "site-b" in name or "kit-complet" in name}


# --- The real site's example data -------------------------------------------------------


def test_example_results_cover_two_years_and_every_page_showing_them_says_so(
    internal_site: BuildResult,
) -> None:
    site = internal_site
    folder = PROJECT_ROOT / "results"
    files = sorted(folder.glob("*/*.toml"))
    slugs = sorted(path.stem for path in (PROJECT_ROOT / "checklists").glob("*.toml"))
    assert [f"{p.parent.name}/{p.name}" for p in files] == [
        f"{slug}/{year}.toml" for slug in slugs for year in (2025, 2026)
    ]
    years = [tomllib.loads(path.read_text(encoding="utf-8")) for path in files]
    assert all(data["example"] is True for data in years)
    # The 2026 results come from a pre-filled checklist the referent reviewed in part.
    reviewed = [lever.get("reviewed", True) for data in years if data["year"] == 2026
                for lever in data["levers"].values()]  # fmt: skip
    assert 0 < reviewed.count(False) < len(reviewed)
    for slug in slugs:
        for page in (f"checklists/{slug}", f"resultats/{slug}", f"plans-action/{slug}"):
            text = (site.outdir / f"{page}.html").read_text(encoding="utf-8")
            assert "<strong>Données d’exemple</strong>" in text, page
    assert "Données d’exemple" not in (site.outdir / "checklists" / "kit-complet.html").read_text()
    for page in ("checklists/index.html", "tracabilite/sites.html"):
        assert "Données d’exemple" in (site.outdir / page).read_text(encoding="utf-8"), page
