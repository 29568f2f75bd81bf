"""Sphinx glue of the site dashboards, action plans and the results listing.

The results under ``results/`` (config ``marianne_results_dir``, next to
``conf.py``) are read once per build when the configuration is read, after the
profiles, and kept on the build's ``Config`` like them: every problem (a file
that is not a results file, a hand edit that broke one, results of a site
without a profile) is reported at once, one line each, and the build stops
before writing anything. In the write phase, each site with results gets its
pages and downloads (:mod:`.site_pages`) from the theme's page shell; the
``{site-results}`` directive lists the sites' latest results.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, Final

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util.osutil import relative_uri

from ..checklists.checklist_text import generation_date
from ..doctree_tables import row as table_row
from ..events import connect_outdated
from ..kit.links import need_dicts, page_suffix
from ..kit.placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder
from ..network.audience import is_internal
from ..page_shell import shell_page, take_shell
from ..problems import Problem
from ..results.parsed_cache import ParsedResults
from ..results.results_folder import ResultsFolder, read_results_folder
from ..state import build_profiles, build_results, keep_results, kit_state
from ..user_errors import report, stop
from ..worker_pool import worker_count
from .dashboard_html import EXAMPLE_LABEL
from .scores import lever_index, summarise
from .site_pages import (
    SHELL_PAGE,
    SiteInput,
    dashboard_path,
    generate_site_pages,
    plan_path,
    remove_site_pages,
)
from .verdicts import setup_verdicts

RECORDS: Final = "marianne-dashboards"
#: The results as parsed by earlier builds (:mod:`..results.parsed_cache`), beside the doctrees.
PARSED_RESULTS: Final = "marianne-results.pickle"


class site_results_node(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder for the list of sites' latest results, filled once needs are resolved."""


def orphan_problems(folder: ResultsFolder, slugs: set[str], display_root: str) -> list[Problem]:
    """Results of a site that has no profile: nothing to count them against."""
    return [
        Problem(
            f"{display_root}/{site}",
            None,
            None,
            f"results of a site without a profile: no checklists/{site}.toml",
        )  # fmt: skip
        for site in sorted(folder.results)
        if site not in slugs
    ]


def _read_results(app: Sphinx, config: Config) -> None:
    display = config.marianne_results_dir.strip("/") or "results"
    cache = ParsedResults(Path(app.doctreedir, PARSED_RESULTS))
    folder = read_results_folder(Path(app.confdir, config.marianne_results_dir), display, cache)
    cache.save()
    keep_results(config, folder)
    slugs = {profile.slug for profile in build_profiles(config).profiles}
    problems = folder.problems + orphan_problems(folder, slugs, display)
    if problems:
        stop(app, report(problems, "results"), "the results")


def site_inputs(config: Config) -> list[SiteInput]:
    """Every site that has a profile and results, in slug order."""
    profiles = build_profiles(config)
    results = build_results(config)
    return [
        SiteInput(
            profile.slug,
            profile.name,
            profiles.raw[profile.slug],
            results.of_site(slug),
            results.file_digests.get(slug, {}),
        )
        for profile in sorted(profiles.profiles, key=lambda p: p.slug)
        if (slug := profile.slug) in results.results
    ]


def _collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    if is_internal(app.config):
        yield from shell_page(app, SHELL_PAGE)


def _write_pages(app: Sphinx, exception: Exception | None) -> None:
    if app.builder.format != "html":
        return
    if not is_internal(app.config):
        # An internal build into the same folder earlier must not leave its pages behind.
        remove_site_pages(Path(app.outdir))
        return
    shell = take_shell(app, SHELL_PAGE, exception)
    if shell is None:
        return
    generate_site_pages(
        site_inputs(app.config),
        need_dicts(app.env),
        generation_date(),
        Path(app.outdir),
        Path(app.doctreedir, RECORDS),
        shell,
        page_suffix(app.config),
        workers=worker_count(app.parallel),
    )


class SiteResults(PlaceholderDirective):
    """``{site-results}``: each site's latest results, with links to its pages."""

    node_class = site_results_node


class RenderSiteResults(FillPlaceholders):
    placeholder = site_results_node

    def fill(self, node: nodes.Element) -> nodes.Node:
        if not is_internal(self.config):
            return public_notice()
        sites = site_inputs(self.config)
        if not sites:
            return nodes.paragraph(text="Aucun site n’a encore importé de résultats.")
        levers = lever_index(self.need_dicts())
        here = self.env.docname + page_suffix(self.config)
        table = nodes.table(classes=["mk-sites"], ids=["resultats"])
        table += nodes.title("", "Derniers résultats des sites")
        group = nodes.tgroup(cols=5)
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (30, 10, 20, 15, 25))
        head = nodes.thead()
        head += table_row(
            [
                nodes.Text(label)
                for label in ("Site", "Année", "Statuts renseignés", "Engagements tenus", "Pages")
            ]
        )
        group += head
        body = nodes.tbody()
        for site in sites:
            latest = site.years[max(site.years)]
            summary = summarise(latest, levers)
            name = nodes.paragraph()
            name += nodes.Text(site.name)
            if latest.example:
                name += nodes.Text(" (")
                name += nodes.strong(EXAMPLE_LABEL, EXAMPLE_LABEL)
                name += nodes.Text(")")
            links = nodes.paragraph()
            for index, (label, path) in enumerate(
                (("Tableau de bord", dashboard_path(site.slug)),
                 ("Plan d’action", plan_path(site.slug)))
            ):  # fmt: skip
                if index:
                    links += nodes.Text(" · ")
                uri = relative_uri(here, path.removesuffix(".html") + page_suffix(self.config))
                links += nodes.reference(label, label, refuri=uri, internal=True)
            body += table_row(
                [
                    name,
                    nodes.Text(str(latest.year)),
                    nodes.Text(f"{summary.grid.filled} / {summary.grid.total}"),
                    nodes.Text(f"{summary.commitments_met} / {summary.commitments_judged}"),
                    links,
                ]
            )
        group += body
        return nodes.container("", table, classes=["mk-sites-listing"])


def public_notice() -> nodes.Node:
    """What the public site says where the internal build lists each site's results."""
    return nodes.paragraph(
        text="Les résultats de chaque site, leurs tableaux de bord et leurs plans d’action ne "
        "figurent que dans l’édition interne du réseau. Le site public ne montre que des "
        "résultats agrégés sur plusieurs sites."
    )


def _record_listing(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(site_results_node)):
        kit_state(app.env).listings[app.env.docname] = True


def _outdated_listings(env: BuildEnvironment, removed: set[str]) -> list[str]:
    """Pages listing the sites are read again when any results file changes."""
    digest = build_results(env.config).digest()
    state = kit_state(env)
    changed = state.results_digest != digest
    state.results_digest = digest
    return sorted(state.listings) if changed else []


def setup_dashboards(app: Sphinx) -> None:
    app.add_config_value("marianne_results_dir", "results", "", types=frozenset({str}))
    add_placeholder(app, "site-results", SiteResults, RenderSiteResults)
    # After the checklists read the profiles (priority 100).
    app.connect("config-inited", _read_results, priority=110)
    app.connect("doctree-read", _record_listing)
    connect_outdated(app, _outdated_listings)
    app.connect("html-collect-pages", _collect_pages)
    app.connect("build-finished", _write_pages, priority=610)
    setup_verdicts(app)
