"""Sphinx glue of the DSFR theme: registration and the values its templates read.

The templates speak French themselves; this module only hands them data: the side
menu (``navigation.menu_groups``), the DSFR stylesheets and scripts of the modules
the theme uses, the edition shown in the footer and the accessibility status.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.errors import ConfigError

from ..events import connect_page_context
from .components import setup_components
from .navigation import dsfr_assets, menu_groups
from .sitemap import setup_site_map

THEME_NAME = "marianne-dsfr"
THEME_DIR = Path(__file__).resolve().parent
#: What the footer may say of the site's accessibility (RGAA): without an audit the
#: law only allows « non conforme ».
ACCESSIBILITY_STATUSES = ("non conforme", "partiellement conforme", "totalement conforme")


def _check_config(app: Sphinx) -> None:
    status = app.config.marianne_accessibility_status
    if status not in ACCESSIBILITY_STATUSES:
        allowed = ", ".join(f"« {s} »" for s in ACCESSIBILITY_STATUSES)
        raise ConfigError(
            f"marianne_accessibility_status: {status!r} is not one of {allowed} (RGAA)"
        )


def _theme_context(app: Sphinx, context: dict[str, Any]) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.theme is None:
        return
    if builder.theme.name != THEME_NAME:
        return
    pagename = context.get("pagename", "")
    toctree = global_toctree_for_doc(
        app.env,
        pagename,
        builder,
        tags=builder.tags,
        collapse=False,
        maxdepth=3,
        titles_only=True,
        includehidden=True,
    )
    menu = menu_groups(toctree, pagename)
    context["marianne_menu"] = menu
    sheets, scripts = dsfr_assets(THEME_DIR / "static")
    context["dsfr_css"] = sheets
    context["dsfr_js"] = scripts
    context["marianne_accessibility_status"] = app.config.marianne_accessibility_status


def setup_theme(app: Sphinx) -> None:
    app.add_html_theme(THEME_NAME, str(THEME_DIR))
    setup_site_map(app)
    setup_components(app)
    app.add_config_value(
        "marianne_accessibility_status", "non conforme", "html", types=frozenset({str})
    )
    app.connect("builder-inited", _check_config)
    connect_page_context(app, _theme_context)
