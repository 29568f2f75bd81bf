"""Base class of our write-phase transforms: resolved needs and links between pages.

Sphinx 9 deprecates ``SphinxPostTransform.app``; a post-transform only has the
environment. Needs are sphinx-needs' resolved ones (what ``get_needs_view(app)``
returns), copied to plain dicts once per build; a transform reads them through
:attr:`NeedsPostTransform.needs`, which notes what the page read so that the
next build rewrites it only when that changed (``site/incremental.py``). Page
URIs are computed the way the HTML builders do (``html_link_suffix``), which is
why these transforms are HTML-only.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.config import Config
from sphinx.environment import BuildEnvironment
from sphinx.transforms.post_transforms import SphinxPostTransform
from sphinx.util.osutil import relative_uri

from ..site.incremental import page_needs, resolved_needs
from ..site.need_reads import RecordingNeeds


def need_dicts(env: BuildEnvironment) -> list[dict[str, Any]]:
    """Resolved needs as plain dicts, for the plain-function modules (and worker processes)."""
    return [dict(need) for need in resolved_needs(env).values()]


def page_suffix(config: Config) -> str:
    """The suffix of page URLs, as the HTML builders write links (``.html`` by default)."""
    return config.html_link_suffix or ".html"


class NeedsPostTransform(SphinxPostTransform):
    """Fills a placeholder node from the resolved needs of the whole project."""

    default_priority = 100  # before sphinx-design's HTML transforms (200)
    formats = ("html",)

    @property
    def needs(self) -> RecordingNeeds:
        """The resolved needs; the fields the page reads are noted (``site/incremental.py``)."""
        return page_needs(self.env)

    def need_dicts(self) -> list[dict[str, Any]]:
        return list(self.needs.values())

    def page_uri(self, docname: str) -> str:
        suffix = page_suffix(self.config)
        here = self.env.docname + suffix
        return relative_uri(here, docname + suffix)

    def need_link(self, need_id: str, text: str | None = None) -> nodes.Node:
        """A link to ``need_id`` showing ``text`` (the ID by default).

        A missing need yields plain text: sphinx-needs already reported the dead
        link with its location, and a second, vaguer warning would only add noise.
        """
        need = self.needs.get(need_id)
        label = text if text is not None else need_id
        if need is None or not need["docname"]:
            return nodes.inline(label, label)
        page = "" if need["docname"] == self.env.docname else self.page_uri(need["docname"])
        return nodes.reference(label, label, refuri=f"{page}#{need_id}", internal=True)

    def page_link(self, docname: str, text: str) -> nodes.reference:
        return nodes.reference(text, text, refuri=self.page_uri(docname), internal=True)
