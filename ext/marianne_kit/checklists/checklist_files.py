"""Render every site's downloadable files, and only the sites whose inputs changed.

A site's files depend on its profile, on the levers and on the generator; their
fingerprint is stamped per site beside the doctrees once all the site's files
are written (:mod:`.checklist_records`), so editing one profile regenerates
that site only and an interrupted build is finished by the next one. Many
sites are rendered in worker processes; each file is written atomically, and
files of removed sites are deleted.

The downloads are written first (:func:`generate_site_files`, before Sphinx
writes any page) and each site's page after them (:func:`generate_site_pages`,
once the theme's shell exists), with stamps of its own: every download link,
on the site's page and on the list of sites, gives the size of the file on
disk (:func:`download_sizes`), and no file is written twice.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..atomic import remove_partials, write_if_changed
from ..results.model import SiteResults
from ..worker_pool import rendered_in_batches
from . import checklist_text as text
from .checklist_formats import BUILTIN_FORMATS, PAGE_SUFFIX, ChecklistFormat, site_suffixes
from .checklist_html import PageShell
from .checklist_pdf_layout import TextMeasure
from .checklist_records import SiteRecords, departed_files
from .prefill import Prefill
from .profiles import SiteProfile
from .scope import Checklist, build_checklist, need_fields
from .source_closure import closure_digest


@dataclass(frozen=True)
class SiteJob:
    """One site to render; ``profile_bytes`` are the TOML file as written."""

    profile: SiteProfile
    profile_bytes: bytes
    #: The site's results of the year before its profile's: its checklist is pre-filled.
    previous: SiteResults | None = None
    #: SHA-256 of that results file's bytes: what the fingerprint names, as exact as the
    #: results and cheaper (1,000 sites: 0.2 s a fingerprinting). Without it, the results.
    previous_digest: str = ""


def site_checklist(job: SiteJob, needs: Sequence[Mapping[str, Any]]) -> Checklist:
    """The one checklist every file of the site is made from (pre-filled from N−1)."""
    checklist = build_checklist(job.profile, needs)
    if job.previous is not None:
        checklist = replace(checklist, prefill=Prefill.of(job.previous))
    return checklist


def render_site(
    job: SiteJob,
    needs: Sequence[Mapping[str, Any]],
    meta: text.ChecklistMeta,
    measure: TextMeasure,
    shell: PageShell | None = None,
    formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS,
) -> dict[str, bytes]:
    """Suffix -> bytes of every file of one site (the page too when a shell is given)."""
    checklist = site_checklist(job, needs)
    files = {entry.suffix: entry.write(checklist, meta, measure) for entry in formats}
    # The page's download links give each file's size: the files are made first.
    sizes = {suffix: len(data) for suffix, data in files.items()}
    page = {"html": shell.page(checklist, meta, sizes)} if shell is not None else {}
    return page | files


def generator_digest(formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS) -> str:
    """The code that shapes the files: this module, the page's and every writer's, with
    all the modules of theirs they import (read from the sources, never listed by hand)."""
    return closure_digest(
        {__name__, PageShell.__module__} | {entry.write.__module__ for entry in formats}
    )


def needs_digest(needs: Iterable[Mapping[str, Any]]) -> str:
    """What of the needs a checklist may show: the fields its builder reads, in order."""
    shown = [need_fields(need) for need in needs]
    shown.sort(key=lambda need: str(need["id"]))
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def fingerprint(job: SiteJob, base: str) -> str:
    digest = hashlib.sha256(base.encode() + job.profile.slug.encode() + job.profile_bytes)
    if job.previous is not None:  # the repr holds every field, in file order
        digest.update(b"\0" + (job.previous_digest or repr(job.previous)).encode())
    return digest.hexdigest()


def _render_batch(
    needs: Sequence[Mapping[str, Any]],
    meta: text.ChecklistMeta,
    shell: PageShell | None,
    formats: Sequence[ChecklistFormat],
    jobs: list[SiteJob],
) -> list[tuple[str, dict[str, bytes]]]:
    """Render a batch of sites sharing one line-wrapping cache (run in a worker)."""
    measure = TextMeasure()
    return [
        (job.profile.slug, render_site(job, needs, meta, measure, shell, formats)) for job in jobs
    ]


def _base(
    needs: Sequence[Mapping[str, Any]],
    meta: text.ChecklistMeta,
    formats: Sequence[ChecklistFormat],
    generator: str | None,
    *more: str,
) -> str:
    """What every site's files share: the generator (``generator``, else read from the
    sources), the needs shown, the build's meta."""
    generator = generator if generator is not None else generator_digest(formats)
    return "|".join(
        (generator, needs_digest(needs), meta.version, meta.generated.isoformat(),
         meta.edition, *more)
    )  # fmt: skip


