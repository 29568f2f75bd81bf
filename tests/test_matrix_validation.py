"""The traceability directive on a small fixture kit (``tests/roots/matrix-coverage``).

Engagement 2 deliberately has no telephone lever, so the channel matrix's 80 %
threshold on that channel must fail the ``-W`` build with one exact warning; the
same kit with a lower threshold must build cleanly, its numbers (sites included)
matching counts made here from ``needs.json`` and the profiles' TOML.
"""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
from bs4 import BeautifulSoup
from conftest import ROOTS, BuildResult, build_root, run_sphinx
from csv_rows import csv_rows

ROOT = "matrix-coverage"
THRESHOLD_WARNING = (
    "<src>/matrices.md:3: WARNING: traceability matrix 'Engagements et canaux': "
    "2 of 3 rows have a lever in column 'telephonique' (67 %), below the threshold "
    "of 80 % [marianne.coverage]"
)


def build_edited(tmp_path: Path, edit: Callable[[Path], None]) -> BuildResult:
    """Build a copy of the fixture kit after ``edit`` changed it."""
    target = tmp_path / ROOT
    shutil.copytree(ROOTS / ROOT, target)
    edit(target)
    return run_sphinx(target, target, target / "_build" / "html")


def replace_in(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(root: Path) -> None:
        path = root / name
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new), encoding="utf-8")

    return edit


def warnings_of(result: BuildResult) -> list[str]:
    return [
        line
        for line in result.warnings.replace(str(result.srcdir), "<src>").splitlines()
        if line.startswith("<src>")
    ]


def test_missing_channel_below_threshold_fails_the_build(tmp_path: Path) -> None:
    result = build_root(ROOT, tmp_path)
    assert warnings_of(result) == [THRESHOLD_WARNING]
    assert result.status == 1, "the -W build must fail"


def test_threshold_met_builds_cleanly(tmp_path: Path) -> None:
    result = build_edited(tmp_path, replace_in("matrices.md", ":threshold: 80", ":threshold: 60"))
    assert result.warning_lines() == []
    assert result.status == 0


def test_threshold_on_all_columns_reports_each_column(tmp_path: Path) -> None:
    result = build_edited(
        tmp_path, replace_in("matrices.md", ":threshold-column: telephonique\n", "")
    )
    columns = [line.split("column '")[1].split("'")[0] for line in warnings_of(result)]
    assert columns == ["telephonique", "courrier", "courriel", "tous-canaux"]
    assert result.status == 1


@pytest.fixture(scope="module")
def passing(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_edited(
        tmp_path_factory.mktemp("passing"),
        replace_in("matrices.md", ":threshold: 80", ":threshold: 60"),
    )
    assert result.status == 0
    return result


def _tables(result: BuildResult) -> dict[str, Any]:
    html = (result.outdir / "matrices.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    return {table.caption.get_text(): table for table in page.select("table.mk-matrix")}


def _numbers(table: Any) -> list[list[int]]:
    rows = []
    for tr in [*table.tbody.find_all("tr"), *table.tfoot.find_all("tr")]:
        rows.append(
            [
                0
                if "mk-matrix-empty" in (td.get("class") or [])
                else 1
                if "mk-matrix-mark" in (td.get("class") or [])
                else int(td.get_text())
                for td in tr.find_all("td")
            ]
        )
    return rows


def _profile_counts(root: Path, needs: dict[str, Any]) -> dict[str, list[int]]:
    """Levers in scope per engagement, counted from the TOML files, not the extension."""
    engagements = sorted(n["id"] for n in needs.values() if n["type"] == "commitment")
    counts = {}
    for path in sorted((root / "checklists").glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kept = data.get("engagements", engagements)
        counts[data["name"]] = [
            sum(
                1
                for n in needs.values()
                if n["type"] == "lever"
                and engagement in kept
                and engagement in n["commitment"]
                and n["channel"] in [*data["channels"], "tous-canaux"]
                and n["id"] not in data.get("excluded", [])
            )
            for engagement in engagements
        ]
    return counts


def test_fixture_matrices_match_needs_json(passing: BuildResult) -> None:
    tables = _tables(passing)
    assert list(tables) == [
        "Engagements et canaux",
        "Engagements et catégories",
        "Actions et engagements",
        "Bonnes pratiques et engagements",
        "Sites et engagements",
    ]
    channels = _numbers(tables["Engagements et canaux"])
    assert channels == [
        [1, 1, 0, 0, 1, 3],
        [1, 0, 0, 1, 0, 2],
        [1, 1, 0, 0, 0, 2],
        [3, 2, 0, 1, 1, 7],
    ]
    actions = tables["Actions et engagements"]
    assert _numbers(actions)[0] == [1, 0, 1, 2], "the shared action serves two engagements"
    assert "mk-matrix-highlight" in actions.tbody.tr["class"]
    needs = passing.needs()
    expected = _profile_counts(passing.srcdir, needs)
    sites = tables["Sites et engagements"]
    names = [th.get_text() for th in sites.tbody.find_all("th")]
    assert names == ["Sous-préfecture de Lesparre-Médoc", "Préfecture de la Gironde"]
    shown = _numbers(sites)
    assert [row[:-1] for row in shown[:-1]] == [expected[name] for name in names]
    assert [row[-1] for row in shown[:-1]] == [sum(expected[name]) for name in names]
    assert shown[-1][:-1] == [sum(column) for column in zip(*expected.values(), strict=True)]


def test_fixture_statistics_name_the_orphans(passing: BuildResult) -> None:
    html = (passing.outdir / "matrices.html").read_text(encoding="utf-8")
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "Engagement 2\u00a0: aucun levier pour les canaux Téléphonique, Tous canaux." in text
    assert "1\u00a0bonne pratique sans levier\u00a0: Réduire le temps d’attente." in text
    assert (
        "2\u00a0engagements sur 3 ont au moins un levier du canal "
        "«\u00a0Téléphonique\u00a0» (67\u00a0%)"
    ) in text


def test_fixture_cell_links_land_on_channel_tabs_and_category_lists(passing: BuildResult) -> None:
    html = (passing.outdir / "matrices.html").read_text(encoding="utf-8")
    links = BeautifulSoup(html, "html.parser").select("div.mk-matrix-table a")
    fragments = set()
    for link in links:
        href = urlsplit(link["href"])
        target = passing.outdir / href.path if href.path else passing.outdir / "matrices.html"
        page = BeautifulSoup(target.read_text(encoding="utf-8"), "html.parser")
        if href.fragment:
            assert page.find(id=href.fragment) is not None, link["href"]
            fragments.add(href.fragment)
        else:  # a site's row: its checklist page
            assert href.path.startswith("checklists/") and page.find("h1") is not None
    assert {"canal-telephonique", "categorie-horaires-communication", "LEV-03-01"} <= fragments


def test_fixture_csv_round_trip(passing: BuildResult) -> None:
    for caption, name in [
        ("Engagements et canaux", "engagements-canaux.csv"),
        ("Sites et engagements", "sites-engagements.csv"),
        ("Actions et engagements", "actions-engagements.csv"),
    ]:
        parsed = csv_rows((passing.outdir / name).read_bytes())
        numbers = [[int(v) for v in line[2:]] for line in parsed[1:]]
        assert numbers == _numbers(_tables(passing)[caption]), name


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            ":orphans: cells",
            ":cell: counts",
            "traceability-matrix: option 'cell': unknown value 'counts' "
            "(expected one of: count, mark, ids)",
        ),
        (
            ":rows: commitment\n:columns: channel",
            ":columns: channel",
            "traceability-matrix: option 'rows' is required",
        ),
        (
            ":csv: engagements-canaux.csv",
            ":csv: Engagements canaux.csv",
            "traceability-matrix: option 'csv': 'Engagements canaux.csv' is not a file name",
        ),
    ],
)
def test_invalid_options_fail_with_file_and_line(
    tmp_path: Path, old: str, new: str, message: str
) -> None:
    result = build_edited(tmp_path, replace_in("matrices.md", old, new))
    assert result.status == 1
    assert warnings_of(result)[0].startswith(f"<src>/matrices.md:3: ERROR: {message}")


