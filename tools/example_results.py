"""Write the example results of the example sites: ``results/<site>/2025.toml`` and ``2026.toml``.

The published demo needs results to show dashboards, trends and action plans.
They are made up, reproducibly: a fixed seed per site, so running this again
writes the same bytes. Every file says ``example = true`` and every page
showing them says « Données d’exemple ».

The story the data tells: in 2025 each site filled its whole grid (a few levers
did not exist yet: they are « nouveau » in the 2026 checklist); the 2026
checklist came pre-filled from 2025, and the referent reviewed part of it:
reviewed levers moved on (or, rarely, back), the others were sent back
unchanged (``reviewed = false``). One site has not finished its 2026 grid.

Usage (after a build, which writes ``needs.json``)::

    python tools/example_results.py [build/html/needs.json]
"""

from __future__ import annotations

import datetime
import hashlib
import json
import random
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ext"))

from marianne_kit.atomic import write_atomically  # noqa: E402
from marianne_kit.checklists.profile_files import read_profile_folder  # noqa: E402
from marianne_kit.checklists.scope import levers_in_scope  # noqa: E402
from marianne_kit.results.model import (  # noqa: E402
    CommitmentResult,
    LeverResult,
    SiteResults,
)
from marianne_kit.results.results_file import results_text  # noqa: E402

SEED = "marianne-exemple-2026"
EDITION = "2026.1"
#: The site whose 2026 grid is still being filled.
UNFINISHED = "service-instruction-courrier"
OWNERS = ("Chef de l’accueil", "Référent qualité", "Responsable courrier", "Secrétariat général")
FIRST_WEIGHTS = {"En place": 45, "En cours": 20, "À engager": 25, "Non applicable": 10}
#: Where a reviewed status goes the next year: (status, weight) pairs.
MOVES = {
    "En place": (("En place", 92), ("En cours", 8)),
    "En cours": (("En place", 55), ("En cours", 45)),
    "À engager": (("En cours", 45), ("À engager", 45), ("En place", 10)),
    "Non applicable": (("Non applicable", 100),),
}


def _pick(rng: random.Random, weighted: dict[str, int] | tuple[tuple[str, int], ...]) -> str:
    pairs = list(weighted.items()) if isinstance(weighted, dict) else list(weighted)
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def _follow_up(rng: random.Random, status: str, year: int) -> LeverResult:
    """Owner, due date and comment of a line still to do (some lines lack an owner)."""
    if status not in ("En cours", "À engager"):
        return LeverResult(status=status)
    owner = rng.choice(OWNERS) if rng.random() < 0.75 else ""
    due = (
        datetime.date(year, rng.randint(2, 12), rng.randint(1, 28)) if rng.random() < 0.8 else None
    )
    comment = "Devis demandé" if status == "En cours" and rng.random() < 0.3 else ""
    return LeverResult(status=status, owner=owner, due=due, comment=comment)


def _verdicts(
    levers: dict[str, LeverResult], homes: dict[str, list[str]]
) -> dict[str, CommitmentResult]:
    """« Oui » when at least 70 % of a commitment's applicable levers are in place."""
    verdicts = {}
    for commitment in sorted({c for cs in homes.values() for c in cs}):
        statuses = [levers[i].status for i, cs in homes.items() if commitment in cs and i in levers]
        applicable = [s for s in statuses if s != "Non applicable"]
        if not applicable or "" in statuses:
            verdicts[commitment] = CommitmentResult()
            continue
        met = sum(s == "En place" for s in applicable) >= 0.7 * len(applicable)
        verdicts[commitment] = CommitmentResult(verdict="Oui" if met else "Non")
    return verdicts


def _digest(slug: str, year: int) -> str:
    return hashlib.sha256(f"{SEED}/{slug}/{year}".encode()).hexdigest()


def site_results(slug: str, levers: list[dict[str, Any]]) -> tuple[SiteResults, SiteResults]:
    rng = random.Random(f"{SEED}/{slug}")
    homes = {lever["id"]: list(lever["commitment"]) for lever in levers}
    ids = [lever["id"] for lever in levers]
    # Levers of one action share a checklist line, hence one answer.
    line = {lever["id"]: lever.get("action") or lever["id"] for lever in levers}
    alone = [key for key in ids if list(line.values()).count(line[key]) == 1]
    newer = set(rng.sample(alone, 3))  # added to the referential after 2025
    first: dict[str, LeverResult] = {}
    for lever_id in ids:
        if lever_id in newer:
            continue
        shared = next((first[k] for k in first if line[k] == line[lever_id]), None)
        first[lever_id] = shared or _follow_up(rng, _pick(rng, FIRST_WEIGHTS), 2025)
    second: dict[str, LeverResult] = {}
    for lever_id in ids:
        before = first.get(lever_id)
        shared = next((second[k] for k in second if line[k] == line[lever_id]), None)
        if shared is not None:
            second[lever_id] = shared
        elif slug == UNFINISHED and rng.random() < 0.12:
            second[lever_id] = LeverResult()
        elif before is None:
            second[lever_id] = _follow_up(rng, _pick(rng, FIRST_WEIGHTS), 2026)
        elif rng.random() < 0.65:
            second[lever_id] = _follow_up(rng, _pick(rng, MOVES[before.status]), 2026)
        else:
            second[lever_id] = LeverResult(
                before.status, before.owner, before.due, before.comment, reviewed=False
            )
    made = []
    for year, lever_results, day in ((2025, first, 14), (2026, second, 16)):
        made.append(
            SiteResults(
                site=slug,
                year=year,
                edition=EDITION,
                imported=datetime.date(year, 3, day),
                source_sha256=_digest(slug, year),
                source_name=f"{slug}-{year}.ods",
                example=True,
                levers=lever_results,
                commitments=_verdicts(lever_results, homes),
            )  # fmt: skip
        )
    return made[0], made[1]


def main(needs_path: Path) -> None:
    data = json.loads(needs_path.read_text(encoding="utf-8"))
    needs = list(data["versions"][data["current_version"]]["needs"].values())
    folder = read_profile_folder(ROOT / "checklists", ROOT, ("kit-complet", "index"))
    for profile in folder.profiles:
        levers = levers_in_scope(profile, needs)
        for results in site_results(profile.slug, levers):
            path = ROOT / "results" / profile.slug / f"{results.year}.toml"
            write_atomically(path, results_text(results).encode("utf-8"))
            print(path.relative_to(ROOT))


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "build" / "html" / "needs.json")
