"""Tables that scroll sideways are named, keyboard-focusable regions in the HTML itself.

A wide table must scroll inside the page on a phone, and a box that scrolls but
cannot take the focus cannot be scrolled with the keyboard (WCAG 2.1.1, axe
``scrollable-region-focusable``). So every table of the content is written inside
the DSFR table markup (``fr-table`` > ``__wrapper`` > ``__container`` >
``__content``), whose ``fr-table__container`` scrolls and here becomes
``tabindex="0" role="region" aria-label="…"`` when the page is written
(``dsfr_table``, shared with the tables we write as raw HTML): no JavaScript
needed, the no-JS view passes too. Containers of ours that already
scroll a table (class ``mk-table-scroll``) become the region themselves. The name
is the table's caption, else the title of the section the table sits in. Tables we
write as raw HTML carry the same attributes already (catalogue and matrices in
the same DSFR markup).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

from .dsfr_table import TABLE_END, table_start

#: Lines that wrap in cells, as in the text around (the DSFR keeps a cell on one line:
#: a column of sentences made a table ten thousand pixels wide).
DSFR_MODIFIERS = ("multiline",)
#: Classes of our containers that scroll their table sideways.
SCROLLING_CLASSES = ("mk-table-scroll",)


class scroll_region(nodes.container):  # noqa: N801 - docutils names nodes in lower case
    """A container that scrolls sideways; ``label`` names it for screen readers;
    ``dsfr`` when it is the DSFR table markup around a bare table."""


def region_label(table: nodes.table) -> str:
    """The region's French name: the table's caption, else its section's title."""
    caption = next((child for child in table.children if isinstance(child, nodes.title)), None)
    if caption is not None and caption.astext().strip():
        return caption.astext().strip()
    section = table.parent
    while section is not None and not isinstance(section, nodes.section):
        section = section.parent
    if section is not None and section.children and isinstance(section[0], nodes.title):
        return f"Tableau de la section «\u00a0{section[0].astext().strip()}\u00a0»"
    return "Tableau"


def _scrolls(node: nodes.Node) -> bool:
    """A container of ours that scrolls its content sideways."""
    return (
        isinstance(node, nodes.container)
        and not isinstance(node, scroll_region)
        and bool(set(SCROLLING_CLASSES) & set(node["classes"]))
    )


def _in_region(node: nodes.Node) -> bool:
    parent = node.parent
    while parent is not None:
        if isinstance(parent, scroll_region):
            return True
        parent = parent.parent
    return False


class MarkScrollRegions(SphinxPostTransform):
    """Turn scrolling table containers into :class:`scroll_region` nodes, and wrap
    every other table in one."""

    formats = ("html",)
    default_priority = 550

    def run(self, **kwargs: Any) -> None:
        for container in list(self.document.findall(_scrolls)):
            if any(True for _ in container.findall(_scrolls, include_self=False)):
                continue  # the inner box is the one that scrolls: one region, one tab stop
            table = next(iter(container.findall(nodes.table)), None)
            if table is None:
                continue
            region = scroll_region("", *container.children, label=region_label(table))
            region["classes"] = list(container["classes"])
            region["ids"] = [i for i in container["ids"] if i not in table["ids"]]
            container.parent.replace(container, region)  # replace_self would copy the ids back
        for table in list(self.document.findall(nodes.table)):
            if _in_region(table):
                continue
            region = scroll_region("", label=region_label(table), dsfr=True)
            table.parent.replace(table, region)
            region.append(table)


def visit_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    """The DSFR table markup (or Sphinx's container ``div``) plus what makes the
    scrolling box a named tab stop."""
    if node.get("dsfr"):
        self.body.append(table_start(label=node["label"], modifiers=DSFR_MODIFIERS))
        return
    attributes = {"tabindex": "0", "role": "region", "aria-label": node["label"]}
    self.body.append(self.starttag(node, "div", CLASS="docutils container", **attributes))


def depart_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    self.body.append(TABLE_END + "\n" if node.get("dsfr") else "</div>\n")


def setup_scroll_regions(app: Sphinx) -> None:
    """Register the node (HTML builders only: the transform runs for them alone)."""
    app.add_node(scroll_region, html=(visit_scroll_region, depart_scroll_region))
    app.add_post_transform(MarkScrollRegions)
