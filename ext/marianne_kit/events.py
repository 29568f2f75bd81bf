"""The Sphinx events several modules handle, connected with the arguments they use.

Sphinx passes every argument of an event whether a handler reads it or not; the
long signatures live here once, and each handler declares only what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

#: ``(env, removed pages) -> pages to read again``.
OutdatedHandler = Callable[[BuildEnvironment, set[str]], list[str]]
#: ``(app, template context)``: edits the context of the page being written.
PageContextHandler = Callable[[Sphinx, dict[str, Any]], None]


def connect_outdated(app: Sphinx, handler: OutdatedHandler) -> None:
    """``env-get-outdated``: the pages ``handler`` returns are read again."""

    def outdated(
        app: Sphinx, env: BuildEnvironment, added: set[str], changed: set[str], removed: set[str]
    ) -> list[str]:
        return handler(env, removed)

    app.connect("env-get-outdated", outdated)


def connect_page_context(app: Sphinx, handler: PageContextHandler, priority: int = 500) -> None:
    """``html-page-context``: ``handler`` edits each written page's template context."""

    def page_context(
        app: Sphinx,
        pagename: str,
        templatename: str,
        context: dict[str, Any],
        doctree: nodes.document | None,
    ) -> None:
        handler(app, context)

    app.connect("html-page-context", page_context, priority=priority)


def connect_static_dir(app: Sphinx, folder: Path) -> None:
    """``builder-inited``: a feature's ``static/`` folder joins ``html_static_path`` (once:
    the configuration object outlives a build in tests and ``sphinx-autobuild``)."""

    def add_static_dir(app: Sphinx) -> None:
        if str(folder) not in app.config.html_static_path:
            app.config.html_static_path.append(str(folder))

    app.connect("builder-inited", add_static_dir)
