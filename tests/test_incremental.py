"""Incremental builds are as correct as clean builds.

Each scenario builds once from scratch, changes the sources (or not), then builds
again on the same output and doctrees, as ``sphinx-build`` run twice does.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path

import pytest
from conftest import (
    ROOTS,
    BuildResult,
    build_root,
    build_site,
    run_sphinx,
)
from marianne_kit.site.duplicate_ids import NeedDefinition, pages_to_read_again

# --- Which pages are read again (plain function) -------------------------------------


def test_pages_with_unique_created_needs_are_not_read_again() -> None:
    definitions = {
        "levers/eng-01": [
            NeedDefinition("LEV-01-01", 7, True),
            NeedDefinition("LEV-01-02", 16, True),
        ],
        "commitments/eng-01": [NeedDefinition("ENG-01", 3, True)],
    }
    assert pages_to_read_again(definitions) == set()


def test_a_definition_that_failed_is_read_again() -> None:
    definitions = {
        "index": [NeedDefinition("ENG-01", 3, True), NeedDefinition("LEV-1-01", 13, False)],
        "other": [NeedDefinition("LEV-01-02", 3, True)],
    }
    assert pages_to_read_again(definitions) == {"index"}


def test_an_id_created_on_two_pages_reads_both_again() -> None:
    """Parallel read: each worker created its copy; the duplicate shows only here."""
    definitions = {
        "courrier": [NeedDefinition("LEV-01-01", 3, True)],
        "physique": [NeedDefinition("LEV-01-01", 3, True)],
        "engagement": [NeedDefinition("ENG-01", 3, True)],
    }
    assert pages_to_read_again(definitions) == {"courrier", "physique"}


def test_an_id_defined_twice_on_one_page_reads_it_again() -> None:
    definitions = {
        "index": [NeedDefinition("LEV-01-01", 13, True), NeedDefinition("LEV-01-01", 22, False)]
    }
    assert pages_to_read_again(definitions) == {"index"}


# --- The real site: one lever's text edited -------------------------------------------

OLD_LEVER = "Mettre à disposition des usagers une liste d’interprètes"
NEW_LEVER = "Mettre à disposition des usagers un annuaire d’interprètes"

#: Output files showing LEV-05-04's text (the site checklists show it too); a stale one
#: keeps the old text.
PAGES_SHOWING_LEV_05_04 = [
    "catalogue.html",
    "checklists/kit-complet.html",
    "commitments/eng-05.html",
    "levers/eng-05.html",
    "tracabilite/actions-engagements.csv",
    "tracabilite/actions-engagements.html",
]


#: Pages Sphinx writes again whenever a page of their table of contents is written (its
#: ``files_to_rebuild``): the parents of the pages above, whatever they show.
TOCTREE_PARENTS = {
    "commitments/index.html",
    "index.html",
    "levers/index.html",
    "services-publics-plus/index.html",
    "tracabilite/index.html",
}


def _mtimes(folder: Path) -> dict[str, int]:
    return {p.relative_to(folder).as_posix(): p.stat().st_mtime_ns for p in folder.rglob("*.*")}


def _document_pages(srcdir: Path) -> list[str]:
    """The HTML file of every source page, from the sources (not from what was written)."""
    pages = sorted(p.relative_to(srcdir).with_suffix(".html").as_posix()
                   for p in srcdir.rglob("*.md"))  # fmt: skip
    assert len(pages) > 50
    return pages


def test_editing_one_lever_updates_every_page_showing_it(tmp_path: Path, site: BuildResult) -> None:
    """No title changes, so only the needs hook (``incremental.py``) can update these; a page
    not showing the lever is left as it was, and the result is the clean build's."""
    first = build_site(tmp_path / "work")
    assert first.status == 0
    for name in PAGES_SHOWING_LEV_05_04:
        assert OLD_LEVER in (first.outdir / name).read_text(encoding="utf-8"), name
    before = _mtimes(first.outdir)
    page = first.srcdir / "levers" / "eng-05.md"
    source = page.read_text(encoding="utf-8")
    assert source.count(OLD_LEVER) == 1
    page.write_text(source.replace(OLD_LEVER, NEW_LEVER), encoding="utf-8")
    # A silent text change fails the build (editions/snapshot.py); this test is about the
    # pages showing the lever, so the check looks for snapshots where there are none (a
    # value that reads no page again when it changes).
    conf = first.srcdir.parent / "conf.py"
    settings = conf.read_text(encoding="utf-8")
    conf.write_text(settings + '\nmarianne_snapshots = "no-snapshots"\n', encoding="utf-8")

    edited = run_sphinx(first.srcdir, first.srcdir.parent, first.outdir, fresh=False)

    assert (edited.status, edited.warning_lines()) == (0, [])
    for name in PAGES_SHOWING_LEV_05_04:
        text = (first.outdir / name).read_text(encoding="utf-8")
        assert NEW_LEVER in text, f"{name} was not updated"
        assert OLD_LEVER not in text, f"{name} still shows the old text"

    # Exactly the pages showing the new text, and their tables of contents, were written.
    after = _mtimes(first.outdir)
    showing, rewritten = set(), set()
    for name in _document_pages(first.srcdir):
        if NEW_LEVER in (first.outdir / name).read_text(encoding="utf-8"):
            showing.add(name)
        if after[name] != before[name]:
            rewritten.add(name)
    assert {"catalogue.html", "commitments/eng-05.html", "tracabilite/actions-engagements.html",
            "levers/eng-05.html"} <= showing  # fmt: skip
    assert rewritten == showing | TOCTREE_PARENTS
    matrices = {name for name in after if name.startswith("tracabilite/") and name.endswith(".csv")}
    assert len(matrices) == 5
    assert {name for name in matrices if after[name] != before[name]} == {
        "tracabilite/actions-engagements.csv"
    }

    # The same sources built from scratch give the same files.
    clean = run_sphinx(first.srcdir, first.srcdir.parent, tmp_path / "clean" / "html")
    assert (clean.status, clean.warning_lines()) == (0, [])
    assert _differences(clean.outdir, first.outdir) == []

    # Edited back, the sources are the project's again: the session's clean build of
    # the project is the reference, file for file.
    page.write_text(source, encoding="utf-8")
    conf.write_text(settings, encoding="utf-8")
    restored = run_sphinx(first.srcdir, first.srcdir.parent, first.outdir, fresh=False)
    assert (restored.status, restored.warning_lines()) == (0, [])
    assert _differences(site.outdir, first.outdir) == []


