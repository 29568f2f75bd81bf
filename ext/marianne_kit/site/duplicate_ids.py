"""Report a duplicate need ID at every build while it exists, not only the first.

sphinx-needs checks an ID when it reads the page that defines it: a second
``LEV-01-01`` is dropped with a warning, so ``-W`` fails the first build. An
incremental build reads only the pages that changed, so the next build, with the
duplicate still in place, used to pass and publish the site without the dropped
lever. Every need directive is therefore recorded when it is read (its ID, its
line, whether sphinx-needs created the need), page by page, and each build reads
again the pages of every definition that failed (a duplicate, a malformed ID)
or whose ID is defined twice: sphinx-needs reports them again, with the same
message as in the first build, until they are fixed.

Both rules are needed. Read in one process, the second definition fails. Read in
parallel (``-j``), the two pages may go to separate workers, where both needs are
created, and sphinx-needs drops one only when it merges the workers' data; the
records are merged too, so the shared ID still names both pages.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx_needs.directives.need import NeedDirective

# Kept page by page (cleared and merged) in the state domain.
from ..events import connect_outdated
from ..state import NeedDefinition, kit_state


def pages_to_read_again(definitions: Mapping[str, Sequence[NeedDefinition]]) -> set[str]:
    """Pages whose reading must be repeated so that a bad definition is reported again.

    A page is included when one of its definitions was not created, or when its ID
    is also defined elsewhere (or twice on the page), created or not.
    """
    pages: set[str] = set()
    pages_by_id: dict[str, list[str]] = defaultdict(list)
    for page, page_definitions in definitions.items():
        for definition in page_definitions:
            if not definition.created:
                pages.add(page)
            if definition.need_id:
                pages_by_id[definition.need_id].append(page)
    for defining_pages in pages_by_id.values():
        if len(defining_pages) > 1:
            pages.update(defining_pages)
    return pages


class RecordedNeedDirective(NeedDirective):
    """sphinx-needs' need directive, which also notes what it defined on which page."""

    def run(self) -> Sequence[nodes.Node]:
        need_id = str(self.options.get("id") or "").strip()  # run() pops the options
        result = super().run()  # [] exactly when no need was created
        definition = NeedDefinition(need_id, self.lineno, bool(result))
        kit_state(self.env).need_definitions.setdefault(self.env.docname, []).append(definition)
        return result


def _record_need_directives(app: Sphinx, config: Config) -> None:
    """Runs after sphinx-needs registered one directive per need type (``load_config``)."""
    for need_type in config.needs_types:
        app.add_directive(need_type["directive"], RecordedNeedDirective, override=True)


def _pages_with_bad_definitions(env: BuildEnvironment, removed: set[str]) -> list[str]:
    return sorted(pages_to_read_again(kit_state(env).need_definitions) - removed)


def setup_duplicate_ids(app: Sphinx) -> None:
    app.connect("config-inited", _record_need_directives, priority=800)
    connect_outdated(app, _pages_with_bad_definitions)
