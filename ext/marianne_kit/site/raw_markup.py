"""The kit's content carries no raw markup.

A ```` ```{raw} html ```` block inside a lever emitted ``<script>`` unescaped into
the published page. Raw nodes — from the ``raw`` directive and role, from MyST's
HTML blocks and inline HTML, from reStructuredText run through ``eval-rst`` — are
each reported with their ``file:line`` and removed before the page is written,
so even a build that ignores warnings publishes no injected markup.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)


def _refuse_raw_markup(app: Sphinx, doctree: nodes.document) -> None:
    for node in list(doctree.findall(nodes.raw)):
        kind = node.get("format", "") or "raw"
        logger.error(
            f"raw {kind} markup is not allowed in the kit's content (removed); "
            "write the text in Markdown",
            type="marianne",
            subtype="raw_markup",
            location=node,
        )
        node.parent.remove(node)


def setup_raw_markup(app: Sphinx) -> None:
    # First of the doctree-read handlers: nothing else sees the raw node.
    app.connect("doctree-read", _refuse_raw_markup, priority=100)
