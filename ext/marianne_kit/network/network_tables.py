"""The tables of a network page, as plain data: what the page, its charts and its exports show.

A unit's page (a group, a site with members, the whole network) shows the
network's latest year of results: who sent their self-assessment, each
commitment's share of sites meeting it, each lever's statuses, the most and
least adopted levers per channel, and the movement since the year before. Each
table here is the one source of the page's table, its chart and its CSV and ODS
files, so they cannot disagree.

A figure the minimum-size rule withholds (:mod:`.aggregates`) stays a
:class:`~.aggregates.Withheld` in every cell it would fill: writers print its
reason, never a number. Counts are ``int`` (a number in the spreadsheets),
shares whole percents in columns whose :attr:`Column.unit` is ``"%"``,
movements in columns whose unit is ``"points"``. No Sphinx here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from ..kit.grouping import channel_label
from ..kit.model import CHANNELS, commitment_number
from .aggregates import (
    NBSP,
    GroupYear,
    LeverFigures,
    Movement,
    NetworkAggregates,
    Transmission,
    Withheld,
)
from .hierarchy import Hierarchy

#: A cell: text, a count or a whole percent, a movement (« +12 points depuis 2025 » on
#: the page, the signed points in the spreadsheets), or a withheld figure (its reason).
Cell = str | int | Movement | Withheld
#: How many levers each end of the adoption ranking lists, per channel.
RANKED: Final = 5
NOT_COMPUTED: Final = "non calculé"
NO_MOVEMENT: Final = "—"
#: The page slug of the whole network (its unit slug is "").
NETWORK_PAGE: Final = "ensemble"


@dataclass(frozen=True)
class Column:
    """A column's French header; ``unit`` ``"%"`` marks whole percents."""

    label: str
    unit: str = ""


@dataclass(frozen=True)
class Table:
    """One table of a page; ``key`` names its files (``<page>-<key>.csv``)."""

    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]
    #: Rows whose first cell links somewhere: row index -> URL (the page's own links).
    links: Mapping[int, str] | None = None


def page_slug(unit: str) -> str:
    """The page of a unit: its slug, or « ensemble » for the whole network."""
    return unit or NETWORK_PAGE


def movement_cell(movement: Movement | None) -> Movement | str:
    """The movement, or « — » when none is given (first year, a year withheld)."""
    return NO_MOVEMENT if movement is None else movement


def movement_text(movement: Movement) -> str:
    """« +12 points depuis 2025 », « −3 points depuis 2025 », « stable depuis 2025 »."""
    if movement.points == 0:
        return f"stable depuis {movement.previous}"
    unit = "point" if abs(movement.points) == 1 else "points"
    sign = "+" if movement.points > 0 else "\u2212"
    return f"{sign}{abs(movement.points)}{NBSP}{unit} depuis {movement.previous}"


def transmission_sentence(figure: Transmission | Withheld, year: int) -> str:
    """« 6 sites sur 7 ont transmis leur autoévaluation 2026 », or why it is not given."""
    if isinstance(figure, Withheld):
        return figure.reason
    if figure.transmitted == 0:
        return f"Aucun des {figure.sites}{NBSP}sites n’a transmis son autoévaluation {year}."
    if figure.transmitted == 1:
        return f"1{NBSP}site sur {figure.sites} a transmis son autoévaluation {year}."
    return (
        f"{figure.transmitted}{NBSP}sites sur {figure.sites} ont transmis leur "
        f"autoévaluation {year}."
    )


def _share(value: int | None) -> int | str:
    return NOT_COMPUTED if value is None else value


def transmission_table(years: Mapping[int, GroupYear]) -> Table:
    """Sites and sites that sent their results, every year of the network."""
    rows: list[tuple[Cell, ...]] = []
    for year, figures in sorted(years.items()):
        sent = figures.transmission
        if isinstance(sent, Withheld):
            rows.append((str(year), sent, sent, sent))
        else:
            share = round(100 * sent.transmitted / sent.sites) if sent.sites else None
            rows.append((str(year), sent.sites, sent.transmitted, _share(share)))
    columns = (Column("Année"), Column("Sites"), Column("Sites ayant transmis"),
               Column("Part des sites ayant transmis", "%"))  # fmt: skip
    return Table("transmission", "Transmission des autoévaluations par année", columns,
                 tuple(rows))  # fmt: skip


