"""Rewrite a page showing needs defined elsewhere when, and only when, what it shows changed.

sphinx-needs 9.1 re-renders a page only when its own source changes (its issue
#354): a commitment title edited on ``commitments/eng-03.md`` would stay stale on
the home page cards and on the lever pages. Every document that holds a
needs-rendering node (ours or sphinx-needs') is recorded at read time as a
*consumer*. Our transforms read the needs through :class:`.RecordingNeeds`
(:attr:`.NeedsPostTransform.needs`), so each written page leaves a record of
the fields it read (:mod:`.need_reads`), kept beside the doctrees: the
environment is pickled before the write phase, the records are made during it.

When a build reads or removes any page, a consumer is written again if its
record is missing, if its fields' values changed, or if it holds a node of
sphinx-needs' own other than a need (rendered by code that does not go through
the recorder: every such page is written again, as before). Editing one lever's
text thus rewrites the pages that show that text, not the matrices of counts.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Final

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx_needs.data import SphinxNeedsData
from sphinx_needs.nodes import Need

from ..atomic import write_if_changed
from ..events import connect_outdated
from ..state import kit_state
from .inputs import setup_inputs
from .need_reads import PageReads, ReadsDigester, RecordingNeeds, is_current, record_of

#: The pages' records of what they read, beside the doctrees.
RECORDS: Final = "marianne-need-reads.json"


def shows_needs(node: nodes.Node) -> bool:
    """Nodes whose rendering reads needs data from the whole project."""
    module = type(node).__module__
    return module.startswith("sphinx_needs.") or module.startswith("marianne_kit.")


def _unrecorded(node: nodes.Node) -> bool:
    """sphinx-needs' own nodes, but a need (ours replace those): they read needs unseen."""
    return type(node).__module__.startswith("sphinx_needs.") and not isinstance(node, Need)


def _record(app: Sphinx, doctree: nodes.document) -> None:
    # Cleared page by page and merged from parallel workers by the state domain. The value
    # says whether the page shows needs that the recorder cannot follow.
    if any(True for _ in doctree.findall(shows_needs)):
        opaque = any(True for _ in doctree.findall(_unrecorded))
        kit_state(app.env).need_consumers[app.env.docname] = opaque


def resolved_needs(env: BuildEnvironment) -> dict[str, dict[str, Any]]:
    """The resolved needs as plain dicts, made once per build (copy them to change them).

    sphinx-needs' items answer each field through Python code: copying all of them
    for every page and every file writer cost more than the pages using them.
    """
    state = kit_state(env)
    view = SphinxNeedsData(env).get_needs_view()  # the same object for the whole build
    if state.resolved_needs is None or state.resolved_needs[0] is not view:
        state.resolved_needs = (view, {need_id: dict(need) for need_id, need in view.items()})
    return state.resolved_needs[1]


def page_needs(env: BuildEnvironment) -> RecordingNeeds:
    """The resolved needs, as the page being written reads them (its reads are noted)."""
    state = kit_state(env)
    needs = state.page_needs.get(env.docname)
    if needs is None:
        needs = state.page_needs[env.docname] = RecordingNeeds(resolved_needs(env), PageReads())
    return needs


def _note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Every page written gets a record, even one that read no need (an empty one)."""
    state = kit_state(app.env)
    if docname not in state.page_needs:
        state.page_needs[docname] = RecordingNeeds(resolved_needs(app.env), PageReads())


def _note_removals(env: BuildEnvironment, removed: set[str]) -> list[str]:
    # Removed pages are known only here; pages to read are final only in
    # env-before-read-docs, after every env-get-outdated handler added its own.
    kit_state(env).reads_pages = bool(removed)
    return []


def _note_reads(app: Sphinx, env: BuildEnvironment, docnames: list[str]) -> None:
    if docnames:
        kit_state(env).reads_pages = True


def _records_path(env: BuildEnvironment) -> Path:
    return Path(env.doctreedir, RECORDS)


def _read_records(env: BuildEnvironment) -> dict[str, Any]:
    try:
        records = json.loads(_records_path(env).read_bytes())
    except (OSError, ValueError):
        return {}
    return records if isinstance(records, dict) else {}


def _outdated_consumers(app: Sphinx, env: BuildEnvironment) -> list[str]:
    state = kit_state(env)
    # The needs as read, before sphinx-needs resolves them at write-started: the records
    # of this build's pages are digests of these, as the next build's will be.
    state.needs_as_read = ReadsDigester.of(SphinxNeedsData(env).get_needs_mutable())
    if not state.reads_pages:
        return []
    records = _read_records(env)
    return sorted(
        docname
        for docname, opaque in state.need_consumers.items()
        if docname in env.found_docs
        and (opaque or not is_current(records.get(docname), state.needs_as_read))
    )


def _keep_records(app: Sphinx, exception: Exception | None) -> None:
    """Records of the pages written now replace theirs; a failed build leaves none."""
    env = app.env
    state = kit_state(env)
    if exception is not None:
        _records_path(env).unlink(missing_ok=True)
        return
    if not state.page_needs or state.needs_as_read is None:
        return
    records = {
        docname: record
        for docname, record in _read_records(env).items()
        if docname in env.found_docs and docname not in state.page_needs
    }
    for docname, needs in state.page_needs.items():
        records[docname] = record_of(needs.reads, state.needs_as_read)
    text = json.dumps(dict(sorted(records.items())), ensure_ascii=False, separators=(",", ":"))
    write_if_changed(_records_path(env), text.encode())


def setup_incremental(app: Sphinx) -> None:
    setup_inputs(app)
    app.connect("doctree-read", _record)
    connect_outdated(app, _note_removals)
    # Late, so that pages other handlers add to the list are counted.
    app.connect("env-before-read-docs", _note_reads, priority=900)
    app.connect("env-updated", _outdated_consumers)
    app.connect("doctree-resolved", _note_written)
    app.connect("build-finished", _keep_records)
