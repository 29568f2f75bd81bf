"""The registry of downloadable checklist formats: one entry each, the rest derives from it.

A format is a file suffix, the French label of its download link and a writer
that turns the one :class:`~.scope.Checklist` of a site (plus the build's
meta) into bytes. The files written per site, the download links of the site
page and of the list of sites, the output files recognised as a site's and the
generator's fingerprint are all read from here, so adding a format is one
module with its writer and one line in :data:`BUILTIN_FORMATS`.

A project (or a test) adds formats without editing the extension: the
configuration value ``marianne_checklist_formats`` lists ``"module:attribute"``
paths to :class:`ChecklistFormat` objects, appended after the built-in ones.

The site's HTML page is not a registered format: it is made from the theme's
page shell, which Sphinx renders once per build, and links each lever to its
page, inputs a writer working from the checklist alone (in a worker process,
or in a plain test) does not have; and it is the page offering the downloads,
not one of them. :class:`~.checklist_html.PageShell` renders it.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final

from .checklist_csv import checklist_csv
from .checklist_ods import checklist_ods
from .checklist_pdf import checklist_pdf
from .checklist_pdf_layout import TextMeasure
from .checklist_text import ChecklistMeta
from .checklist_xlsx import checklist_xlsx
from .scope import Checklist

#: Checklist, meta, and a line-wrapping cache shared by the sites of one batch.
Writer = Callable[[Checklist, ChecklistMeta, TextMeasure], bytes]
#: The site's page, always written beside the registered formats' files.
PAGE_SUFFIX: Final = "html"
_SUFFIX = re.compile(r"^[a-z0-9]+$")


class FormatError(ValueError):
    """A registered format that cannot be used; the message says which and why."""


@dataclass(frozen=True)
class ChecklistFormat:
    """One downloadable format: ``suffix`` names the file, ``label`` its download link.

    ``write`` must be a module-level function: sites are rendered in worker
    processes, which receive it by reference.
    """

    suffix: str
    label: str
    write: Writer

    def __post_init__(self) -> None:
        if not _SUFFIX.match(self.suffix) or self.suffix == PAGE_SUFFIX:
            raise FormatError(
                f"checklist format suffix '{self.suffix}': lowercase letters and digits, "
                f"other than '{PAGE_SUFFIX}'"
            )


BUILTIN_FORMATS: Final = (
    ChecklistFormat("pdf", "PDF à imprimer (A4)", checklist_pdf),
    ChecklistFormat("ods", "Tableur ODS (LibreOffice)", checklist_ods),
    ChecklistFormat("xlsx", "Tableur XLSX (Excel)", checklist_xlsx),
    ChecklistFormat("csv", "CSV (séparateur point-virgule)", checklist_csv),
)


def _load(path: str) -> ChecklistFormat:
    module_name, _, attribute = path.partition(":")
    if not module_name or not attribute:
        raise FormatError(f"'{path}' is not of the form 'module:attribute'")
    try:
        found = getattr(importlib.import_module(module_name), attribute)
    except (ImportError, AttributeError) as error:
        raise FormatError(f"'{path}' cannot be loaded: {error}") from error
    if not isinstance(found, ChecklistFormat):
        raise FormatError(f"'{path}' is a {type(found).__name__}, not a ChecklistFormat")
    return found


def load_formats(paths: Sequence[str] = ()) -> tuple[ChecklistFormat, ...]:
    """The built-in formats, then those ``paths`` name, in order; suffixes must differ."""
    formats = BUILTIN_FORMATS + tuple(_load(path) for path in paths)
    seen: set[str] = set()
    for entry in formats:
        if entry.suffix in seen:
            raise FormatError(f"two checklist formats have the suffix '{entry.suffix}'")
        seen.add(entry.suffix)
    return formats


def site_suffixes(formats: Sequence[ChecklistFormat]) -> tuple[str, ...]:
    """Suffixes of every file of a site: its page, then each format's."""
    return (PAGE_SUFFIX,) + tuple(entry.suffix for entry in formats)
