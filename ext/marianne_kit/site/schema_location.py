"""Give sphinx-needs' schema violations the source file and line of the need.

sphinx-needs 9.1 reports schema violations (unknown channel, lever without
commitment, …) with the need ID only; an editor then has to search 350 levers.
We attach the need's ``docname``/``lineno`` to the log record itself, so the
message reads ``docs/levers/eng-03.md:42: ERROR: Need 'LEV-03-07' has …`` and
``-W`` still fails on it exactly as before.
"""

from __future__ import annotations

import logging
import re

from sphinx.application import Sphinx
from sphinx_needs.data import SphinxNeedsData

#: The logger sphinx-needs' schema validation writes to (``sphinx.`` + module name).
SCHEMA_LOGGER = "sphinx.sphinx_needs.schema.process"
_NEED_ID_IN_MESSAGE = re.compile(r"^Need '(?P<id>[^']+)' has ")


class NeedLocationFilter(logging.Filter):
    """Adds ``(docname, lineno)`` of the need named by a schema message."""

    def __init__(self, app: Sphinx) -> None:
        super().__init__()
        self._app = app

    def filter(self, record: logging.LogRecord) -> bool:
        if getattr(record, "location", None):
            return True
        match = _NEED_ID_IN_MESSAGE.match(str(record.msg))
        if match:
            need = SphinxNeedsData(self._app.env).get_needs_view().get(match["id"])
            if need is not None and need["docname"]:
                record.location = (need["docname"], need["lineno"])  # type: ignore[attr-defined]
        return True


def _install(app: Sphinx) -> None:
    location_filter = NeedLocationFilter(app)
    logging.getLogger(SCHEMA_LOGGER).addFilter(location_filter)
    app.connect("build-finished", lambda app, exc: _uninstall(location_filter))


def _uninstall(location_filter: logging.Filter) -> None:
    logging.getLogger(SCHEMA_LOGGER).removeFilter(location_filter)


def setup_schema_location(app: Sphinx) -> None:
    app.connect("builder-inited", _install)
