"""Pages showing what is read beside the sources are read again when, and only when, it changed.

The network file, the profiles' tree and the results are read once per build when
the configuration is read (:mod:`.state`), not by a page: Sphinx cannot know
that a page showing them is stale. A page notes at read time which of them it
shows (:func:`note_shown_input`); every build compares a digest of each input
with the one kept in the state domain and reads again the pages showing an
input that changed.

Digests of what was read, not dependencies on files: Sphinx takes a dependency
that is not a file (a folder, the network file when there is none) for a
missing file and would read the page again at every build.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Final

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment

from ..events import connect_outdated
from ..network.network import build_hierarchy_of
from ..state import build_results, kit_state


def _network_digest(config: Config) -> str:
    """The network as the build checked it: the groups file and every profile's parent."""
    return hashlib.sha256(repr(build_hierarchy_of(config)).encode()).hexdigest()


def _results_digest(config: Config) -> str:
    """Every site's results file, every year."""
    return build_results(config).digest()


#: The inputs a page may show -> the digest of their current state.
INPUTS: Final[dict[str, Callable[[Config], str]]] = {
    "network": _network_digest,
    "results": _results_digest,
}


def note_shown_input(env: BuildEnvironment, name: str) -> None:
    """Call from a directive: the page being read shows input ``name`` (of :data:`INPUTS`)."""
    if name not in INPUTS:
        msg = f"unknown input {name!r}; expected one of {', '.join(sorted(INPUTS))}"
        raise ValueError(msg)
    shown = kit_state(env).shown_inputs.setdefault(env.docname, [])
    if name not in shown:
        shown.append(name)


def _outdated_by_inputs(env: BuildEnvironment, removed: set[str]) -> list[str]:
    state = kit_state(env)
    wanted = {name for names in state.shown_inputs.values() for name in names}
    changed = set()
    for name in sorted(wanted):
        digest = INPUTS[name](env.config)
        if state.input_digests.get(name) != digest:
            changed.add(name)
        state.input_digests[name] = digest
    return sorted(
        docname for docname, names in state.shown_inputs.items() if changed.intersection(names)
    )


def _keep_new_digests(app: Sphinx, env: BuildEnvironment) -> None:
    """A page read now may show an input no page showed before: its digest starts now."""
    state = kit_state(env)
    for names in state.shown_inputs.values():
        for name in names:
            if name not in state.input_digests:
                state.input_digests[name] = INPUTS[name](env.config)


def setup_inputs(app: Sphinx) -> None:
    connect_outdated(app, _outdated_by_inputs)
    app.connect("env-updated", _keep_new_digests)
