"""Write each site's results page, action-plan page and plan downloads; only sites that changed.

A site's files depend on its profile's name, its results files, the needs
they are counted against, the build date (which lines are overdue), the page
shell and this code. Their fingerprint is stamped per site with the
checklists' :class:`~..checklists.checklist_records.SiteRecords`, so importing
one site's results rewrites that site's files only, and an interrupted build
is finished by the next. Files of sites that no longer have results are deleted.
With ``-j N``, sites are rendered in N worker processes, in batches, and each
batch is written as it arrives (a network of 1,000 sites spends ≈ 50 ms per site
here). No Sphinx here.
"""

from __future__ import annotations

import datetime
import hashlib
import shutil
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from html import escape
from pathlib import Path
from typing import Any, Final

from ..atomic import remove_unlisted, write_atomically
from ..checklists.checklist_files import needs_digest
from ..checklists.checklist_html import BODY_TOKEN, TITLE_TOKEN
from ..checklists.checklist_records import SiteRecords
from ..checklists.source_closure import closure_digest
from ..results.model import SiteResults
from ..worker_pool import rendered_in_batches
from .action_plan import action_plan
from .dashboard_html import dashboard_body, plan_body
from .plan_files import PLAN_FORMATS
from .scores import latest_changes, lever_index, site_years, summarise

RESULTS_DIR: Final = "resultats"
PLANS_DIR: Final = "plans-action"
#: The theme's page, rendered once with tokens, then turned into every page here.
SHELL_PAGE: Final = f"{RESULTS_DIR}/_page-shell"


@dataclass(frozen=True)
class SiteInput:
    """A site with results: its slug, name, profile bytes and results by year."""

    slug: str
    name: str
    profile_bytes: bytes
    years: Mapping[int, SiteResults]
    #: Year -> SHA-256 of the results file's bytes: what the fingerprint names, as exact
    #: as the results and cheaper (1,000 sites: 0.5 s a build). Without it, the results.
    file_digests: Mapping[int, str] = field(default_factory=dict)


def dashboard_path(slug: str) -> str:
    return f"{RESULTS_DIR}/{slug}.html"


def plan_path(slug: str, suffix: str = "html") -> str:
    return f"{PLANS_DIR}/{slug}.{suffix}"


def site_paths(slug: str) -> list[str]:
    """Every file of one site, relative to the output folder."""
    return [dashboard_path(slug), plan_path(slug)] + [plan_path(slug, s) for s in PLAN_FORMATS]


def render_site(
    site: SiteInput,
    needs: Sequence[Mapping[str, Any]],
    today: datetime.date,
    shell: str,
    page_suffix: str = ".html",
) -> dict[str, bytes]:
    """Path -> bytes of the site's files (paths relative to the output folder)."""
    levers = lever_index(needs)
    years = site_years(site.years)
    summaries = [summarise(results, levers) for results in years]
    titles = {n["id"]: str(n.get("title") or "") for n in needs}
    commitment_titles = {k: v for k, v in titles.items() if k.startswith("ENG-")}
    checklist = f"../checklists/{site.slug}{page_suffix}"
    dashboard = dashboard_body(
        site.name,
        summaries,
        latest_changes(years),
        commitment_titles,
        titles,
        {
            f"Plan d’action {years[-1].year}": f"../{plan_path(site.slug)}",
            "Liste de contrôle du site": checklist,
        },
    )
    plan = action_plan(years[-1], levers, today)
    # The page's download links give each file's size: the files are made first.
    plan_files = {suffix: write(plan) for suffix, (_, write) in PLAN_FORMATS.items()}
    downloads = {
        f"Télécharger le plan d’action {PLAN_FORMATS[suffix][0]}": (
            f"{site.slug}.{suffix}",
            suffix,
            len(data),
        )
        for suffix, data in plan_files.items()
    }
    plan_html = plan_body(
        site.name,
        plan,
        downloads,
        {"Résultats du site": f"../{dashboard_path(site.slug)}", "Liste de contrôle": checklist},
    )

    def page(title: str, body: str) -> bytes:
        return shell.replace(TITLE_TOKEN, escape(title)).replace(BODY_TOKEN, body).encode()

    files = {
        dashboard_path(site.slug): page(f"Résultats — {site.name}", dashboard),
        plan_path(site.slug): page(f"Plan d’action — {site.name}", plan_html),
    }
    for suffix, data in plan_files.items():
        files[plan_path(site.slug, suffix)] = data
    return files


def generator_digest() -> str:
    """This module and every module of ours it imports (read from the sources)."""
    return closure_digest({__name__})


def site_fingerprint(site: SiteInput, base: str) -> str:
    digest = hashlib.sha256(base.encode() + b"\0" + site.slug.encode() + b"\0")
    digest.update(site.name.encode() + b"\0" + site.profile_bytes + b"\0")
    for year in sorted(site.years):
        # The dataclass's repr holds every field, in the file's order.
        named = site.file_digests.get(year) or repr(site.years[year])
        digest.update(f"{year}\0{named}\0".encode())
    return digest.hexdigest()


def _site_files_of(folder: str) -> Callable[[str], bool]:
    """Every file of ``folder`` is a site's, but for the shell page (the caller's)."""

    def is_site_file(name: str) -> bool:
        return not f"{folder}/{name}".startswith(SHELL_PAGE)

    return is_site_file


def _remove_departed(outdir: Path, keep: set[str]) -> None:
    """Delete files of sites without results any more."""
    for folder in (RESULTS_DIR, PLANS_DIR):
        remove_unlisted(
            outdir / folder,
            {path.removeprefix(f"{folder}/") for path in keep if path.startswith(f"{folder}/")},
            owned=_site_files_of(folder),
        )


def remove_site_pages(outdir: Path) -> None:
    """Delete every site's pages and plans: a public build into a folder that held an
    internal one must not keep them."""
    for folder in (RESULTS_DIR, PLANS_DIR):
        shutil.rmtree(outdir / folder, ignore_errors=True)


def _render_batch(
    needs: Sequence[Mapping[str, Any]],
    today: datetime.date,
    shell: str,
    page_suffix: str,
    sites: Sequence[SiteInput],
) -> list[tuple[str, dict[str, bytes]]]:
    """Render a batch of sites (run in a worker when the build is parallel)."""
    return [(site.slug, render_site(site, needs, today, shell, page_suffix)) for site in sites]


def generate_site_pages(
    sites: Sequence[SiteInput],
    needs: Sequence[Mapping[str, Any]],
    today: datetime.date,
    outdir: Path,
    records_dir: Path,
    shell: str,
    page_suffix: str = ".html",
    workers: int = 1,
) -> list[str]:
    """Write the files of every site not recorded as up to date; return their slugs."""
    base = "|".join(
        (generator_digest(), needs_digest(needs), today.isoformat(),
         hashlib.sha256(shell.encode()).hexdigest(), page_suffix)
    )  # fmt: skip
    records = SiteRecords(records_dir)
    current = {site.slug: site_fingerprint(site, base) for site in sites}
    _remove_departed(outdir, {path for slug in current for path in site_paths(slug)})
    records.keep_only(current)
    stale = [
        site
        for site in sites
        if not records.is_current(
            site.slug, current[site.slug], [outdir / path for path in site_paths(site.slug)]
        )
    ]
    records.forget([site.slug for site in stale])
    written = []
    render = partial(_render_batch, needs, today, shell, page_suffix)
    for slug, files in rendered_in_batches(render, stale, workers):
        for path, data in files.items():
            write_atomically(outdir / path, data)
        records.record(slug, current[slug], [outdir / path for path in site_paths(slug)])
        written.append(slug)
    return written