def commitment_label(commitment: str) -> str:
    """« Engagement 12 » for ``ENG-12`` (another ID as it is)."""
    return (
        f"Engagement {commitment_number(commitment)}"
        if commitment.startswith("ENG-")
        else commitment
    )


def commitments_table(figures: GroupYear, titles: Mapping[str, str]) -> Table:
    """Per commitment: sites listing, judging and meeting it, share met, movement."""
    rows: list[tuple[Cell, ...]] = []
    for commitment, value in sorted(figures.commitments.items()):
        head: tuple[Cell, ...] = (commitment_label(commitment), titles.get(commitment, ""))
        if isinstance(value, Withheld):
            rows.append((*head, value, value, value, value, value))
            continue
        moved = movement_cell(figures.commitment_movements.get(commitment))
        rows.append((*head, value.listed, value.judged, value.met, _share(value.share_met), moved))
    columns = (
        Column("Engagement"), Column("Intitulé"), Column("Sites concernés"),
        Column("Sites qui se prononcent"), Column("Sites qui le tiennent"),
        Column("Part des sites qui le tiennent", "%"), Column("Évolution", "points"),
    )  # fmt: skip
    caption = f"Engagements tenus en {figures.year}"
    return Table("engagements", caption, columns, tuple(rows))


def commitment_years_table(years: Mapping[int, GroupYear], shown: Sequence[int]) -> Table:
    """The commitments chart's data: share of sites meeting each commitment, per year."""
    commitments = sorted({key for year in shown for key in years[year].commitments})
    rows: list[tuple[Cell, ...]] = []
    for commitment in commitments:
        cells: list[Cell] = [commitment_label(commitment)]
        for year in shown:
            value = years[year].commitments.get(commitment)
            if value is None:
                cells.append(NOT_COMPUTED)
            elif isinstance(value, Withheld):
                cells.append(value)
            else:
                cells.append(_share(value.share_met))
        rows.append(tuple(cells))
    columns = (Column("Engagement"), *(Column(f"{year}", "%") for year in shown))
    caption = "Part des sites qui tiennent chaque engagement, par année (données du graphique)"
    return Table("engagements-par-annee", caption, columns, tuple(rows))


def _lever_cells(value: LeverFigures | Withheld, moved: Movement | str) -> tuple[Cell, ...]:
    if isinstance(value, Withheld):
        return (value,) * 12
    counts = (value.in_place, value.in_progress, value.to_start, value.unanswered)
    listed = value.listed
    not_applicable = round(100 * value.not_applicable / listed) if listed else None
    return (
        listed, *counts[:3], value.not_applicable, counts[3],
        *(_share(value.share(count)) for count in counts), _share(not_applicable), moved,
    )  # fmt: skip


def levers_table(figures: GroupYear, levers: Mapping[str, Mapping[str, Any]]) -> Table:
    """Per lever: the sites listing it, each status's count and share, the movement.

    The shares of « En place », « En cours », « À engager » and « non renseigné »
    are over the sites where the lever applies (they add up to 100); the share
    « Non applicable » is over the sites whose checklist lists it.
    """
    rows: list[tuple[Cell, ...]] = []
    for lever_id, value in sorted(figures.levers.items()):
        need = levers.get(lever_id, {})
        moved = movement_cell(figures.lever_movements.get(lever_id))
        head = (lever_id, str(need.get("title") or ""), channel_label(str(need.get("channel", ""))))
        rows.append((*head, *_lever_cells(value, moved)))
    columns = (
        Column("ID"), Column("Levier"), Column("Canal"), Column("Sites concernés"),
        Column("En place"), Column("En cours"), Column("À engager"), Column("Non applicable"),
        Column("Non renseigné"), Column("Part en place", "%"), Column("Part en cours", "%"),
        Column("Part à engager", "%"), Column("Part non renseignée", "%"),
        Column("Part non applicable", "%"), Column("Évolution de la part en place", "points"),
    )  # fmt: skip
    return Table("leviers", f"Statuts des leviers en {figures.year}", columns, tuple(rows))


@dataclass(frozen=True)
class Ranked:
    """A lever of the adoption ranking: its « En place » share over applicable sites."""

    lever_id: str
    share: int
    applicable: int
    rate: float


