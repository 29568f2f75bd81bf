"""What identifies a filled checklist when it comes back: site, year and edition.

A referent returns the spreadsheet or CSV months later; the results import
(annual loop) must know which site, which year and which edition of the
referential it was filled against, whatever columns the referent added. The
fields are looked up by label, never by position, so the labels here are the
contract (CHECKLIST IDENTIFICATION) and must not change without the import.
"""

from __future__ import annotations

from typing import Final

from .checklist_text import TITLE, ChecklistMeta
from .scope import Checklist

#: The spreadsheet sheet holding the fields, placed after « Synthèse ».
INFO_SHEET: Final = "Informations"
#: Its two column titles.
INFO_COLUMNS: Final = ("Champ", "Valeur")
#: Their widths in centimetres.
INFO_WIDTHS_CM: Final = (5.0, 9.0)
SITE: Final = "Site"
SITE_CODE: Final = "Code du site"
YEAR: Final = "Année"
EDITION: Final = "Édition du référentiel"
GENERATED: Final = "Générée le"
#: The CSV's identification columns, before the lever columns (from « ID » on).
CSV_IDENTIFICATION: Final = ("Site", "Code site", "Année", "Édition")


def info_fields(checklist: Checklist, meta: ChecklistMeta) -> list[tuple[str, str | int]]:
    """(label, value) rows of « Informations »; the year stays a number for the sheet."""
    profile = checklist.profile
    return [
        (SITE, profile.name),
        (SITE_CODE, profile.slug),
        (YEAR, profile.year),
        (EDITION, meta.edition),
        (GENERATED, meta.generated.isoformat()),
    ]


def document_title(checklist: Checklist) -> str:
    """The title property of every format."""
    profile = checklist.profile
    return f"{TITLE} — {profile.name} — {profile.year}"


def document_keywords(checklist: Checklist, meta: ChecklistMeta) -> tuple[str, ...]:
    """Keywords of the document properties: the edition, the site code and the year."""
    return (
        "Référentiel Marianne",
        f"édition {meta.edition}",
        checklist.profile.slug,
        str(checklist.profile.year),
    )


def year_edition(year: int, meta: ChecklistMeta) -> str:
    """« autoévaluation 2026 — édition 2026.2 », the running headers' year part."""
    edition = f" — édition {meta.edition}" if meta.edition else ""
    return f"autoévaluation {year}{edition}"
