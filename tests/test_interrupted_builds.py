"""Builds stopped while checklists are written, then rebuilt: the output must be a clean build's.

``sphinx-build`` runs as a real process on a copy of ``tests/roots/checklists-kit``
with many generated profiles; it is killed (``SIGKILL``, ``SIGINT`` as Ctrl-C
sends it) once some of the rewritten files have appeared, then the edit is
reverted and the project rebuilt incrementally. Expected outputs come from a
clean build of the same sources in another folder, never from the code under test.
"""

from __future__ import annotations

import datetime
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import PROJECT_ROOT, ROOTS, SOURCE_DATE_EPOCH, BuildResult, run_sphinx
from marianne_kit.atomic import remove_partials, remove_unlisted
from marianne_kit.checklists import checklist_files
from marianne_kit.checklists.checklist_files import SiteJob, generate_site_files
from marianne_kit.checklists.checklist_records import SiteRecords, departed_files
from marianne_kit.checklists.checklist_text import ChecklistMeta
from marianne_kit.checklists.profiles import SiteProfile

GENERATED = 80
#: The generated profiles and the fixture's site-a and site-b.
PROFILES = GENERATED + 2
SUFFIXES = ("html", "pdf", "ods", "xlsx", "csv")
#: Files rewritten per build after the edit: every profile's five (the generic list is unchanged).
REWRITTEN = PROFILES * len(SUFFIXES)
#: (signal, -j, files rewritten before the kill): in the first site, early, mid-site, late.
KILL_POINTS = [
    (signal.SIGKILL, 1, 1),
    (signal.SIGINT, 1, 3 * REWRITTEN // 10),
    (signal.SIGKILL, 1, REWRITTEN // 2 + 2),
    (signal.SIGINT, 2, 7 * REWRITTEN // 10),
    (signal.SIGKILL, 1, 4 * REWRITTEN // 5),
]


def _profile(index: int) -> str:
    channels = '["physique", "telephonique", "courrier", "courriel"]'
    return f'name = "Site n° {index:03d}"\nkind = "service"\nchannels = {channels}\nyear = 2026\n'


def _kit(directory: Path) -> Path:
    kit = directory / "kit"
    shutil.copytree(ROOTS / "checklists-kit", kit)
    for index in range(GENERATED):
        (kit / "checklists" / f"site-{index:03d}.toml").write_text(_profile(index), "utf-8")
    return kit


def _command(kit: Path, jobs: int = 1) -> list[str]:
    return [sys.executable, "-m", "sphinx", "-q", "-W", "--keep-going", "-b", "html",
            "-j", str(jobs), "-d", str(kit / "_build" / "doctrees"), str(kit),
            str(kit / "_build" / "html")]  # fmt: skip


def _environment() -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(PROJECT_ROOT / "ext"), os.environ.get("PYTHONPATH")]))
    return os.environ | {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, "PYTHONPATH": path}


def _interruptible() -> None:
    """Ctrl-C stops the build even when the test runs where SIGINT is ignored (``cmd &``)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start(kit: Path, jobs: int = 1) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        _command(kit, jobs), env=_environment(), start_new_session=True,
        preexec_fn=_interruptible, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def _finish(process: subprocess.Popen[bytes]) -> None:
    _, errors = process.communicate(timeout=120)
    assert process.returncode == 0, errors.decode()


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def _newer(folder: Path, since_ns: int) -> int:
    """How many site files of ``folder`` were written after ``since_ns``."""
    count = 0
    for entry in os.scandir(folder):
        if not entry.name.startswith("site-"):  # Sphinx's own shell page, temporary files
            continue
        try:
            count += entry.stat().st_mtime_ns > since_ns
        except FileNotFoundError:  # renamed away between listing and stat
            pass
    return count


def _kill_after(kit: Path, signum: int, jobs: int, files: int) -> int:
    """Start a build and send ``signum`` to it once ``files`` checklist files were rewritten.

    Returns how many files had been rewritten when it stopped.
    """
    folder = kit / "_build" / "html" / "checklists"
    since = time.time_ns()
    time.sleep(0.02)  # past the file system's timestamp granularity
    process = _start(kit, jobs)
    try:
        while _newer(folder, since) < files:
            assert process.poll() is None, "the build finished before the kill point"
            time.sleep(0.003)
        os.killpg(process.pid, signum)
        process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    assert process.returncode != 0, "the build was stopped, not finished"
    return _newer(folder, since)


def _partials(folder: Path) -> list[str]:
    return sorted(str(path) for path in folder.rglob("*.partial"))


def test_rebuild_after_interrupted_writes_equals_a_clean_build(tmp_path: Path) -> None:
    reference = _start(_kit(tmp_path / "clean"))
    kit = _kit(tmp_path / "work")
    _finish(_start(kit))
    _finish(reference)
    expected = _files(tmp_path / "clean" / "kit" / "_build" / "html" / "checklists")
    assert len(expected) == (PROFILES + 1) * len(SUFFIXES)
    folder = kit / "_build" / "html" / "checklists"
    assert _files(folder) == expected, "two clean builds in two folders are identical"
    originals = {path: path.read_bytes() for path in sorted((kit / "checklists").glob("*.toml"))}
    assert len(originals) == PROFILES
    for signum, jobs, files in KILL_POINTS:
        for path, data in originals.items():
            path.write_bytes(data.replace(b'name = "', b'name = "Modifi\xc3\xa9 : '))
        start = time.monotonic()
        rewritten = _kill_after(kit, signum, jobs, files)
        print(
            f"{signum.name} -j {jobs}: {rewritten}/{REWRITTEN} files rewritten, "
            f"{time.monotonic() - start:.1f} s"
        )  # shown when the test fails
        assert files <= rewritten < REWRITTEN, f"{signum.name} at {files}: stopped mid-write"
        for path, data in originals.items():
            path.write_bytes(data)
        _finish(_start(kit))
        assert _files(folder) == expected, f"{signum.name} after {rewritten} files"
        assert _partials(kit / "_build") == []


def _fixture_kit(tmp_path: Path) -> Path:
    kit = tmp_path / "kit"
    shutil.copytree(ROOTS / "checklists-kit", kit)
    # A Sphinx page of the checklists folder, beside the sites' files.
    (kit / "checklists" / "notes.md").write_text("---\norphan: true\n---\n# Notes\n", "utf-8")
    return kit


def _build(kit: Path, fresh: bool) -> BuildResult:
    result = run_sphinx(kit, kit, kit / "_build" / "html", fresh=fresh)
    assert result.status == 0 and result.warning_lines() == []
    return result


def _names(folder: Path) -> list[str]:
    return sorted(path.name for path in folder.iterdir())


SITE_B_FILES = ["site-b.csv", "site-b.html", "site-b.ods", "site-b.pdf", "site-b.xlsx"]
KEPT = ["kit-complet.csv", "kit-complet.html", "kit-complet.ods", "kit-complet.pdf",
        "kit-complet.xlsx", "notes.html", "site-a.csv", "site-a.html", "site-a.ods",
        "site-a.pdf", "site-a.xlsx"]  # fmt: skip


@pytest.mark.parametrize("doctrees", ["kept", "deleted"])
def test_removed_site_files_disappear(doctrees: str, tmp_path: Path) -> None:
    kit = _fixture_kit(tmp_path)
    folder = _build(kit, fresh=True).outdir / "checklists"
    assert _names(folder) == sorted(KEPT + SITE_B_FILES)
    (kit / "checklists" / "site-b.toml").unlink()
    if doctrees == "deleted":
        shutil.rmtree(kit / "_build" / "doctrees")
    _build(kit, fresh=False)
    assert _names(folder) == KEPT


def test_stray_partial_files_are_removed(tmp_path: Path) -> None:
    kit = _fixture_kit(tmp_path)
    html = _build(kit, fresh=True).outdir
    record = kit / "_build" / "doctrees" / "marianne-checklists"
    strays = [html / "checklists" / ".x.partial", html / "checklists" / ".site-a.pdf.partial",
              html / ".matrice.csv.partial", html / "tracabilite" / ".sites.csv.partial",
              record / ".site-a.json.partial"]  # fmt: skip
    for path in strays:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"half")
    _build(kit, fresh=False)
    assert [path for path in strays if path.exists()] == []
    assert "notes.html" in _names(html / "checklists")


def test_remove_partials_keeps_other_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    names = [".a.csv.partial", "a.csv", ".partial", "b.partial", ".hidden", "sub/.c.partial"]
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    assert remove_partials(tmp_path) == [tmp_path / ".a.csv.partial"]
    assert remove_partials(tmp_path, recursive=True) == [tmp_path / "sub" / ".c.partial"]
    remaining = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert remaining == [".hidden", ".partial", "a.csv", "b.partial"]
    assert remove_partials(tmp_path / "missing", recursive=True) == []


def test_remove_unlisted_deletes_owned_files_no_longer_written(tmp_path: Path) -> None:
    for name in ["head.js", "a.js", "gone.js", "notes.txt", ".b.js.partial"]:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "old.js").mkdir()
    (tmp_path / "link.js").symlink_to(tmp_path / "notes.txt")
    remove_unlisted(tmp_path, {"head.js", "a.js"}, owned=lambda name: name.endswith(".js"))
    assert _names(tmp_path) == ["a.js", "head.js", "link.js", "notes.txt", "old.js"]
    remove_unlisted(tmp_path / "missing", set(), owned=lambda name: True)


def test_departed_files_spare_current_sites_pages_and_other_names(tmp_path: Path) -> None:
    names = ["old.pdf", "old.html", "old-2.csv", "new.pdf", "index.html", "index.pdf",
             "_page-shell.html", "old.txt", "Old.pdf", "old.pdf.bak",
             ".old.pdf.partial"]  # fmt: skip
    for name in names:
        (tmp_path / name).write_bytes(b"x")
    (tmp_path / "gone.html").mkdir()
    found = departed_files(tmp_path, {"new"}, {"index"})
    assert [path.name for path in found] == ["index.pdf", "old-2.csv", "old.html", "old.pdf"]


def test_a_stamp_never_outlives_its_files(tmp_path: Path) -> None:
    files = [tmp_path / "s.pdf", tmp_path / "s.csv"]
    for path in files:
        path.write_bytes(b"v1")
    records = SiteRecords.beside(tmp_path / "record.json")
    assert not records.is_current("s", "f1", files), "never stamped"
    records.record("s", "f1", files)
    assert records.is_current("s", "f1", files)
    assert not records.is_current("s", "f2", files), "other inputs"
    records.forget(["s"])
    assert not records.is_current("s", "f1", files), "forgotten before a rewrite"
    records.record("s", "f1", files)
    files[1].write_bytes(b"v2, longer")
    assert not records.is_current("s", "f1", files), "a file changed behind the record"
    records.record("s", "f1", files)
    files[0].unlink()
    assert not records.is_current("s", "f1", files), "a file lost"
    records.keep_only(set())
    assert list((tmp_path / "record").iterdir()) == []


def test_an_old_whole_build_manifest_is_dropped(tmp_path: Path) -> None:
    manifest = tmp_path / "marianne-checklists.json"
    manifest.write_text('{"s": "f1"}', "utf-8")
    records = SiteRecords.beside(manifest)
    assert not manifest.exists() and records.directory == tmp_path / "marianne-checklists"


def test_an_interrupted_generation_stamps_only_the_sites_it_finished(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    meta = ChecklistMeta("Référentiel de test", datetime.date(2026, 11, 27))
    profiles = [SiteProfile(slug=f"s{n}", name=f"S{n}", kind="service", channels=("courriel",),
                            year=2026) for n in range(3)]  # fmt: skip
    outdir, manifest = tmp_path / "out", tmp_path / "record.json"
    generate_site_files([SiteJob(p, b"v1") for p in profiles], [], meta, outdir, manifest)
    stamps = tmp_path / "record"
    assert sorted(path.name for path in stamps.iterdir()) == ["s0.json", "s1.json", "s2.json"]
    writes: list[Path] = []
    write = checklist_files.write_if_changed

    def interrupted(path: Path, data: bytes) -> None:
        """Ctrl-C after the first file of the second site (four files per site here)."""
        if len(writes) == 5:
            raise KeyboardInterrupt
        write(path, data)
        writes.append(path)

    monkeypatch.setattr(checklist_files, "write_if_changed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        generate_site_files([SiteJob(p, b"v2") for p in profiles], [], meta, outdir, manifest)
    assert [path.name for path in writes] == ["s0.pdf", "s0.ods", "s0.xlsx", "s0.csv", "s1.pdf"]
    assert sorted(path.name for path in stamps.iterdir()) == ["s0.json"]
