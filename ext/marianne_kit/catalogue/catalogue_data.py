"""The lever catalogue's rows and facets, from the needs as plain mappings.

No Sphinx here: tests check the rows on lists of dicts, and the HTML rendering
(``catalogue_html``) only formats what these functions decide.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from ..kit.crosswalk import served_by_lever
from ..kit.grouping import category_label, channel_label, kit_order_key
from ..kit.model import CATEGORIES, CHANNELS, commitment_number, spplus_number

Need = Mapping[str, Any]


@dataclass(frozen=True)
class Ref:
    """A need another row points to: its ID, title and page."""

    need_id: str
    title: str
    docname: str


@dataclass(frozen=True)
class CatalogueRow:
    lever_id: str
    docname: str
    text: str
    channel: str
    category: str
    commitments: tuple[Ref, ...]
    practices: tuple[Ref, ...]
    #: The Services Publics+ engagements the lever serves (the kit's crosswalk).
    spplus: tuple[Ref, ...] = ()

    @property
    def channel_label(self) -> str:
        return channel_label(self.channel)

    @property
    def category_label(self) -> str:
        return category_label(self.category)


@dataclass(frozen=True)
class Facet:
    """One filter group: its URL parameter, French legend and (value, label) options."""

    param: str
    legend: str
    options: tuple[tuple[str, str], ...]


def _refs(ids: Iterable[str], needs: Mapping[str, Need]) -> tuple[Ref, ...]:
    refs = []
    for need_id in ids:
        need = needs.get(need_id)
        if need is None:
            # sphinx-needs already reported the dead link with its location.
            refs.append(Ref(need_id, need_id, ""))
        else:
            refs.append(Ref(need_id, need["title"], need["docname"] or ""))
    return tuple(refs)


def catalogue_rows(needs: Mapping[str, Need]) -> list[CatalogueRow]:
    """Every lever, in the kit's order (engagement, then position on its page)."""
    levers = sorted((n for n in needs.values() if n["type"] == "lever"), key=kit_order_key)
    served = served_by_lever(needs.values())
    return [
        CatalogueRow(
            lever_id=lever["id"],
            docname=lever["docname"] or "",
            text=lever["title"],
            channel=lever["channel"],
            category=lever["category"],
            commitments=_refs(lever["commitment"], needs),
            practices=_refs(lever["practice"], needs),
            spplus=_refs(served.get(lever["id"], ()), needs),
        )
        for lever in levers
    ]


def _present(labels: Mapping[str, str], used: set[str]) -> list[tuple[str, str]]:
    return [(slug, label) for slug, label in labels.items() if slug in used]


def catalogue_facets(rows: Iterable[CatalogueRow]) -> list[Facet]:
    """The facets, with only values some lever carries, in the kit's canonical order.

    Channels and categories follow ``model``'s order (the kit's); engagements
    (Marianne and Services Publics+) their number. A value no lever has would be
    a filter that always empties the table.
    """
    rows = list(rows)
    channels = {row.channel for row in rows}
    categories = {row.category for row in rows}
    commitments = {ref.need_id: ref for row in rows for ref in row.commitments}
    spplus = {ref.need_id: ref for row in rows for ref in row.spplus}
    facets = [
        Facet("canal", "Canal", tuple(_present(CHANNELS, channels))),
        Facet("categorie", "Catégorie", tuple(_present(CATEGORIES, categories))),
        Facet(
            "engagement",
            "Engagement",
            tuple(
                (ref.need_id, f"{commitment_number(ref.need_id)} — {ref.title}")
                for _, ref in sorted(commitments.items())
            ),
        ),
    ]
    spplus_facet = Facet(
        "spplus",
        "Engagement Services Publics+",
        tuple(
            (ref.need_id, f"{spplus_number(ref.need_id)} — {ref.title}")
            for ref in sorted(spplus.values(), key=lambda r: spplus_number(r.need_id))
        ),
    )
    # A project without the Services Publics+ crosswalk gets no empty facet.
    return facets + ([spplus_facet] if spplus_facet.options else [])
