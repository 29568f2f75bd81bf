"""A site's results in numbers: completion, scores, commitments met, changes between years.

Plain functions over :class:`~marianne_kit.results.model.SiteResults` and the
resolved needs (plain mappings, as in ``needs.json``), so the dashboard's
numbers can be checked without Sphinx. The rules the issue sets:

- a lever is *filled* when it has a status; a grid is *complete* when every
  lever is filled, and only a complete grid (or group of levers) gets a score;
- the score is the share of *applicable* levers « En place »: « Non
  applicable » levers are out of the denominator;
- changes compare a year with the previous year of results: levers newly in
  place, and regressions (« En place » then, another filled status now).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from ..results.model import SiteResults

IN_PLACE: Final = "En place"
NOT_APPLICABLE: Final = "Non applicable"
MET: Final = "Oui"


@dataclass(frozen=True)
class Tally:
    """Counts over a group of levers (the whole grid, one commitment or one channel)."""

    total: int = 0
    filled: int = 0
    in_place: int = 0
    not_applicable: int = 0

    @property
    def complete(self) -> bool:
        return self.total > 0 and self.filled == self.total

    @property
    def applicable(self) -> int:
        return self.total - self.not_applicable

    @property
    def completion(self) -> int:
        """Whole percent of levers with a status (0 for an empty group)."""
        return round(100 * self.filled / self.total) if self.total else 0

    @property
    def score(self) -> int | None:
        """Whole percent of applicable levers in place; None unless complete and applicable."""
        if not self.complete or self.applicable == 0:
            return None
        return round(100 * self.in_place / self.applicable)

    def add(self, status: str) -> Tally:
        return Tally(
            self.total + 1,
            self.filled + bool(status),
            self.in_place + (status == IN_PLACE),
            self.not_applicable + (status == NOT_APPLICABLE),
        )


@dataclass(frozen=True)
class YearSummary:
    """One year of a site's results, counted."""

    year: int
    example: bool
    grid: Tally
    by_commitment: dict[str, Tally]
    by_channel: dict[str, Tally]
    #: Status -> number of levers ("" = not filled).
    statuses: dict[str, int]
    commitments_met: int
    commitments_judged: int
    #: Levers carried over from last year and sent back unconfirmed.
    unreviewed: int
    #: Lever IDs of the results that are no longer levers of the referential.
    unknown: tuple[str, ...]


@dataclass(frozen=True)
class Changes:
    """What moved from ``before`` to ``after`` (lever IDs, sorted)."""

    before: int
    after: int
    newly_in_place: tuple[str, ...]
    regressions: tuple[str, ...]


def is_judged(verdict: str) -> bool:
    """Whether a commitment counts in « engagements tenus » (not « Non applicable »)."""
    return verdict != NOT_APPLICABLE


def is_met(verdict: str) -> bool:
    """Whether « Engagement tenu ? » says the commitment is met."""
    return verdict == MET


def lever_index(needs: Iterable[Mapping[str, Any]]) -> dict[str, Mapping[str, Any]]:
    """Lever ID -> its need."""
    return {need["id"]: need for need in needs if need.get("type") == "lever"}


def summarise(results: SiteResults, levers: Mapping[str, Mapping[str, Any]]) -> YearSummary:
    """Count one results file; ``levers`` from :func:`lever_index`.

    Each lever counts once in the grid, and once under each of its commitments
    (a shared action counts for every commitment it serves), and under its channel.
    """
    grid = Tally()
    by_commitment: dict[str, Tally] = {}
    by_channel: dict[str, Tally] = {}
    statuses: dict[str, int] = {}
    unknown: list[str] = []
    unreviewed = 0
    for lever_id, result in sorted(results.levers.items()):
        need = levers.get(lever_id)
        if need is None:
            unknown.append(lever_id)
            continue
        status = result.status
        grid = grid.add(status)
        statuses[status] = statuses.get(status, 0) + 1
        for commitment in need.get("commitment") or ():
            by_commitment[commitment] = by_commitment.get(commitment, Tally()).add(status)
        channel = str(need.get("channel") or "")
        by_channel[channel] = by_channel.get(channel, Tally()).add(status)
        unreviewed += not result.reviewed
    verdicts = [results.commitments[key].verdict for key in sorted(results.commitments)]
    judged = [verdict for verdict in verdicts if is_judged(verdict)]
    return YearSummary(
        year=results.year,
        example=results.example,
        grid=grid,
        by_commitment=dict(sorted(by_commitment.items())),
        by_channel=by_channel,
        statuses=statuses,
        commitments_met=sum(is_met(verdict) for verdict in judged),
        commitments_judged=len(judged),
        unreviewed=unreviewed,
        unknown=tuple(unknown),
    )


def changes(before: SiteResults, after: SiteResults) -> Changes:
    """Levers newly « En place » in ``after``, and levers « En place » in ``before`` that
    ``after`` gives another status (a blank status is not yet a regression)."""
    newly: list[str] = []
    regressions: list[str] = []
    for lever_id, result in sorted(after.levers.items()):
        old = before.levers.get(lever_id)
        if old is None:
            continue
        if result.status == IN_PLACE and old.status != IN_PLACE:
            newly.append(lever_id)
        elif old.status == IN_PLACE and result.status not in ("", IN_PLACE):
            regressions.append(lever_id)
    return Changes(before.year, after.year, tuple(newly), tuple(regressions))


def site_years(by_year: Mapping[int, SiteResults]) -> list[SiteResults]:
    """The site's results, oldest first."""
    return [by_year[year] for year in sorted(by_year)]


def latest_changes(years: Sequence[SiteResults]) -> Changes | None:
    """Changes between the last two years of results (None with fewer than two)."""
    if len(years) < 2:
        return None
    return changes(years[-2], years[-1])
