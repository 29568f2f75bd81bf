"""The checklists' fingerprint covers every module that shapes the files, wherever it lives.

The records regenerate a site's files when this fingerprint changes. It follows
the writers' imports, so a module moved to another package must still be found
there: one that dropped out would leave stale checklists behind after an edit.
"""

from __future__ import annotations

import ast
from pathlib import Path

import marianne_kit
import pytest
from marianne_kit.checklists import checklist_files
from marianne_kit.checklists.source_closure import import_statements, source_closure

PACKAGE = Path(marianne_kit.__file__).resolve().parent

#: Paths from the package root of the modules whose code shapes the checklist files.
SHAPING = (
    "checklists/checklist_files.py",
    "checklists/checklist_html.py",
    "checklists/checklist_ods.py",
    "checklists/checklist_pdf.py",
    "checklists/checklist_pdf_layout.py",
    "checklists/checklist_sheets.py",
    "checklists/checklist_text.py",
    "checklists/checklist_xlsx.py",
    "checklists/fonts.py",
    "checklists/profiles.py",
    "checklists/scope.py",
    "checklists/sheet_layout.py",
    "checklists/zip_package.py",
    "french_csv.py",
    "kit/grouping.py",
    "kit/model.py",
)


def test_every_shaping_module_is_in_the_fingerprint_wherever_it_lives() -> None:
    """The fingerprint reads the writers' imports: each module above is found in its package."""
    covered = {
        path.resolve().relative_to(PACKAGE).as_posix()
        for _, path in source_closure([checklist_files.__name__])
    }
    assert set(SHAPING) <= covered
    assert "catalogue/catalogue.py" not in covered, "the catalogue page does not shape checklists"


def _every_import(source: str) -> set[str]:
    tree = ast.parse(source)
    return {
        ast.dump(node) for node in ast.walk(tree) if isinstance(node, ast.Import | ast.ImportFrom)
    }


@pytest.mark.parametrize(
    "module", sorted(p.relative_to(PACKAGE).as_posix() for p in PACKAGE.rglob("*.py"))
)
def test_the_import_scan_misses_no_import_of_the_package(module: str) -> None:
    """Only import lines are parsed (speed): each module's imports, nested ones too, are
    all found, as the full parser finds them."""
    source = (PACKAGE / module).read_text(encoding="utf-8")
    found = {ast.dump(node) for node in import_statements(source)}
    assert _every_import(source) <= found


def test_the_import_scan_reads_continuations_and_falls_back_on_odd_lines() -> None:
    source = (
        "from a import (\n    b,\n    c,\n)\n"
        "def f():\n    import d.e as f\n"
        "x = 1 + \\\n    2\n"
        "from g import h, \\\n    i\n"
    )
    assert {ast.dump(n) for n in import_statements(source)} == _every_import(source)
    docstring = '"""Helpers.\n\nfrom the sources, every file (parsed) is read\n"""\nimport j\n'
    assert [ast.dump(n) for n in import_statements(docstring)] == [
        ast.dump(ast.parse("import j").body[0])
    ]
