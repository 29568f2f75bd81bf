"""The network pages of the fixture network, in the public and the internal build.

``tests/roots/network-kit``: the region « nouvelle-aquitaine » holds the
départements « gironde » (the préfecture, which has two sous-préfectures, and
the DDETS, which sent nothing for 2026) and « landes » (a single site), and two
sites directly. Every published figure is read back from the CSV exports with the
stdlib ``csv`` module and compared with counts made here from the results files
(``tomllib``); which figures the minimum-size rule withholds is written out by
hand below (worked out from the structure and the files, not asked of the code).
"""

from __future__ import annotations

import csv
import filecmp
import io
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT, ROOTS, BuildResult, run_sphinx
from test_lever_bank import TYPOGRAPHY_RULES, hunspell_unknown, prose_lines

ROOT = ROOTS / "network-kit"
YEARS = (2025, 2026)
LEVERS = ("LEV-01-01", "LEV-01-02", "LEV-01-03", "LEV-02-01", "LEV-02-02", "LEV-02-03")
COMMITMENTS = ("ENG-01", "ENG-02")
GIRONDE_PREFECTURE = {"prefecture-gironde", "sous-prefecture-blaye", "sous-prefecture-libourne"}
GIRONDE = GIRONDE_PREFECTURE | {"ddets-gironde"}
EVERYONE = GIRONDE | {"prefecture-landes", "dreets-nouvelle-aquitaine", "sgar-nouvelle-aquitaine"}
#: Page slug -> the sites its figures are over.
MEMBERS = {
    "prefecture-gironde": GIRONDE_PREFECTURE,
    "gironde": GIRONDE,
    "landes": {"prefecture-landes"},
    "nouvelle-aquitaine": EVERYONE,
    "ensemble": EVERYONE,
}
#: Withheld by the minimum-size rule (2), worked out by hand. Transmission, both years:
#: Landes has one site; the préfecture's unit (3 sites) would give, from the Gironde's
#: 4, the DDETS alone.
TRANSMISSION_WITHHELD = {"landes", "prefecture-gironde"}
#: Commitments: every file lists both, so the sites listing them are those that sent
#: results; in 2026 the DDETS sent nothing and the Gironde's figures are the préfecture's.
COMMITMENTS_WITHHELD = {2025: {"landes", "prefecture-gironde"}, 2026: {"landes"}}
#: Levers, per year: Landes always (one site). LEV-01-03 and LEV-02-02 in 2025: the
#: Gironde's residual beyond the préfecture's unit is the DDETS alone, then the region's
#: beyond the Gironde the SGAR alone (01-03) or Landes (02-02). LEV-02-01 in 2026: only
#: Blaye in the Gironde lists it.
LEVERS_WITHHELD = {
    2025: {lever: {"landes"} for lever in LEVERS}
    | {"LEV-01-03": {"landes", "gironde", "prefecture-gironde"},
       "LEV-02-02": {"landes", "gironde", "prefecture-gironde"}},
    2026: {lever: {"landes"} for lever in LEVERS}
    | {"LEV-02-01": {"landes", "gironde", "prefecture-gironde"}},
}  # fmt: skip
WITHHELD_PREFIX = "Non publié\u00a0:"
STATUSES = ("En place", "En cours", "À engager", "Non applicable", "")
CHANNEL_LABELS = {"physique": "Physique", "courriel": "Courriel", "tous-canaux": "Tous canaux"}


def files() -> dict[str, dict[int, dict[str, Any]]]:
    """site -> year -> the results file's data, read with tomllib."""
    found: dict[str, dict[int, dict[str, Any]]] = {}
    for path in sorted((ROOT / "results").glob("*/*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        found.setdefault(path.parent.name, {})[int(path.stem)] = data
    return found


DATA = files()


def build(workdir: Path, internal: bool) -> BuildResult:
    target = workdir / "network-kit"
    shutil.copytree(ROOT, target)
    if internal:
        with (target / "conf.py").open("a", encoding="utf-8") as conf:
            conf.write('marianne_audience = "internal"\n')
    result = run_sphinx(target, target, target / "_build" / "html")
    assert result.status == 0, result.warnings
    assert result.warning_lines() == []
    return result


@pytest.fixture(scope="module", params=["public", "internal"])
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Any:
    return build(tmp_path_factory.mktemp(request.param), request.param == "internal")


def exported(built: BuildResult, page: str, table: str) -> list[list[str]]:
    text = (built.outdir / "reseau" / f"{page}-{table}.csv").read_bytes().decode("utf-8")
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""), delimiter=";"))


