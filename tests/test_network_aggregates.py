"""The network's aggregates against figures counted here from the results files, and the
minimum-size rule at every level.

The fixture network: the region « nouvelle-aquitaine » with two départements,
« gironde » (three sites) and « landes » (a single site). In 2026 one Gironde
site sent nothing. The expected figures are counted from the files with
``tomllib``, never by the code under test; which figures are published is
written out by hand for the structure and checked by a property (no published
figure gives, by difference with others, a set of fewer than ``minimum`` sites).
"""

from __future__ import annotations

import datetime
import itertools
import tomllib
from pathlib import Path
from typing import Any

import pytest
from marianne_kit.checklists.profiles import SiteProfile
from marianne_kit.network.aggregates import (
    CommitmentFigures,
    LeverFigures,
    NetworkAggregates,
    Transmission,
    Withheld,
    aggregate,
)
from marianne_kit.network.hierarchy import Group, Hierarchy, NetworkFile, build_hierarchy
from marianne_kit.results.model import CommitmentResult, LeverResult, SiteResults
from marianne_kit.results.results_file import results_text
from marianne_kit.results.results_folder import read_results_folder

#: Site -> its département.
SITES = {
    "prefecture-gironde": "gironde",
    "sous-prefecture-arcachon": "gironde",
    "sous-prefecture-lesparre": "gironde",
    "prefecture-landes": "landes",
}
#: Each group's sites, written out (the whole network is "").
MEMBERS = {
    "gironde": {"prefecture-gironde", "sous-prefecture-arcachon", "sous-prefecture-lesparre"},
    "landes": {"prefecture-landes"},
    "nouvelle-aquitaine": set(SITES),
    "": set(SITES),
}
P, C, E, N, U = "En place", "En cours", "À engager", "Non applicable", ""
#: site -> year -> (lever statuses by lever number, verdicts of ENG-01 and ENG-02).
#: A lever absent from a site's statuses is outside its checklist.
ANSWERS: dict[str, dict[int, tuple[dict[int, str], tuple[str, str]]]] = {
    "prefecture-gironde": {
        2025: ({1: P, 2: C, 3: E, 4: N, 5: U}, ("Oui", "Non")),
        2026: ({1: P, 2: P, 3: C, 4: N, 5: C}, ("Oui", "Oui")),
    },
    "sous-prefecture-lesparre": {
        2025: ({1: P, 2: P, 3: C, 4: P, 5: P}, ("Oui", "Oui")),
        2026: ({1: P, 2: P, 3: E, 4: P, 5: P}, ("Oui", "Non")),
    },
    "sous-prefecture-arcachon": {
        2025: ({1: E, 2: C, 3: P, 4: U}, ("Non", "Non applicable")),
    },
    "prefecture-landes": {
        2025: ({1: P, 2: E, 4: C, 6: P}, ("Oui", "Oui")),
        2026: ({1: C, 2: P, 4: P, 6: P}, ("Non", "")),
    },
}


def write_results(root: Path) -> None:
    """The fixture's results files, written by the import's own writer."""
    for site, years in ANSWERS.items():
        for year, (statuses, verdicts) in years.items():
            results = SiteResults(
                site, year, "2026.2", datetime.date(year, 3, 1), "0" * 64,
                levers={f"LEV-01-{n:02d}": LeverResult(status=s) for n, s in statuses.items()},
                commitments={
                    f"ENG-0{n}": CommitmentResult(verdict=v) for n, v in enumerate(verdicts, 1)
                },
            )  # fmt: skip
            path = root / site / f"{year}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(results_text(results), encoding="utf-8")


def hierarchy() -> Hierarchy:
    profiles = [
        SiteProfile(
            slug, slug, "prefecture", ("physique",), 2026, source=f"{slug}.toml", parent=parent
        )  # fmt: skip
        for slug, parent in SITES.items()
    ]
    network = NetworkFile(
        "network.toml",
        "Réseau",
        (
            Group("nouvelle-aquitaine", "Nouvelle-Aquitaine", "region"),
            Group("gironde", "Gironde", "departement", "nouvelle-aquitaine"),
            Group("landes", "Landes", "departement", "nouvelle-aquitaine"),
        ),
    )
    tree, problems = build_hierarchy(profiles, network)
    assert problems == [] and tree is not None
    return tree


