"""Sphinx glue of the network: its configuration, its file, its hierarchy checked at start.

Config values (``conf.py``):

- ``marianne_network_file`` (default ``"network.toml"``, beside ``conf.py``):
  the groups (départements, regions…) the profiles' ``parent`` keys may name;
  no file = no groups, and sites may still name other sites as parent;
- ``marianne_network_minimum`` (default 2, an integer of at least 2): the
  fewest sites a published figure may be over (:mod:`.aggregates`). One would
  publish single sites' answers, which is what the rule exists to prevent.

Both are checked when the configuration is read, after the profiles and the
results: a bad value, a broken file or a bad hierarchy stops the build before
anything is written, every problem on its own line. The checked hierarchy is
kept on the build's ``Config`` like the profiles (:func:`build_hierarchy_of`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.errors import ExtensionError

from ..problems import Problem
from ..state import build_profiles
from ..user_errors import report, stop
from .aggregates import DEFAULT_MINIMUM
from .audience import setup_audience
from .hierarchy import Hierarchy, build_hierarchy, read_network_file

DEFAULT_NETWORK_FILE: Final = "network.toml"
_HIERARCHY_ATTRIBUTE: Final = "_marianne_hierarchy"


def config_problems(file: object, minimum: object) -> list[Problem]:
    """The network's config values that cannot be used, one problem each."""
    problems = []
    if not isinstance(file, str) or not file.strip():
        problems.append(
            Problem(
                "conf.py",
                None,
                "marianne_network_file",
                f"{file!r} is not a file name such as 'network.toml'",
            )  # fmt: skip
        )
    if not isinstance(minimum, int) or isinstance(minimum, bool) or minimum < DEFAULT_MINIMUM:
        problems.append(
            Problem(
                "conf.py",
                None,
                "marianne_network_minimum",
                f"{minimum!r}: expected a whole number of sites, at least "
                f"{DEFAULT_MINIMUM} (a figure over one site is that site's answers)",
            )  # fmt: skip
        )
    return problems


def _read_network(app: Sphinx, config: Config) -> None:
    problems = config_problems(config.marianne_network_file, config.marianne_network_minimum)
    if problems:
        stop(app, report(problems, "config"), "the configuration")
    source = Path(config.marianne_network_file).as_posix()
    network, problems = read_network_file(Path(app.confdir, config.marianne_network_file), source)
    hierarchy = None
    if not problems:
        hierarchy, problems = build_hierarchy(build_profiles(config).profiles, network)
    if problems or hierarchy is None:
        stop(app, report(problems, "network"), "the network")
    setattr(config, _HIERARCHY_ATTRIBUTE, hierarchy)


def build_hierarchy_of(config: Config) -> Hierarchy:
    """The hierarchy this build read and checked, never read again."""
    hierarchy = getattr(config, _HIERARCHY_ATTRIBUTE, None)
    if not isinstance(hierarchy, Hierarchy):
        msg = "marianne_kit: the network used before the configuration was read"
        raise ExtensionError(msg)
    return hierarchy


def setup_network(app: Sphinx) -> None:
    setup_audience(app)
    app.add_config_value(
        "marianne_network_file", DEFAULT_NETWORK_FILE, "env", types=frozenset({str})
    )
    app.add_config_value("marianne_network_minimum", DEFAULT_MINIMUM, "env", types=frozenset({int}))
    # After the profiles (priority 100) and the results (110) were read.
    app.connect("config-inited", _read_network, priority=120)