def _differences(reference: Path, other: Path) -> list[str]:
    files = sorted(str(p.relative_to(reference)) for p in reference.rglob("*") if p.is_file())
    assert len(files) > 100
    others = sorted(str(p.relative_to(other)) for p in other.rglob("*") if p.is_file())
    assert others == files
    _, mismatch, errors = filecmp.cmpfiles(reference, other, files, shallow=False)
    return mismatch + errors


# --- Bad need definitions: reported at every build until fixed ------------------------

#: root, page to fix, text to fix, fixed text, the first build's only warning.
BAD_DEFINITIONS = {
    "duplicate-id": (
        "index.md",
        ":id: LEV-01-01\n:commitment: ENG-01\n:channel: courrier",
        ":id: LEV-01-02\n:commitment: ENG-01\n:channel: courrier",
        "<src>/index.md:22: WARNING: Need could not be created: A need with ID 'LEV-01-01' "
        "already exists (defined at index:13). [needs.create_need]",
    ),
    "duplicate-id-pages": (
        "physique.md",
        ":id: LEV-01-01",
        ":id: LEV-01-02",
        "<src>/physique.md:3: WARNING: Need could not be created: A need with ID 'LEV-01-01' "
        "already exists (defined at courrier:3). [needs.create_need]",
    ),
    "malformed-id": (
        "index.md",
        ":id: LEV-1-01",
        ":id: LEV-01-02",
        "<src>/index.md:13: WARNING: Need could not be created: Given ID 'LEV-1-01' does not "
        "match configured regex '^(ENG-(0[1-9]|1[0-9])|LEV-(0[1-9]|1[0-9])-[0-9]{2}|"
        "BP-[A-Z0-9]+(-[A-Z0-9]+)*|SPP-[1-8]|SPX-[A-Z0-9]+(-[A-Z0-9]+)*)$' [needs.create_need]",
    ),
}

