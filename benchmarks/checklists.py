"""Benchmark: generate every checklist format for 1, 100 and 1,000 synthetic sites.

Run on demand, not in the test suite (figures depend on the machine):

    python benchmarks/checklists.py                  # generator only, 1/100/1000 sites
    python benchmarks/checklists.py --sphinx 1000    # also a full site build with 1000 profiles

Prints wall time, time per site and format, peak memory (this process and its
workers), and the cost of regenerating after one profile is edited. Needs a
built site for ``needs.json`` (``nox -s build``) unless ``--needs`` points to one.
Goal (2-core machine): 1,000 sites in ≤ 60 s with ≤ 500 MB peak.
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
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ext"))

from marianne_kit.checklists.checklist_csv import checklist_csv  # noqa: E402
from marianne_kit.checklists.checklist_files import SiteJob, generate_site_files  # noqa: E402
from marianne_kit.checklists.checklist_html import checklist_body  # noqa: E402
from marianne_kit.checklists.checklist_ods import checklist_ods  # noqa: E402
from marianne_kit.checklists.checklist_pdf import TextMeasure, checklist_pdf  # noqa: E402
from marianne_kit.checklists.checklist_text import ChecklistMeta, generation_date  # noqa: E402
from marianne_kit.checklists.checklist_xlsx import checklist_xlsx  # noqa: E402
from marianne_kit.checklists.profiles import parse_profile  # noqa: E402
from marianne_kit.checklists.scope import build_checklist  # noqa: E402
from marianne_kit.kit.model import CHANNELS  # noqa: E402
from marianne_kit.worker_pool import worker_count  # noqa: E402

KINDS = ("prefecture", "sous-prefecture", "service")


def synthetic_profile_text(index: int, lever_ids: list[str], rng: random.Random) -> str:
    """A plausible site: 1 to 4 channels, sometimes fewer engagements, a few exclusions."""
    channels = rng.sample(list(CHANNELS)[:4], rng.randint(1, 4))
    lines = [
        f'name = "Site de test n° {index}"',
        f'kind = "{rng.choice(KINDS)}"',
        f"channels = {json.dumps(channels)}",
        "year = 2026",
    ]
    if rng.random() < 0.3:
        engagements = sorted(rng.sample([f"ENG-{n:02d}" for n in range(1, 20)], rng.randint(5, 18)))
        lines.append(f"engagements = {json.dumps(engagements)}")
    lines.append(f"excluded = {json.dumps(sorted(rng.sample(lever_ids, rng.randint(0, 5))))}")
    return "\n".join(lines) + "\n"


def peak_mb() -> tuple[float, float]:
    """Peak resident memory of this process and of its largest finished child, in MB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def per_format(jobs: list[SiteJob], needs: list[dict], meta: ChecklistMeta) -> dict[str, float]:
    """Milliseconds per site for each format, in one process (with the wrap cache warm)."""
    measure = TextMeasure()
    checklist_pdf(build_checklist(jobs[0].profile, needs), meta, measure)
    totals = dict.fromkeys(("scope", "html", "pdf", "ods", "xlsx", "csv"), 0.0)
    for job in jobs:
        start = time.perf_counter()
        checklist = build_checklist(job.profile, needs)
        totals["scope"] += time.perf_counter() - start
        renders: dict[str, Callable[[], object]] = {
            "html": partial(checklist_body, checklist, meta, lambda i: f"#{i}", {}),
            "pdf": partial(checklist_pdf, checklist, meta, measure),
            "ods": partial(checklist_ods, checklist, meta),
            "xlsx": partial(checklist_xlsx, checklist, meta),
            "csv": partial(checklist_csv, checklist, meta),
        }
        for name, render in renders.items():
            start = time.perf_counter()
            render()
            totals[name] += time.perf_counter() - start
    return {name: 1000 * total / len(jobs) for name, total in totals.items()}


