"""Benchmark: the network's aggregates for 1,000 sites × 3 years of results.

Run on demand, not in the test suite (figures depend on the machine):

    python benchmarks/network.py [--sites 1000] [--years 3]

Writes synthetic results with the import's own writer into a temporary folder
(about 340 levers and 19 commitments per site; 13 regions, about 100
départements, some with a single site, some sites under a parent site), reads
them back as the build does, then prints the time and the peak memory
(``tracemalloc``, in a second run) of reading, checking the hierarchy and aggregating every
group and year, the time and bytes of rendering every network page with its CSV and ODS
files (public, then internal), and the process's peak resident memory.
"""

from __future__ import annotations

import argparse
import datetime
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "ext")]

from marianne_kit.checklists.profiles import SiteProfile  # noqa: E402
from marianne_kit.network.aggregates import LeverFigures, aggregate  # noqa: E402
from marianne_kit.network.hierarchy import Group, NetworkFile, build_hierarchy  # noqa: E402
from marianne_kit.network.network_render import NetworkInput, render_network  # noqa: E402
from marianne_kit.results.model import (  # noqa: E402
    STATUSES,
    VERDICTS,
    CommitmentResult,
    LeverResult,
    SiteResults,
)
from marianne_kit.results.results_file import results_text  # noqa: E402
from marianne_kit.results.results_folder import read_results_folder  # noqa: E402

COMMITMENTS = [f"ENG-{n:02d}" for n in range(1, 20)]
LEVERS = [f"LEV-{n:02d}-{m:02d}" for n in range(1, 20) for m in range(1, 19)]


def make_network(count: int, rng: random.Random) -> tuple[list[SiteProfile], NetworkFile]:
    """13 regions of départements; each site under a département, some under a site."""
    groups = [Group(f"region-{r:02d}", f"Région {r}", "region") for r in range(13)]
    departements = [f"dep-{d:03d}" for d in range(100)]
    groups += [
        Group(slug, f"Département {index}", "departement", f"region-{index % 13:02d}")
        for index, slug in enumerate(departements)
    ]
    profiles = []
    for index in range(count):
        # Département 0 to 9 get one site each; the others share the rest.
        parent = departements[index] if index < 10 else rng.choice(departements[10:])
        if index >= 20 and rng.random() < 0.1:
            parent = profiles[rng.randrange(10, index)].slug
        profiles.append(SiteProfile(f"site-{index:04d}", f"Site {index}", "prefecture",
                                    ("physique",), 2026, parent=parent))  # fmt: skip
    return profiles, NetworkFile("network.toml", "Réseau", tuple(groups))


def write_results(root: Path, sites: list[SiteProfile], years: int, rng: random.Random) -> int:
    written = 0
    for site in sites:
        scope = [lever for lever in LEVERS if rng.random() < 0.9]
        for year in range(2027 - years, 2027):
            if rng.random() < 0.1:  # some sites skip a year
                continue
            results = SiteResults(
                site.slug, year, "2026.2", datetime.date(year, 3, 1), "0" * 64,
                levers={lever: LeverResult(status=rng.choice((*STATUSES, "")))
                        for lever in scope},
                commitments={c: CommitmentResult(verdict=rng.choice((*VERDICTS, "")))
                             for c in COMMITMENTS},
            )  # fmt: skip
            path = root / site.slug / f"{year}.toml"
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(results_text(results), encoding="utf-8")
            written += 1
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--years", type=int, default=3)
    parser.add_argument("--minimum", type=int, default=2)
    args = parser.parse_args()
    rng = random.Random(args.sites)
    profiles, network = make_network(args.sites, rng)
    with tempfile.TemporaryDirectory() as temp:
        root = Path(temp) / "results"
        files = write_results(root, profiles, args.years, rng)
        start = time.perf_counter()
        folder = read_results_folder(root)
        read = time.perf_counter() - start
    assert not folder.problems, folder.problems[:3]
    start = time.perf_counter()
    hierarchy, problems = build_hierarchy(profiles, network)
    assert hierarchy is not None, problems[:3]
    checked = time.perf_counter() - start
    start, cpu = time.perf_counter(), time.process_time()
    result = aggregate(hierarchy, folder.results, args.minimum)
    aggregated, cpu = time.perf_counter() - start, time.process_time() - cpu
    del result
    # Memory in a second run: tracemalloc slows down what it watches.
    tracemalloc.start()
    result = aggregate(hierarchy, folder.results, args.minimum)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    figures = sum(len(g.levers) for by_year in result.groups.values() for g in by_year.values())
    shown = sum(
        isinstance(figure, LeverFigures)
        for by_year in result.groups.values()
        for g in by_year.values()
        for figure in g.levers.values()
    )
    print(f"{args.sites} sites, {files} results files, {len(result.groups)} groups")
    print(f"reading the results files: {read:.1f} s")
    print(f"checking the hierarchy: {checked * 1000:.0f} ms")
    # CPU time too: on a shared machine the wall time says more about the neighbours.
    print(f"aggregating every group and year: {aggregated:.2f} s ({cpu:.2f} s CPU)")
    print(f"lever figures: {figures}, published: {shown} ({100 * shown / figures:.0f} %)")
    print(f"peak memory of the aggregation (tracemalloc): {peak / 2**20:.0f} MB")
    # Synthetic needs: each lever on one of the five channels, each commitment titled.
    channels = ("physique", "telephonique", "courrier", "courriel", "tous-canaux")
    needs = [
        {"id": lever, "type": "lever", "title": f"Levier {lever}", "channel": channels[index % 5]}
        for index, lever in enumerate(LEVERS)
    ]
    needs += [{"id": c, "type": "commitment", "title": f"Engagement {c}"} for c in COMMITMENTS]
    shell = "<html><title>MK-CHECKLIST-TITLE-3f9c</title><body>MK-CHECKLIST-BODY-3f9c</body></html>"
    for audience, internal in (("public", False), ("internal", True)):
        data = NetworkInput(hierarchy, lambda: result, needs, folder.results,
                            frozenset(folder.results), internal)  # fmt: skip
        start, cpu = time.perf_counter(), time.process_time()
        count = size = 0
        for files in render_network(data, shell, datetime.date(2026, 3, 1)):
            count, size = count + len(files), size + sum(map(len, files.values()))
        rendered, cpu = time.perf_counter() - start, time.process_time() - cpu
        print(f"rendering the network pages ({audience}): {rendered:.1f} s ({cpu:.1f} s CPU), "
              f"{count} files, {size / 10**6:.0f} MB")  # fmt: skip
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak resident memory of the process (results included): {rss:.0f} MB")


if __name__ == "__main__":
    main()
