"""User mistakes, as a referent or an editor meets them: the real ``sphinx-build``
command, its exact output lines, its exit status, and ``build/html`` left as the
last good build left it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import PROJECT_ROOT, ROOTS, SOURCE_DATE_EPOCH
from marianne_kit.kit.source_notes import load_source_notes

GOOD_PROFILE = 'name = "C"\nkind = "service"\nchannels = ["physique"]\nyear = 2026\n'
LEVER = """
:::{{lever}} Afficher les horaires d’ouverture sur le site internet
:id: LEV-01-03
:commitment: ENG-01
:channel: physique
:category: {category}
:number: 3
:numbering: printed
{body}
:::
"""
CRASH_REPORT_MARKERS = ("Traceback", "sphinx-doc", "Versions", "please open an issue", "Handler")


def _kit(tmp_path: Path) -> Path:
    target = tmp_path / "kit"
    shutil.copytree(ROOTS / "checklists-kit", target)
    return target


def _sphinx_build(kit: Path, *options: str) -> subprocess.CompletedProcess[str]:
    """``sphinx-build -W --keep-going`` as the nox session runs it, in a child process."""
    environment = dict(
        os.environ, PYTHONPATH=str(PROJECT_ROOT / "ext"), SOURCE_DATE_EPOCH=SOURCE_DATE_EPOCH
    )
    command = [sys.executable, "-m", "sphinx", "build", "--no-color", *options, "-b", "html"]
    command += ["-d", str(kit / "_build" / "doctrees"), str(kit), str(kit / "_build" / "html")]
    return subprocess.run(command, env=environment, capture_output=True, text=True, check=False)


def _next_line(page: Path) -> int:
    """The number of the first line of text appended to ``page``."""
    return len(page.read_text(encoding="utf-8").splitlines()) + 1


def _strict_build(kit: Path) -> subprocess.CompletedProcess[str]:
    return _sphinx_build(kit, "-W", "--keep-going")


def _snapshot(outdir: Path, *, strict: bool = True) -> dict[str, tuple[int, bytes]]:
    """Every file's bytes and modification time.

    Not ``strict``: sphinx-needs copies its own assets (``_static/``,
    ``permalink.html``) when reading ends, before any check can run; those keep
    their bytes but not their times.
    """
    files = {
        str(path.relative_to(outdir)): (path.stat().st_mtime_ns, path.read_bytes())
        for path in sorted(outdir.rglob("*"))
        if path.is_file()
    }
    assert len(files) > 20, "a built site to compare"
    if not strict:
        for name, (_, data) in files.items():
            if name.startswith("_static/") or name == "permalink.html":
                files[name] = (0, data)
    return files


def _errors(run: subprocess.CompletedProcess[str], kit: Path) -> list[str]:
    """The problem lines of a build, with the project folder shown as ``<kit>``."""
    lines = run.stderr.replace(str(kit), "<kit>").splitlines()
    return [line for line in lines if "ERROR" in line or "WARNING" in line]


def _assert_no_crash_report(run: subprocess.CompletedProcess[str]) -> None:
    for marker in CRASH_REPORT_MARKERS:
        assert marker not in run.stdout + run.stderr, marker


def test_every_profile_problem_is_printed_as_one_line_and_nothing_is_written(
    tmp_path: Path,
) -> None:
    kit = _kit(tmp_path)
    assert _strict_build(kit).returncode == 0
    before = _snapshot(kit / "_build" / "html")
    profiles = kit / "checklists"
    (profiles / "site-a.toml").write_text(
        'name = "A\\u0007"\nkind = "mairie"\nchannels = ["fax", "physique"]\nyear = 2026\n'
        'engagements = ["eng-01"]\n',
        encoding="utf-8",
    )
    (profiles / "site-b.toml").write_bytes('name = "Préfecture"\n'.encode("cp1252"))
    (profiles / "site-c.toml").write_bytes(GOOD_PROFILE.encode("utf-16"))
    (profiles / "d.toml").mkdir()
    (profiles / ".#site-a.toml").symlink_to("referent@poste.4242")
    run = _strict_build(kit)
    assert run.returncode == 1
    _assert_no_crash_report(run)
    assert _errors(run, kit) == [
        "ERROR: checklists/d.toml: not a regular file [marianne.profile]",
        "checklists/site-a.toml:1: ERROR: key 'name': contains U+0007: a control or unassigned "
        "character; the checklists cannot show it [marianne.profile]",
        "checklists/site-a.toml:2: ERROR: key 'kind': unknown kind 'mairie' (expected one of: "
        "prefecture, sous-prefecture, service, modele) [marianne.profile]",
        "checklists/site-a.toml:3: ERROR: key 'channels': unknown channel 'fax' (expected one "
        "of: physique, telephonique, courrier, courriel, tous-canaux) [marianne.profile]",
        "checklists/site-a.toml:5: ERROR: key 'engagements': unknown engagement 'eng-01' "
        "(expected ENG-01 … ENG-19, two digits, capital letters) [marianne.profile]",
        "checklists/site-b.toml:1: ERROR: not UTF-8: byte 0xE9 at column 11 (the file looks "
        "like Windows-1252 / Latin-1); save it as UTF-8 [marianne.profile]",
        "ERROR: checklists/site-c.toml: encoded as UTF-16; save it as UTF-8 [marianne.profile]",
    ]
    assert run.stderr.splitlines()[-1] == (
        "Build stopped: 7 problems in the checklist profiles (listed above); nothing was "
        f"written to {kit / '_build' / 'html'}."
    )
    assert "checklists/.#site-a.toml: ignored (hidden, lock or backup file)" in run.stdout
    assert _snapshot(kit / "_build" / "html") == before, "build/html untouched"


def test_exclusions_are_checked_before_anything_is_written(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    assert _strict_build(kit).returncode == 0
    before = _snapshot(kit / "_build" / "html", strict=False)
    with (kit / "checklists" / "site-a.toml").open("a", encoding="utf-8") as profile:
        profile.write('excluded = [\n  "LEV-01-99",\n  "LEV-01-01",\n]\n')
    with (kit / "checklists" / "site-b.toml").open("a", encoding="utf-8") as profile:
        profile.write('excluded = ["LEV-01-01"]\n')
    (kit / "checklists" / "site-new.toml").write_text(GOOD_PROFILE, encoding="utf-8")
    run = _strict_build(kit)
    assert run.returncode == 1
    _assert_no_crash_report(run)
    assert _errors(run, kit) == [
        "checklists/site-a.toml:6: ERROR: key 'excluded': unknown lever 'LEV-01-99' "
        "[marianne.profile]",
        "checklists/site-b.toml:5: ERROR: key 'excluded': 'LEV-01-01' is not in this site's "
        "checklist: its channel 'physique' is not among the site's channels [marianne.profile]",
    ]
    assert _snapshot(kit / "_build" / "html", strict=False) == before, "no page, no checklist"


def test_a_content_error_publishes_nothing_and_fails_every_rebuild(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    assert _strict_build(kit).returncode == 0
    before = _snapshot(kit / "_build" / "html", strict=False)
    line = _next_line(kit / "index.md") + 1
    with (kit / "index.md").open("a", encoding="utf-8") as page:
        page.write(LEVER.format(category="n-importe-quoi", body=""))
    for attempt in ("first", "unchanged rebuild"):
        run = _strict_build(kit)
        assert run.returncode == 1, attempt
        _assert_no_crash_report(run)
        errors = _errors(run, kit)
        assert errors[0] == f"<kit>/index.md:{line}: ERROR: Need 'LEV-01-03' has schema violations:"
        assert run.stderr.splitlines()[-1].startswith("Build stopped: 1 problem in the content")
        assert _snapshot(kit / "_build" / "html", strict=False) == before, attempt


def test_raw_markup_in_the_content_is_refused_with_file_and_line(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    body = "\n```{raw} html\n<script>alert(2)</script>\n```\n\nTexte <b>gras</b>.\n"
    lever_line = _next_line(kit / "index.md") + 1
    raw_line, inline_line = lever_line + 8, lever_line + 12
    with (kit / "index.md").open("a", encoding="utf-8") as page:
        page.write(LEVER.format(category="horaires-communication", body=body))
    strict = _strict_build(kit)
    assert strict.returncode == 1
    assert _errors(strict, kit) == [
        f"<kit>/index.md:{raw_line}: ERROR: raw html markup is not allowed in the kit's "
        "content (removed); write the text in Markdown [marianne.raw_markup]",
        f"<kit>/index.md:{inline_line}: ERROR: raw html markup is not allowed in the kit's "
        "content (removed); write the text in Markdown [marianne.raw_markup]",
        f"<kit>/index.md:{inline_line}: ERROR: raw html markup is not allowed in the kit's "
        "content (removed); write the text in Markdown [marianne.raw_markup]",
    ]
    assert not (kit / "_build" / "html" / "index.html").exists()
    lenient = _sphinx_build(kit)  # even a build that ignores warnings injects nothing
    page = (kit / "_build" / "html" / "index.html").read_text(encoding="utf-8")
    assert lenient.returncode == 0 and "Texte" in page and "gras" in page
    assert "<script>alert" not in page and "<b>" not in page


def test_source_notes_problems_are_all_reported_with_the_entry(tmp_path: Path) -> None:
    notes = tmp_path / "notes.toml"
    notes.write_text(
        '[[erratum]]\nengagement = 1\nsource = "a"\nrestored = "b"\nkind = "typo"\n'
        'levers = []\nnote = ""\n\n[[decision]]\nengagement = 2\nkind = "x"\n',
        encoding="utf-8",
    )
    entries, problems = load_source_notes(notes, "docs/notes.toml")
    assert entries == {"erratum": [], "decision": []}
    assert [str(problem) for problem in problems] == [
        "docs/notes.toml: key '[[erratum]] #1': kind 'typo' is not one of ['bruit', 'conjecture', "
        "'coquille', 'graphie', 'lecture', 'numéro']",
        "docs/notes.toml: key '[[decision]] #1': missing keys ['levers', 'note']",
    ]


def test_a_bad_configuration_value_is_one_line_not_a_crash_report(tmp_path: Path) -> None:
    kit = _kit(tmp_path)
    with (kit / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write('marianne_referential_version = "  "\n')
    run = _strict_build(kit)
    assert run.returncode == 1
    _assert_no_crash_report(run)
    assert _errors(run, kit) == [
        "ERROR: conf.py: key 'marianne_referential_version': must be a non-empty string "
        "[marianne.config]"
    ]