def is_withheld(cells: list[str]) -> bool:
    """A withheld figure: every cell its reason, and no number but the minimum in it."""
    if not cells[0].startswith(WITHHELD_PREFIX):
        assert not any(cell.startswith(WITHHELD_PREFIX) for cell in cells), cells
        return False
    assert len(set(cells)) == 1, cells
    assert re.sub(r"\d", "", cells[0].replace("2\u00a0sites", "")) == cells[0].replace(
        "2\u00a0sites", ""
    ), cells[0]
    return True


def percent(part: int, whole: int) -> str:
    return str(round(100 * part / whole)) if whole else "non calculé"


def sent(page: str, year: int) -> set[str]:
    return {site for site in MEMBERS[page] if year in DATA.get(site, {})}


def verdicts(page: str, year: int, commitment: str) -> list[str]:
    return [
        DATA[site][year]["commitments"][commitment].get("verdict", "")
        for site in sorted(sent(page, year))
        if commitment in DATA[site][year]["commitments"]
    ]


def met_rate(page: str, year: int, commitment: str) -> float | None:
    judged = [v for v in verdicts(page, year, commitment) if v != "Non applicable"]
    return 100 * judged.count("Oui") / len(judged) if judged else None


def statuses(page: str, year: int, lever: str) -> list[str]:
    return [
        DATA[site][year]["levers"][lever].get("status", "")
        for site in sorted(sent(page, year))
        if lever in DATA[site][year]["levers"]
    ]


def in_place_rate(page: str, year: int, lever: str) -> float | None:
    found = statuses(page, year, lever)
    applicable = len(found) - found.count("Non applicable")
    return 100 * found.count("En place") / applicable if applicable else None


def movement(rates: tuple[float | None, float | None], shown: bool) -> str:
    before, after = rates
    if not shown or before is None or after is None:
        return "—"
    return str(round(after - before))


def test_transmission_every_year(built: BuildResult) -> None:
    withheld = set()
    for page in MEMBERS:
        rows = exported(built, page, "transmission")
        assert rows[0] == ["Année", "Sites", "Sites ayant transmis",
                           "Part des sites ayant transmis (%)"]  # fmt: skip
        assert [row[0] for row in rows[1:]] == [str(year) for year in YEARS]
        for row, year in zip(rows[1:], YEARS, strict=True):
            if is_withheld(row[1:]):
                withheld.add(page)
                continue
            count = len(sent(page, year))
            assert row[1:] == [str(len(MEMBERS[page])), str(count),
                               percent(count, len(MEMBERS[page]))]  # fmt: skip
    assert withheld == TRANSMISSION_WITHHELD
    page = BeautifulSoup((built.outdir / "reseau" / "ensemble.html").read_text(), "html.parser")
    sentence = page.select_one(".mk-network-transmission").get_text()
    assert sentence == "6\u00a0sites sur 7 ont transmis leur autoévaluation 2026."


def test_commitments_latest_year_and_chart_data(built: BuildResult) -> None:
    withheld: dict[int, set[str]] = {2025: set(), 2026: set()}
    checked = 0
    for page in MEMBERS:
        rows = exported(built, page, "engagements")
        assert [row[0] for row in rows[1:]] == ["Engagement 1", "Engagement 2"]
        for row, commitment in zip(rows[1:], COMMITMENTS, strict=True):
            if is_withheld(row[2:]):
                withheld[2026].add(page)
                continue
            found = verdicts(page, 2026, commitment)
            judged = [v for v in found if v != "Non applicable"]
            shown_before = page not in COMMITMENTS_WITHHELD[2025]
            rates = (met_rate(page, 2025, commitment), met_rate(page, 2026, commitment))
            assert row[2:] == [
                str(len(found)), str(len(judged)), str(judged.count("Oui")),
                percent(judged.count("Oui"), len(judged)), movement(rates, shown_before),
            ]  # fmt: skip
            checked += 1
        chart = exported(built, page, "engagements-par-annee")
        assert chart[0] == ["Engagement", "2025 (%)", "2026 (%)"]
        for row, commitment in zip(chart[1:], COMMITMENTS, strict=True):
            for cell, year in zip(row[1:], YEARS, strict=True):
                if page in COMMITMENTS_WITHHELD[year]:
                    assert cell.startswith(WITHHELD_PREFIX)
                else:
                    judged = [v for v in verdicts(page, year, commitment) if v != "Non applicable"]
                    assert cell == percent(judged.count("Oui"), len(judged))
    assert {page for page in withheld[2026]} == COMMITMENTS_WITHHELD[2026]
    assert checked == 2 * (len(MEMBERS) - len(COMMITMENTS_WITHHELD[2026]))


