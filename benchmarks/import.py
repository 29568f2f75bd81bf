"""Benchmark: import time of one filled checklist per format (ODS, XLSX, CSV).

Run on demand, not in the test suite (figures depend on the machine):

    python benchmarks/import.py                       # needs build/html/needs.json
    python benchmarks/import.py --needs path/to/needs.json --libreoffice

The checklist is the largest a site can have (every channel, every engagement,
all ~350 levers), each line filled, with the « Informations » sheet the import
reads; ``--libreoffice`` also times the files once re-saved by headless
LibreOffice, as a referent's would be. Each figure is the median of several
runs of the whole import of one file (read, check, results text) without the
process start, in wall time and in this process's CPU time: on a machine shared
with other jobs (see the load average printed) the CPU time is what a quiet
machine's wall time would be. Needs the ``test`` extra (odfdo, openpyxl fill
the files). Goal (2-core machine): ≤ 0.3 s per file.
"""

from __future__ import annotations

import argparse
import datetime
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "ext"))
sys.path.insert(0, str(ROOT / "tests"))

import import_files  # noqa: E402
from marianne_kit.checklists.checklist_text import ChecklistMeta  # noqa: E402
from marianne_kit.checklists.profiles import parse_profile  # noqa: E402
from marianne_kit.checklists.scope import build_checklist  # noqa: E402
from marianne_kit.results.import_check import Target  # noqa: E402
from marianne_kit.results.import_command import import_file, read_needs  # noqa: E402
from marianne_kit.results.results_file import results_text  # noqa: E402

SLUG = "banc-essai"
PROFILE = """name = "Banc d’essai de l’import"
kind = "prefecture"
channels = ["physique", "telephonique", "courrier", "courriel"]
year = 2026
"""
STATUSES = ("En place", "En cours", "À engager", "Non applicable")
GOAL_SECONDS = 0.3


def _files(needs: list, folder: Path, libreoffice: bool) -> dict[str, Path]:
    from marianne_kit.checklists.checklist_csv import checklist_csv
    from marianne_kit.checklists.checklist_ods import checklist_ods
    from marianne_kit.checklists.checklist_xlsx import checklist_xlsx

    profile = parse_profile(SLUG, PROFILE, "banc.toml")
    checklist = build_checklist(profile, needs)
    meta = ChecklistMeta("Référentiel", datetime.date(2026, 11, 27), "2026.2")
    fill = {
        item.key: {"Statut": STATUSES[n % 4], "Responsable": f"Service {n % 7}",
                   "Commentaire / preuve": f"Preuve n° {n}, vérifiée sur place"}
        for n, item in enumerate(checklist.items)
    }  # fmt: skip
    per_lever = {lever.id: fill[lever.line] for lever in checklist.levers}
    fields = import_files.identity(SLUG, "Banc d’essai de l’import", 2026, "2026.2")
    files = {
        "ods": import_files.fill_ods(checklist_ods(checklist, meta), folder / "banc.ods", fill,
                                     fields=fields),
        "xlsx": import_files.fill_xlsx(checklist_xlsx(checklist, meta), folder / "banc.xlsx",
                                       fill, fields=fields),
        "csv": import_files.fill_csv(checklist_csv(checklist, meta), folder / "banc.csv",
                                     per_lever, slug=SLUG),
    }  # fmt: skip
    if libreoffice and shutil.which("soffice"):
        for kind, path in list(files.items()):
            files[f"{kind} (LibreOffice)"] = import_files.libreoffice_resave(path, kind, folder)
    return files


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--needs", type=Path, default=ROOT / "build/html/needs.json")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--libreoffice", action="store_true")
    args = parser.parse_args()
    needs = read_needs(args.needs)
    profile = parse_profile(SLUG, PROFILE, "banc.toml")
    target = Target({SLUG: profile}, needs)
    with tempfile.TemporaryDirectory() as temporary:
        files = _files(needs, Path(temporary), args.libreoffice)
        print(f"load average: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
        print(f"{'format':<20} {'size':>7} {'levers':>7} {'wall median':>12} {'wall best':>10} "
              f"{'CPU median':>11}  goal")  # fmt: skip
        worst = 0.0
        for kind, path in files.items():
            walls, cpus = [], []
            levers = 0
            for _ in range(args.runs):
                started, cpu = time.perf_counter(), time.process_time()
                results, problems = import_file(path, target, datetime.date(2026, 12, 2))
                if results is None:
                    raise SystemExit("\n".join(problems))
                results_text(results)
                walls.append(time.perf_counter() - started)
                cpus.append(time.process_time() - cpu)
                levers = len(results.levers)
            median, cpu_median = statistics.median(walls), statistics.median(cpus)
            worst = max(worst, median)
            verdict = "ok" if median <= GOAL_SECONDS else "slower than goal (wall)"
            print(f"{kind:<20} {path.stat().st_size / 1024:>5.0f} K {levers:>7} "
                  f"{median * 1000:>9.1f} ms {min(walls) * 1000:>7.1f} ms "
                  f"{cpu_median * 1000:>8.1f} ms  {verdict}")  # fmt: skip
        print(f"slowest format: {worst * 1000:.1f} ms wall (goal ≤ {GOAL_SECONDS * 1000:.0f} ms)")


if __name__ == "__main__":
    main()
