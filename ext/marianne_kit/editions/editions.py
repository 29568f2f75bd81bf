"""Sphinx glue of the editions: changelog checks, no silent change, the edition on every page.

- When the build starts, ``docs/editions.toml`` (``marianne_editions``) is read
  and checked; any mistake stops the build before anything is read, one line
  each. Its newest edition must be ``marianne_edition``: a page cannot claim an
  edition the changelog does not describe.
- Before the first page is written, the changelog is checked against the
  levers (a retired ID used again, a successor that does not exist: errors that
  stop the build), then the levers against the latest snapshot
  (``docs/editions/<edition>/levers.json``, :mod:`.snapshot`): each difference
  no change of the current edition lists is a warning at the lever's
  definition, naming the field, so ``-W`` refuses a silent change.
- Every page's template context gets ``marianne_edition``: the theme prints it
  in the footer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.config import Config
from sphinx.util import logging

from ..events import connect_page_context
from ..kit.links import need_dicts
from ..problems import Problem
from ..user_errors import report, stop
from .changelog import Edition, consistency_problems, parse_editions, retired_map
from .history import setup_history
from .snapshot import latest_snapshot, lever_records, read_snapshot, silent_changes

logger = logging.getLogger(__name__)

#: The build's editions, kept on its ``Config`` like the profiles (see ``state.py``):
#: private, so never pickled, and new for every build.
_EDITIONS_ATTRIBUTE: Final = "_marianne_editions"


def build_editions(config: Config) -> tuple[Edition, ...]:
    """The editions read from the changelog when this build started (none without one)."""
    return tuple(getattr(config, _EDITIONS_ATTRIBUTE, ()))


def build_retired_map(config: Config) -> dict[str, tuple[str, ...]]:
    """Retired lever ID -> successors, for this build's changelog."""
    return retired_map(build_editions(config))


def _changelog_path(app: Sphinx) -> Path:
    return Path(app.srcdir, app.config.marianne_editions)


def _relative(app: Sphinx, path: Path) -> str:
    try:
        return str(path.relative_to(Path(app.confdir)))
    except ValueError:
        return str(path)


def _read_changelog(app: Sphinx) -> None:
    path = _changelog_path(app)
    if not path.is_file():
        setattr(app.config, _EDITIONS_ATTRIBUTE, ())
        return
    source = _relative(app, path)
    editions, problems = parse_editions(path.read_text(encoding="utf-8"), source)
    current = app.config.marianne_edition
    if editions and not problems and editions[0].number != current:
        problems.append(
            Problem(
                source,
                editions[0].line,
                "number",
                f"the newest edition is {editions[0].number}, but conf.py declares "
                f"marianne_edition = '{current}': list edition {current} first",
            )
        )
    if problems:
        stop(app, report(sorted(problems, key=Problem.sort_key), "editions"), source)
    setattr(app.config, _EDITIONS_ATTRIBUTE, editions)


def _check_levers(app: Sphinx, builder: Builder) -> None:
    editions = build_editions(app.config)
    if not editions:
        return
    needs = need_dicts(app.env)
    current = lever_records(needs)
    source = _relative(app, _changelog_path(app))
    problems = consistency_problems(editions, {record["id"] for record in current}, source)
    if problems:
        stop(app, report(problems, "editions"), source)
    found = latest_snapshot(Path(app.srcdir, app.config.marianne_snapshots), editions[0].number)
    if found is None:
        return
    number, path = found
    places = {need["id"]: (need["docname"], need["lineno"]) for need in needs}
    newest = editions[0].number
    for change in silent_changes(read_snapshot(path), current, editions, number, newest):
        docname, line = places.get(change.lever_id, (None, None))
        where: Any = (docname, line) if docname else source
        logger.warning(
            "%s; list it as a change of edition %s in %s",
            change,
            newest,
            source,
            type="marianne",
            subtype="silent_change",
            location=where,
        )


def marianne_edition(app: Sphinx, context: dict[str, Any]) -> None:
    """The edition every page's footer states (``{{ marianne_edition }}`` in the theme)."""
    context["marianne_edition"] = app.config.marianne_edition


def setup_editions(app: Sphinx) -> None:
    app.add_config_value("marianne_editions", "editions.toml", "env", types=frozenset({str}))
    # Only the check before writing reads it: changing it makes no page outdated.
    app.add_config_value("marianne_snapshots", "editions", "", types=frozenset({str}))
    app.connect("builder-inited", _read_changelog)
    # Before user_errors stops a build that warned (900), after needs are resolved.
    app.connect("write-started", _check_levers, priority=800)
    connect_page_context(app, marianne_edition)
    setup_history(app)
