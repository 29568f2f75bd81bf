"""Sphinx glue of the network pages and of the ``{network-groups}`` listing.

The aggregates are computed once per build, in the write phase, from the
hierarchy and the results read when the configuration was read, and kept on the
build's ``Config`` (like the profiles) for the listing and the pages alike. In
``build-finished`` every unit gets ``reseau/<unit>.html`` (the whole network
``reseau/ensemble.html``) and its tables' CSV and ODS files, from the theme's
page shell (:mod:`.network_render`). The page holding ``{network-groups}`` is
read again when the network file, a profile or a results file changes
(:func:`..site.inputs.note_shown_input`), so its figures are never those of an older build.
The files are rendered only when their inputs changed (:mod:`.network_stamp`).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.util.osutil import relative_uri

from ..checklists.checklist_text import generation_date
from ..doctree_tables import row as table_row
from ..kit.links import need_dicts, page_suffix
from ..kit.placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder
from ..page_shell import shell_page, take_shell
from ..site.inputs import note_shown_input
from ..state import build_results, kit_state
from .aggregates import NBSP, NetworkAggregates, Withheld, aggregate
from .audience import is_internal
from .hierarchy import Hierarchy
from .network import build_hierarchy_of
from .network_render import SHELL_PAGE, NetworkInput, render_network, unit_kind, unit_page_path
from .network_stamp import network_fingerprint, network_generator, write_network_when_stale

_AGGREGATES_ATTRIBUTE: Final = "_marianne_network_aggregates"
#: The stamp of the network folder (:mod:`.network_stamp`), beside the doctrees.
RECORDS: Final = "marianne-network"


class network_groups_node(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder for the list of the network's units, filled in the write phase."""


def network_aggregates(config: Config) -> NetworkAggregates:
    """The network's figures, computed at the first call of the build, then kept."""
    found = getattr(config, _AGGREGATES_ATTRIBUTE, None)
    if not isinstance(found, NetworkAggregates):
        hierarchy = build_hierarchy_of(config)
        # A model profile's results (a test fill of the common list) are no site's.
        results = {site: by_year for site, by_year in build_results(config).results.items()
                   if site in hierarchy.sites}  # fmt: skip
        found = aggregate(hierarchy, results, config.marianne_network_minimum)
        setattr(config, _AGGREGATES_ATTRIBUTE, found)
    return found


def figures_from(config: Config) -> str:
    """What the aggregates are computed from, beside the tree: every results file and the
    minimum-size rule."""
    return f"{build_results(config).digest()}|{config.marianne_network_minimum}"


def top_down(hierarchy: Hierarchy) -> list[str]:
    """The units as a reader looks for them: the whole network, then each unit followed
    by the units below it, by slug."""
    units = set(hierarchy.units())
    order: list[str] = []

    def visit(unit: str) -> None:
        order.append(unit)
        for child in hierarchy.children.get(unit, ()):
            if child in units:
                visit(child)

    visit("")
    return order


class NetworkGroups(PlaceholderDirective):
    """``{network-groups}``: each unit of the network with a link to its page."""

    node_class = network_groups_node


class RenderNetworkGroups(FillPlaceholders):
    placeholder = network_groups_node

    def fill(self, node: nodes.Element) -> nodes.Node:
        aggregates = network_aggregates(self.config)
        if not aggregates.years:
            return nodes.paragraph(text="Aucun site n’a encore importé de résultats.")
        hierarchy = build_hierarchy_of(self.config)
        latest = aggregates.years[-1]
        suffix = page_suffix(self.config)
        here = self.env.docname + suffix
        headers = ("Groupe", "Type", "Sites", f"Transmission {latest}")
        table = nodes.table(classes=["mk-network-groups"], ids=["mk-groupes-reseau"])
        table += nodes.title("", "Groupes du réseau et transmission des autoévaluations")
        group = nodes.tgroup(cols=len(headers))
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (35, 20, 10, 35))
        head = nodes.thead()
        head += table_row([nodes.Text(label) for label in headers])
        group += head
        body = nodes.tbody()
        for unit in top_down(hierarchy):
            name = hierarchy.name(unit)
            uri = relative_uri(here, unit_page_path(unit).removesuffix(".html") + suffix)
            sent = aggregates.groups[unit][latest].transmission
            text = (
                sent.reason
                if isinstance(sent, Withheld)
                else f"{sent.transmitted}{NBSP}sites sur {sent.sites}"
            )
            body += table_row(
                [
                    nodes.reference(name, name, refuri=uri, internal=True),
                    nodes.Text(unit_kind(hierarchy, unit)),
                    nodes.Text(str(len(hierarchy.sites_under(unit)))),
                    nodes.Text(text),
                ]
            )
        group += body
        return table


def _record_listing(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(network_groups_node)):
        kit_state(app.env).network_listings[app.env.docname] = True
        # Read again when the tree or the results change (the rule's config values are
        # "env" values: changing them reads every page again anyway).
        note_shown_input(app.env, "network")
        note_shown_input(app.env, "results")


def _collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    yield from shell_page(app, SHELL_PAGE)


def _write_pages(app: Sphinx, exception: Exception | None) -> None:
    if app.builder.format != "html":
        return
    shell = take_shell(app, SHELL_PAGE, exception)
    if shell is None:
        return
    config = app.config
    results = build_results(config).results
    listings = sorted(kit_state(app.env).network_listings)
    data = NetworkInput(
        build_hierarchy_of(config),
        lambda: network_aggregates(config),
        need_dicts(app.env),
        results,
        frozenset(results),
        is_internal(config),
        listings[0] if listings else None,
        page_suffix(config),
    )
    day = generation_date()
    write_network_when_stale(
        Path(app.outdir),
        Path(app.doctreedir, RECORDS),
        network_fingerprint(data, figures_from(config), shell, day, network_generator()),
        lambda: render_network(data, shell, day),
    )


def setup_network_pages(app: Sphinx) -> None:
    add_placeholder(app, "network-groups", NetworkGroups, RenderNetworkGroups)
    app.connect("doctree-read", _record_listing)
    app.connect("html-collect-pages", _collect_pages)
    # After the checklists' (600) and the dashboards' (610) pages.
    app.connect("build-finished", _write_pages, priority=620)
