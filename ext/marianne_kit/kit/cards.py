"""``{commitment-cards}``: the 19 commitments at a glance on the home page.

Filled in the write phase from the resolved needs, so a commitment retitled on
its own page is retitled here too (see ``incremental``). The markup reuses
sphinx-design's grid and card classes; the title itself is the link (no empty
« stretched » link, which screen readers announce without a name).
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .grouping import channel_label, count_label, group_by_channel, levers_of
from .placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder


class commitment_cards(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for the grid of commitment cards."""


class CommitmentCardsDirective(PlaceholderDirective):
    node_class = commitment_cards


def _div(classes: list[str], *children: nodes.Node) -> nodes.container:
    node = nodes.container("", is_div=True, classes=classes)
    node.extend(children)
    return node


class FillCommitmentCards(FillPlaceholders):
    placeholder = commitment_cards

    def fill(self, node: nodes.Element) -> nodes.container:
        return self._grid(self.needs)

    def _card(self, commitment: Any, needs: Any) -> nodes.container:
        levers = levers_of(needs.values(), commitment["id"])
        title = nodes.paragraph("", classes=["sd-card-title", "sd-font-weight-bold"])
        title += nodes.inline("", f"Engagement {commitment['number']} — ")
        title += self.page_link(commitment["docname"], commitment["title"])
        channels = ", ".join(
            f"{channel_label(slug)} {len(items)}"
            for slug, items in group_by_channel(levers).items()
        )
        text = nodes.paragraph(
            "",
            f"{count_label(len(levers), 'levier', 'leviers')} ({channels})",
            classes=["sd-card-text"],
        )
        body = _div(["sd-card-body"], title, text)
        card = _div(["sd-card", "sd-sphinx-override", "sd-w-100", "sd-shadow-sm"], body)
        return _div(["sd-col", "sd-d-flex-row"], card)

    def _grid(self, needs: Any) -> nodes.container:
        commitments = sorted(
            (n for n in needs.values() if n["type"] == "commitment"), key=lambda n: n["id"]
        )
        row = _div(
            ["sd-row", "sd-row-cols-1", "sd-row-cols-sm-2", "sd-row-cols-lg-3", "sd-g-3"],
            *(self._card(c, needs) for c in commitments),
        )
        return _div(["sd-container-fluid", "sd-sphinx-override", "sd-mb-4"], row)


def setup_cards(app: Sphinx) -> None:
    add_placeholder(app, "commitment-cards", CommitmentCardsDirective, FillCommitmentCards)
