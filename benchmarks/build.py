"""Benchmark: the site's build against the same site as plain MyST (the "floor").

Run on demand, not in the test suite (figures depend on the machine):

    python benchmarks/build.py [--rounds 3] [--sites 1000] [--skip-sites]
    python benchmarks/build.py --stemmer    # clean builds with and without PyStemmer

The floor is made here from the sources: every need directive (lever, engagement,
practice, SP+ engagement, correspondence) becomes a bullet with its ID and text,
every other directive of the kit is dropped, and the same ``sphinx-build`` builds
it with MyST and the site's theme only (no sphinx-needs, no sphinx-design, no
checklists, no custom directive). Both are built from copies in a scratch folder.

For reference, a "stack floor" is built too: the floor with sphinx-design and
sphinx-needs loaded (the stack the kit is required to use) and no need defined;
it shows how much of the gap to the floor those two extensions take by
themselves, whatever the kit does.

Figures are whole ``sphinx-build`` processes (start-up included), wall time and
peak memory of all the build's processes together (the main process and its
workers, sampled from ``/proc``: proportional set size, each shared page counted
once, with the RSS sum beside the full builds). Each round runs every measure once, one after
the other, so that a load change on a shared machine hits all of them alike; a
ratio is computed within each round, and the medians over the rounds are printed,
with the load average before and after. Printed side by side:

- full clean build vs the floor's;
- no-op rebuild (nothing changed) vs the floor's;
- rebuild after one lever's text is edited, and after one engagement's title is
  edited, vs the no-op;
- ``-j 2`` vs ``-j 1`` (full clean builds);
- with ``--sites`` synthetic site profiles: full build, no-op, one profile edited.

Goals (issue 12, 2-core machine): full ≤ 1.3× the floor; no-op ≤ 1.5× the floor's
no-op; one-lever edit ≤ 2× the no-op; 1,000 profiles: full ≤ 45 s, no-op ≤ 3 s,
one profile ≤ 5 s, peak ≤ 400 MB for all processes.
"""

from __future__ import annotations

import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT / "benchmarks")]

from checklists import synthetic_profile_text  # noqa: E402

#: The kit's directives that define needs: in the floor, a bullet with the ID and the text.
NEED_DIRECTIVES = ("lever", "commitment", "practice", "spplus", "correspondence")
#: Directives the floor keeps (Sphinx's and MyST's own).
STANDARD_DIRECTIVES = ("admonition", "note", "warning", "toctree")
_OPENING = re.compile(r"^(?P<fence>:{3,}|`{3,})\{(?P<name>[a-z-]+)\}\s*(?P<argument>.*)$")
_OPTION = re.compile(r"^:(?P<key>[a-z-]+):\s*(?P<value>.*)$")
EDITED_LEVER = ("levers/eng-05.md", "une liste d’interprètes", "un annuaire d’interprètes")
EDITED_COMMITMENT = (
    "commitments/eng-05.md",
    ":::{commitment} S’adapter aux personnes en difficulté",
    ":::{commitment} S’adapter aux personnes en situation de difficulté",
)

FLOOR_EXTENSION = '''"""The floor's only extension: the site's theme, nothing else of the kit."""
from marianne_kit.theme.theme import setup_theme


def setup(app):
    setup_theme(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
'''

FLOOR_CONF = """import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path[:0] = [str(ROOT / "ext"), str(ROOT)]
project = "Référentiel Marianne — Banque de leviers"
language = "fr"
root_doc = "index"
extensions = ["myst_parser", "floor_theme"]
myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3
exclude_patterns = ["_build", "**/README.md"]
html_theme = "marianne-dsfr"
html_title = "Banque de leviers Marianne"
html_static_path = ["docs/_static"]
html_css_files = ["marianne.css"]
html_copy_source = False
html_show_sourcelink = False
"""


# --- The floor: the same pages as plain MyST ---------------------------------------------


def _blocks(lines: list[str]) -> Iterator[tuple[str, str, dict[str, str], list[str]] | str]:
    """Each line outside directives, or (name, argument, options, body) of a directive."""
    index = 0
    while index < len(lines):
        match = _OPENING.match(lines[index])
        if match is None:
            yield lines[index]
            index += 1
            continue
        fence, end = match["fence"], index + 1
        while end < len(lines) and lines[end].rstrip() != fence:
            end += 1
        options, body = {}, []
        for line in lines[index + 1 : end]:
            option = _OPTION.match(line)
            if option is not None and not body:
                options[option["key"]] = option["value"]
            else:
                body.append(line)
        yield match["name"], match["argument"].strip(), options, body
        index = end + 1


