"""A site's action plan: the lines still to do, by due date, with what needs attention.

The plan is taken from the site's latest results: every lever « À engager »
or « En cours », with its responsable, échéance and comment. Lines are sorted
by due date (undated last), then by lever ID; a line is *overdue* when its
due date is before the build date (``SOURCE_DATE_EPOCH``), and flagged when it
has no responsable. Plain data: the page and the ODS, XLSX and CSV downloads
are all written from :func:`action_plan`.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final

from ..kit.grouping import channel_label
from ..results.model import SiteResults

#: Statuses whose levers are still to be done, in the order the plan names them.
OPEN_STATUSES: Final = ("À engager", "En cours")
#: Column titles shared by the page and the three downloads.
PLAN_HEADERS: Final = (
    "ID", "Engagements", "Canal", "Levier", "Statut", "Responsable", "Échéance",
    "En retard", "Commentaire / preuve",
)  # fmt: skip
NO_OWNER: Final = "sans responsable"


@dataclass(frozen=True)
class PlanLine:
    """One lever still to do."""

    lever_id: str
    commitments: tuple[str, ...]
    channel: str
    title: str
    status: str
    owner: str
    due: datetime.date | None
    comment: str
    overdue: bool

    @property
    def cells(self) -> tuple[str, ...]:
        """The line as text, one cell per :data:`PLAN_HEADERS` column."""
        return (
            self.lever_id,
            ", ".join(self.commitments),
            channel_label(self.channel) if self.channel else "",
            self.title,
            self.status,
            self.owner,
            self.due.isoformat() if self.due else "",
            "Oui" if self.overdue else "Non",
            self.comment,
        )


@dataclass(frozen=True)
class ActionPlan:
    site: str
    year: int
    example: bool
    today: datetime.date
    lines: tuple[PlanLine, ...]

    @property
    def overdue(self) -> int:
        return sum(line.overdue for line in self.lines)

    @property
    def without_owner(self) -> int:
        return sum(not line.owner for line in self.lines)


def _sort_key(line: PlanLine) -> tuple[bool, datetime.date, str]:
    return (line.due is None, line.due or datetime.date.min, line.lever_id)


def action_plan(
    results: SiteResults, levers: Mapping[str, Mapping[str, Any]], today: datetime.date
) -> ActionPlan:
    """The plan of one year's results; ``levers`` maps lever IDs to needs (others are left out)."""
    lines = []
    for lever_id, result in results.levers.items():
        need = levers.get(lever_id)
        if need is None or result.status not in OPEN_STATUSES:
            continue
        lines.append(
            PlanLine(
                lever_id=lever_id,
                commitments=tuple(need.get("commitment") or ()),
                channel=str(need.get("channel") or ""),
                title=str(need.get("title") or ""),
                status=result.status,
                owner=result.owner,
                due=result.due,
                comment=result.comment,
                overdue=result.due is not None and result.due < today,
            )
        )
    lines.sort(key=_sort_key)
    return ActionPlan(results.site, results.year, results.example, today, tuple(lines))
