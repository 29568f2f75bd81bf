"""What a filled checklist says, per lever and per commitment, for one site and year.

Results are data about a site, kept apart from the referential: the build
reads them, the import writes them, and nothing in ``kit/`` depends on them.
Statuses and verdicts are the checklists' own words, so a results file reads
like the checklist it came from.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Final

#: A lever line's status, as the checklists offer it; "" = not filled in yet.
STATUSES: Final = ("En place", "En cours", "À engager", "Non applicable")
#: The answer to « Engagement tenu ? »; "" = not answered.
VERDICTS: Final = ("Oui", "Non", "Non applicable")


@dataclass(frozen=True)
class LeverResult:
    """One lever's row of the filled checklist.

    ``reviewed`` is False when the status was carried over from last year's
    results into a pre-filled checklist and sent back unchanged without being
    confirmed: the dashboard counts those so nothing stale passes as checked.
    """

    status: str = ""
    owner: str = ""
    due: datetime.date | None = None
    comment: str = ""
    reviewed: bool = True


@dataclass(frozen=True)
class CommitmentResult:
    """One commitment's row of the « Synthèse »: « Engagement tenu ? » and its indicator."""

    verdict: str = ""
    indicator: str = ""


@dataclass(frozen=True)
class SiteResults:
    """Everything one imported checklist says: ``results/<site>/<year>.toml``."""

    site: str
    year: int
    #: The referential edition the checklist was generated from (``2026.2``).
    edition: str
    #: The day the file was imported (``SOURCE_DATE_EPOCH`` when set).
    imported: datetime.date
    #: SHA-256 of the imported file's bytes, hex: importing it again changes nothing.
    source_sha256: str
    #: The imported file's name (no directory), for the reader's information only.
    source_name: str = ""
    #: Demonstration data shipped with the kit: every page showing it says so.
    example: bool = False
    levers: dict[str, LeverResult] = field(default_factory=dict)
    commitments: dict[str, CommitmentResult] = field(default_factory=dict)
