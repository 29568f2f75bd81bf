"""Sphinx extension of the Référentiel Marianne lever bank.

Each feature lives in its own module with a ``setup_<feature>(app)``; this is
the only ``setup``.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

from .cards import setup_cards
from .catalogue import setup_catalogue
from .checklists import setup_checklists
from .citations import setup_citations
from .duplicate_ids import setup_duplicate_ids
from .french_ui import setup_french_ui
from .incremental import setup_incremental
from .nav_titles import setup_nav_titles
from .needs_assets import setup_needs_assets
from .overview import setup_overview
from .raw_markup import setup_raw_markup
from .rendering import setup_rendering
from .reproducible import setup_reproducible
from .schema_location import setup_schema_location
from .scroll_regions import setup_scroll_regions
from .source_notes import setup_source_notes
from .state import setup_state
from .toctree_captions import setup_toctree_captions
from .traceability import setup_traceability
from .user_errors import setup_user_errors

__version__ = "2026.1"


def setup(app: Sphinx) -> dict[str, Any]:
    app.setup_extension("sphinx_needs")
    app.setup_extension("sphinx_design")
    setup_state(app)
    setup_user_errors(app)
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
    setup_source_notes(app)
    setup_checklists(app)
    setup_reproducible(app)
    setup_french_ui(app)
    setup_traceability(app)
    setup_needs_assets(app)
    setup_toctree_captions(app)
    setup_scroll_regions(app)
    return {
        "version": __version__,
        # Read-phase state lives in the state domain, which merges parallel reads;
        # the write phase only reads resolved needs.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
