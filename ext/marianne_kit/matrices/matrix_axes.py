"""The axes a traceability matrix can have: one immutable entry per kind.

A matrix kind used to be a string compared in four modules; here each kind is
one :class:`Axis` carrying everything the matrix, its sentences, its HTML table
and its CSV need to know: French nouns and articles, how levers fall under its
headers, the order of those headers in the kit, how a header links and which
catalogue URL parameter filters on it. :data:`AXES` says which kinds may be
rows and which columns; adding a kind is one entry there. No Sphinx here: the
links come from a :class:`MatrixLinks` object that the caller passes in.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Protocol

from ..checklists.profiles import SiteProfile
from ..checklists.scope import levers_in_scopes
from ..kit.crosswalk import SERVED_FIELD
from ..kit.grouping import Lever
from ..kit.model import CATEGORIES, CHANNELS


@dataclass(frozen=True)
class Header:
    """One row or column: its key (need ID, slug or action key) and French label.

    ``lever_ids`` lists an action row's levers, so its header can link to them.
    """

    key: str
    label: str
    number: int | None = None
    lever_ids: tuple[str, ...] = ()


class MatrixLinks(Protocol):
    """Where the table's links go; ``None`` leaves the text unlinked."""

    def need(self, need_id: str) -> str | None: ...

    def cell(self, filters: Mapping[str, str]) -> str | None: ...

    def site(self, slug: str) -> str | None: ...


@dataclass(frozen=True)
class AxisSource:
    """What headers and groups are computed from: needs, levers in kit order, profiles."""

    needs: Sequence[Lever]
    levers: Sequence[Lever]
    profiles: Sequence[SiteProfile]


#: Row key -> (its levers, which column keys it may fill).
RowGroups = dict[str, tuple[list[Lever], Callable[[str], bool]]]
HeaderRule = Callable[[AxisSource], list[Header]]
KeyRule = Callable[[Lever], list[str]]
GroupRule = Callable[[AxisSource], RowGroups]
LinkRule = Callable[[MatrixLinks, str], str | None]

COVERED: Final = ("a au moins un levier", "ont au moins un levier")


def _anywhere(_: str) -> bool:
    return True


@dataclass(frozen=True)
class Axis:
    """One kind of row or column, and everything that differs from kind to kind.

    ``headers`` gives the headers in the kit's order (``sort: kit``); ``keys``
    says under which headers a lever falls, ``groups`` replaces it for a kind
    whose rows are not a property of the lever (a site's scope). ``numbered``
    kinds are named « Engagement 3 » rather than by their label.
    """

    kind: str
    singular: str
    plural: str
    #: « le  », « la  », « l’ »: the article before the singular noun.
    article: str
    #: « du  », « de la  », « de l’ »: the same after « de ».
    of_article: str
    headers: HeaderRule
    keys: KeyRule | None = None
    groups: GroupRule | None = None
    #: What a covered row does, (singular, plural).
    covered: tuple[str, str] = COVERED
    #: What a row does to the columns of this kind, (singular, plural).
    reached: tuple[str, str] = ("couvre", "couvrent")
    numbered: bool = False
    #: The header's link, if any.
    link: LinkRule | None = None
    #: The catalogue URL parameter that filters on this kind, if any.
    catalogue_parameter: str | None = None
    #: Every possible key with its label, when the kind is a fixed list.
    known: Mapping[str, str] | None = None
    #: Rows of this kind come from the site profiles.
    needs_profiles: bool = False

    @property
    def capitalized(self) -> str:
        """The singular noun with a capital initial (« Engagement Services Publics+ » keeps its
        own capitals, which ``str.capitalize`` would lower)."""
        return self.singular[:1].upper() + self.singular[1:]

    def name(self, header: Header) -> str:
        """How a list or a CSV header names a header: « Engagement 3 », or its label."""
        return f"{self.capitalized} {header.number}" if self.numbered else header.label

    def short(self, header: Header) -> str:
        """A header in a list of several: engagements by number, the others by label."""
        return str(header.number) if self.numbered else header.label

    def href(self, links: MatrixLinks, header: Header) -> str | None:
        return None if self.link is None else self.link(links, header.key)

    def row_groups(self, source: AxisSource) -> RowGroups:
        """Row key -> (its levers in kit order, which column keys it may fill)."""
        if self.groups is not None:
            return self.groups(source)
        keys = self.keys or (lambda lever: [])
        members: RowGroups = {}
        for lever in source.levers:
            for key in keys(lever):
                members.setdefault(key, ([], _anywhere))[0].append(lever)
        return members


@dataclass(frozen=True)
class AxisTable:
    """The kinds a matrix accepts as rows and as columns, in the order messages list them."""

    rows: tuple[Axis, ...]
    columns: tuple[Axis, ...]

    def row_kinds(self) -> tuple[str, ...]:
        return tuple(axis.kind for axis in self.rows)

    def column_kinds(self) -> tuple[str, ...]:
        return tuple(axis.kind for axis in self.columns)

    def row(self, kind: str) -> Axis:
        return next(axis for axis in self.rows if axis.kind == kind)

    def column(self, kind: str) -> Axis:
        return next(axis for axis in self.columns if axis.kind == kind)


