"""A network page's body: the unit's place in the network, its sites, its tables and charts.

Written as a string for the theme's page shell, like the dashboards (generated
pages have no source document). Every table is the DSFR table
(:mod:`..site.dsfr_table`), its scrolling box a named region; each chart is the
dashboards' inline SVG (:mod:`..dashboards.charts`) followed by the table of its
numbers, and each table by the download links of its CSV and ODS files. A
withheld figure shows its reason, once for the cells it spans. Every text from
a profile, the network file or the kit goes through :func:`html.escape`. No
Sphinx here.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

from ..dashboards.charts import BarGroup, bar_chart
from ..download_links import download_link_html
from ..kit.grouping import channel_label
from ..site.dsfr_table import TABLE_END, table_start
from .aggregates import NBSP, Movement, Withheld
from .network_tables import NOT_COMPUTED, Cell, Table, UnitTables, movement_text

TABLE_MODIFIERS: Final = ("sm", "bordered", "multiline")
WITHHELD_CHART: Final = "non publié"
#: :data:`.network_tables.RANKED` in words.
RANKED_TEXT: Final = "cinq"


@dataclass(frozen=True)
class Download:
    """One file of a table: its URL (relative to the page), suffix and size in bytes."""

    href: str
    suffix: str
    size: int


@dataclass(frozen=True)
class UnitPage:
    """What a unit's page says besides its tables; URLs are relative to the page."""

    name: str
    #: « Département », « Région », « Site et sites rattachés », « Réseau ».
    kind: str
    transmission: str
    #: (name, URL) of the unit above (None for the whole network).
    parent: tuple[str, str] | None
    #: (name, URL) of the units directly below.
    children: Sequence[tuple[str, str]]
    #: (name, URL or None) of every site the figures are over.
    sites: Sequence[tuple[str, str | None]]
    #: The page explaining the minimum-size rule (None when the project has none).
    rule_url: str | None = None


def _cell_text(cell: Cell, unit: str) -> str:
    if isinstance(cell, Withheld):
        return cell.reason
    if isinstance(cell, Movement):
        return movement_text(cell)
    if isinstance(cell, int) and unit == "%":
        return f"{cell}{NBSP}%"
    return str(cell)


def _row(table: Table, index: int, cells: Sequence[Cell]) -> str:
    """A row: its first cell a row header (linked when the table says so), then the
    others, consecutive cells of one withheld figure merged into one with its reason."""
    first = escape(_cell_text(cells[0], table.columns[0].unit))
    url = (table.links or {}).get(index)
    if url is not None:
        first = f'<a href="{escape(url)}">{first}</a>'
    parts = [f'<th scope="row">{first}</th>']
    position = 1
    while position < len(cells):
        cell = cells[position]
        span = 1
        if isinstance(cell, Withheld):
            while position + span < len(cells) and cells[position + span] == cell:
                span += 1
            spans = f' colspan="{span}"' if span > 1 else ""
            parts.append(f'<td class="mk-withheld"{spans}>{escape(cell.reason)}</td>')
        else:
            text = _cell_text(cell, table.columns[position].unit)
            parts.append(f"<td>{escape(text)}</td>")
        position += span
    return "<tr>" + "".join(parts) + "</tr>"


def table_html(table: Table, downloads: Sequence[Download] = ()) -> str:
    """The DSFR table of ``table``, then the download links of its files."""
    head = "".join(f'<th scope="col">{escape(column.label)}</th>' for column in table.columns)
    body = "".join(_row(table, index, row) for index, row in enumerate(table.rows))
    links = "".join(
        "<li>"
        + download_link_html(
            f"Télécharger le tableau «{NBSP}{table.caption}{NBSP}»",
            item.href,
            item.suffix,
            item.size,
        )
        + "</li>"
        for item in downloads
    )
    files = f'<ul class="mk-network-downloads">{links}</ul>' if links else ""
    return (
        table_start(label=table.caption, modifiers=TABLE_MODIFIERS, classes=("mk-network-table",))
        + f"<table><caption>{escape(table.caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>" + TABLE_END + files
    )


def _chart_value(cell: Cell) -> tuple[int | None, str]:
    if isinstance(cell, int):
        return cell, ""
    return None, WITHHELD_CHART if isinstance(cell, Withheld) else NOT_COMPUTED


def _guillemets(text: str) -> str:
    return text.replace("« ", f"«{NBSP}").replace(" »", f"{NBSP}»")


def commitments_chart(table: Table) -> str:
    """Share of sites meeting each commitment, one bar per year (the table's columns)."""
    series = [column.label for column in table.columns[1:]]
    groups = []
    for row in table.rows:
        values = [_chart_value(cell) for cell in row[1:]]
        groups.append(BarGroup(str(row[0]), tuple(v for v, _ in values),
                               tuple(m for _, m in values)))  # fmt: skip
    title = "Part des sites qui tiennent chaque engagement"
    description = _guillemets(
        "Pourcentage des sites qui se prononcent et déclarent l’engagement tenu, pour "
        + ", ".join(series)
        + f"{NBSP}; « {WITHHELD_CHART} » quand la règle de taille minimale retient le chiffre. "
        "Les valeurs sont dans le tableau qui suit."
    )
    return bar_chart("graphique-engagements", title, description, series, groups)


