"""Sphinx glue of the per-site self-assessment checklists.

Profiles are checked when the configuration is read, so a broken profile fails
the build before anything is written. In the write phase each site gets
its PDF, ODS, XLSX and CSV files when writing starts (``write-started``, after
every check), then its page from the theme's shell (``html-collect-pages``,
``build-finished``). The ``{site-checklists}`` directive lists the sites with
their downloads on the checklists index page: the files exist by then, so each
link gives the size of the file it serves.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.osutil import relative_uri

from ..doctree_tables import row as table_row
from ..download_links import download_link_html
from ..events import connect_outdated
from ..kit.grouping import channel_label, count_label
from ..kit.links import need_dicts, page_suffix
from ..kit.model import CHANNELS
from ..kit.placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder
from ..network.audience import is_internal
from ..page_shell import shell_page, take_shell
from ..problems import Problem
from ..state import (
    build_downloads_dir,
    build_profiles,
    build_results,
    keep_downloads_dir,
    keep_profiles,
    kit_state,
)
from ..user_errors import report, stop
from ..worker_pool import worker_count
from . import checklist_text as text
from .checklist_files import (
    SiteJob,
    download_sizes,
    fingerprint,
    generate_site_files,
    generate_site_pages,
    generator_digest,
)
from .checklist_formats import ChecklistFormat, FormatError, load_formats
from .checklist_html import PageShell
from .fonts import FontMissing, check_fonts_installed
from .profile_files import ProfileFolder, read_profile_folder
from .profiles import SiteProfile, reference_problems
from .scope import levers_in_scopes

OUTPUT_DIR = "checklists"
GENERIC_SLUG = "kit-complet"
RESERVED_SLUGS = (GENERIC_SLUG, "index")
MANIFEST = "marianne-checklists.json"
#: The per-site stamps of the sites' pages, beside the downloads' (``marianne-checklists/``).
PAGE_RECORDS = "marianne-checklist-pages"
#: The theme's page rendered once, then turned into each site's page and removed.
SHELL_PAGE = f"{OUTPUT_DIR}/_page-shell"

logger = logging.getLogger(__name__)


class site_checklists_node(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder for the list of sites, filled once needs are resolved."""


def generic_profile(year: int) -> SiteProfile:
    """The all-channels, all-engagements checklist offered beside the sites'."""
    return SiteProfile(
        slug=GENERIC_SLUG,
        name="Kit complet — tous canaux, tous engagements",
        kind="modele",
        channels=tuple(CHANNELS),
        year=year,
        source="(liste générique)",
    )


def _profiles_dir(config: Config) -> Path:
    return Path(config.marianne_checklists_dir)


def _read_profiles(config: Config) -> ProfileFolder:
    """The profiles of ``marianne_checklists_dir`` with their problems (none: no folder)."""
    directory = _profiles_dir(config)
    if not directory.is_dir():
        return ProfileFolder()
    return read_profile_folder(directory, directory.parent, RESERVED_SLUGS)


def site_jobs(config: Config) -> list[SiteJob]:
    """The generic checklist and one job per valid profile file (read once per build)."""
    folder = build_profiles(config)
    year = text.generation_date().year
    results = build_results(config)
    # Pre-filled answers are one site's own: only in the network's internal build.
    prefilled = is_internal(config)
    return [SiteJob(generic_profile(year), b"")] + [
        SiteJob(
            profile,
            folder.raw[profile.slug],
            results.of_site(profile.slug).get(profile.year - 1) if prefilled else None,
            results.file_digests.get(profile.slug, {}).get(profile.year - 1, ""),
        )
        for profile in folder.profiles
    ]


def checklist_formats(config: Config) -> tuple[ChecklistFormat, ...]:
    """The built-in formats and those ``marianne_checklist_formats`` adds (checked at start)."""
    return load_formats(config.marianne_checklist_formats)


