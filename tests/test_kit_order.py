"""Flat outputs list the levers in the kit's order, written out here, not computed by the kit.

The kit's order is engagement by engagement, then the order of the engagement's
page ``docs/levers/eng-NN.md``: engagement 7's page starts with LEV-07-39,
LEV-07-40 and LEV-07-41 (numbered last by the OCR, printed first by the kit),
and engagement 13's page starts with the Courriel channel. Sorting by ID or by
the canonical channel order would look right almost everywhere else.
"""

from __future__ import annotations

from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import BuildResult, lever_ids_in_kit_order
from csv_rows import csv_rows

#: The first levers of a few engagements, as the kit prints them.
FIRST_LEVERS = {
    "ENG-01": ["LEV-01-01", "LEV-01-02", "LEV-01-03", "LEV-01-04"],
    "ENG-07": ["LEV-07-39", "LEV-07-40", "LEV-07-41", "LEV-07-01", "LEV-07-02", "LEV-07-03"],
    "ENG-13": ["LEV-13-01", "LEV-13-02", "LEV-13-03", "LEV-13-04", "LEV-13-05"],
    "ENG-19": ["LEV-19-01", "LEV-19-02"],
}
#: Levers per engagement page, ENG-01 to ENG-19.
LEVERS_PER_ENGAGEMENT = [6, 49, 60, 20, 9, 19, 41, 19, 14, 14, 32, 37, 10, 4, 3, 4, 3, 3, 2]
KIT_ORDER = lever_ids_in_kit_order()
CHECKLISTS = ["kit-complet", "prefecture-gironde", "service-instruction-courrier",
              "sous-prefecture-lesparre-medoc"]  # fmt: skip


def first_of_each_engagement(ids: list[str]) -> dict[str, list[str]]:
    """The first IDs of the engagements of FIRST_LEVERS, in the order ``ids`` lists them."""
    found: dict[str, list[str]] = {}
    for lever_id in ids:
        found.setdefault("ENG-" + lever_id[4:6], []).append(lever_id)
    return {e: found.get(e, [])[: len(first)] for e, first in FIRST_LEVERS.items()}


def in_kit_order(ids: list[str]) -> bool:
    position = {lever_id: index for index, lever_id in enumerate(KIT_ORDER)}
    positions = [position[lever_id] for lever_id in ids]
    return positions == sorted(positions)


def test_the_sources_give_the_kit_order() -> None:
    """The order derived from the pages matches what the kit prints (literal lists)."""
    assert len(KIT_ORDER) == len(set(KIT_ORDER)) == sum(LEVERS_PER_ENGAGEMENT) == 349
    engagements = ["ENG-" + lever_id[4:6] for lever_id in KIT_ORDER]
    assert [engagements.count(f"ENG-{n:02d}") for n in range(1, 20)] == LEVERS_PER_ENGAGEMENT
    assert engagements == sorted(engagements)
    assert first_of_each_engagement(KIT_ORDER) == FIRST_LEVERS
    assert KIT_ORDER[KIT_ORDER.index("LEV-07-38") + 1] == "LEV-08-01"


@pytest.mark.parametrize("slug", CHECKLISTS)
def test_checklist_csv_follows_the_kit_order(site: BuildResult, slug: str) -> None:
    rows = csv_rows((site.outdir / "checklists" / f"{slug}.csv").read_bytes())
    column = rows[0].index("ID")  # found by its header: identification columns come first
    ids = [row[column] for row in rows[1:]]
    assert len(ids) >= 20
    assert in_kit_order(ids)
    if slug == "kit-complet":
        assert ids == KIT_ORDER
        assert first_of_each_engagement(ids) == FIRST_LEVERS


def test_catalogue_table_follows_the_kit_order(site: BuildResult) -> None:
    html = (site.outdir / "catalogue.html").read_text(encoding="utf-8")
    page = BeautifulSoup(html, "html.parser")
    ids = [row.th.get_text() for row in page.select("#mk-catalogue tbody tr")]
    assert ids == KIT_ORDER
    assert first_of_each_engagement(ids) == FIRST_LEVERS


def _action_groups(needs: dict[str, dict[str, Any]]) -> dict[str, list[str]]:
    """Action key (or lone lever ID) -> its lever IDs, groups and IDs in kit order."""
    groups: dict[str, list[str]] = {}
    for lever_id in KIT_ORDER:
        groups.setdefault(needs[lever_id].get("action") or lever_id, []).append(lever_id)
    return groups


def test_action_matrix_lists_ties_and_levers_in_kit_order(
    site: BuildResult, needs: dict[str, dict[str, Any]]
) -> None:
    """Most engagements first (``sort: reach``); equal reach keeps the kit's order."""
    groups = _action_groups(needs)
    reach = {
        key: len({c for lever_id in ids for c in needs[lever_id]["commitment"]})
        for key, ids in groups.items()
    }
    expected = sorted(groups, key=lambda key: -reach[key])  # stable: kit order within a reach
    rows = csv_rows((site.outdir / "tracabilite" / "actions-engagements.csv").read_bytes())
    assert len(rows) == 349 - 62 + 26 + 2
    assert [row[0] for row in rows[1:-1]] == expected
    lone_of_engagement_7 = [key for key in expected if key.startswith("LEV-07-")]
    assert lone_of_engagement_7[:3] == ["LEV-07-41", "LEV-07-01", "LEV-07-02"]
    html = (site.outdir / "tracabilite" / "actions-engagements.html").read_text(encoding="utf-8")
    headers = BeautifulSoup(html, "html.parser").select("table.mk-matrix tbody th")
    shown = [[a["href"].split("#")[1] for a in th.find_all("a")] for th in headers]
    assert shown == [groups[key] for key in expected]


def test_practice_matrix_cells_list_levers_in_kit_order(site: BuildResult) -> None:
    html = (site.outdir / "tracabilite" / "bonnes-pratiques.html").read_text(encoding="utf-8")
    cells = BeautifulSoup(html, "html.parser").select("table.mk-matrix td.mk-matrix-ids")
    listed = [[a["href"].split("#")[1] for a in td.find_all("a")] for td in cells]
    assert sum(len(ids) for ids in listed) == 12 and max(len(ids) for ids in listed) >= 2
    assert all(in_kit_order(ids) for ids in listed)
