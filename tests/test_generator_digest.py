"""The checklists' fingerprint covers every module that shapes the files, wherever it lives.

The manifest regenerates a site's files when this fingerprint changes. It reads
module files from disk by path, so a module moved to another package and not
followed there would silently drop out of it, and an edit to that module would
leave stale checklists behind.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import marianne_kit
import pytest
from marianne_kit.checklists.checklist_files import generator_digest

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


@pytest.fixture
def package_copy(tmp_path: Path) -> Path:
    """A copy of the extension's source tree that a test may edit."""
    copy = tmp_path / "marianne_kit"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("__pycache__"))
    return copy


@pytest.mark.parametrize("module", SHAPING)
def test_editing_a_shaping_module_changes_the_fingerprint(package_copy: Path, module: str) -> None:
    before = generator_digest(package_copy)
    with (package_copy / module).open("a", encoding="utf-8") as source:
        source.write("\n# edited\n")
    assert generator_digest(package_copy) != before


def test_editing_a_page_module_keeps_the_fingerprint(package_copy: Path) -> None:
    """The catalogue page does not shape the checklists: no regeneration for it."""
    before = generator_digest(package_copy)
    with (package_copy / "catalogue" / "catalogue.py").open("a", encoding="utf-8") as source:
        source.write("\n# edited\n")
    assert generator_digest(package_copy) == before
