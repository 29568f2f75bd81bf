"""Dashboard numbers, action plans and charts as plain functions: hand-counted expectations."""

from __future__ import annotations

import dataclasses
import datetime
import re
import xml.etree.ElementTree as ET
from pathlib import Path

from marianne_kit.dashboards.action_plan import action_plan
from marianne_kit.dashboards.charts import BarGroup, bar_chart
from marianne_kit.dashboards.scores import Tally, changes, lever_index, summarise
from marianne_kit.dashboards.site_pages import SiteInput, generate_site_pages
from marianne_kit.results.model import CommitmentResult, LeverResult, SiteResults

NEEDS = [
    {"id": "ENG-01", "type": "commitment", "title": "Horaires"},
    {"id": "LEV-01-01", "type": "lever", "commitment": ["ENG-01"], "channel": "physique",
     "title": "Afficher les horaires"},
    {"id": "LEV-01-02", "type": "lever", "commitment": ["ENG-01", "ENG-02"],
     "channel": "tous-canaux", "title": "Mesurer"},
    {"id": "LEV-02-01", "type": "lever", "commitment": ["ENG-02"], "channel": "physique",
     "title": "Orienter"},
    {"id": "LEV-02-02", "type": "lever", "commitment": ["ENG-02"], "channel": "courrier",
     "title": "Répondre"},
]  # fmt: skip
LEVERS = lever_index(NEEDS)


def results(year: int, statuses: dict[str, LeverResult], **verdicts: str) -> SiteResults:
    return SiteResults(
        "site-a", year, "2026.1", datetime.date(year, 3, 1), "0" * 64, levers=statuses,
        commitments={key.replace("_", "-"): CommitmentResult(v) for key, v in verdicts.items()},
    )  # fmt: skip


def test_score_leaves_not_applicable_out_and_needs_a_complete_grid() -> None:
    complete = results(
        2025,
        {
            "LEV-01-01": LeverResult("En place"),
            "LEV-01-02": LeverResult("Non applicable"),
            "LEV-02-01": LeverResult("En place"),
            "LEV-02-02": LeverResult("À engager"),
        },
        ENG_01="Oui", ENG_02="Non applicable",
    )  # fmt: skip
    summary = summarise(complete, LEVERS)
    assert (summary.grid.total, summary.grid.applicable, summary.grid.in_place) == (4, 3, 2)
    assert summary.grid.score == 67  # 2 of 3 applicable, « Non applicable » out
    assert summary.by_commitment["ENG-02"] == Tally(3, 3, 1, 1)  # the shared lever counts here
    assert summary.by_commitment["ENG-02"].score == 50
    assert summary.by_channel["physique"].score == 100
    assert (summary.commitments_met, summary.commitments_judged) == (1, 1)


def test_incomplete_grid_has_completion_but_no_score() -> None:
    partial = results(
        2026,
        {
            "LEV-01-01": LeverResult("En place"),
            "LEV-01-02": LeverResult(""),
            "LEV-02-01": LeverResult("En cours", reviewed=False),
            "LEV-99-99": LeverResult("En place"),  # retired since: not counted
        },
    )
    summary = summarise(partial, LEVERS)
    assert (summary.grid.filled, summary.grid.total, summary.grid.completion) == (2, 3, 67)
    assert summary.grid.score is None
    assert summary.by_commitment["ENG-01"].score is None
    assert summary.by_channel["physique"].score == 50
    assert summary.unreviewed == 1
    assert summary.unknown == ("LEV-99-99",)


def test_changes_name_newly_in_place_and_regressions_only() -> None:
    before = results(
        2025,
        {
            "LEV-01-01": LeverResult("En place"),
            "LEV-01-02": LeverResult("En cours"),
            "LEV-02-01": LeverResult("En place"),
            "LEV-02-02": LeverResult("En place"),
        },
    )
    after = results(
        2026,
        {
            "LEV-01-01": LeverResult("À engager"),
            "LEV-01-02": LeverResult("En place"),
            "LEV-02-01": LeverResult(""),  # not filled yet: not a regression
            "LEV-02-02": LeverResult("En place"),
        },
    )
    moved = changes(before, after)
    assert moved.newly_in_place == ("LEV-01-02",)
    assert moved.regressions == ("LEV-01-01",)


