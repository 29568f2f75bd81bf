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
from .prefill import NOT_REVIEWED, carried_line
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
    if checklist.prefill is None:
        return french_csv(CSV_COLUMNS, rows)
    return french_csv(*_prefilled(checklist, rows))


def _prefilled(checklist: Checklist, rows: list[list[Cell]]) -> tuple[list[str], list[list[Cell]]]:
    """Pre-fill: « Statut N−1 » before « Statut », « Revu » after it, last year's answers in
    « Statut » and the follow-up columns (found by header, wherever they are)."""
    assert checklist.prefill is not None
    header = list(CSV_COLUMNS)
    at = header.index("Statut")
    header[at : at + 1] = [checklist.prefill.previous_header, "Statut", "Revu"]
    follow_up = [header.index(name) for name in ("Responsable", "Échéance", "Commentaire / preuve")]
    filled = []
    for lever, row in zip(checklist.levers, rows, strict=True):
        line = carried_line(checklist.prefill, (lever.id,))
        row = row[:at] + [line.previous, line.status, NOT_REVIEWED] + row[at + 1 :]
        for index, value in zip(follow_up, (line.owner, line.due, line.comment), strict=True):
            row[index] = value
        filled.append(row)
    return header, filled