def floor_markdown(text: str) -> str:
    """One page of the site as plain MyST: needs as bullets, the kit's directives dropped."""
    out: list[str] = []
    for block in _blocks(text.splitlines()):
        if isinstance(block, str):
            out.append(block)
            continue
        name, argument, options, body = block
        if name in NEED_DIRECTIVES:
            details = ", ".join(
                options[key] for key in ("channel", "category", "commitment") if key in options
            )
            suffix = f" ({details})" if details else ""
            out.append(f"- **{options.get('id', '')}** {argument}{suffix}")
            out.extend(f"  {line}" if line.strip() else "" for line in body)
        elif name in STANDARD_DIRECTIVES:
            fence = "```" if name == "toctree" else ":::"
            out.append(f"{fence}{{{name}}} {argument}".rstrip())
            out.extend(f":{key}: {value}" for key, value in options.items())
            out.extend(body)
            out.append(fence)
    return "\n".join(out) + "\n"


#: The stack floor's extensions: the floor's, plus the two the kit is required to build on.
STACK_EXTENSIONS = '["myst_parser", "sphinx_design", "sphinx_needs", "floor_theme"]'


def make_floor(target: Path, stack: bool = False) -> None:
    """The floor project in ``target``: converted pages, the theme's extension, a conf.py.

    With ``stack``, the "stack floor": the same, with sphinx-design and sphinx-needs
    loaded in their default configuration and no need defined, i.e. what the two
    extensions the kit must use cost before the kit adds anything.
    """
    shutil.copytree(ROOT / "ext", target / "ext", ignore=shutil.ignore_patterns("__pycache__"))
    for source in sorted((ROOT / "docs").rglob("*")):
        relative = source.relative_to(ROOT / "docs")
        destination = target / "docs" / relative
        if source.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        elif source.suffix == ".md":
            destination.write_text(floor_markdown(source.read_text("utf-8")), "utf-8")
        elif relative.parts[0] == "_static":
            shutil.copy2(source, destination)
    (target / "floor_theme.py").write_text(FLOOR_EXTENSION, encoding="utf-8")
    conf = FLOOR_CONF
    if stack:
        conf = conf.replace('["myst_parser", "floor_theme"]', STACK_EXTENSIONS)
        assert STACK_EXTENSIONS in conf
    (target / "conf.py").write_text(conf, encoding="utf-8")


def make_site(target: Path, profiles: int = 0) -> None:
    """A copy of the site; with ``profiles``, that many synthetic sites instead of its own."""
    for name in ("docs", "ext", "checklists", "results"):
        if (ROOT / name).is_dir() and not (profiles and name in ("checklists", "results")):
            shutil.copytree(
                ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__")
            )
    if not profiles:  # the site's own profiles name their groups there
        shutil.copy2(ROOT / "network.toml", target / "network.toml")
    conf = (ROOT / "conf.py").read_text(encoding="utf-8")
    # Edited lever texts are not "silent changes" here: no edition snapshots to compare with.
    (target / "conf.py").write_text(conf + '\nmarianne_snapshots = "no-snapshots"\n', "utf-8")
    if profiles:
        rng = random.Random(profiles)
        levers = sorted(
            match[1]
            for page in (ROOT / "docs" / "levers").glob("eng-*.md")
            for match in re.finditer(r"^:id: (LEV-\d\d-\d\d)$", page.read_text("utf-8"), re.M)
        )
        (target / "checklists").mkdir()
        for index in range(profiles):
            text = synthetic_profile_text(index, levers, rng)
            # Without exclusions: the synthetic ones may name levers outside the site's scope.
            text = "".join(line for line in text.splitlines(keepends=True)
                           if not line.startswith("excluded"))  # fmt: skip
            (target / "checklists" / f"site-{index:04d}.toml").write_text(text, "utf-8")


# --- Measuring one build -------------------------------------------------------------------


