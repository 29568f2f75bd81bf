"""Keep sphinx-needs', sphinx-design's and Sphinx's own assets off pages that have nothing for them.

sphinx-needs adds to every page jQuery (89 KB, its issue #1923), the script that
collapses its need tables, sphinx-data-viewer's JSON widget and seven
stylesheets for its need tables. ``rendering`` replaces every need with our own
block, so on our pages none of them has anything to act on: they only cost
bandwidth on the phones and slow links of the readers we serve. Each group is
dropped from a page unless the page's HTML holds the markup it acts on, so a
future ``needtable`` or a need left to sphinx-needs' layout keeps its assets.
sphinx-design's tab script and stylesheet are added to every page too, but only
the commitment pages have tabs. Sphinx adds the code-highlighting stylesheets
(light and dark) and the Graphviz one to every page, though only a page with
highlighted code or a graph uses them; and its French messages for scripts
(``translations.js``), which only the search page's ``searchtools.js`` shows:
``sphinx_highlight.js`` only speaks in a ``#searchbox`` the theme does not have.
Together ≈ 13 KB (gzip) on the catalogue's cold load (``benchmarks/weights.py``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Final

from sphinx.application import Sphinx

from ..events import connect_page_context


@dataclass(frozen=True)
class AssetGroup:
    """Assets that serve one kind of markup, recognised by ``marker`` in the body.

    ``hints`` are text the marker cannot match without (one of them at least): most
    pages lack them all, and looking for a plain string in a page is many times
    faster than running the pattern over it (0.5 s of a full build, before).
    """

    name: str
    paths: tuple[str, ...]
    marker: re.Pattern[str]
    hints: tuple[str, ...]

    def marks(self, body: str) -> bool:
        return any(hint in body for hint in self.hints) and self.marker.search(body) is not None


def _class(pattern: str) -> re.Pattern[str]:
    """A ``class`` attribute holding a class that matches ``pattern`` (a whole class name)."""
    return re.compile(rf'\bclass="(?:[^"]*\s)?(?:{pattern})(?:[\s"])')


#: sphinx-needs' own markup: need layout tables, its ``needs_*`` and ``NEEDS_*`` classes.
_NEEDS_MARKUP = re.compile(r'\b(?:needs_[a-z_]+|NEEDS_[A-Z_]+)\b|<table[^>]*\bclass="need\b')

GROUPS: Final = (
    AssetGroup(
        "need layout collapse",
        ("sphinx-needs/libs/html/sphinx_needs_collapse.js",),
        re.compile(r"\bneeds_collapse\b"),
        ("needs_collapse",),
    ),
    AssetGroup(
        "sphinx-data-viewer",
        (
            "sphinx-data-viewer/jsonview.bundle.js",
            "sphinx-data-viewer/jsonview_loader.js",
            "sphinx-data-viewer/jsonview.bundle.css",
        ),
        re.compile(r"\bsdv-data\b"),
        ("sdv-data",),
    ),
    AssetGroup(
        "sphinx-design tabs", ("design-tabs.js",), re.compile(r"\bsd-tab-set\b"), ("sd-tab-set",)
    ),
    AssetGroup("sphinx-design styles", ("sphinx-design.min.css",), _class(r"sd-[\w-]+"), ("sd-",)),
    AssetGroup(
        "code highlighting",
        ("pygments.css", "pygments_dark.css"),
        _class("highlight"),
        ("highlight",),
    ),
    AssetGroup("Graphviz", ("graphviz.css",), _class("graphviz"), ("graphviz",)),
    AssetGroup(
        "sphinx-needs styles",
        ("sphinx-needs/common_css/", "sphinx-needs/modern.css"),
        _NEEDS_MARKUP,
        ("needs_", "NEEDS_", 'class="need'),
    ),
)
#: jQuery is kept only when a kept script needs it (both groups above use ``$``).
JQUERY: Final = ("jquery.js", "_sphinx_javascript_frameworks_compat.js")
_JQUERY_USERS: Final = ("need layout collapse", "sphinx-data-viewer")
#: Sphinx's messages for its scripts, used by ``searchtools.js`` on the search page only.
SEARCH_ONLY: Final = ("translations.js",)
SEARCH_PAGE: Final = "search"


def unused_assets(body: str, search_page: bool = False) -> set[str]:
    """The asset paths (or path prefixes) a page whose body is ``body`` does not use."""
    unused: set[str] = set() if search_page else set(SEARCH_ONLY)
    kept: set[str] = set()
    for group in GROUPS:
        if group.marks(body):
            kept.add(group.name)
        else:
            unused.update(group.paths)
    if not kept & set(_JQUERY_USERS):
        unused.update(JQUERY)
    return unused


def _is_unused(filename: str, unused: set[str]) -> bool:
    path = filename.removeprefix("_static/")
    return any(path == item or (item.endswith("/") and path.startswith(item)) for item in unused)


def _drop_unused(app: Sphinx, context: dict[str, Any]) -> None:
    # New lists rather than in-place edits: the builder's own lists are restored
    # before the next page, but only when we leave them alone.
    search_page = context.get("pagename") == SEARCH_PAGE
    unused = unused_assets(context.get("body", ""), search_page)
    for key in ("script_files", "css_files"):
        if key in context:
            context[key] = [a for a in context[key] if not _is_unused(a.filename, unused)]


def setup_needs_assets(app: Sphinx) -> None:
    # Late, after every extension (sphinx-needs included) added its per-page assets.
    connect_page_context(app, _drop_unused, priority=900)
