"""The kit's edition (e.g. ``2026.2``), declared once in ``conf.py``.

Every output names the edition it was built from, so a results file, a
printed checklist or a downloaded CSV can be traced back to the exact text of
the referential. The number is checked when the configuration is read: a typo
would otherwise be printed on every checklist of every site.
"""

from __future__ import annotations

import re
from typing import Final

from sphinx.application import Sphinx
from sphinx.config import Config

from ..problems import Problem
from ..user_errors import report, stop

#: Year, a dot, then the edition's rank in that year: ``2026.1``, ``2026.2``.
EDITION_PATTERN: Final = re.compile(r"^[0-9]{4}\.[1-9][0-9]*$")


def edition_problem(value: object) -> Problem | None:
    """Why ``value`` is not an edition number, or ``None`` when it is one."""
    if isinstance(value, str) and EDITION_PATTERN.fullmatch(value):
        return None
    return Problem(
        "conf.py", None, "marianne_edition", f"{value!r} is not an edition number like '2026.2'"
    )


def _check_edition(app: Sphinx, config: Config) -> None:
    problem = edition_problem(config.marianne_edition)
    if problem:
        stop(app, report([problem], "config"), "the configuration")


def setup_edition(app: Sphinx) -> None:
    app.add_config_value("marianne_edition", "2026.1", "env", types=frozenset({str}))
    app.connect("config-inited", _check_edition)
