"""Download links in the DSFR's form: what the file is, its format and its size.

A reader on a slow or metered connection decides before clicking (RGAA 6.1 asks a
link to say what it leads to): « Télécharger la liste PDF à imprimer (A4) » with
``PDF, 75 Ko`` in the link's detail (``fr-link--download``). Sizes are the bytes of
the very file written next to the page, passed in by the writer that made them.
"""

from __future__ import annotations

from html import escape

NBSP = "\u00a0"


def size_label(size: int) -> str:
    """A file size in French units of 1,000 bytes: « 820 octets », « 75 Ko », « 1,2 Mo »."""
    if size < 0:
        raise ValueError(f"a file size cannot be negative: {size}")
    if size < 1000:
        return f"{size}{NBSP}octet{'s' if size > 1 else ''}"
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))}{NBSP}Ko"
    return f"{size / 1_000_000:.1f}".replace(".", ",") + f"{NBSP}Mo"


def link_detail(suffix: str, size: int) -> str:
    """The link's detail: the format (the suffix in capitals) and the size."""
    return f"{suffix.upper()}, {size_label(size)}"


def download_link_html(text: str, href: str, suffix: str, size: int) -> str:
    """One DSFR download link (``download`` attribute: the browser saves the file)."""
    return (
        f'<a class="fr-link fr-link--download" href="{escape(href)}" download>{escape(text)}'
        f' <span class="fr-link__detail">{escape(link_detail(suffix, size))}</span></a>'
    )