#: The page that shows the fixed lever LEV-01-02, and how.
FIXED_LEVER_SHOWN = {
    "duplicate-id": (
        "index.html",
        '<span class="mk-need-text">Afficher les horaires d’ouverture à l’extérieur du '
        "bâtiment</span>",
    ),
    "duplicate-id-pages": (
        "engagement.html",
        "LEV-01-02</a> — Afficher les horaires d’ouverture à l’extérieur du bâtiment",
    ),
    "malformed-id": (
        "index.html",
        '<span class="mk-need-text">Afficher les horaires d’ouverture à l’extérieur du '
        "bâtiment</span>",
    ),
}


def _lines(result: BuildResult) -> list[str]:
    return result.warnings.replace(str(result.srcdir), "<src>").splitlines()


@pytest.mark.parametrize("root", sorted(BAD_DEFINITIONS))
def test_bad_definition_fails_every_build_until_fixed(root: str, tmp_path: Path) -> None:
    page, bad, fixed, warning = BAD_DEFINITIONS[root]
    first = build_root(root, tmp_path)
    assert (first.status, _lines(first)) == (1, [warning])

    unchanged = run_sphinx(first.srcdir, first.srcdir, first.outdir, fresh=False)
    assert (unchanged.status, _lines(unchanged)) == (1, [warning])

    source = first.srcdir / page
    text = source.read_text(encoding="utf-8")
    assert text.count(bad) == 1
    source.write_text(text.replace(bad, fixed), encoding="utf-8")
    repaired = run_sphinx(first.srcdir, first.srcdir, first.outdir, fresh=False)
    assert (repaired.status, _lines(repaired)) == (0, [])
    shown_on, shown_as = FIXED_LEVER_SHOWN[root]
    assert shown_as in (first.outdir / shown_on).read_text(encoding="utf-8")

    again = run_sphinx(first.srcdir, first.srcdir, first.outdir, fresh=False)
    assert (again.status, _lines(again)) == (0, [])


# --- The same with two processes reading (-j 2) ---------------------------------------

#: Read in parallel, the two pages of duplicate-id-pages go to separate workers; the
#: copy sphinx-needs merges second is dropped, and which one that is varies.
PARALLEL_WARNINGS = [
    [
        "<src>/courrier.md:3: WARNING: A need with ID LEV-01-01 already exists, title: "
        "'Indiquer les horaires d’ouverture dans les courriers'. [needs.duplicate_id]"
    ],
    [
        "<src>/physique.md:3: WARNING: A need with ID LEV-01-01 already exists, title: "
        "'Afficher les horaires d’ouverture à l’extérieur du bâtiment'. [needs.duplicate_id]"
    ],
]


def _build_in_parallel(srcdir: Path, *, fresh: bool) -> BuildResult:
    """``sphinx-build -j 2 -W --keep-going`` on a fixture project (its own conf.py)."""
    return run_sphinx(srcdir, srcdir, srcdir / "_build" / "html", fresh=fresh, parallel=2)


def test_duplicate_read_in_parallel_fails_every_build_until_fixed(tmp_path: Path) -> None:
    srcdir = tmp_path / "duplicate-id-pages"
    shutil.copytree(ROOTS / "duplicate-id-pages", srcdir)
    first = _build_in_parallel(srcdir, fresh=True)
    assert first.status == 1
    assert _lines(first) in PARALLEL_WARNINGS

    unchanged = _build_in_parallel(srcdir, fresh=False)
    assert unchanged.status == 1
    assert _lines(unchanged) in PARALLEL_WARNINGS

    source = srcdir / "physique.md"
    source.write_text(
        source.read_text(encoding="utf-8").replace(":id: LEV-01-01", ":id: LEV-01-02"),
        encoding="utf-8",
    )
    repaired = _build_in_parallel(srcdir, fresh=False)
    assert (repaired.status, _lines(repaired)) == (0, [])
