"""The minimum-size rule against an attacker, on many random networks.

Whoever reads the public site sees the tree (membership is public) and every
published figure. With nested groups, what they can isolate is a published
figure minus published figures of disjoint groups below it. For random trees
(groups in groups, sites under sites, sites without results, levers in some
checklists only), every such difference must cover no site or at least
``minimum`` sites: enumerated here by brute force, with populations counted
from the inputs, not by the code under test.
"""

from __future__ import annotations

import datetime
import itertools
import random
from collections.abc import Iterator

import pytest
from marianne_kit.checklists.profiles import SiteProfile
from marianne_kit.network.aggregates import Withheld, aggregate
from marianne_kit.network.hierarchy import Group, Hierarchy, NetworkFile, build_hierarchy
from marianne_kit.results.model import CommitmentResult, LeverResult, SiteResults

LEVERS = ("LEV-01-01", "LEV-01-02", "LEV-02-01")
STATUSES = ("En place", "En cours", "À engager", "Non applicable", "")


def random_network(rng: random.Random) -> tuple[Hierarchy, dict[str, dict[int, SiteResults]]]:
    """Up to 5 groups nested at random and up to 12 sites under groups, sites or nothing."""
    groups: list[Group] = []
    for index in range(rng.randint(1, 5)):
        parent = rng.choice(["", *(g.slug for g in groups)])
        groups.append(Group(f"g{index}", f"Groupe {index}", "groupement", parent))
    profiles: list[SiteProfile] = []
    for index in range(rng.randint(2, 12)):
        parent = rng.choice(["", *(g.slug for g in groups), *(p.slug for p in profiles)])
        profiles.append(SiteProfile(f"s{index:02d}", f"Site {index}", "prefecture",
                                    ("physique",), 2026, parent=parent))  # fmt: skip
    # Groups nobody names are not allowed: give each empty group a site of its own.
    named = {g.parent for g in groups} | {p.parent for p in profiles}
    for group in groups:
        if group.slug not in named:
            profiles.append(SiteProfile(f"s-{group.slug}", "Site", "prefecture", ("physique",),
                                        2026, parent=group.slug))  # fmt: skip
    hierarchy, problems = build_hierarchy(profiles, NetworkFile("network.toml", "R", tuple(groups)))
    assert hierarchy is not None, problems
    results: dict[str, dict[int, SiteResults]] = {}
    for profile in profiles:
        if rng.random() < 0.2:
            continue  # sent nothing
        levers = {
            lever: LeverResult(rng.choice(STATUSES)) for lever in LEVERS if rng.random() < 0.7
        }
        results[profile.slug] = {
            2026: SiteResults(
                profile.slug,
                2026,
                "2026.2",
                datetime.date(2026, 3, 1),
                "0" * 64,
                levers=levers,
                commitments={"ENG-01": CommitmentResult("Oui")},
            )  # fmt: skip
        }
    return hierarchy, results


def populations(
    hierarchy: Hierarchy, results: dict[str, dict[int, SiteResults]], key: str
) -> dict[str, frozenset[str]]:
    """Each unit's population for one figure, from the inputs: every site for the
    transmission, the sites whose results list the lever or commitment otherwise."""
    out = {}
    for unit in hierarchy.units():
        sites = hierarchy.sites_under(unit)
        if key != "transmission":
            listed = {
                s
                for s, by_year in results.items()
                if key in by_year[2026].levers or key in by_year[2026].commitments
            }
            sites = tuple(s for s in sites if s in listed)  # fmt: skip
        out[unit] = frozenset(sites)
    return out


def isolated_sets(
    hierarchy: Hierarchy, published: dict[str, frozenset[str]]
) -> Iterator[tuple[str, tuple[str, ...], frozenset[str]]]:
    """Each published figure minus any set of published, pairwise disjoint units below it."""
    for unit, population in published.items():
        below = [other for other in published if other != unit and _inside(hierarchy, other, unit)]
        for size in range(1, min(len(below), 4) + 1):
            for chosen in itertools.combinations(below, size):
                if any(_inside(hierarchy, a, b) or _inside(hierarchy, b, a)
                       for a, b in itertools.combinations(chosen, 2)):  # fmt: skip
                    continue
                rest = population.difference(*(published[c] for c in chosen))
                yield unit, chosen, rest


def _inside(hierarchy: Hierarchy, inner: str, outer: str) -> bool:
    """Whether ``inner`` sits somewhere below ``outer`` ("" holds everything)."""
    node = inner
    while node:
        node = hierarchy.parents.get(node, "")
        if node == outer:
            return True
    return outer == "" and inner != ""


@pytest.mark.parametrize("minimum", [2, 3])
def test_no_difference_of_published_figures_isolates_fewer_than_the_minimum(minimum: int) -> None:
    rng = random.Random(minimum)
    checked = withheld = 0
    for _ in range(300):
        hierarchy, results = random_network(rng)
        figures = aggregate(hierarchy, results, minimum)
        for key in ("transmission", "ENG-01", *LEVERS):
            everyone = populations(hierarchy, results, key)
            published = {}
            for unit in hierarchy.units():
                group_year = figures.groups[unit].get(2026)
                if group_year is None:
                    continue
                figure = (
                    group_year.transmission if key == "transmission"
                    else {**group_year.levers, **group_year.commitments}.get(key)
                )  # fmt: skip
                if figure is None:
                    continue
                if isinstance(figure, Withheld):
                    withheld += 1
                    continue
                published[unit] = everyone[unit]
                assert len(everyone[unit]) >= minimum, (key, unit)
            for unit, chosen, rest in isolated_sets(hierarchy, published):
                assert len(rest) == 0 or len(rest) >= minimum, (key, unit, chosen, sorted(rest))
                checked += 1
    # The random networks exercise the rule: many differences, many figures withheld.
    assert checked > 1000 and withheld > 100, (checked, withheld)