def test_action_plan_sorts_by_due_date_and_flags_overdue_and_ownerless() -> None:
    year = results(
        2026,
        {
            "LEV-01-01": LeverResult("À engager", "", datetime.date(2026, 9, 1)),
            "LEV-01-02": LeverResult("En cours", "Accueil", datetime.date(2026, 2, 1)),
            "LEV-02-01": LeverResult("En cours", "Accueil"),
            "LEV-02-02": LeverResult("En place", "", datetime.date(2020, 1, 1)),
        },
    )
    plan = action_plan(year, LEVERS, datetime.date(2026, 6, 1))
    assert [line.lever_id for line in plan.lines] == ["LEV-01-02", "LEV-01-01", "LEV-02-01"]
    assert [line.overdue for line in plan.lines] == [True, False, False]
    assert (plan.overdue, plan.without_owner) == (1, 1)
    assert plan.lines[0].cells[7] == "Oui"


def test_chart_is_labelled_svg_with_values_as_text() -> None:
    svg = bar_chart(
        "g", "Titre", "Description", ("2025", "2026"),
        [BarGroup("Engagement 1", (40, None)), BarGroup("Engagement 2", (100, 50))],
    )  # fmt: skip
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "g-titre g-desc"
    assert root.find(f"{ns}title").text == "Titre"  # type: ignore[union-attr]
    assert root.find(f"{ns}desc").text == "Description"  # type: ignore[union-attr]
    texts = [element.text for element in root.iter(f"{ns}text")]
    assert "40\u00a0% (2025)" in texts and "2026\u00a0: non calculé" in texts
    # Not colour alone: the older series is drawn with a hatch pattern, the newer solid.
    fills = {rect.get("fill") for rect in root.iter(f"{ns}rect") if rect.get("height") == "14"}
    assert fills == {"url(#g-motif-0)", "#000091"}
    assert not re.search(r"<script|javascript:", svg)
    assert svg == bar_chart(
        "g", "Titre", "Description", ("2025", "2026"),
        [BarGroup("Engagement 1", (40, None)), BarGroup("Engagement 2", (100, 50))],
    )  # fmt: skip


def _files(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()
    }


def test_parallel_rendering_writes_the_same_files_as_serial(tmp_path: Path) -> None:
    """With -j 2, sites are rendered in worker processes: same bytes, every site stamped."""
    statuses = ["En place", "En cours", "À engager", "Non applicable"]
    sites = []
    for index in range(6):
        levers = {
            lever_id: LeverResult(statuses[(index + n) % 4], owner=f"Agent {index}")
            for n, lever_id in enumerate(sorted(LEVERS))
        }
        years = {
            year: dataclasses.replace(results(year, levers, ENG_01="Oui"), site=f"site-{index}")
            for year in (2025, 2026)
        }
        sites.append(SiteInput(f"site-{index}", f"Site n° {index}", b"name = 'x'", years))
    shell = "<html><title>MK-CHECKLIST-TITLE-3f9c</title><body>MK-CHECKLIST-BODY-3f9c</body>"
    today = datetime.date(2026, 6, 1)
    serial = generate_site_pages(sites, NEEDS, today, tmp_path / "a", tmp_path / "ra", shell)
    parallel = generate_site_pages(
        sites, NEEDS, today, tmp_path / "b", tmp_path / "rb", shell, workers=2
    )
    assert serial == parallel == [site.slug for site in sites]
    written = _files(tmp_path / "a")
    assert len(written) == 6 * 5 and written == _files(tmp_path / "b")
    assert "Site n° 5" in written["resultats/site-5.html"].decode()
    # Every site is stamped: a second parallel run has nothing left to write.
    again = generate_site_pages(
        sites, NEEDS, today, tmp_path / "b", tmp_path / "rb", shell, workers=2
    )
    assert again == []
