"""Sphinx glue of the DSFR theme: registration and the values its templates read.

The templates speak French themselves; this module only hands them data: the side
menu (``navigation.menu_groups``), the DSFR stylesheets and scripts of the modules
the theme uses, the edition shown in the footer and the accessibility status.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.environment import BuildEnvironment
from sphinx.environment.adapters.toctree import global_toctree_for_doc
from sphinx.errors import ConfigError

from ..events import connect_page_context
from .components import setup_components
from .navigation import MenuGroup, dsfr_assets, menu_for_page, menu_groups
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


class _SideMenu:
    """The side menu of the build being written: the global toctree is resolved once
    for all pages (see ``menu_for_page``), and forgotten when pages are read again."""

    def __init__(self) -> None:
        self.groups: list[MenuGroup] | None = None

    def forget(self, app: Sphinx, env: BuildEnvironment) -> None:
        self.groups = None

    def of_page(self, builder: StandaloneHTMLBuilder, pagename: str) -> list[MenuGroup]:
        if self.groups is None:
            root = builder.config.root_doc
            toctree = global_toctree_for_doc(
                builder.env,
                root,
                builder,
                tags=builder.tags,
                collapse=False,
                maxdepth=3,
                titles_only=True,
                includehidden=True,
            )
            self.groups = menu_groups(toctree, root)
        return menu_for_page(self.groups, pagename)


def _theme_context(app: Sphinx, context: dict[str, Any], side_menu: _SideMenu) -> None:
    builder = app.builder
    if not isinstance(builder, StandaloneHTMLBuilder) or builder.theme is None:
        return
    if builder.theme.name != THEME_NAME:
        return
    context["marianne_menu"] = side_menu.of_page(builder, context.get("pagename", ""))
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
    side_menu = _SideMenu()
    app.connect("env-updated", side_menu.forget)
    connect_page_context(app, partial(_theme_context, side_menu=side_menu))
