"""What was written for each site, recorded so that it never claims more than the disk holds.

A build can be stopped at any point (Ctrl-C, ``kill -9``, a CI timeout). The
record is therefore one stamp per site, in a folder beside the doctrees: a
site's stamp is deleted before any of its files is rewritten and written (in
one rename) only after all of them. A stamp names the fingerprint of the
site's inputs and the size and modification time of each file as they were
left on disk, so a file changed or lost since (an interrupted older build, a
restored output folder) makes the site stale again. No stamp, or a stamp that
does not match, means: write the site again.

Which files belong to removed sites is read from the output folder itself, not
from the record, so they disappear even when the doctrees were deleted.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..atomic import remove_partials, write_atomically
from .checklist_formats import BUILTIN_FORMATS, site_suffixes

_STAMP_SUFFIX = ".json"

#: File name -> [size in bytes, modification time in ns].
FileStates = dict[str, list[int]]


def file_states(paths: Iterable[Path]) -> FileStates | None:
    """Size and modification time of each file; None when one is missing."""
    states: FileStates = {}
    for path in paths:
        try:
            status = path.stat()
        except OSError:
            return None
        states[path.name] = [status.st_size, status.st_mtime_ns]
    return states


@dataclass(frozen=True)
class SiteRecords:
    """The per-site stamps kept in ``directory``."""

    directory: Path

    @classmethod
    def beside(cls, manifest_path: Path) -> SiteRecords:
        """The stamps folder of a manifest path: ``x.json`` -> ``x/``.

        A whole-build manifest left by an older version is deleted: it was
        written after all the files and could claim sites a build never finished.
        """
        directory = manifest_path.with_suffix("")
        if directory != manifest_path and manifest_path.is_file():
            manifest_path.unlink()
        return cls(directory)

    def _stamp(self, slug: str) -> Path:
        return self.directory / f"{slug}{_STAMP_SUFFIX}"

    def is_current(self, slug: str, fingerprint: str, files: Sequence[Path]) -> bool:
        """Whether the stamp says these exact files were written for this fingerprint."""
        try:
            stamp = json.loads(self._stamp(slug).read_bytes())
        except (OSError, ValueError):
            return False
        if not isinstance(stamp, dict) or stamp.get("fingerprint") != fingerprint:
            return False
        states = file_states(files)
        return states is not None and stamp.get("files") == states

    def forget(self, slugs: Iterable[str]) -> None:
        """Delete the stamps of sites about to be rewritten, before any of their files."""
        for slug in slugs:
            self._stamp(slug).unlink(missing_ok=True)

    def record(self, slug: str, fingerprint: str, files: Sequence[Path]) -> None:
        """Stamp a site once every one of its files is in place."""
        states = file_states(files)
        if states is None:
            raise FileNotFoundError(f"checklist files of '{slug}' missing right after writing")
        stamp = {"fingerprint": fingerprint, "files": states}
        write_atomically(self._stamp(slug), json.dumps(stamp, sort_keys=True).encode())

    def keep_only(self, slugs: Collection[str]) -> None:
        """Drop stray temporary files and the stamps of sites that no longer exist."""
        if not self.directory.is_dir():
            return
        remove_partials(self.directory)
        for entry in os.scandir(self.directory):
            name = entry.name
            if name.endswith(_STAMP_SUFFIX) and name[: -len(_STAMP_SUFFIX)] not in slugs:
                Path(entry.path).unlink(missing_ok=True)


def departed_files(
    outdir: Path,
    slugs: Collection[str],
    pages: Collection[str],
    suffixes: Sequence[str] = site_suffixes(BUILTIN_FORMATS),
) -> list[Path]:
    """Files in ``outdir`` named like a site's that belong to no current site.

    ``suffixes`` are those a site's files may have (:func:`.checklist_formats.site_suffixes`).
    ``pages`` are the names (without suffix) of the Sphinx documents of that
    folder, such as ``index``: their HTML files are Sphinx's, never a site's.
    """
    if not outdir.is_dir():
        return []
    # A slug as :func:`.profiles.slugify` makes them, followed by a site file's suffix.
    site_file = re.compile(
        r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.(" + "|".join(map(re.escape, suffixes)) + r")$"
    )
    departed = []
    for entry in os.scandir(outdir):
        match = site_file.match(entry.name)
        if match is None or match[1] in slugs or not entry.is_file(follow_symlinks=False):
            continue
        if match[2] == "html" and match[1] in pages:
            continue
        departed.append(Path(entry.path))
    return sorted(departed)
