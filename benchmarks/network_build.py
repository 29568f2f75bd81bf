"""Benchmark: the public and the internal build of a network of 1,000 sites × 3 years.

Run on demand, not in the test suite (figures depend on the machine):

    python benchmarks/network_build.py [--sites 1000] [--years 3] [--needs build/html/needs.json]

Makes a copy of the site with ``--sites`` synthetic profiles, each with a
``parent`` (13 regions of about 100 départements in ``network.toml``, ten
départements with a single site, some sites under a parent site) and up to
``--years`` results files each, then runs two clean ``sphinx-build -j auto``:
the public build (aggregates only) and the internal one (plus each site's
dashboard, plan and pre-filled checklists). For each: wall time, the peak of
all build processes' memory together (proportional set size, shared pages
counted once, sampled from ``/proc`` every 0.1 s) and of the largest one;
then the best of two rebuilds with nothing changed.
Needs a built site for ``needs.json``.
Goals (issue 14, 2-core machine): public ≤ 90 s, internal ≤ 120 s, ≤ 800 MB; (issue 12)
a rebuild with nothing changed ≤ 3 s.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "ext"), str(ROOT / "benchmarks")]

from marianne_kit.checklists.profiles import parse_profile  # noqa: E402
from marianne_kit.checklists.scope import levers_in_scope  # noqa: E402
from marianne_kit.results.model import (  # noqa: E402
    STATUSES,
    VERDICTS,
    CommitmentResult,
    LeverResult,
    SiteResults,
)
from marianne_kit.results.results_file import results_text  # noqa: E402

from checklists import synthetic_profile_text  # noqa: E402

REGIONS = 13
DEPARTEMENTS = 100


def network_size(count: int) -> tuple[int, int]:
    """Regions and départements: 13 and 100 for 1,000 sites, fewer for a smaller trial run
    (every group must have a member)."""
    departements = min(DEPARTEMENTS, max(11, count // 8))
    return min(REGIONS, departements - 10), departements


def network_toml(regions: int, departements: int) -> str:
    lines = ['name = "Réseau de test"', ""]
    for region in range(regions):
        lines += [
            f"[group.region-{region:02d}]",
            f'name = "Région {region}"',
            'kind = "region"',
            "",
        ]
    for index in range(departements):
        region = f"region-{index % regions:02d}"
        lines += [f"[group.dep-{index:03d}]", f'name = "Département {index}"',
                  'kind = "departement"', f'parent = "{region}"', ""]  # fmt: skip
    return "\n".join(lines)


def make_project(project: Path, count: int, years: int, needs: list[dict]) -> int:
    """A copy of the site with ``count`` profiles in the network; returns the results files."""
    for name in ("docs", "ext"):
        shutil.copytree(ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(ROOT / "conf.py", project / "conf.py")
    regions, departements = network_size(count)
    (project / "network.toml").write_text(network_toml(regions, departements), encoding="utf-8")
    rng = random.Random(count)
    lever_ids = sorted(n["id"] for n in needs if n["type"] == "lever")
    commitments = sorted(n["id"] for n in needs if n["type"] == "commitment")
    (project / "checklists").mkdir()
    files = 0
    for index in range(count):
        slug = f"site-{index:04d}"
        # Départements 0 to 9 get one site each; the others share the rest.
        parent = f"dep-{index:03d}" if index < 10 else f"dep-{rng.randrange(10, departements):03d}"
        if index >= 20 and rng.random() < 0.1:
            parent = f"site-{rng.randrange(10, index):04d}"
        text = (
            "".join(
                line
                for line in synthetic_profile_text(index, lever_ids, rng).splitlines(keepends=True)
                if not line.startswith("excluded")
            )
            + f'parent = "{parent}"\n'
        )
        (project / "checklists" / f"{slug}.toml").write_text(text, encoding="utf-8")
        scope = [lever["id"] for lever in levers_in_scope(parse_profile(slug, text, ""), needs)]
        for year in range(2027 - years, 2027):
            if rng.random() < 0.1:  # some sites skip a year
                continue
            results = SiteResults(
                slug, year, "2026.2", datetime.date(year, 3, 1), "0" * 64,
                levers={lever: LeverResult(status=rng.choice((*STATUSES, ""))) for lever in scope},
                commitments={c: CommitmentResult(verdict=rng.choice((*VERDICTS, "")))
                             for c in commitments},
            )  # fmt: skip
            path = project / "results" / slug / f"{year}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(results_text(results), encoding="utf-8")
            files += 1
    return files


def _tree_rss(root: int) -> tuple[int, int]:
    """Proportional set size (kB) of ``root`` and its descendants together, and of the largest."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            stat = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            # PSS: pages shared by forked workers counted once in all, not once per process.
            rollup = Path(f"/proc/{entry}/smaps_rollup").read_text()
        except OSError:
            continue
        children.setdefault(int(stat[1]), []).append(int(entry))
        for line in rollup.splitlines():
            if line.startswith("Pss:"):
                rss[int(entry)] = int(line.split()[1])
    total, largest, todo = 0, 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        largest = max(largest, rss.get(pid, 0))
        todo += children.get(pid, [])
    return total, largest


def sphinx(project: Path, audience: str) -> tuple[float, float, float]:
    """Wall seconds, peak MB of all build processes together and of the largest one."""
    outdir = "build/html" if audience == "public" else "build/internal"
    command = [sys.executable, "-m", "sphinx", "-q", "-j", "auto", "-b", "html", "-c", ".",
               "-D", f"marianne_audience={audience}", "-d", f"build/doctrees-{audience}",
               "docs", outdir]  # fmt: skip
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=project, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE, text=True)  # fmt: skip
    peaks = [0, 0]

    def sample() -> None:
        while process.poll() is None:
            total, largest = _tree_rss(process.pid)
            peaks[0], peaks[1] = max(peaks[0], total), max(peaks[1], largest)
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    sampler.join()
    wall = time.perf_counter() - start
    if process.returncode:
        sys.exit(f"sphinx-build ({audience}) failed:\n{errors[-3000:]}")
    return wall, peaks[0] / 1024, peaks[1] / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=Path, default=ROOT / "build" / "html" / "needs.json")
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--years", type=int, default=3)
    args = parser.parse_args()
    if not args.needs.is_file():
        sys.exit(f"{args.needs} not found: build the site first (nox -s build)")
    data = json.loads(args.needs.read_text(encoding="utf-8"))
    needs = list(data["versions"][data["current_version"]]["needs"].values())
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        files = make_project(project, args.sites, args.years, needs)
        print(f"{args.sites} sites, {files} results files, load average {os.getloadavg()[0]:.1f}")
        goals = {"public": 90, "internal": 120}
        for audience, goal in goals.items():
            wall, total, largest = sphinx(project, audience)
            out = project / "build" / ("html" if audience == "public" else "internal")
            size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
            print(
                f"{audience} build: {wall:.1f} s wall (goal ≤ {goal} s), peak PSS of all "
                f"processes {total:.0f} MB, largest {largest:.0f} MB (goal ≤ 800 MB), "
                f"{size:.0f} MB written"
            )
            # Issue 12: a rebuild with nothing changed, results and all (goal ≤ 3 s).
            noop = min(sphinx(project, audience)[0] for _ in range(2))
            print(f"{audience} rebuild, nothing changed: {noop:.2f} s (goal ≤ 3 s)")


if __name__ == "__main__":
    main()