def adoption_chart(table: Table, year: int, channel: str) -> str:
    """One channel's ranked levers by « En place » share (each lever once)."""
    seen: dict[str, int] = {}
    for row in table.rows:
        share = row[4]
        if isinstance(share, int):
            seen.setdefault(str(row[2]), share)
    ordered = sorted(seen.items(), key=lambda item: (-item[1], item[0]))
    groups = [BarGroup(lever_id, (share,)) for lever_id, share in ordered]
    label = channel_label(channel).lower()
    title = f"Canal {label}{NBSP}: part des sites où le levier est en place en {year}"
    description = _guillemets(
        f"Leviers les plus et les moins adoptés du canal {label}, par part des sites où le "
        "levier s’applique qui l’ont « En place ». Les valeurs sont dans le tableau qui suit."
    )
    return bar_chart(f"graphique-adoption-{channel}", title, description, [str(year)], groups)


def _figure(chart: str) -> str:
    return f'<figure class="mk-chart-figure">{chart}</figure>'


def _links(items: Sequence[tuple[str, str | None]]) -> str:
    return "".join(
        f'<li><a href="{escape(url)}">{escape(name)}</a></li>'
        if url
        else f"<li>{escape(name)}</li>"
        for name, url in items
    )


def unit_body(
    page: UnitPage, tables: UnitTables, downloads: Mapping[str, Sequence[Download]]
) -> str:
    """The page body; ``downloads`` maps each table's key to its files."""

    def table(item: Table) -> str:
        return table_html(item, downloads.get(item.key, ()))

    place = []
    if page.parent is not None:
        name, url = page.parent
        place.append(f'<p>Fait partie de{NBSP}: <a href="{escape(url)}">{escape(name)}</a></p>')
    if page.children:
        place.append(f"<p>Regroupe{NBSP}:</p><ul>{_links(page.children)}</ul>")
    rule = (
        f"<p>Un chiffre qui porterait sur moins de sites que le minimum n’est pas publié{NBSP}: "
        f'<a href="{escape(page.rule_url)}">la règle de publication</a>.</p>'
        if page.rule_url
        else ""
    )
    adoption = (
        "".join(
            f"<h3>Canal {escape(channel_label(item.key.removeprefix('adoption-')).lower())}</h3>"
            + _figure(adoption_chart(item, tables.year, item.key.removeprefix("adoption-")))
            + table(item)
            for item in tables.adoption
        )
        or "<p>Aucun levier n’a de chiffres publiés cette année.</p>"
    )
    # Hundreds of rows: folded, so the rankings below stay in reach.
    levers = (
        f'<details class="mk-network-levers"><summary>Afficher les statuts des '
        f"{len(tables.levers.rows)}{NBSP}leviers</summary>{table(tables.levers)}</details>"
    )
    internal = (
        "<h2>Réponse de chaque site (diffusion interne)</h2>"
        "<p>Ce tableau n’existe que dans la version interne du site, réservée au réseau.</p>"
        + table(tables.sites_commitments)
        if tables.sites_commitments is not None
        else ""
    )
    return (
        '<section class="mk-network">'
        f"<h1>{escape(page.name)}</h1>"
        f"<p>{escape(page.kind)}.</p>"
        + (f'<nav aria-label="Place dans le réseau">{"".join(place)}</nav>' if place else "")
        + f'<p class="mk-network-transmission"><strong>{escape(page.transmission)}</strong></p>'
        + rule
        + f"<h2>Sites ({len(page.sites)})</h2><ul>{_links(page.sites)}</ul>"
        + "<h2>Transmission des autoévaluations</h2>"
        + table(tables.transmission)
        + "<h2>Engagements tenus</h2>"
        + _figure(commitments_chart(tables.commitment_years))
        + table(tables.commitment_years)
        + table(tables.commitments)
        + "<h2>Leviers</h2>"
        + "<p>Les parts «\u00a0En place\u00a0», «\u00a0En cours\u00a0», «\u00a0À engager\u00a0» "
        "et «\u00a0non renseignée\u00a0» portent sur les sites où le levier s’applique, la part "
        "«\u00a0Non applicable\u00a0» sur les sites dont la liste de contrôle le comprend.</p>"
        + levers
        + "<h2>Leviers les plus et les moins adoptés, par canal</h2>"
        + f"<p>Les {RANKED_TEXT} leviers à la plus forte et à la plus faible part «\u00a0En "
        "place\u00a0» parmi les sites où ils s’appliquent, départagés par identifiant en cas "
        "d’égalité.</p>" + adoption + internal + "</section>"
    )
