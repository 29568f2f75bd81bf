"""Tables that scroll sideways are named, keyboard-focusable regions in the HTML itself.

furo wraps every table in ``div.table-wrapper`` (``overflow-x: auto``) so a wide
table scrolls inside the page on a phone. A box that scrolls but cannot take the
focus cannot be scrolled with the keyboard (WCAG 2.1.1, axe
``scrollable-region-focusable``), so each wrapper becomes
``tabindex="0" role="region" aria-label="…"`` when the page is written: no
JavaScript needed, the no-JS view passes too. The name is the table's caption,
else the title of the section the table sits in. Tables we write as raw HTML
(catalogue, checklists, matrices) carry the same attributes already.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.writers.html5 import HTML5Translator

#: Classes of the containers that scroll their table sideways (furo's wrapper, ours).
SCROLLING_CLASSES = ("table-wrapper", "mk-table-scroll")


class scroll_region(nodes.container):  # noqa: N801 - docutils names nodes in lower case
    """A container that scrolls sideways; ``label`` names it for screen readers."""


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
    """A container of ours or furo's that scrolls its content sideways."""
    return (
        isinstance(node, nodes.container)
        and not isinstance(node, scroll_region)
        and bool(set(SCROLLING_CLASSES) & set(node["classes"]))
    )


class MarkScrollRegions(SphinxPostTransform):
    """Turn scrolling table containers into :class:`scroll_region` nodes."""

    formats = ("html",)
    default_priority = 550  # after furo's wrapping (500)

    def run(self, **kwargs: Any) -> None:
        for container in list(self.document.findall(_scrolls)):
            if any(True for _ in container.findall(_scrolls, include_self=False)):
                continue  # the inner box is the one that scrolls: one region, one tab stop
            table = next(iter(container.findall(nodes.table)), None)
            if table is None:
                continue
            region = scroll_region("", *container.children, label=region_label(table))
            region["classes"] = list(container["classes"])
            # furo copies the table's ids onto its wrapper: one element per id is enough.
            region["ids"] = [i for i in container["ids"] if i not in table["ids"]]
            container.parent.replace(container, region)  # replace_self would copy the ids back


def visit_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    """Sphinx's container ``div`` (furo's CSS selects ``.table-wrapper.container``) plus
    what makes it a named tab stop."""
    attributes = {"tabindex": "0", "role": "region", "aria-label": node["label"]}
    self.body.append(self.starttag(node, "div", CLASS="docutils container", **attributes))


def depart_scroll_region(self: HTML5Translator, node: scroll_region) -> None:
    self.body.append("</div>\n")


def setup_scroll_regions(app: Sphinx) -> None:
    """Register the node (HTML builders only: the transform runs for them alone)."""
    app.add_node(scroll_region, html=(visit_scroll_region, depart_scroll_region))
    app.add_post_transform(MarkScrollRegions)
