"""The extension's features, set up in order: the order of the calls is the order of
their event handlers (see the package's docstring)."""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .catalogue.catalogue import setup_catalogue
from .checklists.checklists import setup_checklists
from .dashboards.dashboards import setup_dashboards
from .editions.edition import setup_edition
from .editions.editions import setup_editions
from .kit.cards import setup_cards
from .kit.citations import setup_citations
from .kit.overview import setup_overview
from .kit.rendering import setup_rendering
from .kit.source_notes import setup_source_notes
from .kit.spplus import setup_spplus
from .matrices.traceability import setup_traceability
from .network.network import setup_network
from .network.network_pages import setup_network_pages
from .opendata.opendata import setup_opendata
from .publish.publish import setup_publish
from .search.search import setup_search
from .site.duplicate_ids import setup_duplicate_ids
from .site.gc_pacing import setup_gc_pacing
from .site.incremental import setup_incremental
from .site.nav_titles import setup_nav_titles
from .site.needs_assets import setup_needs_assets
from .site.raw_markup import setup_raw_markup
from .site.reproducible import setup_reproducible
from .site.schema_location import setup_schema_location
from .site.scroll_regions import setup_scroll_regions
from .site.tab_labels import setup_tab_labels
from .site.toctree_captions import setup_toctree_captions
from .state import setup_state
from .theme.theme import setup_theme
from .user_errors import setup_user_errors


def setup_extension(app: Sphinx, version: str) -> dict[str, Any]:
    setup_gc_pacing(app)
    app.setup_extension("sphinx_needs")
    app.setup_extension("sphinx_design")
    setup_state(app)
    setup_user_errors(app)
    setup_edition(app)
    setup_editions(app)
    setup_raw_markup(app)
    setup_schema_location(app)
    setup_incremental(app)
    setup_duplicate_ids(app)
    setup_nav_titles(app)
    setup_rendering(app)
    setup_overview(app)
    setup_cards(app)
    setup_catalogue(app)
    setup_citations(app)
    setup_spplus(app)
    setup_source_notes(app)
    setup_checklists(app)
    setup_dashboards(app)
    setup_network(app)
    setup_network_pages(app)
    setup_reproducible(app)
    setup_traceability(app)
    setup_opendata(app)
    setup_needs_assets(app)
    setup_toctree_captions(app)
    setup_scroll_regions(app)
    setup_tab_labels(app)
    setup_publish(app)
    setup_search(app)
    setup_theme(app)
    return {
        "version": version,
        # Read-phase state lives in the state domain, which merges parallel reads;
        # the write phase only reads resolved needs.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