def run_generator(count: int, needs: list[dict], meta: ChecklistMeta, workers: int) -> None:
    rng = random.Random(count)
    lever_ids = sorted(n["id"] for n in needs if n["type"] == "lever")
    jobs = []
    for index in range(count):
        text = synthetic_profile_text(index, lever_ids, rng)
        jobs.append(SiteJob(parse_profile(f"site-{index:04d}", text, f"site-{index:04d}.toml"),
                            text.encode()))  # fmt: skip
    with tempfile.TemporaryDirectory() as scratch:
        outdir, manifest = Path(scratch, "checklists"), Path(scratch, "manifest.json")
        start = time.perf_counter()
        written = generate_site_files(jobs, needs, meta, outdir, manifest, workers=workers)
        wall = time.perf_counter() - start
        size = sum(p.stat().st_size for p in outdir.iterdir()) / 1e6
        edited = jobs[0].profile_bytes.replace(b"Site de test", b"Site de test modifi\xc3\xa9")
        jobs[0] = SiteJob(parse_profile(jobs[0].profile.slug, edited.decode(), "edited"), edited)
        start = time.perf_counter()
        again = generate_site_files(jobs, needs, meta, outdir, manifest, workers=workers)
        rerun = time.perf_counter() - start
    own, children = peak_mb()
    print(f"{count:5d} sites: {wall:6.2f} s wall ({1000 * wall / count:6.1f} ms/site, "
          f"{len(written)} sites, {size:6.1f} MB written, {workers} workers); "
          f"after editing one profile: {len(again)} site regenerated in {rerun:5.2f} s; "
          f"peak RSS {own:5.0f} MB main, {children:5.0f} MB largest worker")  # fmt: skip


def run_sphinx(count: int, needs: list[dict]) -> None:
    """A full ``sphinx-build`` of the real site with ``count`` synthetic profiles."""
    rng = random.Random(count)
    lever_ids = sorted(n["id"] for n in needs if n["type"] == "lever")
    with tempfile.TemporaryDirectory() as scratch:
        project = Path(scratch)
        for name in ("docs", "ext"):
            shutil.copytree(
                ROOT / name, project / name, ignore=shutil.ignore_patterns("__pycache__")
            )
        shutil.copy2(ROOT / "conf.py", project / "conf.py")
        (project / "checklists").mkdir()
        for index in range(count):
            path = project / "checklists" / f"site-{index:04d}.toml"
            path.write_text(synthetic_profile_text(index, lever_ids, rng), encoding="utf-8")
        command = [sys.executable, "-m", "sphinx", "-q", "-j", "auto", "-b", "html", "-c", ".",
                   "-d", "build/doctrees", "docs", "build/html"]  # fmt: skip
        start = time.perf_counter()
        subprocess.run(command, cwd=project, check=True, capture_output=True, text=True)
        wall = time.perf_counter() - start
        _, children = peak_mb()
        print(f"sphinx-build with {count} profiles: {wall:.1f} s wall, peak RSS {children:.0f} MB "
              f"(whole site: 349 levers, {count + 1} checklist pages and their files)")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--needs", type=Path, default=ROOT / "build" / "html" / "needs.json")
    parser.add_argument("--counts", type=int, nargs="*", default=[1, 100, 1000])
    parser.add_argument("--workers", type=int, default=worker_count(64))
    parser.add_argument("--sphinx", type=int, default=0, help="also build the site with N profiles")
    args = parser.parse_args()
    if not args.needs.is_file():
        sys.exit(f"{args.needs} not found: build the site first (nox -s build)")
    data = json.loads(args.needs.read_text(encoding="utf-8"))
    needs = list(data["versions"][data["current_version"]]["needs"].values())
    meta = ChecklistMeta("Référentiel Marianne — banque de leviers", generation_date())
    rng = random.Random(0)
    lever_ids = sorted(n["id"] for n in needs if n["type"] == "lever")
    sample = []
    for index in range(20):
        text = synthetic_profile_text(index, lever_ids, rng)
        sample.append(SiteJob(parse_profile(f"s{index}", text, "sample"), text.encode()))
    figures = per_format(sample, needs, meta)
    print("per site and format (ms, one process, 20 synthetic sites): "
          + ", ".join(f"{name} {value:.1f}" for name, value in figures.items()))  # fmt: skip
    for count in args.counts:
        run_generator(count, needs, meta, args.workers)
    if args.sphinx:
        run_sphinx(args.sphinx, needs)


if __name__ == "__main__":
    main()
