"""The network's figures: per group and year, over the sites below it, never one site's own.

For each group (and each site that has members, and the whole network, slug
``""``) and each year of results: the sites in the group and how many sent
their results; per commitment, how many sites judged it and how many met it
(the dashboards' own definition, :func:`..dashboards.scores.is_met`); per
lever, how many sites list it and how many gave each status; the movement of
the shares since the previous year of results. Computed once for the whole
network in one pass over the results, then rolled up the tree.

**The minimum-size rule.** A figure over fewer than ``minimum`` sites (2 by
default) is not given: the result holds a :class:`Withheld` with the reason
instead of the figures, so no page or export can show it by mistake. Each
figure is a sum over sites, and the population differs by figure (sites in the
group; sites listing a commitment; sites listing a lever), so the rule holds
per figure, over its own population. Withholding a small group is not enough:
a region's figure minus its published départements' would give the small one
back. So the rule also applies to what can be *derived*: for each published
figure, the sites it covers beyond its published sub-groups (its residual)
must number 0 or at least ``minimum``; otherwise the published sub-group with
the smallest residual is withheld too (one whose figures are just the sum of
its own published sub-groups' is withheld first, exposing them).
With nested groups (a tree), every difference of published figures is a union
of such residuals, so none is over fewer than ``minimum`` sites.

What the rule does not hide, as with any threshold rule: a share of 0 % or
100 % over a group says every site's answer; and figures over the sites that
list a lever tell that they sent results. No Sphinx here.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Final

from ..dashboards.scores import is_judged, is_met
from ..results.model import STATUSES, SiteResults
from .hierarchy import Hierarchy

DEFAULT_MINIMUM: Final = 2
#: A lever's counts, in this order: « En place », « En cours », « À engager »,
#: « Non applicable », then not filled in ("").
LEVER_CATEGORIES: Final = (*STATUSES, "")
_CATEGORY: Final = {status: index for index, status in enumerate(LEVER_CATEGORIES)}
NBSP: Final = "\u00a0"


@dataclass(frozen=True)
class Withheld:
    """A figure that is not given, and why (French, shown in its place)."""

    reason: str


def small_group_reason(minimum: int) -> str:
    """The group has fewer sites than the rule allows (membership is public)."""
    return f"Non publié{NBSP}: ce groupe compte moins de {minimum}{NBSP}sites."


def complement_reason(minimum: int) -> str:
    """Published, these figures would give back, by difference, those of a smaller group."""
    return (
        f"Non publié{NBSP}: rapprochés de ceux d’un autre groupe, ces chiffres donneraient "
        f"ceux de moins de {minimum}{NBSP}sites."
    )


def data_reason(minimum: int) -> str:
    """One reason for both cases when the population depends on the answers: telling
    them apart would say whether one site answered."""
    return (
        f"Non publié{NBSP}: moins de {minimum}{NBSP}sites concernés, ou chiffre qui "
        "permettrait de retrouver par différence ceux de moins de "
        f"{minimum}{NBSP}sites."
    )


@dataclass(frozen=True)
class Transmission:
    """« 12 sites sur 15 ont transmis leur autoévaluation »."""

    sites: int
    transmitted: int


@dataclass(frozen=True)
class CommitmentFigures:
    """Over the sites whose results list the commitment."""

    listed: int
    #: Sites whose answer counts (not « Non applicable », as on the dashboards).
    judged: int
    met: int

    def rate(self) -> float | None:
        """Percent of judging sites that met it, unrounded (for movements)."""
        return 100 * self.met / self.judged if self.judged else None

    @property
    def share_met(self) -> int | None:
        """Whole percent of judging sites that met it (None when none judged it)."""
        return round(100 * self.met / self.judged) if self.judged else None


@dataclass(frozen=True)
class LeverFigures:
    """Over the sites whose results list the lever (it is in their checklist)."""

    listed: int
    in_place: int
    in_progress: int
    to_start: int
    not_applicable: int
    unanswered: int

    @property
    def applicable(self) -> int:
        """Sites where the lever applies: listed, not « Non applicable »."""
        return self.listed - self.not_applicable

    def rate(self) -> float | None:
        """Percent of applicable sites « En place », unrounded (for movements)."""
        applicable = self.listed - self.not_applicable
        return 100 * self.in_place / applicable if applicable else None

    def share(self, count: int) -> int | None:
        """Whole percent of ``count`` over the sites where it applies (None: nowhere)."""
        return round(100 * count / self.applicable) if self.applicable else None


@dataclass(frozen=True)
class Movement:
    """Change of a share since ``previous`` year, in whole percentage points."""

    previous: int
    points: int


@dataclass(frozen=True)
class GroupYear:
    """One group's figures for one year; every figure may be :class:`Withheld`."""

    slug: str
    year: int
    #: The sites the figures are over (membership is public: the profiles say it).
    sites: tuple[str, ...]
    transmission: Transmission | Withheld
    commitments: Mapping[str, CommitmentFigures | Withheld]
    levers: Mapping[str, LeverFigures | Withheld]
    #: Share of sites meeting each commitment, since the previous year (both published).
    commitment_movements: Mapping[str, Movement]
    #: Share of sites where each lever is « En place », since the previous year.
    lever_movements: Mapping[str, Movement]


