"""What one site's checklist contains, computed from the needs and its profile.

Every format (HTML, PDF, ODS, XLSX, CSV) and the sites matrix read this one
structure, so they cannot disagree on which levers a site must review. No
Sphinx here: needs are plain mappings, as in ``needs.json``.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

from ..kit.crosswalk import served_by_lever, spplus_order
from ..kit.grouping import Lever, group_by_category, group_in_page_order, kit_order_key
from .prefill import Prefill
from .profiles import SiteProfile

ALL_CHANNELS_SLUG = "tous-canaux"
SPPLUS_REFERENTIAL: Final = "services-publics-plus"
#: The last section of an SP+-grouped checklist: levers the crosswalk maps nowhere
#: (their engagement has « aucune correspondance »), kept so no lever is lost.
UNMAPPED: Final = "Sans correspondance"
UNMAPPED_TITLE: Final = "Leviers sans correspondance Services Publics+"
#: The only fields of a need a checklist is built from: :func:`build_checklist`
#: sees nothing else, so a digest of these fields tells when any format may change.
NEED_FIELDS: Final = (
    "id", "type", "title", "commitment", "channel", "category", "action", "docname", "lineno",
    "number", "marianne", "spplus", "mapping",
)  # fmt: skip


def need_fields(need: Mapping[str, Any]) -> dict[str, Any]:
    """The part of ``need`` a checklist may show (None for a field it lacks)."""
    return {key: need.get(key) for key in NEED_FIELDS}


@dataclass(frozen=True)
class ChecklistItem:
    """One line to assess: a lever, or one action the kit lists under several IDs."""

    lever_ids: tuple[str, ...]
    #: The engagements the line is grouped under: Marianne's, or Services Publics+'s.
    commitments: tuple[str, ...]
    channel: str
    category: str
    text: str
    #: The line's Marianne engagements, whatever it is grouped by.
    marianne: tuple[str, ...] = ()

    @property
    def key(self) -> str:
        """Stable identifier of the line (its first lever ID)."""
        return self.lever_ids[0]


@dataclass(frozen=True)
class CategoryGroup:
    category: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class ChannelGroup:
    channel: str
    categories: tuple[CategoryGroup, ...]


@dataclass(frozen=True)
class CommitmentSection:
    """One engagement of the checklist.

    ``listed_elsewhere`` holds the items of this engagement that are shared with
    an earlier engagement and therefore listed (and assessed) there only.
    """

    commitment: str
    title: str
    channels: tuple[ChannelGroup, ...]
    listed_elsewhere: tuple[ChecklistItem, ...]
    lever_count: int


@dataclass(frozen=True)
class ScopedLever:
    """One lever of the site, with the line it is assessed on (``line``: that line's key)."""

    id: str
    commitment: str
    channel: str
    category: str
    title: str
    line: str


@dataclass(frozen=True)
class Checklist:
    """A site's checklist; ``levers`` are its levers one by one, in the kit's order."""

    profile: SiteProfile
    sections: tuple[CommitmentSection, ...]
    levers: tuple[ScopedLever, ...] = ()
    #: What the sections are: Marianne engagements, or Services Publics+ engagements.
    referential: str = "marianne"
    #: Last year's answers, when the site has results for the year before its profile's.
    prefill: Prefill | None = None

    @property
    def items(self) -> list[ChecklistItem]:
        """Every line to assess, in print order."""
        return [
            item
            for section in self.sections
            for channel in section.channels
            for category in channel.categories
            for item in category.items
        ]

    @property
    def lever_ids(self) -> list[str]:
        return [lever_id for item in self.items for lever_id in item.lever_ids]


def levers_in_scope(profile: SiteProfile, needs: Iterable[Lever]) -> list[Lever]:
    """The site's levers, in the kit's order."""
    return levers_in_scopes([profile], needs)[0]


def levers_in_scopes(profiles: Sequence[SiteProfile], needs: Iterable[Lever]) -> list[list[Lever]]:
    """The levers of each site, in the kit's order, in the order of ``profiles``.

    A lever applies to a site when its engagement, channel and ID are all retained.
    Each lever's fields are read once for all the sites: a page listing 1,000 sites
    read them once a site, 350,000 reads noted for the incremental build (most of a
    one-profile rebuild).
    """
    levers = sorted((n for n in needs if n["type"] == "lever"), key=kit_order_key)
    keys = [(frozenset(lever["commitment"]), lever["channel"], lever["id"]) for lever in levers]
    scopes: list[list[Lever]] = []
    for profile in profiles:
        commitments, channels = frozenset(profile.commitments), profile.channels
        scopes.append([
            lever
            for lever, (own, channel, lever_id) in zip(levers, keys, strict=True)
            if own & commitments
            and (channel in channels or channel == ALL_CHANNELS_SLUG)
            and lever_id not in profile.excluded
        ])  # fmt: skip
    return scopes


def lines_by_lever(levers: list[Lever]) -> dict[str, ChecklistItem]:
    """Lever ID -> its checklist line; the levers of one action share one line."""
    by_action: dict[str, list[Lever]] = {}
    for lever in levers:
        by_action.setdefault(lever.get("action") or lever["id"], []).append(lever)
    items: dict[str, ChecklistItem] = {}
    for group in by_action.values():
        first = group[0]
        commitments = sorted({c for lever in group for c in lever["commitment"]})
        item = ChecklistItem(
            lever_ids=tuple(lever["id"] for lever in group),
            commitments=tuple(commitments),
            channel=first["channel"],
            category=first["category"],
            text=first["title"],
            marianne=tuple(commitments),
        )
        for lever in group:
            items[lever["id"]] = item
    return items


def build_checklist(profile: SiteProfile, needs: Iterable[Mapping[str, Any]]) -> Checklist:
    """The site's checklist: engagement -> channel -> category -> lines, in kit order."""
    needs = [need_fields(need) for need in needs]
    levers = levers_in_scope(profile, needs)
    items = lines_by_lever(levers)
    if profile.referential == SPPLUS_REFERENTIAL:
        return _spplus_checklist(profile, needs, levers, items)
    titles = {n["id"]: n["title"] for n in needs if n["type"] == "commitment"}
    home = {lever["id"]: lever["commitment"][0] for lever in levers}
    sections: list[CommitmentSection] = []
    for commitment in profile.commitments:
        own = [lever for lever in levers if lever["commitment"][0] == commitment]
        if not own:
            continue
        here = [lever for lever in own if items[lever["id"]].key == lever["id"]]
        elsewhere: list[ChecklistItem] = []
        for lever in own:
            item = items[lever["id"]]
            if home[item.key] != commitment and item not in elsewhere:
                elsewhere.append(item)
        sections.append(
            CommitmentSection(
                commitment=commitment,
                title=titles.get(commitment, commitment),
                channels=_channel_groups(here, items),
                listed_elsewhere=tuple(elsewhere),
                lever_count=len(own),
            )
        )
    scoped = tuple(
        ScopedLever(
            id=lever["id"],
            commitment=lever["commitment"][0],
            channel=lever["channel"],
            category=lever["category"],
            title=lever["title"],
            line=items[lever["id"]].key,
        )
        for lever in levers
    )
    return Checklist(profile=profile, sections=tuple(sections), levers=scoped)


def _channel_groups(
    here: list[Lever], items: Mapping[str, ChecklistItem]
) -> tuple[ChannelGroup, ...]:
    """Channel -> category -> lines, in the order the levers come (the kit's)."""
    return tuple(
        ChannelGroup(
            channel,
            tuple(
                CategoryGroup(category, tuple(items[lever["id"]] for lever in group))
                for category, group in group_by_category(channel_levers).items()
            ),
        )
        for channel, channel_levers in group_in_page_order(here, "channel").items()
    )


def _spplus_checklist(
    profile: SiteProfile,
    needs: list[Lever],
    levers: list[Lever],
    marianne_items: Mapping[str, ChecklistItem],
) -> Checklist:
    """The same levers and lines, grouped by the Services Publics+ engagements they serve.

    A lever serves the SP+ engagements of the kit's crosswalk; a line (one action,
    maybe several levers) serves all its levers' engagements and is assessed once,
    under the first of them, and named under the others (``listed_elsewhere``),
    exactly as a line shared by several Marianne engagements is.
    """
    served = served_by_lever(needs)
    order = [*spplus_order(needs), UNMAPPED]
    rank = {key: index for index, key in enumerate(order)}
    titles = {n["id"]: n["title"] for n in needs if n["type"] == "spplus"}
    titles[UNMAPPED] = UNMAPPED_TITLE
    groups = {lever["id"]: served.get(lever["id"]) or (UNMAPPED,) for lever in levers}
    lines: dict[str, ChecklistItem] = {}
    for marianne_item in dict.fromkeys(marianne_items.values()):
        union = {group for lever_id in marianne_item.lever_ids for group in groups[lever_id]}
        item = ChecklistItem(
            lever_ids=marianne_item.lever_ids,
            commitments=tuple(sorted(union, key=rank.__getitem__)),
            channel=marianne_item.channel,
            category=marianne_item.category,
            text=marianne_item.text,
            marianne=marianne_item.marianne,
        )
        lines |= {lever_id: item for lever_id in item.lever_ids}
    sections: list[CommitmentSection] = []
    for key in order:
        own = [lever for lever in levers if key in groups[lever["id"]]]
        here: list[Lever] = []
        elsewhere: list[ChecklistItem] = []
        for lever in own:
            item = lines[lever["id"]]
            if item.commitments[0] != key:
                if item not in elsewhere:
                    elsewhere.append(item)
            elif all(lines[other["id"]] != item for other in here):
                here.append(lever)
        if own:
            sections.append(
                CommitmentSection(
                    commitment=key,
                    title=titles.get(key, key),
                    channels=_channel_groups(here, lines),
                    listed_elsewhere=tuple(elsewhere),
                    lever_count=len(own),
                )
            )
    scoped = sorted(
        (
            ScopedLever(
                id=lever["id"],
                commitment=lines[lever["id"]].commitments[0],
                channel=lever["channel"],
                category=lever["category"],
                title=lever["title"],
                line=lines[lever["id"]].key,
            )
            for lever in levers
        ),
        # Section by section, the kit's order inside each (``levers`` is in kit order).
        key=lambda scoped_lever: rank[scoped_lever.commitment],
    )
    return Checklist(
        profile=profile,
        sections=tuple(sections),
        levers=tuple(scoped),
        referential=SPPLUS_REFERENTIAL,
    )
