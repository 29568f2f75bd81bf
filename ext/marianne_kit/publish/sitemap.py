"""``sitemap.xml``: every public page of the project, sorted by address. Plain functions.

Written by the kit rather than by sphinx-sitemap, which lists only the pages *this
build wrote*, in the order it wrote them (an incremental build would publish a
partial sitemap), and which starts a ``multiprocessing`` manager process in every
build: a forked process that keeps the parent's pipes open (it hung the browser
tests' Playwright driver at exit).
"""

from __future__ import annotations

import fnmatch
from collections.abc import Iterable
from typing import Final
from xml.sax.saxutils import escape

SITEMAP_NS: Final = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_locations(base_url: str, links: Iterable[str], excludes: Iterable[str]) -> list[str]:
    """The absolute address of each page link that no ``excludes`` pattern matches."""
    patterns = list(excludes)
    return [
        base_url + link
        for link in links
        if not any(fnmatch.fnmatch(link, pattern) for pattern in patterns)
    ]


def sitemap_xml(locations: Iterable[str]) -> bytes:
    """The sitemap of ``locations``, one ``<url>`` per line, sorted, without duplicates."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NS}">']
    lines += [f"<url><loc>{escape(loc)}</loc></url>" for loc in sorted(set(locations))]
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