def test_levers_counts_shares_and_movements(built: BuildResult) -> None:
    withheld: dict[str, set[str]] = {lever: set() for lever in LEVERS}
    movements = 0
    for page in MEMBERS:
        rows = exported(built, page, "leviers")
        assert [row[0] for row in rows[1:]] == list(LEVERS)
        for row in rows[1:]:
            lever = row[0]
            if is_withheld(row[3:]):
                withheld[lever].add(page)
                continue
            found = statuses(page, 2026, lever)
            counts = [found.count(status) for status in STATUSES]
            applicable = len(found) - counts[3]
            shown_before = page not in LEVERS_WITHHELD[2025][lever]
            rates = (in_place_rate(page, 2025, lever), in_place_rate(page, 2026, lever))
            moved = movement(rates, shown_before)
            movements += moved != "—"
            assert row[3:] == [
                str(len(found)), *map(str, counts),
                *(percent(counts[i], applicable) for i in (0, 1, 2, 4)),
                percent(counts[3], len(found)), moved,
            ], (page, lever)  # fmt: skip
    assert withheld == LEVERS_WITHHELD[2026]
    assert movements >= 10


def test_most_and_least_adopted_per_channel(built: BuildResult) -> None:
    needs = built.needs()
    for page in MEMBERS:
        for channel in CHANNEL_LABELS:
            ranked = sorted(
                (-rate, lever)
                for lever in LEVERS
                if needs[lever]["channel"] == channel
                and page not in LEVERS_WITHHELD[2026][lever]
                and (rate := in_place_rate(page, 2026, lever)) is not None
            )
            path = built.outdir / "reseau" / f"{page}-adoption-{channel}.csv"
            assert path.exists() == bool(ranked), (page, channel)
            if not ranked:
                continue
            rows = exported(built, page, f"adoption-{channel}")
            most = [lever for _, lever in ranked[:5]]
            least = [lever for _, lever in sorted((-r, lever) for r, lever in ranked)[:5]]
            assert [row[2] for row in rows[1:]] == most + least
            assert [row[0] for row in rows[1:]] == ["Plus adoptés"] * len(most) + [
                "Moins adoptés"
            ] * len(least)


def test_page_links_downloads_and_charts(built: BuildResult) -> None:
    folder = built.outdir / "reseau"
    page = BeautifulSoup((folder / "gironde.html").read_text(encoding="utf-8"), "html.parser")
    place = page.select_one('nav[aria-label="Place dans le réseau"]')
    assert [(a["href"], a.get_text()) for a in place.select("a")] == [
        ("nouvelle-aquitaine.html", "Région Nouvelle-Aquitaine"),
        ("prefecture-gironde.html", "Préfecture de la Gironde"),
    ]
    sites = [a["href"] for a in page.select("h2 + ul a")][:4]
    assert sites == [f"../checklists/{site}.html" for site in sorted(GIRONDE)]
    links = page.select("a.fr-link--download")
    assert len(links) >= 10
    for link in links:
        size = (folder / str(link["href"])).stat().st_size
        shown = f"{size}\u00a0octets" if size < 1000 else f"{round(size / 1000)}\u00a0Ko"
        suffix = str(link["href"]).rpartition(".")[2].upper()
        assert link.select_one(".fr-link__detail").get_text() == f"{suffix}, {shown}"
    charts = page.select("svg[role=img]")
    assert len(charts) >= 2
    for chart in charts:
        ids = str(chart["aria-labelledby"]).split()
        assert [page.find(id=i).name for i in ids] == ["title", "desc"]
        # Each chart is followed by the table of its numbers.
        assert chart.find_parent("figure").find_next_sibling("div")["class"][0] == "fr-table"
    listing = BeautifulSoup((built.outdir / "index.html").read_text(), "html.parser")
    rows = [[c.get_text(" ", strip=True) for c in tr.select("td")]
            for tr in listing.select("table.mk-network-groups tbody tr")]  # fmt: skip
    assert [row[0] for row in rows] == [
        "Réseau de test Nouvelle-Aquitaine", "Région Nouvelle-Aquitaine", "Gironde",
        "Préfecture de la Gironde", "Landes",
    ]  # fmt: skip
    assert rows[0][2:] == ["7", "6\u00a0sites sur 7"]
    assert rows[4][3].startswith(WITHHELD_PREFIX)


