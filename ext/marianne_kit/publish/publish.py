"""Sphinx glue of publishing: ``robots.txt``, the sitemap's order, a note on the base URL.

The settings themselves (base URL, sitemap, 404 page) come from
:func:`.base_url.publish_settings` in ``conf.py``: sphinx-sitemap and
sphinx-notfound-page read them as ordinary configuration values.
"""

from __future__ import annotations

import fnmatch
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.util import logging

from ..atomic import write_atomically
from ..events import connect_page_context
from .base_url import ENVIRONMENT_VARIABLE, PLACEHOLDER_BASE_URL, is_private_page, robots_txt
from .sitemap import sorted_sitemap

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


def _every_page(app: Sphinx) -> list[str]:
    """The sitemap address of every page of the project, written by this build or not,
    as sphinx-sitemap forms it (``sitemap_url_scheme``, ``sitemap_excludes``)."""
    config = app.config
    excludes = list(getattr(config, "sitemap_excludes", []))
    scheme = str(getattr(config, "sitemap_url_scheme", "{link}"))
    lang = f"{config.language}/" if config.language else ""
    version = f"{config.version}/" if config.version else ""
    links = [app.builder.get_target_uri(docname) for docname in sorted(app.env.all_docs)]
    return [
        config.html_baseurl + scheme.format(lang=lang, version=version, link=link)
        for link in links
        if not any(fnmatch.fnmatch(link, pattern) for pattern in excludes)
    ]


def _finish(app: Sphinx, exception: BaseException | None) -> None:
    """After sphinx-sitemap (priority 500) wrote its file."""
    if exception is not None or not _publishes(app):
        return
    outdir = Path(app.outdir)
    sitemap = outdir / str(getattr(app.config, "sitemap_filename", "sitemap.xml"))
    if sitemap.is_file():
        pages = _every_page(app)
        write_atomically(sitemap, sorted_sitemap(sitemap.read_bytes(), pages))
    write_atomically(outdir / "robots.txt", robots_txt(app.config.html_baseurl).encode())


def setup_publish(app: Sphinx) -> None:
    app.connect("builder-inited", _note_placeholder)
    connect_page_context(app, _no_private_canonical)
    app.connect("build-finished", _finish, priority=600)
