"""Directives that only mark a spot, and the post-transforms that fill it.

A directive cannot render what other pages define (they may not be read yet):
it leaves a placeholder node, and in the write phase, once every need is
resolved, a post-transform replaces the node. The cards, the commitment tabs,
the citing levers, the source notes, the catalogue, the matrices and the sites'
table all follow this pattern; these bases hold it once.
"""

from __future__ import annotations

from typing import Any, ClassVar

from docutils import nodes
from docutils.parsers.rst import Directive
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from .links import NeedsPostTransform


class PlaceholderDirective(SphinxDirective):
    """Marks the spot with a ``node_class`` node.

    A subclass with ``required_arguments = 1`` names in ``argument`` the node
    attribute that keeps the (stripped) argument for the transform.
    """

    node_class: ClassVar[type[nodes.Element]]
    argument: ClassVar[str | None] = None
    has_content = False

    def run(self) -> list[nodes.Node]:
        node = self.placeholder()
        self.set_source_info(node)
        return [node]

    def placeholder(self) -> nodes.Element:
        if self.argument is None:
            return self.node_class()
        return self.node_class(**{self.argument: self.arguments[0].strip()})


class FillPlaceholders(NeedsPostTransform):
    """Replaces each ``placeholder`` node of the page with what :meth:`fill` renders."""

    placeholder: ClassVar[type[nodes.Element]]

    def run(self, **kwargs: Any) -> None:
        for node in list(self.document.findall(self.placeholder)):
            node.replace_self(self.fill(node))

    def fill(self, node: nodes.Element) -> nodes.Node | list[nodes.Node]:
        raise NotImplementedError


def add_placeholder(
    app: Sphinx, name: str, directive: type[Directive], transform: type[FillPlaceholders]
) -> None:
    """Registers directive ``name``, its placeholder node and the transform that fills it."""
    app.add_node(transform.placeholder)
    app.add_directive(name, directive)
    app.add_post_transform(transform)
