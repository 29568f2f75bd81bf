"""The network: sites and the groups they belong to, as a tree checked as a whole.

A site's profile may name its ``parent``: another site (a préfecture above its
sous-préfectures) or a group declared in the network file (``network.toml``
beside ``conf.py``, config ``marianne_network_file``): a département, a
region, any grouping that has no checklist of its own. Example::

    # Le réseau : regroupements de sites sans liste de contrôle propre.
    name = "Réseau des préfectures de Nouvelle-Aquitaine"

    [group.nouvelle-aquitaine]
    name = "Région Nouvelle-Aquitaine"
    kind = "region"

    [group.gironde]
    name = "Gironde"
    kind = "departement"
    parent = "nouvelle-aquitaine"

Sites and groups share one namespace of slugs, so ``parent`` is unambiguous.
The file and the ``parent`` keys are written by hand, so every mistake of the
whole tree is reported at once, one line each naming the file, the key and
the slug: an unknown parent, a cycle (each of its links, each naming the whole
cycle, since any one of them may be the one to fix), a group nobody names as
parent, a group with a site's slug, a reserved slug (« ensemble », the whole
network's page). No Sphinx here.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from ..checklists.profiles import SLUG_PATTERN, SiteProfile
from ..problems import Problem

#: Kind of group -> French label.
GROUP_KINDS: Final[dict[str, str]] = {
    "region": "Région",
    "departement": "Département",
    "groupement": "Groupement",
}
NETWORK_KEYS: Final = ("name", "group")
GROUP_KEYS: Final = ("name", "kind", "parent")
DEFAULT_NETWORK_NAME: Final = "Ensemble du réseau"
#: A profile of this kind is a checklist for every site, not a site of the network.
MODEL_KIND: Final = "modele"
MODEL_HAS_NO_PARENT: Final = (
    "a model checklist (kind 'modele') is not a site: it belongs to no group, remove 'parent'"
)
#: Groups of these kinds nest by size: a département inside a region, never the reverse
#: (a « groupement » may sit anywhere and hold anything).
_RANK: Final = {"departement": 1, "region": 2}
#: A real network file of a few hundred groups is well under this.
MAX_NETWORK_BYTES: Final = 1024 * 1024
#: Slugs no site or group may take: ``reseau/ensemble.html`` is the whole network's page.
RESERVED_SLUGS: Final = ("ensemble",)
_TOML_LINE: Final = re.compile(r"at line (\d+), column \d+")
_HEADER: Final = re.compile(r"""^\s*\[\s*group\s*\.\s*["']?([^"'\]\s]+)["']?\s*\]""")
_KEY: Final = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=")
_TABLE: Final = re.compile(r"^\s*\[")


@dataclass(frozen=True)
class Group:
    """A grouping of sites with no checklist of its own (a département, a region)."""

    slug: str
    name: str
    kind: str = "groupement"
    #: The slug of the group or site above it; "" = at the top of the network.
    parent: str = ""
    line: int = field(default=0, compare=False)
    parent_line: int = field(default=0, compare=False)

    @property
    def kind_label(self) -> str:
        return GROUP_KINDS[self.kind]


@dataclass(frozen=True)
class NetworkFile:
    """What the network file declares (nothing when there is no file)."""

    source: str = "network.toml"
    name: str = DEFAULT_NETWORK_NAME
    groups: tuple[Group, ...] = ()


def _lines(text: str) -> tuple[dict[str, int], dict[tuple[str, str], int]]:
    """Line of each ``[group.<slug>]`` header and of each key inside one (TOML gives none)."""
    headers: dict[str, int] = {}
    keys: dict[tuple[str, str], int] = {}
    current: str | None = ""  # "" = the top level, None = a table that is not a group
    for number, line in enumerate(text.splitlines(), start=1):
        if header := _HEADER.match(line):
            current = header.group(1)
            headers.setdefault(current, number)
        elif _TABLE.match(line):
            current = None
        elif current is not None and (key := _KEY.match(line)):
            keys.setdefault((current, key.group(1)), number)
    return headers, keys


def _text(value: object) -> str | None:
    return value.strip() if isinstance(value, str) else None


def parse_network(text: str, source: str) -> tuple[NetworkFile | None, list[Problem]]:
    """Read the network file's text: the groups, or ``None`` and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        return None, [Problem(source, int(found.group(1)) if found else None, None,
                              f"invalid TOML: {error}")]  # fmt: skip
    headers, keys = _lines(text)
    problems: list[Problem] = []

    def fail(slug: str, key: str, message: str) -> None:
        line = keys.get((slug, key)) or headers.get(slug)
        full = f"group.{slug}.{key}" if key else f"group.{slug}"
        problems.append(Problem(source, line, full if slug else key, message))

    for key in sorted(set(data) - set(NETWORK_KEYS)):
        fail("", key, f"unknown key (allowed: {', '.join(NETWORK_KEYS)})")
    name = _text(data.get("name", DEFAULT_NETWORK_NAME))
    if not name:
        fail("", "name", "must be non-empty text: the network's name, shown on its pages")
    table = data.get("group", {})
    if not isinstance(table, dict):
        fail("", "group", "must be tables, one per group: [group.<slug>]")
        table = {}
    groups = [group for slug, value in sorted(table.items()) if (group := _group(
        slug, value, fail, headers.get(slug, 0), keys.get((slug, "parent"), 0)))]  # fmt: skip
    if problems:
        return None, sorted(problems, key=Problem.sort_key)
    return NetworkFile(source, name or DEFAULT_NETWORK_NAME, tuple(groups)), []


