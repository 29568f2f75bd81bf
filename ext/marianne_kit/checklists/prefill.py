"""Last year's answers carried into this year's checklist (the PRE-FILL COLUMNS contract).

When a site has results for year N−1 and its profile says N, every format of
its checklist shows each line's status of N−1 (« nouveau » for a lever that
was not in last year's results), pre-fills the status, responsable, échéance
and commentaire with last year's, and adds a « Revu » column pre-set to
« Non »: the import then tells a confirmed answer from one sent back
unchanged. No Sphinx here; the writers read :func:`carried_line`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from ..results.model import LeverResult, SiteResults

NEW_LABEL: Final = "nouveau"
REVIEWED_VALUES: Final = ("Oui", "Non")
NOT_REVIEWED: Final = "Non"


@dataclass(frozen=True)
class Prefill:
    """Last year's lever results of the site (``year`` = N−1)."""

    year: int
    levers: Mapping[str, LeverResult]
    #: Last year's results are example data: the page showing them says so.
    example: bool = False

    @classmethod
    def of(cls, results: SiteResults) -> Prefill:
        return cls(results.year, dict(results.levers), results.example)

    @property
    def previous_header(self) -> str:
        """« Statut 2025 »: the column title naming last year."""
        return f"Statut {self.year}"


@dataclass(frozen=True)
class CarriedLine:
    """What a line shows from last year; ``new`` when none of its levers was assessed."""

    previous: str
    status: str
    owner: str
    due: str
    comment: str
    new: bool


def carried_line(prefill: Prefill, lever_ids: tuple[str, ...]) -> CarriedLine:
    """A line's carried answers: those of its first lever found in last year's results."""
    for lever_id in lever_ids:
        result = prefill.levers.get(lever_id)
        if result is not None:
            due = result.due.isoformat() if result.due else ""
            return CarriedLine(
                result.status, result.status, result.owner, due, result.comment, False
            )
    return CarriedLine(NEW_LABEL, "", "", "", "", True)


def carried_text(prefill: Prefill, lever_ids: tuple[str, ...]) -> str:
    """Last year's answers of a pre-filled line, printed under its text: the referent
    ticks this year's status and says whether the line was reviewed."""
    line = carried_line(prefill, lever_ids)
    if line.new:
        return f"{prefill.previous_header}\u00a0: {line.previous} (levier nouveau)."
    parts = [f"{prefill.previous_header}\u00a0: {line.previous or 'non renseigné'}"]
    parts += [
        f"{label}\u00a0: {value}"
        for label, value in (
            ("Responsable", line.owner), ("Échéance", line.due), ("Commentaire", line.comment)
        )
        if value
    ]  # fmt: skip
    return " · ".join(parts) + ". Revu\u00a0: oui / non."
