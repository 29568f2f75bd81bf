"""Benchmark: a full site build with 1,000 sites × 2 years of results (dashboards, plans,
pre-filled checklists), then a rebuild after one site's results are imported again.

Run on demand, not in the test suite (figures depend on the machine):

    python benchmarks/dashboards.py [--sites 1000] [--needs build/html/needs.json]

Prints the wall time and peak memory of the clean build (``sphinx-build -j auto``,
the largest process), the time to write the dashboards alone, and the rebuild
after one results file changed (only that site's pages are written again).
Needs a built site for ``needs.json`` (``nox -s build``).
Goal (2-core machine): ≤ 90 s and ≤ 600 MB peak for 1,000 sites × 2 years.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "ext"), str(ROOT / "benchmarks"), str(ROOT / "tools")]

from example_results import site_results  # noqa: E402
from marianne_kit.checklists.checklist_text import generation_date  # noqa: E402
from marianne_kit.checklists.profiles import parse_profile  # noqa: E402
from marianne_kit.checklists.scope import levers_in_scope  # noqa: E402
from marianne_kit.dashboards.site_pages import SiteInput, generate_site_pages  # noqa: E402
from marianne_kit.results.results_file import results_text  # noqa: E402

from checklists import synthetic_profile_text  # noqa: E402


def make_project(project: Path, count: int, needs: list[dict]) -> list[SiteInput]:
    """A copy of the site with ``count`` synthetic profiles and two years of results each."""
    for name in ("docs", "ext"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "conf.py", project / "conf.py")
    rng = random.Random(count)
    lever_ids = sorted(n["id"] for n in needs if n["type"] == "lever")
    sites = []
    for index in range(count):
        slug = f"site-{index:04d}"
        # Without exclusions: the synthetic ones may name levers outside the site's scope.
        text = "".join(
            line
            for line in synthetic_profile_text(index, lever_ids, rng).splitlines(keepends=True)
            if not line.startswith("excluded")
        )
        (project / "checklists").mkdir(exist_ok=True)
        (project / "checklists" / f"{slug}.toml").write_text(text, encoding="utf-8")
        profile = parse_profile(slug, text, f"{slug}.toml")
        years = site_results(slug, levers_in_scope(profile, needs))
        for results in years:
            path = project / "results" / slug / f"{results.year}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(results_text(results), encoding="utf-8")
        sites.append(SiteInput(slug, profile.name, text.encode(), {r.year: r for r in years}))
    return sites


def sphinx(project: Path) -> float:
    command = [sys.executable, "-m", "sphinx", "-q", "-j", "auto", "-b", "html", "-c", ".",
               "-D", "marianne_audience=internal",  # dashboards are in the internal build
               "-d", "build/doctrees", "docs", "build/html"]  # fmt: skip
    start = time.perf_counter()
    done = subprocess.run(command, cwd=project, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"sphinx-build failed:\n{done.stderr[-3000:]}")
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=Path, default=ROOT / "build" / "html" / "needs.json")
    parser.add_argument("--sites", type=int, default=1000)
    args = parser.parse_args()
    if not args.needs.is_file():
        sys.exit(f"{args.needs} not found: build the site first (nox -s build)")
    data = json.loads(args.needs.read_text(encoding="utf-8"))
    needs = list(data["versions"][data["current_version"]]["needs"].values())
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        sites = make_project(project, args.sites, needs)
        shell = "<html><title>MK-CHECKLIST-TITLE-3f9c</title><body>MK-CHECKLIST-BODY-3f9c</body>"
        start = time.perf_counter()
        generate_site_pages(sites, needs, generation_date(), project / "alone",
                            project / "alone-records", shell)  # fmt: skip
        alone = time.perf_counter() - start
        print(
            f"dashboards alone: {args.sites} sites × 2 years in {alone:.1f} s "
            f"({1000 * alone / args.sites:.1f} ms/site: results page, plan page, ODS, XLSX, CSV)"
        )
        wall = sphinx(project)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        size = sum(p.stat().st_size for p in (project / "build" / "html").rglob("*")
                   if p.is_file()) / 1e6  # fmt: skip
        print(
            f"clean sphinx-build, {args.sites} sites × 2 years of results: {wall:.1f} s wall, "
            f"peak RSS {peak:.0f} MB, {size:.0f} MB written (goal ≤ 90 s, ≤ 600 MB)"
        )
        edited = project / "results" / "site-0000" / "2026.toml"
        edited.write_text(edited.read_text(encoding="utf-8").replace("En cours", "En place", 1),
                          encoding="utf-8")  # fmt: skip
        again = sphinx(project)
        print(f"rebuild after one site's results changed: {again:.1f} s wall")


if __name__ == "__main__":
    main()