def test_two_matrices_cannot_share_a_csv_file(tmp_path: Path) -> None:
    result = build_edited(
        tmp_path,
        replace_in(
            "matrices.md", ":csv: engagements-categories.csv", ":csv: engagements-canaux.csv"
        ),
    )
    assert (
        "<src>/matrices.md:12: WARNING: traceability matrix: CSV file 'engagements-canaux.csv' "
        "is already written by matrices:3 [marianne.matrix]"
    ) in warnings_of(result)


def test_bad_profile_stops_the_build_with_its_file(tmp_path: Path) -> None:
    edit = replace_in("checklists/prefecture-gironde.toml", '"prefecture"', '"mairie"')
    # Profiles are checked when the configuration is read, before any page.
    result = build_edited(tmp_path, edit)
    assert result.stopped.startswith("Build stopped: 1 problem in the checklist profiles")
    assert result.warning_lines() == [
        "checklists/prefecture-gironde.toml:2: ERROR: key 'kind': unknown kind 'mairie' "
        "(expected one of: prefecture, sous-prefecture, service, modele) [marianne.profile]"
    ]


def test_without_profile_directory_the_sites_matrix_says_so(tmp_path: Path) -> None:
    result = build_edited(tmp_path, lambda root: shutil.rmtree(root / "checklists"))
    html = (result.outdir / "matrices.html").read_text(encoding="utf-8")
    assert "Aucun profil de site n’est défini." in html
    assert len(_tables_html(html)) == 4
    assert not (result.outdir / "sites-engagements.csv").exists()


def _tables_html(html: str) -> list[Any]:
    return BeautifulSoup(html, "html.parser").select("table.mk-matrix")


def test_incremental_build_follows_profile_changes(tmp_path: Path) -> None:
    """Editing or adding a profile refreshes the sites matrix and its CSV."""
    first = build_edited(tmp_path, replace_in("matrices.md", ":threshold: 80", ":threshold: 60"))
    assert first.status == 0
    checklists = first.srcdir / "checklists"
    lesparre = checklists / "Lesparre.toml"
    lesparre.write_text(
        lesparre.read_text(encoding="utf-8").replace('["LEV-03-02"]', "[]"), encoding="utf-8"
    )
    (checklists / "x.toml").write_text(
        'name = "Service X"\nkind = "service"\nchannels = ["courriel"]\nyear = 2026\n',
        encoding="utf-8",
    )
    second = run_sphinx(first.srcdir, first.srcdir, first.outdir, fresh=False)
    assert second.warning_lines() == []
    rows = csv_rows((second.outdir / "sites-engagements.csv").read_bytes())
    assert rows[1:] == [
        ["lesparre", "Sous-préfecture de Lesparre-Médoc", "3", "0", "2", "5"],
        ["prefecture-gironde", "Préfecture de la Gironde", "2", "2", "1", "5"],
        ["x", "Service X", "1", "1", "0", "2"],
        ["", "Total", "6", "3", "3", "12"],
    ]
    shown = _numbers(_tables(second)["Sites et engagements"])
    assert shown == [[int(v) for v in row[2:]] for row in rows[1:]]