def test_sites_commitments_table_only_in_the_internal_build(built: BuildResult) -> None:
    internal = "internal" in str(built.outdir)
    folder = built.outdir / "reseau"
    for page in MEMBERS:
        html = (folder / f"{page}.html").read_text(encoding="utf-8")
        assert ("diffusion interne" in html) == internal
        assert (folder / f"{page}-sites-engagements.csv").exists() == internal
    if not internal:
        return
    rows = exported(built, "gironde", "sites-engagements")
    expected = [
        [site, *(
            [DATA[site][2026]["commitments"][c].get("verdict") or "non renseigné"
             for c in COMMITMENTS] if 2026 in DATA[site] else ["pas de résultats"] * 2
        )]
        for site in sorted(GIRONDE)
    ]  # fmt: skip
    assert expected[0] == ["ddets-gironde", "pas de résultats", "pas de résultats"]
    names = {"ddets-gironde": "DDETS de la Gironde", "prefecture-gironde": "Préfecture de la "
             "Gironde", "sous-prefecture-blaye": "Sous-préfecture de Blaye",
             "sous-prefecture-libourne": "Sous-préfecture de Libourne"}  # fmt: skip
    assert rows[1:] == [[names[row[0]], *row[1:]] for row in expected]
    page = BeautifulSoup((folder / "gironde.html").read_text(encoding="utf-8"), "html.parser")
    table = page.find("caption", string=re.compile("diffusion interne")).find_parent("table")
    assert [a["href"] for a in table.select("th a")] == [
        f"../resultats/{site}.html" for site in sorted(GIRONDE)
    ]


def test_two_clean_builds_are_byte_identical(built: BuildResult, tmp_path: Path) -> None:
    again = build(tmp_path, "internal" in str(built.outdir))
    first, second = built.outdir / "reseau", again.outdir / "reseau"
    names = sorted(path.name for path in first.iterdir())
    assert names == sorted(path.name for path in second.iterdir()) and len(names) > 40
    _, mismatch, errors = filecmp.cmpfiles(first, second, names, shallow=False)
    assert mismatch == errors == []
    assert filecmp.cmp(built.outdir / "index.html", again.outdir / "index.html", shallow=False)


def test_network_text_is_french_and_spelled(built: BuildResult) -> None:
    page = BeautifulSoup((built.outdir / "reseau" / "gironde.html").read_text(), "html.parser")
    section = page.select_one("section.mk-network")
    blocks = ["p", "li", "h1", "h2", "h3", "caption", "th", "td", "summary"]
    texts = [block.get_text("") for block in section.find_all(blocks)]
    texts += [str(tag["aria-label"]) for tag in section.select("[aria-label]")]
    texts += [line for _, line in prose_lines(PROJECT_ROOT / "docs" / "reseau.md")]
    # Names of the fixture's sites and the kit's lever texts are checked elsewhere.
    allowed = {"DDETS", "CSV", "ODS", "ODS.", "Blaye", "Libourne", "Landes", "Gironde", "conf.py"}
    unknown = hunspell_unknown([re.sub(r"`[^`]*`", " ", text) for text in texts]) - allowed
    assert unknown == set()
    faults = [
        (rule, match.group(0))
        for text in texts
        for rule, pattern in {
            **TYPOGRAPHY_RULES,
            "ordinary space before high punctuation or inside guillemets": re.compile(
                r"\w [:;?!»]|« \w"
            ),
        }.items()
        for match in pattern.finditer(text)
    ]
    assert faults == []


def test_the_groups_listing_is_read_again_when_the_network_or_results_change(
    tmp_path: Path,
) -> None:
    """The listing sits alone on its page here (the fixture's home page also lists the
    sites' results, which the dashboards re-read for their own reasons)."""
    target = tmp_path / "network-kit"
    shutil.copytree(ROOT, target)
    index = target / "index.md"
    index.write_text(index.read_text(encoding="utf-8").replace(":::{network-groups}\n:::\n", ""))
    (target / "groupes.md").write_text(
        "---\norphan: true\n---\n\n# Groupes\n\n:::{network-groups}\n:::\n", encoding="utf-8"
    )
    outdir = target / "_build" / "html"
    assert run_sphinx(target, target, outdir).status == 0

    def rows() -> list[list[str]]:
        page = BeautifulSoup((outdir / "groupes.html").read_text(encoding="utf-8"), "html.parser")
        return [[cell.get_text(" ", strip=True) for cell in tr.select("td")]
                for tr in page.select("table.mk-network-groups tbody tr")]  # fmt: skip

    assert rows()[4][0] == "Landes" and rows()[0][3] == "6\u00a0sites sur 7"
    network = target / "network.toml"
    network.write_text(network.read_text(encoding="utf-8").replace(
        'name = "Landes"', 'name = "Département des Landes"'), encoding="utf-8")  # fmt: skip
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    assert rows()[4][0] == "Département des Landes"
    (target / "results" / "sgar-nouvelle-aquitaine" / "2026.toml").unlink()
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    assert rows()[0][3] == "5\u00a0sites sur 7"
    heading = BeautifulSoup((outdir / "reseau" / "landes.html").read_text(), "html.parser").h1
    assert heading is not None and heading.get_text() == "Département des Landes"
