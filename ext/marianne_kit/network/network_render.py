"""Every file of the network pages: one page per unit and its tables' CSV and ODS files.

``reseau/<unit>.html`` for each group and each site with members,
``reseau/ensemble.html`` for the whole network, and beside each page its
tables' files (:mod:`.network_exports`), all made from one computation of the
aggregates. The page's download links give each file's size, so the files are
made first. The internal build adds each site's answers (sites × commitments,
linked to the site's dashboard). Pages are made and written one unit at a time;
writing compares with what the folder holds: unchanged files are left alone
(their dates too), each changed file is written atomically, and files of units
that are gone are deleted last. No Sphinx here.
"""

from __future__ import annotations

import datetime
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from pathlib import Path
from typing import Any, Final

from ..atomic import remove_partials, write_atomically
from ..checklists.checklist_html import BODY_TOKEN, TITLE_TOKEN
from ..dashboards.site_pages import dashboard_path
from ..results.model import SiteResults
from .aggregates import NetworkAggregates
from .hierarchy import Hierarchy
from .network_exports import EXPORT_SUFFIXES, export_name, table_files
from .network_html import Download, UnitPage, unit_body
from .network_tables import page_slug, sites_commitments_table, transmission_sentence, unit_tables

OUTPUT_DIR: Final = "reseau"
#: The theme's page, rendered once with tokens, then turned into every network page.
SHELL_PAGE: Final = f"{OUTPUT_DIR}/_page-shell"
SITE_WITH_MEMBERS: Final = "Site et sites qui lui sont rattachés"
WHOLE_NETWORK: Final = "Ensemble du réseau"


def unit_page_path(unit: str) -> str:
    """The unit's page, relative to the output folder."""
    return f"{OUTPUT_DIR}/{page_slug(unit)}.html"


def unit_kind(hierarchy: Hierarchy, unit: str) -> str:
    if not unit:
        return WHOLE_NETWORK
    if unit in hierarchy.groups:
        return hierarchy.groups[unit].kind_label
    return SITE_WITH_MEMBERS


@dataclass(frozen=True)
class NetworkInput:
    """What the pages are made from (the caller reads it once per build)."""

    hierarchy: Hierarchy
    #: The figures, computed when first asked for: a build whose network files are up to
    #: date never needs them (:mod:`.network_stamp`), and a network of 1,000 sites takes 1 s.
    aggregates_of: Callable[[], NetworkAggregates]
    needs: Sequence[Mapping[str, Any]]
    #: Only read by the internal build: site -> year -> results.
    results: Mapping[str, Mapping[int, SiteResults]]
    #: Site slugs with a dashboard page (internal build).
    dashboards: frozenset[str] = frozenset()
    internal: bool = False
    #: The rule's page, relative to the output folder, without suffix (None: no page).
    rule_page: str | None = None
    page_suffix: str = ".html"

    @property
    def aggregates(self) -> NetworkAggregates:
        return self.aggregates_of()


def _url(path: str, suffix: str) -> str:
    """A URL from a page of ``reseau/`` to ``path`` (relative to the output folder)."""
    return "../" + path.removesuffix(".html") + suffix


def render_unit(data: NetworkInput, unit: str, shell: str, day: datetime.date) -> dict[str, bytes]:
    """Path -> bytes of one unit's page and its tables' files."""
    hierarchy, aggregates, suffix = data.hierarchy, data.aggregates, data.page_suffix
    latest = aggregates.years[-1]
    internal_table = None
    if data.internal:
        answers = {
            site: {key: answer.verdict for key, answer in by_year[latest].commitments.items()}
            for site in hierarchy.sites_under(unit)
            if latest in (by_year := data.results.get(site, {}))
        }
        commitments = sorted({key for verdicts in answers.values() for key in verdicts})
        links = {site: _url(dashboard_path(site), suffix) for site in data.dashboards}
        internal_table = sites_commitments_table(
            hierarchy, unit, latest, answers, commitments, links
        )
    tables = unit_tables(aggregates, unit, data.needs, internal_table)
    name = hierarchy.name(unit)
    page = page_slug(unit)
    files = table_files(page, tables.all(), day, f"{name} — {tables.year}")
    downloads: dict[str, list[Download]] = {}
    for table in tables.all():
        for format_suffix in EXPORT_SUFFIXES:
            file = export_name(page, table, format_suffix)
            downloads.setdefault(table.key, []).append(
                Download(file, format_suffix, len(files[file]))
            )
    units = set(aggregates.groups)
    parent = None
    if unit:
        above = hierarchy.parents.get(unit, "")
        parent = (hierarchy.name(above), page_slug(above) + suffix)
    children = [
        (hierarchy.name(child), page_slug(child) + suffix)
        for child in hierarchy.children.get(unit, ())
        if child in units
    ]
    sites = [
        (hierarchy.name(site), _url(f"checklists/{site}.html", suffix))
        for site in hierarchy.sites_under(unit)
    ]
    rule = _url(data.rule_page + ".html", suffix) if data.rule_page is not None else None
    info = UnitPage(
        name,
        unit_kind(hierarchy, unit),
        transmission_sentence(aggregates.groups[unit][latest].transmission, latest),
        parent,
        children,
        sites,
        rule,
    )
    body = unit_body(info, tables, downloads)
    html = shell.replace(TITLE_TOKEN, escape(f"Réseau — {name}")).replace(BODY_TOKEN, body)
    out = {f"{OUTPUT_DIR}/{file}": data for file, data in files.items()}
    out[unit_page_path(unit)] = html.encode("utf-8")
    return out


def render_network(
    data: NetworkInput, shell: str, day: datetime.date
) -> Iterator[dict[str, bytes]]:
    """The files of each unit's page in turn (none when no site has results): a network
    of 1,000 sites has megabytes of them, held one unit at a time."""
    if not data.aggregates.years:
        return
    for unit in data.hierarchy.units():
        yield render_unit(data, unit, shell, day)


def write_network(outdir: Path, batches: Iterable[Mapping[str, bytes]]) -> list[str]:
    """Write the files that changed, then delete the folder's others (the shell page is
    the caller's); return the paths written."""
    folder = outdir / OUTPUT_DIR
    remove_partials(folder)
    kept: set[str] = set()
    written = []
    for files in batches:
        for relative, content in sorted(files.items()):
            kept.add(relative)
            path = outdir / relative
            try:
                if path.read_bytes() == content:
                    continue
            except OSError:
                pass
            write_atomically(path, content)
            written.append(relative)
    if folder.is_dir():
        for entry in os.scandir(folder):
            relative = f"{OUTPUT_DIR}/{entry.name}"
            keep = relative in kept or relative.startswith(SHELL_PAGE)
            if entry.is_file(follow_symlinks=False) and not keep:
                Path(entry.path).unlink(missing_ok=True)
    return written