def files(root: Path) -> dict[str, dict[int, dict[str, Any]]]:
    """site -> year -> the file's data, read with tomllib."""
    return {
        path.parent.name: {}
        for path in root.glob("*/*.toml")
    } | {
        site: {int(path.stem): tomllib.loads(path.read_text(encoding="utf-8"))
               for path in (root / site).glob("*.toml")}
        for site in {path.parent.name for path in root.glob("*/*.toml")}
    }  # fmt: skip


@pytest.fixture
def data(tmp_path: Path) -> dict[str, dict[int, dict[str, Any]]]:
    write_results(tmp_path / "results")
    return files(tmp_path / "results")


def compute(tmp_path: Path, minimum: int) -> NetworkAggregates:
    if not (tmp_path / "results").exists():
        write_results(tmp_path / "results")
    folder = read_results_folder(tmp_path / "results")
    assert folder.problems == []
    return aggregate(hierarchy(), folder.results, minimum)


def counted_lever(
    data: dict[str, dict[int, dict[str, Any]]], group: str, year: int, lever: str
) -> tuple[int, ...]:
    """listed, then each status, counted from the files."""
    statuses = [
        data[site][year]["levers"][lever].get("status", "")
        for site in sorted(MEMBERS[group])
        if year in data.get(site, {}) and lever in data[site][year]["levers"]
    ]
    return (len(statuses), *(statuses.count(s) for s in (P, C, E, N, U)))


def counted_commitment(
    data: dict[str, dict[int, dict[str, Any]]], group: str, year: int, commitment: str
) -> tuple[int, int, int]:
    verdicts = [
        data[site][year]["commitments"][commitment].get("verdict", "")
        for site in sorted(MEMBERS[group])
        if year in data.get(site, {}) and commitment in data[site][year]["commitments"]
    ]
    judged = [v for v in verdicts if v != "Non applicable"]
    return len(verdicts), len(judged), judged.count("Oui")


def test_transmission_per_group_and_the_rule_on_structure(
    tmp_path: Path, data: dict[str, dict[int, dict[str, Any]]]
) -> None:
    result = compute(tmp_path, 2)
    assert result.years == (2025, 2026)
    assert set(result.groups) == {"gironde", "landes", "nouvelle-aquitaine", ""}
    for year in (2025, 2026):
        sent = {site for site in SITES if year in data[site]}
        for group in ("nouvelle-aquitaine", ""):
            figures = result.groups[group][year]
            assert figures.sites == tuple(sorted(MEMBERS[group]))
            assert figures.transmission == Transmission(4, len(sent & MEMBERS[group]))
        # Landes has one site: withheld. Gironde has three, but the region minus Gironde
        # would be Landes' single site: withheld too, for another reason.
        landes = result.groups["landes"][year].transmission
        gironde = result.groups["gironde"][year].transmission
        assert landes == Withheld("Non publié\u00a0: ce groupe compte moins de 2\u00a0sites.")
        assert isinstance(gironde, Withheld) and "rapprochés de ceux d’un autre" in gironde.reason
    assert result.groups["nouvelle-aquitaine"][2026].transmission == Transmission(4, 3)


def test_every_published_figure_equals_the_files_counts(
    tmp_path: Path, data: dict[str, dict[int, dict[str, Any]]]
) -> None:
    result = compute(tmp_path, 2)
    published = 0
    for group, year in itertools.product(MEMBERS, (2025, 2026)):
        figures = result.groups[group][year]
        for lever in (f"LEV-01-0{n}" for n in range(1, 7)):
            shown = figures.levers[lever]
            if isinstance(shown, LeverFigures):
                published += 1
                assert (shown.listed, shown.in_place, shown.in_progress, shown.to_start,
                        shown.not_applicable, shown.unanswered) == counted_lever(
                    data, group, year, lever)  # fmt: skip
        for commitment in ("ENG-01", "ENG-02"):
            verdicts = figures.commitments[commitment]
            if isinstance(verdicts, CommitmentFigures):
                published += 1
                listed, judged, met = counted_commitment(data, group, year, commitment)
                assert (verdicts.listed, verdicts.judged, verdicts.met) == (listed, judged, met)
                assert verdicts.share_met == (round(100 * met / judged) if judged else None)
    assert published >= 20