def _group(slug: str, value: Any, fail: Any, line: int, parent_line: int) -> Group | None:
    """One ``[group.<slug>]`` table, its problems passed to ``fail(slug, key, message)``."""
    if not SLUG_PATTERN.match(slug):
        fail(slug, "", f"'{slug}' is not a slug (lower-case letters, digits and hyphens)")
        return None
    if not isinstance(value, dict):
        fail(slug, "", f"group '{slug}' must be a table with name, kind and parent")
        return None
    count = 0

    def bad(key: str, message: str) -> None:
        nonlocal count
        count += 1
        fail(slug, key, f"group '{slug}': {message}")

    for key in sorted(set(value) - set(GROUP_KEYS)):
        bad(key, f"unknown key (allowed: {', '.join(GROUP_KEYS)})")
    name = _text(value.get("name"))
    if not name:
        bad("name", "missing or empty: the group's name, shown on its pages (required)")
    kind = value.get("kind", "groupement")
    if kind not in GROUP_KINDS:
        bad("kind", f"unknown kind {kind!r} (expected one of: {', '.join(GROUP_KINDS)})")
    parent = value.get("parent", "")
    if not isinstance(parent, str) or (parent and not SLUG_PATTERN.match(parent)):
        bad("parent", f"{parent!r} is not a slug: name a group of this file or a site's profile")
    if count:
        return None
    assert name is not None and isinstance(parent, str)
    return Group(slug, name, str(kind), parent, line, parent_line)


def read_network_file(path: Path, source: str) -> tuple[NetworkFile, list[Problem]]:
    """The network file at ``path`` (shown as ``source``); no file = a network without groups."""
    if not path.exists():
        return NetworkFile(source), []
    if not path.is_file():
        return NetworkFile(source), [Problem(source, None, None, "not a regular file")]
    if path.stat().st_size > MAX_NETWORK_BYTES:
        return NetworkFile(source), [Problem(source, None, None, "file too large for a network")]
    try:
        text = path.read_bytes().removeprefix(b"\xef\xbb\xbf").decode("utf-8")
    except UnicodeDecodeError:
        problem = Problem(source, None, None, "not UTF-8 text; save it as UTF-8")
        return NetworkFile(source), [problem]
    network, problems = parse_network(text, source)
    return network or NetworkFile(source), problems


@dataclass(frozen=True)
class Hierarchy:
    """The checked tree: every site and group, its parent and its children, no cycle."""

    network: NetworkFile
    #: Site slug -> display name.
    sites: Mapping[str, str]
    groups: Mapping[str, Group]
    #: Every slug -> its parent's slug ("" = top of the network).
    parents: Mapping[str, str]
    #: Every slug that has members -> their slugs, sorted; "" -> the top-level slugs.
    children: Mapping[str, tuple[str, ...]]

    def name(self, slug: str) -> str:
        """The display name of a site or group ("" = the whole network)."""
        if not slug:
            return self.network.name
        return self.groups[slug].name if slug in self.groups else self.sites[slug]

    def sites_under(self, slug: str) -> tuple[str, ...]:
        """The sites a node's figures are over: itself if a site, and every site below it."""
        found = [slug] if slug in self.sites else []
        for child in self.children.get(slug, ()):
            found += self.sites_under(child)
        return tuple(sorted(found))

    def units(self) -> tuple[str, ...]:
        """Every node that aggregates sites, children before parents, the network ("") last:
        the groups, and the sites that have members."""
        order: list[str] = []

        def visit(slug: str) -> None:
            for child in self.children.get(slug, ()):
                visit(child)
            if slug in self.children or slug in self.groups:
                order.append(slug)

        visit("")
        return tuple(order)


def _cycles(parents: Mapping[str, str]) -> Iterator[list[str]]:
    """Each cycle of the parent links once, starting at its smallest slug."""
    done: set[str] = set()
    for start in sorted(parents):
        path: list[str] = []
        seen: dict[str, int] = {}
        node = start
        while node in parents and node not in done and node not in seen:
            seen[node] = len(path)
            path.append(node)
            node = parents[node]
        if node in seen:
            cycle = path[seen[node] :]
            first = cycle.index(min(cycle))
            yield cycle[first:] + cycle[:first]
        done.update(path)


