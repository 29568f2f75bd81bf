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
separate modules. Each feature has a ``setup_<feature>(app)``, all called from
one place, ``extension.setup_extension``, in the order of their event handlers;
importing the package imports none of them (worker processes import it too).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sphinx.application import Sphinx

__version__ = "2026.1"


def setup(app: Sphinx) -> dict[str, Any]:
    """Sphinx's entry point; the features are imported here, not with the package, because
    the worker processes that render each site's files import the package too and need
    none of Sphinx (:mod:`.worker_pool`)."""
    from .extension import setup_extension

    return setup_extension(app, __version__)