def _check_config(app: Sphinx, config: Config) -> None:
    problems: list[Problem] = []
    if not isinstance(config.marianne_referential_version, str) or not (
        config.marianne_referential_version.strip()
    ):
        problems.append(
            Problem("conf.py", None, "marianne_referential_version", "must be a non-empty string")
        )
    try:
        checklist_formats(config)
    except FormatError as error:
        problems.append(Problem("conf.py", None, "marianne_checklist_formats", str(error)))
    if problems:
        stop(app, report(problems, "config"), "the configuration")
    # Profiles live next to conf.py, whatever directory the build runs from.
    config.marianne_checklists_dir = str(Path(app.confdir, config.marianne_checklists_dir))
    try:
        check_fonts_installed()  # profiles are checked against the PDF font's characters
    except FontMissing as missing:
        stop(app, report([Problem("checklists", None, None, str(missing))], "font"), "the fonts")
    # The only reading of the profiles in this build: everything else asks build_profiles().
    folder = _read_profiles(config)
    keep_profiles(config, folder)
    for note in folder.notes:
        logger.info(note)
    if folder.problems:
        stop(app, report(folder.problems, "profile"), "the checklist profiles")


#: The build's generator digest, kept on its Config (a "_" name: never pickled, see state.py).
_GENERATOR_ATTRIBUTE = "_marianne_generator_digest"


def _generator(config: Config) -> str:
    """The formats' :func:`generator_digest`, read from the sources once per build."""
    digest = getattr(config, _GENERATOR_ATTRIBUTE, None)
    if not isinstance(digest, str):
        digest = generator_digest(checklist_formats(config))
        setattr(config, _GENERATOR_ATTRIBUTE, digest)
    return digest


def _meta(config: Config) -> text.ChecklistMeta:
    return text.ChecklistMeta(
        config.marianne_referential_version, text.generation_date(), config.marianne_edition
    )


def _check_exclusions(app: Sphinx, builder: Any) -> None:
    """Exclusions name levers, known once every page is read: checked before any write."""
    levers = [need for need in need_dicts(app.env) if need["type"] == "lever"]
    problems = reference_problems((job.profile for job in site_jobs(app.config)), levers)
    if problems:
        stop(app, report(problems, "profile"), "the checklist profiles")


