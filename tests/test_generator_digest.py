"""The checklists' fingerprint covers every module that shapes the files, wherever it lives.

The records regenerate a site's files when this fingerprint changes. It follows
the writers' imports, so a module moved to another package must still be found
there: one that dropped out would leave stale checklists behind after an edit.
"""

from __future__ import annotations

from pathlib import Path

import marianne_kit
from marianne_kit.checklists import checklist_files
from marianne_kit.checklists.source_closure import source_closure

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
