"""The public build never gives one site's own answers; the internal build does.

``tests/roots/network-kit`` is a network where the Landes hold a single site,
whose results carry a free-text marker (« Sentinelle Landes ») found nowhere
else. The public build is scanned file by file, inside spreadsheets and PDFs
too; the internal build of the same root must show what the public one hides,
so the scan is known to see it.
"""

from __future__ import annotations

import itertools
import shutil
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from checklist_readers import ods_lines, read_csv, xlsx_lines
from conftest import ROOTS, BuildResult, build_root, run_sphinx
from pypdf import PdfReader

ROOT = ROOTS / "network-kit"
MARKER = "Sentinelle Landes"
SITES = sorted(path.stem for path in (ROOT / "checklists").glob("*.toml"))
#: What only one site's results can put in a page: the dashboards' and plans' folders.
SITE_FOLDERS = ("resultats", "plans-action")


@pytest.fixture(scope="module")
def public(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_root("network-kit", tmp_path_factory.mktemp("public"))
    assert result.status == 0 and result.warning_lines() == []
    return result


@pytest.fixture(scope="module")
def internal(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    result = build_root(
        "network-kit",
        tmp_path_factory.mktemp("internal"),
        confoverrides={"marianne_audience": "internal"},
    )
    assert result.status == 0 and result.warning_lines() == []
    return result


def readable_text(path: Path) -> str:
    """Everything a reader of the file could see: spreadsheets unzipped, PDFs as text."""
    data = path.read_bytes()
    if path.suffix == ".pdf":
        return "\n".join(page.extract_text() for page in PdfReader(path).pages)
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            return "\n".join(
                archive.read(name).decode("utf-8", "replace") for name in archive.namelist()
            )
    return data.decode("utf-8", "replace")


def output_files(result: BuildResult) -> Iterator[Path]:
    for path in sorted(result.outdir.rglob("*")):
        if path.is_file() and path.suffix not in {".woff2", ".png", ".svg", ".ico"}:
            yield path


def files_holding(result: BuildResult, text: str) -> list[str]:
    return [
        path.relative_to(result.outdir).as_posix()
        for path in output_files(result)
        if text in readable_text(path)
    ]


def test_the_fixture_site_alone_in_its_group_has_the_marker() -> None:
    """The marker is in the Landes' results and in no other file of the fixture."""
    holding = sorted(
        path.relative_to(ROOT).as_posix()
        for path in ROOT.rglob("*.toml")
        if MARKER in path.read_text(encoding="utf-8")
    )
    assert holding == ["results/prefecture-landes/2025.toml", "results/prefecture-landes/2026.toml"]
    network = tomllib.loads((ROOT / "network.toml").read_text(encoding="utf-8"))
    landes = [
        path.stem
        for path in (ROOT / "checklists").glob("*.toml")
        if tomllib.loads(path.read_text(encoding="utf-8")).get("parent") == "landes"
    ]
    assert "landes" in network["group"] and landes == ["prefecture-landes"]


def test_no_public_file_holds_a_sites_own_answers(public: BuildResult) -> None:
    assert files_holding(public, MARKER) == []
    for folder in SITE_FOLDERS:
        assert not (public.outdir / folder).exists(), folder
    for site in SITES:
        _, rows = read_csv(public.outdir / "checklists" / f"{site}.csv")
        assert rows and {row["Statut"] for row in rows} == {""}, site
        assert not any("Statut 2025" in row or "Revu" in row for row in rows), site
        status = xlsx_lines(public.outdir / "checklists" / f"{site}.xlsx")
        assert status and all(line[5] is None for line in status), site
        page = (public.outdir / "checklists" / f"{site}.html").read_text(encoding="utf-8")
        assert "repris de" not in page, site


def test_the_internal_build_shows_what_the_public_one_hides(internal: BuildResult) -> None:
    """The same scan finds the marker in the internal build: it would find a leak."""
    holding = files_holding(internal, MARKER)
    assert {
        f"{folder}/prefecture-landes.{suffix}"
        for folder, suffix in [("plans-action", "html"), ("plans-action", "csv")]
        + [("checklists", suffix) for suffix in ("html", "pdf", "ods", "xlsx", "csv")]
    } <= set(holding)
    assert (internal.outdir / "resultats" / "prefecture-landes.html").is_file()
    _, rows = read_csv(internal.outdir / "checklists" / "prefecture-landes.csv")
    assert {row["Statut"] for row in rows} - {""}
    assert any(
        line[6] for line in xlsx_lines(internal.outdir / "checklists" / "prefecture-landes.xlsx")
    )
    assert ods_lines(internal.outdir / "checklists" / "prefecture-landes.ods")


def test_a_public_build_over_an_internal_one_removes_the_sites_pages(tmp_path: Path) -> None:
    target = tmp_path / "network-kit"
    shutil.copytree(ROOT, target)
    outdir = target / "_build" / "html"
    internal = {"marianne_audience": "internal"}
    assert run_sphinx(target, target, outdir, confoverrides=internal).status == 0
    assert (outdir / "resultats" / "prefecture-landes.html").is_file()
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    assert not any((outdir / folder).exists() for folder in SITE_FOLDERS)
    assert MARKER not in (outdir / "checklists" / "prefecture-landes.csv").read_text("utf-8")


# --- What an attacker can compute from the public exports --------------------------------


def public_tree() -> dict[str, str]:
    """Each site's and group's parent ("" = the top), read from the fixture's own files,
    as anyone can from the public pages (membership is public)."""
    network = tomllib.loads((ROOT / "network.toml").read_text(encoding="utf-8"))
    parents = {slug: group.get("parent", "") for slug, group in network["group"].items()}
    for path in (ROOT / "checklists").glob("*.toml"):
        parents[path.stem] = tomllib.loads(path.read_text(encoding="utf-8")).get("parent", "")
    return parents


def below(parents: dict[str, str], unit: str) -> set[str]:
    """Every slug under ``unit`` ("" = the whole network)."""
    found = {slug for slug, parent in parents.items() if parent == unit}
    for slug in list(found):
        found |= below(parents, slug)
    return found


def published_counts(outdir: Path, table: str, column: str, key: str) -> dict[str, dict[str, int]]:
    """Row key -> unit -> the published count (withheld cells hold a sentence, no number)."""
    counts: dict[str, dict[str, int]] = {}
    for path in sorted((outdir / "reseau").glob(f"*-{table}.csv")):
        unit = path.name.removesuffix(f"-{table}.csv")
        _, rows = read_csv(path)
        for row in rows:
            if row[column].isdigit():
                counts.setdefault(row[key], {})["" if unit == "ensemble" else unit] = int(
                    row[column]
                )
    return counts


@pytest.mark.parametrize(
    ("table", "column", "key"),
    [
        ("leviers", "Sites concernés", "ID"),
        ("engagements", "Sites concernés", "Engagement"),
        ("transmission", "Sites", "Année"),
    ],
)
def test_no_difference_of_published_exports_isolates_one_site(
    public: BuildResult, table: str, column: str, key: str
) -> None:
    """Every published count minus any published counts of disjoint units below it is 0
    or at least 2 sites: nothing in the exports narrows down to one site."""
    parents = public_tree()
    units = {parent for parent in parents.values()}
    counts = published_counts(public.outdir, table, column, key)
    assert counts, "the exports hold published figures"
    checked = 0
    for row, by_unit in counts.items():
        assert set(by_unit) <= units, row
        for unit, count in by_unit.items():
            assert count >= 2, (row, unit)
            inner = [other for other in by_unit if other in below(parents, unit)]
            for size in range(1, len(inner) + 1):
                for chosen in itertools.combinations(inner, size):
                    if any(a in below(parents, b) or b in below(parents, a)
                           for a, b in itertools.combinations(chosen, 2)):  # fmt: skip
                        continue
                    rest = count - sum(by_unit[other] for other in chosen)
                    assert rest == 0 or rest >= 2, (row, unit, chosen, rest)
                    checked += 1
    assert checked > 0
    # The Landes' single site is never a figure of its own.
    assert all("landes" not in by_unit for by_unit in counts.values())