def adoption_ranking(
    figures: GroupYear, levers: Mapping[str, Mapping[str, Any]], channel: str
) -> tuple[list[Ranked], list[Ranked]]:
    """The most and the least adopted levers of ``channel`` (published, applicable
    somewhere), by « En place » share; ties broken by ID, in both lists."""
    found = []
    for lever_id, value in figures.levers.items():
        if isinstance(value, Withheld) or levers.get(lever_id, {}).get("channel") != channel:
            continue
        rate = value.rate()
        share = value.share(value.in_place)
        if rate is not None and share is not None:
            found.append(Ranked(lever_id, share, value.applicable, rate))
    most = sorted(found, key=lambda r: (-r.rate, r.lever_id))[:RANKED]
    least = sorted(found, key=lambda r: (r.rate, r.lever_id))[:RANKED]
    return most, least


def adoption_table(
    figures: GroupYear, levers: Mapping[str, Mapping[str, Any]], channel: str
) -> Table | None:
    """One channel's ranking as a table (None when no lever of it has figures)."""
    most, least = adoption_ranking(figures, levers, channel)
    if not most:
        return None
    rows: list[tuple[Cell, ...]] = []
    for label, ranked in (("Plus adoptés", most), ("Moins adoptés", least)):
        for rank, item in enumerate(ranked, start=1):
            title = str(levers.get(item.lever_id, {}).get("title") or "")
            rows.append((label, rank, item.lever_id, title, item.share, item.applicable))
    columns = (
        Column("Classement"), Column("Rang"), Column("ID"), Column("Levier"),
        Column("Part en place", "%"), Column("Sites où il s’applique"),
    )  # fmt: skip
    caption = (
        f"Canal {channel_label(channel).lower()}{NBSP}: leviers les plus et les moins "
        f"adoptés en {figures.year}"
    )
    return Table(f"adoption-{channel}", caption, columns, tuple(rows))


def sites_commitments_table(
    hierarchy: Hierarchy,
    unit: str,
    year: int,
    answers: Mapping[str, Mapping[str, str]],
    commitments: Sequence[str],
    links: Mapping[str, str],
) -> Table:
    """Internal build only: each site's verdict per commitment for ``year``.

    ``answers`` maps each site that sent results to its verdicts; ``links`` each
    site to its dashboard's URL.
    """
    rows: list[tuple[Cell, ...]] = []
    row_links: dict[int, str] = {}
    for site in hierarchy.sites_under(unit):
        verdicts = answers.get(site)
        if site in links:
            row_links[len(rows)] = links[site]
        if verdicts is None:
            rows.append((hierarchy.name(site), *(("pas de résultats",) * len(commitments))))
        else:
            rows.append((hierarchy.name(site),
                         *(verdicts.get(c) or "non renseigné" for c in commitments)))  # fmt: skip
    columns = (Column("Site"), *(Column(commitment_label(c)) for c in commitments))
    caption = f"Engagement tenu{NBSP}? Réponse de chaque site en {year} (diffusion interne)"
    return Table("sites-engagements", caption, columns, tuple(rows), row_links)


@dataclass(frozen=True)
class UnitTables:
    """Every table of a unit's page, in page order."""

    year: int
    transmission: Table
    commitment_years: Table
    commitments: Table
    levers: Table
    adoption: tuple[Table, ...]
    sites_commitments: Table | None = None

    def all(self) -> list[Table]:
        tables = [self.transmission, self.commitment_years, self.commitments, self.levers,
                  *self.adoption]  # fmt: skip
        return tables + ([self.sites_commitments] if self.sites_commitments else [])


#: How many years the commitments chart compares (the transmission table lists all).
CHART_YEARS: Final = 3


def unit_tables(
    aggregates: NetworkAggregates,
    unit: str,
    needs: Sequence[Mapping[str, Any]],
    sites_commitments: Table | None = None,
) -> UnitTables:
    """The tables of ``unit``'s page for the network's latest year."""
    years = aggregates.groups[unit]
    latest = years[aggregates.years[-1]]
    levers = {need["id"]: need for need in needs if need.get("type") == "lever"}
    titles = {need["id"]: str(need.get("title") or "") for need in needs
              if need.get("type") == "commitment"}  # fmt: skip
    adoption = tuple(
        table for channel in CHANNELS if (table := adoption_table(latest, levers, channel))
    )
    return UnitTables(
        latest.year,
        transmission_table(years),
        commitment_years_table(years, aggregates.years[-CHART_YEARS:]),
        commitments_table(latest, titles),
        levers_table(latest, levers),
        adoption,
        sites_commitments,
    )
