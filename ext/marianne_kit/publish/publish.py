"""Sphinx glue of publishing: ``robots.txt``, the sitemap's order, a note on the base URL.

The settings themselves (base URL, 404 page) come from
:func:`.base_url.publish_settings` in ``conf.py``: sphinx-notfound-page reads them as
ordinary configuration values.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from ..atomic import write_if_changed
from ..events import connect_page_context
from ..kit.links import need_dicts, page_suffix
from .base_url import (
    ENVIRONMENT_VARIABLE,
    PLACEHOLDER_BASE_URL,
    SITEMAP_EXCLUDES,
    is_private_page,
    robots_txt,
)
from .permalinks import PAGE, permalink_body, permalink_targets
from .sitemap import sitemap_locations, sitemap_xml

logger = logging.getLogger(__name__)


def _publishes(app: Sphinx) -> bool:
    """Only the HTML builders write a site (not ``linkcheck``, not ``dirhtml`` tests)."""
    return isinstance(app.builder, StandaloneHTMLBuilder) and bool(app.config.html_baseurl)


def _note_placeholder(app: Sphinx) -> None:
    if _publishes(app) and app.config.html_baseurl == PLACEHOLDER_BASE_URL:
        logger.info(
            "marianne_kit: canonical links, sitemap.xml and robots.txt use the placeholder "
            "%s; set %s to publish (README « Publier le site »)",
            PLACEHOLDER_BASE_URL,
            ENVIRONMENT_VARIABLE,
        )


def _no_private_canonical(app: Sphinx, context: dict[str, Any]) -> None:
    """A private page (the checklists' shell) is copied into other pages: its canonical
    link would name a file the build deletes, so it has none."""
    if is_private_page(str(context.get("pagename", ""))):
        context["pageurl"] = None


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    """``sitemap.xml`` lists every page of the project, written by this build or not."""
    if exception is not None or not _publishes(app):
        return
    outdir = Path(app.outdir)
    links = [app.builder.get_target_uri(docname) for docname in sorted(app.env.all_docs)]
    locations = sitemap_locations(app.config.html_baseurl, links, SITEMAP_EXCLUDES)
    write_if_changed(outdir / "sitemap.xml", sitemap_xml(locations))
    write_if_changed(outdir / "robots.txt", robots_txt(app.config.html_baseurl).encode())


def _permalink_page(app: Sphinx) -> Iterator[tuple[str, dict[str, Any], str]]:
    """The kit's ``permalink.html``, written after sphinx-needs' own (at env-updated),
    which it replaces: same address, so links made for either keep working."""
    if not _publishes(app):
        return
    suffix = page_suffix(app.config)
    body = permalink_body(permalink_targets(need_dicts(app.env), suffix), suffix)
    yield PAGE, {"title": "Lien permanent", "body": body, "display_toc": False}, "page.html"


def setup_publish(app: Sphinx) -> None:
    app.connect("builder-inited", _note_placeholder)
    connect_page_context(app, _no_private_canonical)
    app.connect("html-collect-pages", _permalink_page)
    app.connect("build-finished", _finish)
