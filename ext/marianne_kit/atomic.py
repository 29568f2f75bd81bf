"""Write generated files so that a reader never sees half of one.

A checklist or matrix file is written beside its final path and renamed over
it: on failure the previous complete file (or none) remains. A process killed
between the two steps (``kill -9``, a CI timeout) leaves the temporary file
behind; :func:`remove_partials` deletes such leftovers before the next write,
so they are never published.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Collection
from pathlib import Path

PARTIAL_SUFFIX = ".partial"


def temporary_path(path: Path) -> Path:
    """Where ``path`` is written first: hidden, beside it, so the rename stays atomic."""
    return path.with_name(f".{path.name}{PARTIAL_SUFFIX}")


def is_partial(name: str) -> bool:
    """Whether a file name is one of :func:`temporary_path`'s."""
    return len(name) > 1 + len(PARTIAL_SUFFIX) and name[0] == "." and name.endswith(PARTIAL_SUFFIX)


def write_atomically(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` in one rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = temporary_path(path)
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def write_if_changed(path: Path, data: bytes) -> bool:
    """Like :func:`write_atomically`, but leave a file that already holds ``data`` untouched.

    A rebuild that changes nothing then changes no modification time either (a
    mirror, a ``rsync`` or a browser cache sees nothing new). Returns whether it wrote.
    """
    try:
        if path.stat().st_size == len(data) and path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomically(path, data)
    return True


def remove_partials(folder: Path, *, recursive: bool = False) -> list[Path]:
    """Delete the temporary files an interrupted build left in ``folder``; return them.

    With ``recursive``, every subfolder too (links to folders are not followed).
    A missing folder has nothing to clean.
    """
    removed: list[Path] = []
    for root, dirs, names in os.walk(folder):
        for name in sorted(names):
            if is_partial(name):
                path = Path(root, name)
                path.unlink(missing_ok=True)
                removed.append(path)
        if not recursive:
            break
        dirs.sort()
    return removed


def remove_unlisted(folder: Path, keep: Collection[str], owned: Callable[[str], bool]) -> None:
    """Delete the files of ``folder`` a build owns (``owned(name)``) but no longer writes
    (not in ``keep``), with any partial file: a site, a search shard gone since the
    last build must not stay published. Links and subfolders are left alone."""
    remove_partials(folder)
    if not folder.is_dir():
        return
    for entry in os.scandir(folder):
        if entry.is_file(follow_symlinks=False) and entry.name not in keep and owned(entry.name):
            Path(entry.path).unlink(missing_ok=True)
