"""« Plan du site »: every page of the toctree, under its caption, on one page.

A State site's footer links to its site map. A toctree listing every page again
would give each page a second parent (breadcrumb, previous/next), so the page
holds a placeholder (``{site-map}``) that the write phase fills from Sphinx's
global toctree: a section per caption, the pages as nested lists.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.util.docutils import SphinxDirective


class site_map(nodes.General, nodes.Element):  # noqa: N801 - docutils names nodes in lower case
    """Where the site map goes."""


class SiteMapDirective(SphinxDirective):
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = site_map()
        self.set_source_info(node)
        return [node]


def caption_sections(toctree: nodes.Element, prefix: str) -> list[nodes.Node]:
    """Sphinx's flat run of caption titles and page lists as one section per caption."""
    sections: list[nodes.Node] = []
    for child in toctree.children:
        if isinstance(child, nodes.title):
            section = nodes.section(ids=[f"{prefix}-{len(sections) + 1}"])
            section += nodes.title("", child.astext())
            sections.append(section)
        elif isinstance(child, nodes.bullet_list):
            pages = child.deepcopy()
            pages["classes"] = [c for c in pages["classes"] if c != "current"]
            if sections and isinstance(sections[-1], nodes.section):
                sections[-1] += pages
            else:
                sections.append(pages)
    return sections


def _fill_site_map(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Write phase (``doctree-resolved``): every page is known, the toctree resolved."""
    for node in list(doctree.findall(site_map)):
        toctree = global_toctree_for_doc(
            app.env,
            docname,
            app.builder,
            tags=app.builder.tags,
            collapse=False,
            maxdepth=3,
            titles_only=True,
            includehidden=True,
        )
        filled = [] if toctree is None else caption_sections(toctree, "plan")
        node.replace_self(filled or [nodes.paragraph("", "Aucune page.")])


def setup_site_map(app: Sphinx) -> None:
    app.add_node(site_map)
    app.add_directive("site-map", SiteMapDirective)
    app.connect("doctree-resolved", _fill_site_map)