@dataclass(frozen=True)
class NetworkAggregates:
    """Every group's figures by year; slug ``""`` is the whole network."""

    minimum: int
    years: tuple[int, ...]
    groups: Mapping[str, Mapping[int, GroupYear]]


@dataclass
class _Counts:
    """Running sums of one node for one year."""

    transmitted: int = 0
    #: Commitment ID -> [listed, judged, met].
    commitments: dict[str, list[int]] = field(default_factory=dict)
    #: Lever ID -> counts per :data:`LEVER_CATEGORIES`.
    levers: dict[str, list[int]] = field(default_factory=dict)

    def add_results(self, results: SiteResults) -> None:
        self.transmitted += 1
        for commitment, answer in results.commitments.items():
            counts = self.commitments.setdefault(commitment, [0, 0, 0])
            judged = is_judged(answer.verdict)
            counts[0] += 1
            counts[1] += judged
            counts[2] += judged and is_met(answer.verdict)
        for lever, result in results.levers.items():
            self.levers.setdefault(lever, [0, 0, 0, 0, 0])[_CATEGORY[result.status]] += 1

    def add(self, other: _Counts) -> None:
        self.transmitted += other.transmitted
        for mine, theirs in ((self.commitments, other.commitments),
                             (self.levers, other.levers)):  # fmt: skip
            for key, values in theirs.items():
                counts = mine.setdefault(key, [0] * len(values))
                for index, value in enumerate(values):
                    counts[index] += value


def publishable(
    units: tuple[str, ...],
    unit_children: Mapping[str, tuple[str, ...]],
    weight: Mapping[str, int],
    minimum: int,
) -> dict[str, bool]:
    """Which units' figures of one measure may be published (see the module's rule).

    ``units`` children first; ``unit_children`` the units directly below each
    unit (sites without members are not units: they only count in ``weight``,
    the number of sites each unit's figure is over).
    """
    shown: dict[str, bool] = {}
    residual: dict[str, int] = {}
    #: Unit -> its topmost published units below it (what its parent sees through it).
    exposed: dict[str, list[str]] = {}
    for unit in units:
        below: list[str] = []
        for child in unit_children.get(unit, ()):
            below += [child] if shown[child] else exposed[child]
        exposed[unit] = below
        total = weight[unit]
        rest = total - sum(weight[node] for node in below)
        if total < minimum:
            shown[unit] = False
            continue
        while 0 < rest < minimum:
            # Withhold the published unit below with the fewest sites of its own; only when
            # each is the mere sum of units below it, withhold one to expose them.
            hidden = min(below, key=lambda node: (residual[node] == 0, residual[node], node))
            shown[hidden] = False
            below.remove(hidden)
            below += exposed[hidden]
            rest += residual[hidden]
        shown[unit] = True
        residual[unit] = rest
    return shown


