"""The network's files are rendered again only when what they are made from changed.

Every build used to render each unit's page and its tables' CSV and ODS files,
only to find them unchanged on a rebuild: 0.06 s of a 1.1 s no-op build for
the site's three units, and more for a larger network. Now the whole folder
is stamped with the checklists' :class:`~..checklists.checklist_records.SiteRecords`
(one record for all of ``reseau/``): the fingerprint of the inputs, and the
size and date of every file the folder holds. When both match, nothing is
rendered; otherwise the stamp is deleted, the files are written as before
(:func:`.network_render.write_network`) and stamped again, so an interrupted
build is finished by the next one. No Sphinx here.
"""

from __future__ import annotations

import datetime
import hashlib
import os
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Final

from ..checklists.checklist_files import needs_digest
from ..checklists.checklist_records import SiteRecords
from ..checklists.source_closure import closure_digest
from .network_render import OUTPUT_DIR, SHELL_PAGE, NetworkInput, write_network

#: The one record of the stamps folder: the whole network folder.
RECORD: Final = "reseau"


def network_generator() -> str:
    """The code that shapes the files: the renderer and every module of ours it imports."""
    return closure_digest({write_network.__module__})


def network_fingerprint(
    data: NetworkInput, figures_from: str, shell: str, day: datetime.date, generator: str
) -> str:
    """Everything the files are made from. The figures are not computed for it:
    ``figures_from`` names what they are computed from beside the tree (every results
    file, the minimum-size rule), which also covers the site answers the internal
    build shows."""
    parts = [
        generator,
        figures_from,
        shell,
        day.isoformat(),
        repr(data.hierarchy),
        # The tables read a lever's or engagement's ID, type, title and channel: all
        # among the fields this digest covers.
        needs_digest(data.needs),
        repr(sorted(data.dashboards)),
        repr((data.internal, data.rule_page, data.page_suffix)),
    ]
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def folder_files(outdir: Path) -> list[Path]:
    """The files of the network folder, the theme's shell page aside (it is Sphinx's)."""
    folder = outdir / OUTPUT_DIR
    if not folder.is_dir():
        return []
    shell = os.path.basename(SHELL_PAGE)
    return sorted(
        Path(entry.path)
        for entry in os.scandir(folder)
        if entry.is_file(follow_symlinks=False) and not entry.name.startswith(shell)
    )


def write_network_when_stale(
    outdir: Path,
    records_dir: Path,
    fingerprint: str,
    render: Callable[[], Iterable[Mapping[str, bytes]]],
) -> list[str] | None:
    """The paths :func:`write_network` wrote from ``render()``, or None when the stamp
    says the folder holds what ``fingerprint`` makes (``render`` is then not called)."""
    records = SiteRecords(records_dir)
    if records.is_current(RECORD, fingerprint, folder_files(outdir)):
        return None
    records.forget([RECORD])
    written = write_network(outdir, render())
    records.record(RECORD, fingerprint, folder_files(outdir))
    return written
