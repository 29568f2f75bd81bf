"""Render every site's downloadable files, and only the sites whose inputs changed.

A site's files depend on its profile, on the levers and on the generator; their
fingerprint is stamped per site beside the doctrees once all the site's files
are written (:mod:`.checklist_records`), so editing one profile regenerates
that site only and an interrupted build is finished by the next one. Many
sites are rendered in worker processes; each file is written atomically, and
files of removed sites are deleted.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any

from ..atomic import remove_partials, write_atomically
from ..results.model import SiteResults
from ..worker_pool import rendered_in_batches
from . import checklist_text as text
from .checklist_formats import BUILTIN_FORMATS, ChecklistFormat, site_suffixes
from .checklist_html import PageShell
from .checklist_pdf_layout import TextMeasure
from .checklist_records import SiteRecords, departed_files
from .prefill import Prefill
from .profiles import SiteProfile
from .scope import build_checklist, need_fields
from .source_closure import source_closure


@dataclass(frozen=True)
class SiteJob:
    """One site to render; ``profile_bytes`` are the TOML file as written."""

    profile: SiteProfile
    profile_bytes: bytes
    #: The site's results of the year before its profile's: its checklist is pre-filled.
    previous: SiteResults | None = None


def render_site(
    job: SiteJob,
    needs: Sequence[Mapping[str, Any]],
    meta: text.ChecklistMeta,
    measure: TextMeasure,
    shell: PageShell | None = None,
    formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS,
) -> dict[str, bytes]:
    """Suffix -> bytes of every file of one site (the page too when a shell is given)."""
    checklist = build_checklist(job.profile, needs)
    if job.previous is not None:
        checklist = replace(checklist, prefill=Prefill.of(job.previous))
    files = {entry.suffix: entry.write(checklist, meta, measure) for entry in formats}
    # The page's download links give each file's size: the files are made first.
    sizes = {suffix: len(data) for suffix, data in files.items()}
    page = {"html": shell.page(checklist, meta, sizes)} if shell is not None else {}
    return page | files


def generator_digest(formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS) -> str:
    """The code that shapes the files: this module, the page's and every writer's, with
    all the modules of theirs they import (read from the sources, never listed by hand)."""
    roots = {__name__, PageShell.__module__} | {entry.write.__module__ for entry in formats}
    digest = hashlib.sha256()
    for name, path in source_closure(roots):
        digest.update(name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def needs_digest(needs: Iterable[Mapping[str, Any]]) -> str:
    """What of the needs a checklist may show: the fields its builder reads, in order."""
    shown = [need_fields(need) for need in needs]
    shown.sort(key=lambda need: str(need["id"]))
    return hashlib.sha256(json.dumps(shown, sort_keys=True).encode()).hexdigest()


def fingerprint(job: SiteJob, base: str) -> str:
    digest = hashlib.sha256(base.encode() + job.profile.slug.encode() + job.profile_bytes)
    if job.previous is not None:
        digest.update(b"\0" + repr(job.previous).encode())  # every field, in file order
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


def generate_site_files(
    jobs: Sequence[SiteJob],
    needs: Sequence[Mapping[str, Any]],
    meta: text.ChecklistMeta,
    outdir: Path,
    manifest_path: Path,
    workers: int = 1,
    shell: PageShell | None = None,
    pages: Collection[str] = (),
    formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS,
) -> list[str]:
    """Write the files of every site not recorded as up to date; return their slugs.

    ``manifest_path`` names the record (its folder of per-site stamps is the
    same path without the suffix); ``pages`` are the Sphinx documents of
    ``outdir`` (``index``), whose pages are not a removed site's; ``formats``
    are the registered ones (:func:`.checklist_formats.load_formats`).
    """
    every_suffix = site_suffixes(formats)
    suffixes = every_suffix if shell is not None else every_suffix[1:]
    shell_digest = hashlib.sha256(shell.html.encode()).hexdigest() if shell else ""
    base = "|".join(
        (generator_digest(formats), needs_digest(needs), meta.version,
         meta.generated.isoformat(), shell_digest)
    )  # fmt: skip
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
    render = partial(_render_batch, needs, meta, shell, formats)
    for slug, files in rendered_in_batches(render, stale, workers):
        for suffix, data in files.items():
            write_atomically(outdir / f"{slug}.{suffix}", data)
        records.record(slug, current[slug], site_files(slug))
        written.append(slug)
    return written
