"""Plain functions that order and group levers the way the kit prints them.

No Sphinx here: the pages, the checklists and the matrices all group levers the
same way, and tests check these functions directly on lists of dicts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from .model import CATEGORIES, CHANNELS

Lever = Mapping[str, Any]


def kit_order_key(lever: Lever) -> tuple[str, str, int]:
    """Levers sort by engagement, then in the order the kit prints them.

    The page order, not the number: engagement 7 prints numbers 1 to 3 twice.
    """
    commitment = lever["commitment"][0] if lever["commitment"] else ""
    return (commitment, lever["docname"] or "", int(lever["lineno"] or 0))


def levers_of(needs: Iterable[Lever], commitment_id: str) -> list[Lever]:
    """The levers serving ``commitment_id``, in the kit's order."""
    chosen = [n for n in needs if n["type"] == "lever" and commitment_id in n["commitment"]]
    return sorted(chosen, key=kit_order_key)


def group_by_channel(levers: Iterable[Lever]) -> dict[str, list[Lever]]:
    """Channel slug -> levers, channels in the kit's canonical order."""
    groups: dict[str, list[Lever]] = {slug: [] for slug in CHANNELS}
    for lever in levers:
        groups.setdefault(lever["channel"], []).append(lever)
    return {slug: items for slug, items in groups.items() if items}


def group_in_page_order(levers: Iterable[Lever], field: str) -> dict[str, list[Lever]]:
    """``field`` value -> levers, values in order of first appearance.

    The kit prints categories (and, on some pages, channels: engagement 13
    starts with Courriel) in a page-specific order, so first appearance in kit
    order is the faithful ordering, not the alphabet.
    """
    groups: dict[str, list[Lever]] = {}
    for lever in levers:
        groups.setdefault(lever[field], []).append(lever)
    return groups


def group_by_category(levers: Iterable[Lever]) -> dict[str, list[Lever]]:
    """Category slug -> levers, categories in the order the page prints them."""
    return group_in_page_order(levers, "category")


def category_label(slug: str) -> str:
    return CATEGORIES.get(slug, slug)


def channel_label(slug: str) -> str:
    return CHANNELS.get(slug, slug)


def cited_practices(levers: Iterable[Lever]) -> list[str]:
    """Practice IDs cited by ``levers``, once each, in order of first citation."""
    seen: dict[str, None] = {}
    for lever in levers:
        for practice_id in lever["practice"]:
            seen.setdefault(practice_id, None)
    return list(seen)


def count_label(count: int, singular: str, plural: str) -> str:
    """« 1 levier », « 12 leviers »: French agreement for counts."""
    return f"{count}\u00a0{singular if count <= 1 else plural}"