def test_which_lever_figures_are_published_with_minimum_2(tmp_path: Path) -> None:
    result = compute(tmp_path, 2)

    def shown(lever: str, year: int) -> set[str]:
        return {
            group
            for group in MEMBERS
            if isinstance(result.groups[group][year].levers[lever], LeverFigures)
        }

    # Listed by all four in 2025: Gironde (3) + Landes (1) -> Gironde withheld, region shown.
    assert shown("LEV-01-01", 2025) == {"nouvelle-aquitaine", ""}
    # Only Gironde's sites list LEV-01-05: the region's figures are Gironde's, all shown.
    assert shown("LEV-01-05", 2025) == {"gironde", "nouvelle-aquitaine", ""}
    # LEV-01-03 in 2026: two Gironde sites list it (Arcachon sent nothing), Landes none.
    assert shown("LEV-01-03", 2026) == {"gironde", "nouvelle-aquitaine", ""}
    # LEV-01-06: Landes' single site only, nowhere published, in either year.
    assert shown("LEV-01-06", 2025) == shown("LEV-01-06", 2026) == set()
    withheld = result.groups[""][2025].levers["LEV-01-06"]
    assert isinstance(withheld, Withheld) and withheld.reason.startswith("Non publié")
    assert not any(char.isdigit() for char in withheld.reason.replace("2", ""))


#: The groups directly below each group.
BELOW = {"": ["nouvelle-aquitaine"], "nouvelle-aquitaine": ["gironde", "landes"]}


def published_below(group: str, published: dict[str, set[str]]) -> set[str]:
    """The sites covered by the topmost published figures below ``group``."""
    found: set[str] = set()
    for child in BELOW.get(group, []):
        found |= published[child] if child in published else published_below(child, published)
    return found


@pytest.mark.parametrize("minimum", [2, 3, 4, 5])
def test_no_published_figures_isolate_fewer_than_the_minimum(
    tmp_path: Path, data: dict[str, dict[int, dict[str, Any]]], minimum: int
) -> None:
    """For every figure, the sites it covers beyond the published figures below it
    (what a subtraction gives) are none or at least ``minimum``: checked from the files."""
    result = compute(tmp_path, minimum)
    checked = 0
    for year in (2025, 2026):
        populations: dict[str, dict[str, set[str]]] = {}
        for group in MEMBERS:
            figures = result.groups[group][year]
            measures: dict[str, Any] = {**figures.levers, **figures.commitments,
                                        "transmission": figures.transmission}  # fmt: skip
            for key, value in measures.items():
                if isinstance(value, Withheld):
                    continue
                population = {
                    site for site in MEMBERS[group]
                    if key == "transmission" or key in data[site].get(year, {}).get(
                        "levers", {}) | data[site].get(year, {}).get("commitments", {})
                }  # fmt: skip
                populations.setdefault(key, {})[group] = population
        for key, by_group in populations.items():
            for group, population in by_group.items():
                assert len(population) >= minimum, (key, group, year)

                rest = population - published_below(group, by_group)
                assert len(rest) == 0 or len(rest) >= minimum, (key, group, year, rest)
                checked += 1
    # A minimum above the region's four sites publishes nothing at all.
    assert checked >= 20 if minimum == 2 else (checked > 0) == (minimum <= 4)


def test_bigger_minimum_withholds_higher_levels(tmp_path: Path) -> None:
    # 4 sites in the region: a minimum of 5 withholds everything, 4 only the smaller ones.
    five = compute(tmp_path, 5)
    for group, year in itertools.product(MEMBERS, (2025, 2026)):
        figures = five.groups[group][year]
        assert isinstance(figures.transmission, Withheld)
        assert all(isinstance(v, Withheld) for v in figures.levers.values())
        assert all(isinstance(v, Withheld) for v in figures.commitments.values())
        assert figures.lever_movements == {} and figures.commitment_movements == {}
    four = compute(tmp_path, 4)
    assert four.groups["nouvelle-aquitaine"][2026].transmission == Transmission(4, 3)
    assert isinstance(four.groups["gironde"][2026].transmission, Withheld)
    # In 2026 only three sites sent results: no lever figure reaches four.
    assert all(isinstance(v, Withheld) for v in four.groups[""][2026].levers.values())
    assert isinstance(four.groups[""][2025].levers["LEV-01-01"], LeverFigures)


