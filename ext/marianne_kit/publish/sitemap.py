"""``sitemap.xml`` complete and in a fixed order: plain functions.

sphinx-sitemap lists the pages *this build wrote*, in the order it wrote them:
an incremental build would publish a sitemap of the few pages it rewrote, and a
parallel build an order of its own. The file is written again with every page
of the project, sorted by address, so any build gives the clean build's bytes.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final
from xml.etree import ElementTree
from xml.sax.saxutils import escape

SITEMAP_NS: Final = "http://www.sitemaps.org/schemas/sitemap/0.9"


def sitemap_entries(xml: bytes) -> list[tuple[str, str]]:
    """``(loc, lastmod)`` of every ``<url>`` of a sitemap (lastmod ``""`` when absent)."""
    root = ElementTree.fromstring(xml)
    entries = []
    for url in root.iter(f"{{{SITEMAP_NS}}}url"):
        loc = url.findtext(f"{{{SITEMAP_NS}}}loc", default="").strip()
        lastmod = url.findtext(f"{{{SITEMAP_NS}}}lastmod", default="").strip()
        entries.append((loc, lastmod))
    return entries


def sorted_sitemap(xml: bytes, pages: Iterable[str] = ()) -> bytes:
    """The same sitemap plus the addresses ``pages``, one ``<url>`` per line, sorted."""
    entries = dict(sitemap_entries(xml))
    for loc in pages:
        entries.setdefault(loc, "")
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NS}">']
    for loc, lastmod in sorted(entries.items()):
        extra = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(loc)}</loc>{extra}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
