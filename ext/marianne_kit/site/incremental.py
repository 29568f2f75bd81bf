"""Rebuild the pages that show needs defined elsewhere when any need changes.

sphinx-needs 9.1 re-renders a page only when its own source changes (its issue
#354): a commitment title edited on ``commitments/eng-03.md`` would stay stale on
the home page cards and on the lever pages. Every document that holds a
needs-rendering node (ours or sphinx-needs') is recorded at read time as a
*consumer*; whenever a build re-reads or removes any document, all consumers are
written again. This is coarse but always correct, and cheap at the kit's size.
"""

from __future__ import annotations

from collections.abc import Iterable

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment

_ENV_KEY = "marianne_need_consumers"


def _consumers(env: BuildEnvironment) -> set[str]:
    if not hasattr(env, _ENV_KEY):
        setattr(env, _ENV_KEY, set())
    return getattr(env, _ENV_KEY)


def shows_needs(node: nodes.Node) -> bool:
    """Nodes whose rendering reads needs data from the whole project."""
    module = type(node).__module__
    return module.startswith("sphinx_needs.") or module.startswith("marianne_kit.")


def _record(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(shows_needs)):
        _consumers(app.env).add(app.env.docname)


def _purge(app: Sphinx, env: BuildEnvironment, docname: str) -> None:
    _consumers(env).discard(docname)


def _merge(
    app: Sphinx, env: BuildEnvironment, docnames: Iterable[str], other: BuildEnvironment
) -> None:
    _consumers(env).update(_consumers(other))


def _note_removals(
    app: Sphinx,
    env: BuildEnvironment,
    added: set[str],
    changed: set[str],
    removed: set[str],
) -> list[str]:
    # Removed pages are known only here; pages to read are final only in
    # env-before-read-docs, after every env-get-outdated handler added its own.
    env.marianne_reread = bool(removed)  # type: ignore[attr-defined]
    return []


def _note_reads(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        env.marianne_reread = True  # type: ignore[attr-defined]


def _outdated_consumers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    if not getattr(env, "marianne_reread", False):
        return []
    return sorted(_consumers(env) & set(env.found_docs))


def setup_incremental(app: Sphinx) -> None:
    app.connect("doctree-read", _record)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    app.connect("env-get-outdated", _note_removals)
    # Late, so that pages other handlers add to the list are counted.
    app.connect("env-before-read-docs", _note_reads, priority=900)
    app.connect("env-updated", _outdated_consumers)