def _link_problem(
    slug: str,
    parent: str,
    groups: Mapping[str, Group],
    sites: Mapping[str, SiteProfile],
    models: Mapping[str, SiteProfile],
) -> str | None:
    """What is wrong with ``slug`` sitting under ``parent``, whatever the rest of the tree."""
    if parent in models:
        return f"parent '{parent}' is a model checklist ({models[parent].source}), not a site"
    group = groups.get(slug)
    if group is None or not parent:
        return None
    if parent in sites:
        return (
            f"parent '{parent}' is not a group of this file: a group sits under a group, "
            "a site may sit under a site"
        )
    above = groups.get(parent)
    if above is None:
        return None  # an unknown parent: reported on its own
    rank = _RANK.get(above.kind, 0)
    if rank and rank <= _RANK.get(group.kind, 0):
        return (
            f"a group of kind '{group.kind}' cannot sit inside '{parent}', "
            f"of kind '{above.kind}' (a département sits inside a region)"
        )
    return None


def build_hierarchy(
    profiles: Sequence[SiteProfile], network: NetworkFile
) -> tuple[Hierarchy | None, list[Problem]]:
    """Check the whole tree; the hierarchy, or ``None`` and every problem of every file."""
    problems: list[Problem] = []
    # A model profile is a checklist for every site, not a site: it has no place in the tree.
    models = {profile.slug: profile for profile in profiles if profile.kind == MODEL_KIND}
    by_site = {profile.slug: profile for profile in profiles if profile.slug not in models}
    groups = {group.slug: group for group in network.groups}

    def at_parent(slug: str, message: str) -> Problem:
        if slug in by_site:
            profile = by_site[slug]
            return Problem(profile.source, profile.parent_line or None, "parent",
                           f"site '{slug}': {message}")  # fmt: skip
        group = groups[slug]
        return Problem(network.source, group.parent_line or group.line or None,
                       f"group.{slug}.parent", f"group '{slug}': {message}")  # fmt: skip

    for slug in sorted(RESERVED_SLUGS):
        reserved = f"the slug '{slug}' is reserved: reseau/{slug}.html is the whole network's page"
        if slug in groups:
            problems.append(Problem(network.source, groups[slug].line or None,
                                    f"group.{slug}", f"group '{slug}': {reserved}"))  # fmt: skip
        if slug in by_site:
            problems.append(Problem(by_site[slug].source, None, None, f"site '{slug}': {reserved}"))
    for slug in sorted(groups.keys() & by_site.keys()):
        problems.append(
            Problem(
                network.source,
                groups[slug].line or None,
                f"group.{slug}",
                f"group '{slug}' has the slug of the site {by_site[slug].source}: "
                "a slug names one site or one group",
            )
        )
    for slug, model in sorted(models.items()):
        if model.parent:
            problems.append(Problem(model.source, model.parent_line or None, "parent",
                                    f"site '{slug}': {MODEL_HAS_NO_PARENT}"))  # fmt: skip
    parents: dict[str, str] = {slug: group.parent for slug, group in groups.items()}
    parents.update({slug: profile.parent for slug, profile in by_site.items()})
    known = by_site.keys() | groups.keys()
    for slug, parent in sorted(parents.items()):
        if message := _link_problem(slug, parent, groups, by_site, models):
            problems.append(at_parent(slug, message))
    for slug, parent in sorted(parents.items()):
        if parent and parent not in known and parent not in models:
            message = (
                f"unknown parent '{parent}': no site profile "
                f"and no group of {network.source} has this slug"
            )
            problems.append(at_parent(slug, message))
    links = {slug: parent for slug, parent in parents.items() if parent in known}
    for cycle in _cycles(links):
        shown = " → ".join([*cycle, cycle[0]])
        for slug in cycle:
            problems.append(at_parent(slug, f"parent '{links[slug]}' closes a cycle: {shown}"))
    children: dict[str, list[str]] = {}
    for slug, parent in sorted(parents.items()):
        children.setdefault(parent if parent in known else "", []).append(slug)
    for slug in sorted(groups.keys() - children.keys()):
        problems.append(
            Problem(
                network.source,
                groups[slug].line or None,
                f"group.{slug}",
                f"group '{slug}' has no member: no site profile and no group names it as 'parent'",
            )
        )
    if problems:
        return None, sorted(problems, key=Problem.sort_key)
    return (
        Hierarchy(
            network=network,
            sites={slug: profile.name for slug, profile in sorted(by_site.items())},
            groups=dict(sorted(groups.items())),
            parents=parents,
            children={slug: tuple(members) for slug, members in sorted(children.items())},
        ),
        [],
    )