def test_movements_between_years_from_the_files(
    tmp_path: Path, data: dict[str, dict[int, dict[str, Any]]]
) -> None:
    result = compute(tmp_path, 2)
    checked = 0
    for group in MEMBERS:
        then, now = result.groups[group][2025], result.groups[group][2026]
        assert then.lever_movements == {} and then.commitment_movements == {}
        for lever in (f"LEV-01-0{n}" for n in range(1, 7)):
            old = counted_lever(data, group, 2025, lever)
            new = counted_lever(data, group, 2026, lever)
            both = not isinstance(then.levers[lever], Withheld) and not isinstance(
                now.levers[lever], Withheld
            )
            old_applicable, new_applicable = old[0] - old[4], new[0] - new[4]
            if both and old_applicable and new_applicable:
                points = round(100 * new[1] / new_applicable - 100 * old[1] / old_applicable)
                assert (now.lever_movements[lever].previous,
                        now.lever_movements[lever].points) == (2025, points)  # fmt: skip
                checked += 1
            else:
                assert lever not in now.lever_movements
        for commitment in ("ENG-01", "ENG-02"):
            _, judged0, met0 = counted_commitment(data, group, 2025, commitment)
            _, judged1, met1 = counted_commitment(data, group, 2026, commitment)
            published = not isinstance(then.commitments[commitment], Withheld) and not (
                isinstance(now.commitments[commitment], Withheld)
            )
            if published and judged0 and judged1:
                points = round(100 * met1 / judged1 - 100 * met0 / judged0)
                assert now.commitment_movements[commitment].points == points
                checked += 1
            else:
                assert commitment not in now.commitment_movements
    assert checked >= 4


def test_a_site_with_members_counts_its_own_results(tmp_path: Path) -> None:
    """Arcachon under the Gironde préfecture: the préfecture's figures are over both."""
    write_results(tmp_path / "results")
    profiles = [
        SiteProfile("prefecture-gironde", "P", "prefecture", ("physique",), 2026),
        SiteProfile(
            "sous-prefecture-arcachon",
            "A",
            "sous-prefecture",
            ("physique",),
            2026,
            parent="prefecture-gironde",
        ),  # fmt: skip
    ]
    tree, problems = build_hierarchy(profiles, NetworkFile())
    assert problems == [] and tree is not None
    folder = read_results_folder(tmp_path / "results")
    results = {site: folder.results[site] for site in ("prefecture-gironde",
                                                       "sous-prefecture-arcachon")}  # fmt: skip
    network = aggregate(tree, results, 2)
    lever = network.groups["prefecture-gironde"][2025].levers["LEV-01-01"]
    # 2025: préfecture « En place », Arcachon « À engager ».
    assert lever == LeverFigures(2, 1, 0, 1, 0, 0)
    # The whole network is the préfecture's unit: nothing of its own, published too.
    assert network.groups[""][2025].levers["LEV-01-01"] == lever
    # 2026: Arcachon sent nothing, so only the préfecture's own answers: withheld.
    assert isinstance(network.groups["prefecture-gironde"][2026].levers["LEV-01-01"], Withheld)
    assert isinstance(network.groups[""][2026].levers["LEV-01-01"], Withheld)


def test_results_outside_the_network_and_bad_minimum_are_refused(tmp_path: Path) -> None:
    write_results(tmp_path / "results")
    folder = read_results_folder(tmp_path / "results")
    with pytest.raises(ValueError, match="minimum must be at least 1"):
        aggregate(hierarchy(), folder.results, 0)
    tree, _ = build_hierarchy([SiteProfile("prefecture-landes", "L", "prefecture", (), 2026)],
                              NetworkFile())  # fmt: skip
    assert tree is not None
    with pytest.raises(ValueError, match="outside the network: prefecture-gironde"):
        aggregate(tree, folder.results)
