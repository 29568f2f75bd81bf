"""Rewrite every page when a page title changes, or a page comes or goes.

The theme's sidebar lists the title of every page on every page, but Sphinx
rewrites only the pages it re-read: after retitling engagement 5, a page that
shows no need (« Accessibilité », « Mentions légales ») would keep the old title
in its sidebar. Titles are noted before reading; if any differs afterwards, all
pages are written again. An edit that keeps every title (the usual case) stays
incremental.
"""

from __future__ import annotations

from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..events import connect_outdated
from ..state import kit_state


def page_titles(env: BuildEnvironment) -> dict[str, str]:
    return {docname: title.astext() for docname, title in env.titles.items()}


def _note_titles(env: BuildEnvironment, removed: set[str]) -> list[str]:
    kit_state(env).titles_before_read = page_titles(env)
    return []


def _pages_showing_changed_titles(app: Sphinx, env: BuildEnvironment) -> list[str]:
    before = kit_state(env).titles_before_read  # this build's only: never pickled
    if not before or before == page_titles(env):
        return []  # a first build writes every page anyway
    return sorted(env.found_docs)


def setup_nav_titles(app: Sphinx) -> None:
    connect_outdated(app, _note_titles)
    app.connect("env-updated", _pages_showing_changed_titles)
