"""``{lever-catalogue}``: every lever in one filterable table.

A directive on ``docs/catalogue.md`` rather than a generated page, so the
catalogue sits in the toctree (navigation, previous/next links) like any page.
The directive marks the spot; in the write phase a post-transform renders the
table from the resolved needs as raw HTML (rows need ``data-`` attributes and a
form, which docutils nodes cannot express). The script and stylesheet shipped
with the extension are added to that page only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from ..events import connect_page_context, connect_static_dir
from ..kit.placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder
from .catalogue_data import catalogue_facets, catalogue_rows
from .catalogue_html import ROOT_ID, render_catalogue
from .catalogue_url import CATALOGUE_DOCNAME

logger = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
SCRIPT = "marianne-catalogue.js"
STYLESHEET = "marianne-catalogue.css"
_MARKER = f'id="{ROOT_ID}"'


class lever_catalogue(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for the lever catalogue."""


class LeverCatalogueDirective(PlaceholderDirective):
    node_class = lever_catalogue

    def run(self) -> list[nodes.Node]:
        if self.env.docname != CATALOGUE_DOCNAME:
            # Pre-filtered links (commitment tabs, matrices) all point to one page.
            logger.warning(
                "the lever catalogue belongs on page %r (links to it point there), not %r",
                CATALOGUE_DOCNAME,
                self.env.docname,
                type="marianne",
                subtype="catalogue",
                location=(self.env.docname, self.lineno),
            )
        return super().run()


class FillLeverCatalogue(FillPlaceholders):
    placeholder = lever_catalogue

    def fill(self, node: nodes.Element) -> nodes.raw:
        rows = catalogue_rows({need["id"]: need for need in self.need_dicts()})
        html = render_catalogue(rows, catalogue_facets(rows), self.page_uri)
        return nodes.raw("", html, format="html")


def _add_page_assets(app: Sphinx, context: dict[str, Any]) -> None:
    """Script and styles only where the catalogue is, not on the other 40 pages."""
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or _MARKER not in context.get("body", ""):
        return
    # Through the builder: it resets its asset lists before each page, so these
    # reach this page only (the application's route would also grow the registry).
    builder.add_css_file(STYLESHEET)
    builder.add_js_file(SCRIPT, defer="defer")


def setup_catalogue(app: Sphinx) -> None:
    add_placeholder(app, "lever-catalogue", LeverCatalogueDirective, FillLeverCatalogue)
    connect_static_dir(app, STATIC_DIR)
    connect_page_context(app, _add_page_assets)
