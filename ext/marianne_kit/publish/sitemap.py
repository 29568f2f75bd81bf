"""``sitemap.xml`` in a fixed order, and ``robots.txt``: plain functions.

sphinx-sitemap lists pages in the order they were written, which a parallel
build does not fix; two builds of one commit must give the same bytes, so the
file is written again sorted by address.
"""

from __future__ import annotations

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


def sorted_sitemap(xml: bytes) -> bytes:
    """The same sitemap, one ``<url>`` per line, sorted by address."""
    lines = ["<?xml version='1.0' encoding='utf-8'?>", f'<urlset xmlns="{SITEMAP_NS}">']
    for loc, lastmod in sorted(set(sitemap_entries(xml))):
        extra = f"<lastmod>{escape(lastmod)}</lastmod>" if lastmod else ""
        lines.append(f"<url><loc>{escape(loc)}</loc>{extra}</url>")
    lines.append("</urlset>\n")
    return "\n".join(lines).encode("utf-8")
