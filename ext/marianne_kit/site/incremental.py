"""Rebuild the pages that show needs defined elsewhere when any need changes.

sphinx-needs 9.1 re-renders a page only when its own source changes (its issue
#354): a commitment title edited on ``commitments/eng-03.md`` would stay stale on
the home page cards and on the lever pages. Every document that holds a
needs-rendering node (ours or sphinx-needs') is recorded at read time as a
*consumer*; whenever a build re-reads or removes any document, all consumers are
written again. This is coarse but always correct, and cheap at the kit's size.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

from ..events import connect_outdated
from ..state import kit_state


def shows_needs(node: nodes.Node) -> bool:
    """Nodes whose rendering reads needs data from the whole project."""
    module = type(node).__module__
    return module.startswith("sphinx_needs.") or module.startswith("marianne_kit.")


def _record(app: Sphinx, doctree: nodes.document) -> None:
    # Cleared page by page and merged from parallel workers by the state domain.
    if any(True for _ in doctree.findall(shows_needs)):
        kit_state(app.env).need_consumers[app.env.docname] = True


def _note_removals(env: BuildEnvironment, removed: set[str]) -> list[str]:
    # Removed pages are known only here; pages to read are final only in
    # env-before-read-docs, after every env-get-outdated handler added its own.
    kit_state(env).reads_pages = bool(removed)
    return []


def _note_reads(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        kit_state(env).reads_pages = True


def _outdated_consumers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    state = kit_state(env)
    if not state.reads_pages:
        return []
    return sorted(state.need_consumers.keys() & env.found_docs)


def setup_incremental(app: Sphinx) -> None:
    app.connect("doctree-read", _record)
    connect_outdated(app, _note_removals)
    # Late, so that pages other handlers add to the list are counted.
    app.connect("env-before-read-docs", _note_reads, priority=900)
    app.connect("env-updated", _outdated_consumers)
