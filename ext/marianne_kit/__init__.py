"""Sphinx extension of the Référentiel Marianne lever bank.

The data flows one way, from the sources to the needs to the views::

    sources                      needs                     views
    docs/**/*.md (lever,     ┐
     commitment, best-       ├─▶ kit/ data model,     ─▶ kit/ cards, overview tabs,
     practice directives)    │   need rendering,          citations (needs shown on
    docs/notes-texte-        │   source notes,            other pages)
     source.toml             ┘   page links           ─▶ catalogue/ filterable table
                                                      ─▶ matrices/ traceability
    checklists/*.toml        ──▶ checklists/ profiles ─▶ checklists/ per-site HTML,
     (site profiles)             and scope                PDF, ODS, XLSX, CSV

A view reads resolved needs (and, for the sites matrix, the profiles); no
module of the needs layer (``kit/`` model, rendering, links, grouping, source
notes) imports a view. Views may link to one another's pages (the overview tabs
and the matrices link into the catalogue through ``catalogue/catalogue_url``).

Packages, one per feature:

- ``kit/``: the data model (the one place sphinx-needs is configured), need
  rendering, source notes, grouping and page links, the Services Publics+
  crosswalk (``crosswalk.py``, plain; its pages in ``spplus.py``), the placeholder directives
  that every view fills in the write phase (``placeholders.py``), and the views
  of needs from other pages (commitment cards, channel tabs, best-practice
  citations);
- ``theme/``: the site's Sphinx theme in the State's design system (DSFR):
  French templates, side menu, breadcrumb, footer, display settings, the vendored
  DSFR files;
- ``site/``: page fixes that hold for every page: navigation titles, toctree
  captions, pruned sphinx-needs assets, reproducible output,
  incremental rebuilds, duplicate IDs, schema locations, scrollable regions, raw
  markup, tab labels that are valid HTML;
- ``catalogue/``: the lever catalogue page, its filter URLs and its ``static/``
  script and stylesheet;
- ``matrices/``: traceability matrices (plain logic, HTML, statistics) and their
  directive with CSV exports;
- ``editions/``: the edition number, the changelog (``docs/editions.toml``),
  the history page, lever snapshots and the no-silent-change check;
- ``opendata/``: the open data (CSV, JSON, Table Schemas, Data Package) and
  the « Données ouvertes » page;
- ``checklists/``: site profiles, the checklist scope, one module per output
  format, the files and their manifest, and the Sphinx glue (``checklists.py``);
- ``results/``: the sites' self-assessment results (``results/<site>/<year>.toml``)
  and their import from filled checklists, a command outside Sphinx
  (``python -m marianne_kit import``, see ``__main__.py``);
- ``dashboards/``: each site's results pages, charts and action plans, and the
  results listings on the checklists and sites-matrix pages;
- ``network/``: sites grouped under départements, regions or parent sites
  (``parent`` in the profiles, ``network.toml``), the hierarchy's checks and
  the aggregates over groups with the minimum-size rule, the network pages
  and their CSV and ODS exports (``reseau/``);
- ``publish/``: what a published site needs: one base URL for canonical links,
  sitemap and 404 page, ``robots.txt``;
- ``search/``: the site search (accents and case folded, kit IDs found first);
- at the root, what several features share: problems and user errors
  (``problems.py``, ``user_errors.py``), atomic writes (``atomic.py``), French
  CSV (``french_csv.py``), captioned docutils tables (``doctree_tables.py``),
  download links with format and size (``download_links.py``), per-site rendering in
  worker processes (``worker_pool.py``) and the Sphinx
  events several modules handle (``events.py``).

Inside each package, plain logic (no Sphinx import) and Sphinx glue stay in
separate modules. Each feature has a ``setup_<feature>(app)``; this is the only
``setup``, and the order of its calls is the order of the event handlers.
"""

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

__version__ = "2026.1"


def setup(app: Sphinx) -> dict[str, Any]:
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
        "version": __version__,
        # Read-phase state lives in the state domain, which merges parallel reads;
        # the write phase only reads resolved needs.
        "parallel_read_safe": True,
        "parallel_write_safe": True,
    }