def _tree_memory(root: int) -> tuple[int, int]:
    """Proportional and resident set sizes in kB of ``root`` and all its descendants, now.

    PSS counts a page shared by several processes (a forked Sphinx worker and its
    parent) once in all, so its sum is the memory the build takes from the machine;
    the RSS sum counts such a page once per process, an overestimate, printed too.
    """
    parents: dict[int, int] = {}
    sizes: dict[int, tuple[int, int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", "rb") as stat:
                fields = stat.read().rsplit(b")", 1)[1].split()
            with open(f"/proc/{entry}/smaps_rollup", "rb") as rollup:
                lines = rollup.read().splitlines()
        except OSError:
            continue
        parents[int(entry)] = int(fields[1])
        values = {line.split(b":")[0]: line.split()[1] for line in lines if b":" in line}
        sizes[int(entry)] = (int(values.get(b"Pss", 0)), int(values.get(b"Rss", 0)))
    pss, rss, pending = 0, 0, [root]
    while pending:
        pid = pending.pop()
        pss += sizes.get(pid, (0, 0))[0]
        rss += sizes.get(pid, (0, 0))[1]
        pending.extend(child for child, parent in parents.items() if parent == pid)
    return pss, rss


@dataclass(frozen=True)
class Run:
    seconds: float
    #: Peak of all the build's processes: PSS (the figure the goals are about) and RSS sum.
    peak_mb: float
    peak_rss_mb: float


#: ``python -m sphinx`` as if PyStemmer were not installed (snowballstemmer's pure Python).
WITHOUT_PYSTEMMER = (
    "import sys; sys.modules['Stemmer'] = None; "
    "from sphinx.cmd.build import main; sys.exit(main(sys.argv[1:]))"
)


def build(project: Path, *jobs: str, clean: bool = False, pystemmer: bool = True) -> Run:
    """One ``sphinx-build`` of ``project``; wall time and peak memory of all its processes."""
    if clean:
        shutil.rmtree(project / "build", ignore_errors=True)
    sphinx = ["-m", "sphinx"] if pystemmer else ["-c", WITHOUT_PYSTEMMER]
    command = [sys.executable, *sphinx, "-q", "-W", "--keep-going", *jobs, "-b", "html",
               "-c", ".", "-d", "build/doctrees", "docs", "build/html"]  # fmt: skip
    env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000")
    # Python's default: the first build caches the copied extension's bytecode, as an
    # editor's checkout does (a machine exporting PYTHONDONTWRITEBYTECODE would have every
    # build compile the kit's modules again, 0.2 s the floor, importing few, does not pay).
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    start = time.perf_counter()
    process = subprocess.Popen(
        command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    peak, peak_rss = 0, 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak, peak_rss
        while not done.is_set():
            pss, rss = _tree_memory(process.pid)
            peak, peak_rss = max(peak, pss), max(peak_rss, rss)
            done.wait(0.05)

    sampler = threading.Thread(target=sample)
    sampler.start()
    _, errors = process.communicate()
    seconds = time.perf_counter() - start
    done.set()
    sampler.join()
    if process.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{errors.decode()[-3000:]}")
    return Run(seconds, peak / 1024, peak_rss / 1024)


def edited(project: Path, edit: tuple[str, str, str]) -> Run:
    """A rebuild after ``edit`` (page, old, new), then the page restored and rebuilt."""
    page = project / "docs" / edit[0]
    original = page.read_text(encoding="utf-8")
    assert original.count(edit[1]) == 1, edit
    page.write_text(original.replace(edit[1], edit[2]), encoding="utf-8")
    run = build(project)
    page.write_text(original, encoding="utf-8")
    build(project)
    return run


def edited_profile(project: Path) -> Run:
    profile = project / "checklists" / "site-0005.toml"
    original = profile.read_text(encoding="utf-8")
    profile.write_text(original.replace('n° 5"', 'n° 5 (modifié)"'), encoding="utf-8")
    run = build(project)
    profile.write_text(original, encoding="utf-8")
    build(project)
    return run


# --- The rounds --------------------------------------------------------------------------


def _load() -> str:
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


def _median(runs: list[Run]) -> str:
    seconds = statistics.median(run.seconds for run in runs)
    peak = statistics.median(run.peak_mb for run in runs)
    return f"{seconds:6.2f} s {peak:5.0f} MB"


def _ratio(label: str, left: str, right: str, results: dict[str, list[Run]]) -> str:
    ratios = [a.seconds / b.seconds for a, b in zip(results[left], results[right], strict=True)]
    each = ", ".join(f"{ratio:.2f}" for ratio in ratios)
    return (f"{label:<34} {_median(results[left])} vs {_median(results[right])}   "
            f"ratio {statistics.median(ratios):.2f}× (rounds: {each})")  # fmt: skip


def site_rounds(scratch: Path, rounds: int) -> None:
    site, floor, stack = scratch / "site", scratch / "floor", scratch / "stack-floor"
    make_site(site)
    make_floor(floor)
    make_floor(stack, stack=True)
    measures: dict[str, Callable[[], Run]] = {
        "full": lambda: build(site, "-j", "1", clean=True),
        "floor full": lambda: build(floor, "-j", "1", clean=True),
        "stack floor full": lambda: build(stack, "-j", "1", clean=True),
        "no-op": lambda: build(site),
        "floor no-op": lambda: build(floor),
        "stack floor no-op": lambda: build(stack),
        "one lever": lambda: edited(site, EDITED_LEVER),
        "one engagement title": lambda: edited(site, EDITED_COMMITMENT),
        "full -j 2": lambda: build(site, "-j", "2", clean=True),
    }
    results: dict[str, list[Run]] = {name: [] for name in measures}
    print(f"site: {rounds} interleaved rounds; load average before: {_load()}", flush=True)
    for number in range(rounds):
        for name, measure in measures.items():
            if name == "full -j 2":
                # -j 1 and -j 2 alike: right after a full build, then back to its -j 1 build.
                results[name].append(measure())
                build(site, "-j", "1", clean=True)
                continue
            results[name].append(measure())
        print(f"  round {number + 1} done, load average {_load()}", flush=True)
    print(_ratio("full clean build vs floor", "full", "floor full", results))
    print(_ratio("no-op rebuild vs floor no-op", "no-op", "floor no-op", results))
    print("  the stack floor (floor + sphinx-design + sphinx-needs, no need), for reference:")
    print(_ratio("  stack floor full vs floor", "stack floor full", "floor full", results))
    print(_ratio("  stack floor no-op vs floor no-op", "stack floor no-op", "floor no-op", results))
    print(_ratio("  full clean build vs stack floor", "full", "stack floor full", results))
    print(_ratio("  no-op vs stack floor no-op", "no-op", "stack floor no-op", results))
    print(_ratio("one-lever edit vs no-op", "one lever", "no-op", results))
    print(_ratio("one-engagement-title edit vs no-op", "one engagement title", "no-op", results))
    print(_ratio("-j 2 vs -j 1 (full builds)", "full -j 2", "full", results))
    print(f"load average after: {_load()}")


def sites_round(scratch: Path, count: int) -> None:
    project = scratch / f"sites-{count}"
    make_site(project, count)
    print(f"{count} site profiles, load average before: {_load()}", flush=True)
    for label, jobs in (("-j auto", ("-j", "auto")), ("-j 1", ("-j", "1"))):
        full = build(project, *jobs, clean=True)
        noop = build(project, *jobs)
        profile = edited_profile(project) if jobs == ("-j", "auto") else None
        line = (f"  {label:<8} full {full.seconds:6.1f} s peak {full.peak_mb:4.0f} MB "
                f"(RSS sum {full.peak_rss_mb:4.0f}) | "
                f"no-op {noop.seconds:5.2f} s peak {noop.peak_mb:4.0f} MB")  # fmt: skip
        if profile is not None:
            line += f" | one profile {profile.seconds:5.2f} s peak {profile.peak_mb:4.0f} MB"
        print(line, flush=True)
    print(f"load average after: {_load()}")


def stemmer_rounds(scratch: Path, rounds: int) -> None:
    """Clean builds with and without PyStemmer, interleaved; their search indexes compared."""
    site = scratch / "site-stemmer"
    make_site(site)
    runs: dict[str, list[Run]] = {"PyStemmer": [], "pure Python": []}
    indexes: dict[str, set[bytes]] = {"PyStemmer": set(), "pure Python": set()}
    print(f"stemmer: {rounds} interleaved rounds; load average before: {_load()}", flush=True)
    for _ in range(rounds):
        for name in runs:
            runs[name].append(build(site, "-j", "1", clean=True, pystemmer=name == "PyStemmer"))
            indexes[name].add((site / "build" / "html" / "searchindex.js").read_bytes())
    print(_ratio("full build, PyStemmer vs pure Python", "PyStemmer", "pure Python", runs))
    same = len(indexes["PyStemmer"] | indexes["pure Python"]) == 1
    print(f"searchindex.js byte-identical with and without PyStemmer: {same}")
    print(f"load average after: {_load()}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sites", type=int, default=1000)
    parser.add_argument("--skip-sites", action="store_true", help="no run with --sites profiles")
    parser.add_argument("--skip-site", action="store_true", help="only the profiles run")
    parser.add_argument("--keep", type=Path, help="build in this folder and keep it")
    parser.add_argument("--stemmer", action="store_true", help="PyStemmer vs pure Python only")
    options = parser.parse_args()
    print(f"{os.cpu_count()} CPUs; python {sys.version.split()[0]}")
    with tempfile.TemporaryDirectory(prefix="marianne-build-") as scratch:
        folder = options.keep or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        if options.stemmer:
            stemmer_rounds(folder, options.rounds)
            return
        if not options.skip_site:
            site_rounds(folder, options.rounds)
        if not options.skip_sites:
            sites_round(folder, options.sites)


if __name__ == "__main__":
    main()