def aggregate(
    hierarchy: Hierarchy,
    results: Mapping[str, Mapping[int, SiteResults]],
    minimum: int = DEFAULT_MINIMUM,
) -> NetworkAggregates:
    """Every group's figures for every year of ``results`` (site -> year -> results)."""
    if minimum < 1:
        raise ValueError(f"minimum must be at least 1, not {minimum}")
    unknown = sorted(results.keys() - hierarchy.sites.keys())
    if unknown:
        raise ValueError(f"results of sites outside the network: {', '.join(unknown)}")
    units = hierarchy.units()
    unit_set = set(units)
    unit_children = {
        unit: tuple(c for c in hierarchy.children.get(unit, ()) if c in unit_set) for unit in units
    }
    sites = {unit: hierarchy.sites_under(unit) for unit in units}
    years = tuple(sorted({year for by_year in results.values() for year in by_year}))
    counts: dict[int, dict[str, _Counts]] = {
        year: {unit: _Counts() for unit in units} for year in years
    }
    for site, by_year in sorted(results.items()):
        # The site's own unit if it has members, else the one it belongs to.
        owner = site if site in unit_set else hierarchy.parents.get(site, "")
        for year, site_results in by_year.items():
            counts[year][owner].add_results(site_results)
    structure = {unit: len(sites[unit]) for unit in units}
    structure_shown = publishable(units, unit_children, structure, minimum)
    groups: dict[str, dict[int, GroupYear]] = {unit: {} for unit in units}
    previous: dict[str, GroupYear] = {}
    for year in years:
        totals = counts[year]
        for unit in units:  # children first: their totals are final
            for child in unit_children[unit]:
                totals[unit].add(totals[child])
        figures = _year_figures(units, unit_children, totals, minimum)
        for unit in units:
            transmission: Transmission | Withheld = (
                Transmission(structure[unit], totals[unit].transmitted)
                if structure_shown[unit]
                else Withheld(
                    small_group_reason(minimum)
                    if structure[unit] < minimum
                    else complement_reason(minimum)
                )
            )
            commitments, levers = figures[unit]
            before = previous.get(unit)
            group_year = GroupYear(
                unit, year, sites[unit], transmission, commitments, levers,
                _movements(before.commitments if before else {}, commitments, before),
                _movements(before.levers if before else {}, levers, before),
            )  # fmt: skip
            groups[unit][year] = group_year
            previous[unit] = group_year
    return NetworkAggregates(minimum, years, groups)


def _year_figures(
    units: tuple[str, ...],
    unit_children: Mapping[str, tuple[str, ...]],
    totals: Mapping[str, _Counts],
    minimum: int,
) -> dict[str, tuple[dict[str, CommitmentFigures | Withheld], dict[str, LeverFigures | Withheld]]]:
    """Each unit's commitment and lever figures for one year, the rule applied per figure."""
    withheld = Withheld(data_reason(minimum))
    out: dict[
        str, tuple[dict[str, CommitmentFigures | Withheld], dict[str, LeverFigures | Withheld]]
    ] = {unit: ({}, {}) for unit in units}
    root = totals[""]
    for commitment in sorted(root.commitments):
        listed = {unit: _get(totals[unit].commitments, commitment, 3)[0] for unit in units}
        shown = publishable(units, unit_children, listed, minimum)
        for unit in units:
            values = _get(totals[unit].commitments, commitment, 3)
            out[unit][0][commitment] = CommitmentFigures(*values) if shown[unit] else withheld
    for lever in sorted(root.levers):
        listed = {unit: sum(_get(totals[unit].levers, lever, 5)) for unit in units}
        shown = publishable(units, unit_children, listed, minimum)
        for unit in units:
            values = _get(totals[unit].levers, lever, 5)
            out[unit][1][lever] = LeverFigures(sum(values), *values) if shown[unit] else withheld
    return out


def _get(table: Mapping[str, list[int]], key: str, size: int) -> list[int]:
    return table.get(key) or [0] * size


def _movements(
    before: Mapping[str, CommitmentFigures | LeverFigures | Withheld],
    after: Mapping[str, CommitmentFigures | LeverFigures | Withheld],
    previous: GroupYear | None,
) -> dict[str, Movement]:
    """Change of each share published both years (the met share, the « En place » share)."""
    if previous is None:
        return {}
    moves: dict[str, Movement] = {}
    for key, now in after.items():
        then = before.get(key)
        if isinstance(now, Withheld) or then is None or isinstance(then, Withheld):
            continue
        new, old = now.rate(), then.rate()
        if new is not None and old is not None:
            moves[key] = Movement(previous.year, round(new - old))
    return moves
