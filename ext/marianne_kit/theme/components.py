"""DSFR classes on Sphinx's own markup, where a DSFR component fits.

Notes and other admonitions (« Ce texte est un modèle… ») are the DSFR callout
(``fr-callout``, its title ``fr-callout__title``). Adding classes to the nodes keeps
Sphinx's HTML writer (and its ``admonition`` classes) in charge of the markup.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.transforms.post_transforms import SphinxPostTransform


def mark_callouts(document: nodes.Node) -> int:
    """Give every admonition of ``document`` the callout classes; how many there were."""
    count = 0
    for admonition in list(document.findall(nodes.Admonition)):
        assert isinstance(admonition, nodes.Element)
        admonition["classes"] = [*admonition["classes"], "fr-callout"]
        count += 1
    return count


class DsfrCallouts(SphinxPostTransform):
    formats = ("html",)
    default_priority = 800

    def run(self, **kwargs: Any) -> None:
        mark_callouts(self.document)


def setup_components(app: Sphinx) -> None:
    app.add_post_transform(DsfrCallouts)
