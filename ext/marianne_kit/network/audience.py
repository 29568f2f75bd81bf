"""Who a build is for: the public site, or the network's own internal copy.

The public site (``nox -s build``, what gets published) shows the kit, blank
checklists and only the network's aggregates under the minimum-size rule. The
internal build (``nox -s build-internal``: ``-D marianne_audience=internal``,
into ``build/internal/``) adds what belongs to one site: its dashboard and
action plan, the listing of each site's results, the checklists pre-filled
with last year's answers, and the sites × commitments table of the network
pages. The default is the public build, so forgetting the option can only
withhold, never publish, a site's answers.
"""

from __future__ import annotations

from typing import Final

from sphinx.application import Sphinx
from sphinx.config import Config

from ..problems import Problem
from ..user_errors import report, stop

PUBLIC: Final = "public"
INTERNAL: Final = "internal"
AUDIENCES: Final = (PUBLIC, INTERNAL)


def audience_problems(audience: object) -> list[Problem]:
    """The value of ``marianne_audience`` if it is not one of :data:`AUDIENCES`."""
    if audience in AUDIENCES:
        return []
    expected = " or ".join(repr(name) for name in AUDIENCES)
    return [Problem("conf.py", None, "marianne_audience", f"{audience!r}: expected {expected}")]


def is_internal(config: Config) -> bool:
    """Whether this build may show one site's own answers."""
    return bool(config.marianne_audience == INTERNAL)


def _check_audience(app: Sphinx, config: Config) -> None:
    problems = audience_problems(config.marianne_audience)
    if problems:
        stop(app, report(problems, "config"), "the configuration")


def setup_audience(app: Sphinx) -> None:
    app.add_config_value("marianne_audience", PUBLIC, "env", types=frozenset({str}))
    # Before anything that reads the profiles or the results (priority 100 and up).
    app.connect("config-inited", _check_audience, priority=90)