def _collect_pages(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """One page only: the theme's shell that every site's page is made from."""
    yield from shell_page(app, SHELL_PAGE)


def _checklists_dir(app: Sphinx) -> Path:
    return Path(app.outdir, OUTPUT_DIR)


def _write_downloads(app: Sphinx, builder: Any) -> None:
    """Every site's downloads, before Sphinx writes a page: the list of sites gives their sizes."""
    if app.builder.format != "html":
        return
    keep_downloads_dir(app.config, _checklists_dir(app))
    generate_site_files(
        site_jobs(app.config),  # exclusions were checked before writing
        need_dicts(app.env),
        _meta(app.config),
        _checklists_dir(app),
        Path(app.doctreedir, MANIFEST),
        workers=worker_count(app.parallel),
        pages={
            doc.rpartition("/")[2]
            for doc in app.env.found_docs
            if doc.rpartition("/")[0] == OUTPUT_DIR
        },
        formats=checklist_formats(app.config),
        generator=_generator(app.config),
    )


def _write_pages(app: Sphinx, exception: Exception | None) -> None:
    """Every site's page, made from the theme's shell that exists only now."""
    if app.builder.format != "html":
        return
    shell_html = take_shell(app, SHELL_PAGE, exception)
    if shell_html is None:
        return
    needs = need_dicts(app.env)
    suffix = page_suffix(app.config)
    here = f"{OUTPUT_DIR}/index{suffix}"
    lever_uris = {
        need["id"]: relative_uri(here, need["docname"] + suffix) + "#" + need["id"]
        for need in needs
        if need["type"] == "lever" and need["docname"]
    }
    shell = PageShell(shell_html, lever_uris, checklist_formats(app.config))
    generate_site_pages(
        site_jobs(app.config),
        needs,
        _meta(app.config),
        _checklists_dir(app),
        Path(app.doctreedir, PAGE_RECORDS),
        shell,
        _generator(app.config),
    )


class SiteChecklists(PlaceholderDirective):
    """``{site-checklists}``: the table of sites and their downloads."""

    node_class = site_checklists_node


class RenderSiteChecklists(FillPlaceholders):
    placeholder = site_checklists_node

    def fill(self, node: nodes.Element) -> nodes.Node:
        return self._table(site_jobs(self.config), self.need_dicts())

    def _table(self, jobs: list[SiteJob], needs: list[dict[str, Any]]) -> nodes.Node:
        here = self.env.docname
        suffix = page_suffix(self.config)
        table = nodes.table(classes=["mk-sites"], ids=["sites"])
        group = nodes.tgroup(cols=4)
        table += nodes.title("", "Listes de contrôle disponibles")
        table += group
        group.extend(nodes.colspec(colwidth=width) for width in (30, 25, 10, 35))
        head = nodes.thead()
        head += table_row(
            [nodes.Text(label) for label in ("Site", "Canaux", "Leviers", "Télécharger")]
        )
        group += head
        body = nodes.tbody()
        formats = checklist_formats(self.config)
        scopes = levers_in_scopes([job.profile for job in jobs], needs)
        for job, scope in zip(jobs, scopes, strict=True):
            profile = job.profile
            page = f"{OUTPUT_DIR}/{profile.slug}"
            name = nodes.paragraph()
            name += nodes.reference(
                profile.name,
                profile.name,
                internal=True,
                refuri=relative_uri(here + suffix, page + suffix),
            )
            channels = ", ".join(channel_label(slug) for slug in profile.channels)
            count = len(scope)
            row = table_row([name, nodes.Text(channels), nodes.Text(str(count))])
            downloads = nodes.entry()
            downloads += self._links(page, formats)  # a list: not inside a paragraph
            row += downloads
            body += row
        group += body
        summary = nodes.paragraph(
            text=f"{count_label(len(jobs) - 1, 'site', 'sites')} et la liste générique."
        )
        return nodes.container("", summary, table, classes=["mk-sites-listing"])

    def _links(self, page: str, formats: tuple[ChecklistFormat, ...]) -> nodes.raw:
        """The site's downloads as DSFR download links, with the sizes of the files served.

        The files were written when writing started (:func:`_write_downloads`),
        before this page; their sizes are read from the disk.
        """
        here = self.env.docname + page_suffix(self.config)
        sizes = download_sizes(build_downloads_dir(self.config), page.rpartition("/")[2], formats)
        items = "".join(
            "<li>"
            + download_link_html(
                entry.label,
                relative_uri(here, f"{page}.{entry.suffix}"),
                entry.suffix,
                sizes[entry.suffix],
            )
            + "</li>"
            for entry in formats
        )
        return nodes.raw("", f'<ul class="mk-site-downloads">{items}</ul>', format="html")


def _record_listing(app: Sphinx, doctree: nodes.document) -> None:
    # Cleared page by page and merged from parallel workers by the state domain.
    if any(True for _ in doctree.findall(site_checklists_node)):
        kit_state(app.env).listings[app.env.docname] = True


def _outdated_listings(env: BuildEnvironment, removed: set[str]) -> list[str]:
    """Pages showing the sites (lists, matrices) are read again when a profile is added,
    edited or removed, or when anything else their downloads' sizes depend on changes."""
    # Every input of the downloads but the needs (a changed need already rewrites every
    # page showing needs, site/incremental.py): the sizes the list gives follow them.
    meta = _meta(env.config)
    base = "|".join(
        (_generator(env.config), meta.version, meta.generated.isoformat(), meta.edition)
    )
    digest = hashlib.sha256()
    for job in site_jobs(env.config):
        digest.update(job.profile.slug.encode() + b"\0" + fingerprint(job, base).encode())
    state = kit_state(env)
    changed_profiles = state.profiles_digest != digest.hexdigest()
    state.profiles_digest = digest.hexdigest()
    return sorted(state.listings) if changed_profiles else []


def setup_checklists(app: Sphinx) -> None:
    app.add_config_value("marianne_checklists_dir", "checklists", "", types=frozenset({str}))
    # "module:attribute" paths to ChecklistFormat objects offered after the built-in ones.
    app.add_config_value("marianne_checklist_formats", (), "", types=frozenset({list, tuple}))
    app.add_config_value(
        "marianne_referential_version", "Référentiel Marianne", "", types=frozenset({str})
    )
    add_placeholder(app, "site-checklists", SiteChecklists, RenderSiteChecklists)
    # Before other extensions copy files into the output folder (sphinxcontrib-jquery, 500).
    app.connect("config-inited", _check_config, priority=100)
    app.connect("doctree-read", _record_listing)
    connect_outdated(app, _outdated_listings)
    # After sphinx-needs has resolved the needs (write-started, priority 500).
    app.connect("write-started", _check_exclusions, priority=800)
    # After every check of the content (user_errors stops the build at priority 900).
    app.connect("write-started", _write_downloads, priority=950)
    app.connect("html-collect-pages", _collect_pages)
    # Before the dashboards (610) and the network pages (620): the checklists index comes first.
    app.connect("build-finished", _write_pages, priority=600)
