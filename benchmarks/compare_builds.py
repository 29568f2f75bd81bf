"""Do two commits publish the same site? Build each one clean and compare every byte.

    python benchmarks/compare_builds.py main HEAD
    python benchmarks/compare_builds.py afa282a HEAD --keep /tmp/compare

A restructuring commit must not change what is published: this exports both
commits with ``git archive`` (nothing uncommitted leaks in), builds each with
``sphinx-build -W --keep-going`` and the same ``SOURCE_DATE_EPOCH``, and lists
every file that differs or exists on one side only. Exit status 0 when the two
``build/html`` trees are identical, 1 otherwise.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EPOCH = "1700000000"


def export(revision: str, target: Path) -> str:
    """Unpack ``revision`` into ``target``; return its full commit hash."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{revision}^{{commit}}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    archive = subprocess.run(
        ["git", "archive", "--format=tar", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    target.mkdir(parents=True)
    with tempfile.TemporaryFile() as buffer:
        buffer.write(archive)
        buffer.seek(0)
        with tarfile.open(fileobj=buffer) as tar:
            tar.extractall(target, filter="data")
    return commit


def build(project: Path) -> float:
    """A clean build of ``project`` into ``project/build/html``; its wall time in seconds."""
    environment = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    command = [sys.executable, "-m", "sphinx", "build", "-q", "-W", "--keep-going", "-b", "html"]
    command += ["-c", ".", "-d", "build/doctrees", "docs", "build/html"]
    start = time.perf_counter()
    subprocess.run(command, cwd=project, env=environment, check=True)
    return time.perf_counter() - start


def differences(left: Path, right: Path, prefix: str = "") -> list[str]:
    """Relative paths that differ in content or exist on one side only."""
    comparison = filecmp.dircmp(left, right)
    found = [f"only in first: {prefix}{name}" for name in comparison.left_only]
    found += [f"only in second: {prefix}{name}" for name in comparison.right_only]
    for name in comparison.common_files:
        if not filecmp.cmp(left / name, right / name, shallow=False):
            found.append(f"differs: {prefix}{name}")
    for name in comparison.common_dirs:
        found += differences(left / name, right / name, f"{prefix}{name}/")
    return sorted(found)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("first", help="a commit, branch or tag (e.g. main)")
    parser.add_argument("second", help="another one (e.g. HEAD)")
    parser.add_argument("--keep", type=Path, help="build here and keep the trees")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        base = args.keep or Path(scratch)
        trees = []
        for label, revision in (("first", args.first), ("second", args.second)):
            project = base / label
            commit = export(revision, project)
            seconds = build(project)
            files = sum(1 for path in (project / "build" / "html").rglob("*") if path.is_file())
            print(f"{label}: {revision} = {commit}: {files} files built in {seconds:.1f} s")
            trees.append(project / "build" / "html")
        found = differences(*trees)
        for line in found:
            print(line)
        print("identical build/html trees" if not found else f"{len(found)} differences")
        return 0 if not found else 1


if __name__ == "__main__":
    raise SystemExit(main())