def generate_site_files(
    jobs: Sequence[SiteJob],
    needs: Sequence[Mapping[str, Any]],
    meta: text.ChecklistMeta,
    outdir: Path,
    manifest_path: Path,
    workers: int = 1,
    pages: Collection[str] = (),
    formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS,
    generator: str | None = None,
) -> list[str]:
    """Write the downloads of every site not recorded as up to date; return their slugs.

    ``manifest_path`` names the record (its folder of per-site stamps is the
    same path without the suffix); ``pages`` are the Sphinx documents of
    ``outdir`` (``index``), whose pages are not a removed site's; ``formats``
    are the registered ones (:func:`.checklist_formats.load_formats`);
    ``generator`` their :func:`generator_digest` if the caller has it. The
    sites' pages are :func:`generate_site_pages`'s; a removed site's page goes here.
    """
    every_suffix = site_suffixes(formats)
    suffixes = every_suffix[1:]
    base = _base(needs, meta, formats, generator)
    records = SiteRecords.beside(manifest_path)
    current = {job.profile.slug: fingerprint(job, base) for job in jobs}
    remove_partials(outdir)
    for path in departed_files(outdir, current, pages, every_suffix):
        path.unlink(missing_ok=True)
    records.keep_only(current)

    def site_files(slug: str) -> list[Path]:
        return [outdir / f"{slug}.{suffix}" for suffix in suffixes]

    stale = [
        job for job in jobs
        if not records.is_current(job.profile.slug, current[job.profile.slug],
                                  site_files(job.profile.slug))
    ]  # fmt: skip
    records.forget(job.profile.slug for job in stale)
    written: list[str] = []
    render = partial(_render_batch, needs, meta, None, formats)
    for slug, files in rendered_in_batches(render, stale, workers):
        for suffix, data in files.items():
            write_if_changed(outdir / f"{slug}.{suffix}", data)
        records.record(slug, current[slug], site_files(slug))
        written.append(slug)
    return written


def download_sizes(
    outdir: Path, slug: str, formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS
) -> dict[str, int]:
    """Suffix -> size in bytes of each download of a site, as the disk holds it now.

    Read from the files themselves, never from what a writer returned: the link
    gives the size of the very file it serves, whether written by this build or
    kept from an earlier one.
    """
    return {entry.suffix: (outdir / f"{slug}.{entry.suffix}").stat().st_size for entry in formats}


def generate_site_pages(
    jobs: Sequence[SiteJob],
    needs: Sequence[Mapping[str, Any]],
    meta: text.ChecklistMeta,
    outdir: Path,
    records_dir: Path,
    shell: PageShell,
    generator: str | None = None,
) -> list[str]:
    """Write the page of every site whose page is not recorded as up to date; return their slugs.

    Runs after :func:`generate_site_files`: a page shows its downloads' sizes,
    read from the disk, and is stamped with them, so a download rewritten
    with another size makes its page stale too.
    """
    formats = shell.formats
    base = _base(needs, meta, formats, generator, hashlib.sha256(shell.html.encode()).hexdigest())
    records = SiteRecords(records_dir)
    sizes = {job.profile.slug: download_sizes(outdir, job.profile.slug, formats) for job in jobs}
    current = {
        job.profile.slug: fingerprint(job, f"{base}|{sorted(sizes[job.profile.slug].items())}")
        for job in jobs
    }
    records.keep_only(current)
    written: list[str] = []
    for job in jobs:
        slug = job.profile.slug
        page = [outdir / f"{slug}.{PAGE_SUFFIX}"]
        if records.is_current(slug, current[slug], page):
            continue
        records.forget([slug])
        write_if_changed(page[0], shell.page(site_checklist(job, needs), meta, sizes[slug]))
        records.record(slug, current[slug], page)
        written.append(slug)
    return written