def action_key(lever: Lever) -> str:
    """Identical levers share their ``action`` key; any other lever is its own action."""
    return lever.get("action") or lever["id"]


def needs_of_type(need_type: str, numbered: bool = False) -> HeaderRule:
    """Headers from the needs of one type, by ID, with their ``number`` if ``numbered``."""

    def headers(source: AxisSource) -> list[Header]:
        chosen = sorted((n for n in source.needs if n["type"] == need_type), key=lambda n: n["id"])
        return [
            Header(n["id"], n["title"], number=n.get("number") if numbered else None)
            for n in chosen
        ]

    return headers


def fixed(labels: Mapping[str, str]) -> HeaderRule:
    """Headers from a fixed list of slugs and labels, in the list's order."""

    def headers(source: AxisSource) -> list[Header]:
        return [Header(slug, label) for slug, label in labels.items()]

    return headers


def field_values(name: str) -> KeyRule:
    """The lever's value of field ``name``, a single value or a list (absent: none)."""

    def keys(lever: Lever) -> list[str]:
        value: Any = lever.get(name) or []
        return [value] if isinstance(value, str) else list(value)

    return keys


def _actions(source: AxisSource) -> list[Header]:
    groups: dict[str, list[Lever]] = {}
    for lever in source.levers:
        groups.setdefault(action_key(lever), []).append(lever)
    return [
        Header(key, group[0]["title"], lever_ids=tuple(lever["id"] for lever in group))
        for key, group in groups.items()
    ]


def _sites(source: AxisSource) -> list[Header]:
    return [Header(profile.slug, profile.name) for profile in source.profiles]


def _site_scopes(source: AxisSource) -> RowGroups:
    """A site only fills the engagements its profile retains.

    A lever shared with a retained engagement is in scope, but not under the
    engagement left out.
    """
    profiles = list(source.profiles)
    return {
        profile.slug: (levers, frozenset(profile.commitments).__contains__)
        for profile, levers in zip(profiles, levers_in_scopes(profiles, source.levers), strict=True)
    }


def _need_link(links: MatrixLinks, key: str) -> str | None:
    return links.need(key)


def _site_link(links: MatrixLinks, key: str) -> str | None:
    """A site's header links to its checklist page."""
    return links.site(key)


COMMITMENT: Final = Axis(
    kind="commitment",
    singular="engagement",
    plural="engagements",
    article="l’",
    of_article="de l’",
    headers=needs_of_type("commitment", numbered=True),
    keys=field_values("commitment"),
    reached=("sert", "servent"),
    numbered=True,
    link=_need_link,
    catalogue_parameter="engagement",
)

AXES: Final = AxisTable(
    rows=(
        COMMITMENT,
        Axis(
            kind="action",
            singular="action",
            plural="actions",
            article="l’",
            of_article="de l’",
            headers=_actions,
            keys=lambda lever: [action_key(lever)],
        ),
        Axis(
            kind="practice",
            singular="bonne pratique",
            plural="bonnes pratiques",
            article="la ",
            of_article="de la ",
            headers=needs_of_type("practice"),
            keys=field_values("practice"),
            covered=("est citée par au moins un levier", "sont citées par au moins un levier"),
            link=_need_link,
        ),
        Axis(
            kind="site",
            singular="site",
            plural="sites",
            article="le ",
            of_article="du ",
            headers=_sites,
            groups=_site_scopes,
            link=_site_link,
            needs_profiles=True,
        ),
    ),
    columns=(
        Axis(
            kind="channel",
            singular="canal",
            plural="canaux",
            article="le ",
            of_article="du ",
            headers=fixed(CHANNELS),
            keys=field_values("channel"),
            catalogue_parameter="canal",
            known=CHANNELS,
        ),
        Axis(
            kind="category",
            singular="catégorie",
            plural="catégories",
            article="la ",
            of_article="de la ",
            headers=fixed(CATEGORIES),
            keys=field_values("category"),
            catalogue_parameter="categorie",
            known=CATEGORIES,
        ),
        COMMITMENT,
        Axis(
            # The kit's own crosswalk (kit/crosswalk.py): build_matrix gives every lever
            # the computed field listing the SP+ engagements it serves.
            kind="spplus",
            singular="engagement Services Publics+",
            plural="engagements Services Publics+",
            article="l’",
            of_article="de l’",
            headers=needs_of_type("spplus", numbered=True),
            keys=field_values(SERVED_FIELD),
            reached=("sert", "servent"),
            numbered=True,
            link=_need_link,
            catalogue_parameter="spplus",
        ),
    ),
)
