"""The CSV checklist: one row per lever (not per line), so a spreadsheet can sort and count levers.

Every lever of the site is a row, in the kit's order; levers assessed on one
shared line name that line's key, so a referent can fill each line once.
"""

from __future__ import annotations

from typing import Final

from ..french_csv import Cell, french_csv
from ..kit.grouping import category_label, channel_label
from . import checklist_text as text
from .checklist_info import CSV_IDENTIFICATION
from .checklist_pdf_layout import TextMeasure
from .scope import Checklist

CSV_COLUMNS: Final = (
    *CSV_IDENTIFICATION, "ID", "Engagement", "Canal", "Catégorie", "Levier",
    "Ligne d’évaluation", "Statut", "Responsable", "Échéance", "Commentaire / preuve",
)  # fmt: skip


def checklist_csv(
    checklist: Checklist, meta: text.ChecklistMeta, measure: TextMeasure | None = None
) -> bytes:
    """The CSV bytes (``measure`` unused: every writer takes the same arguments)."""
    profile = checklist.profile
    rows: list[list[Cell]] = [
        [
            profile.name, profile.slug, profile.year, meta.edition, lever.id, lever.commitment,
            channel_label(lever.channel), category_label(lever.category), lever.title, lever.line,
            "", "", "", "",
        ]
        for lever in checklist.levers
    ]  # fmt: skip
    return french_csv(CSV_COLUMNS, rows)
