"""``{commitment-cards}``: the 19 commitments at a glance on the home page.

Filled in the write phase from the resolved needs, so a commitment retitled on
its own page is retitled here too (see ``incremental``). The markup is the DSFR's
grid and card (``fr-card``); the title itself is the link, which ``fr-enlarge-link``
stretches over the card (no empty « stretched » link, which screen readers
announce without a name).
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
        title = nodes.paragraph("", classes=["fr-card__title"])
        title += self.page_link(
            commitment["docname"], f"Engagement {commitment['number']} — {commitment['title']}"
        )
        channels = ", ".join(
            f"{channel_label(slug)} {len(items)}"
            for slug, items in group_by_channel(levers).items()
        )
        text = nodes.paragraph(
            "",
            f"{count_label(len(levers), 'levier', 'leviers')} ({channels})",
            classes=["fr-card__desc"],
        )
        content = _div(["fr-card__content"], title, text)
        card = _div(["fr-card", "fr-enlarge-link", "fr-card--sm"], _div(["fr-card__body"], content))
        return _div(["fr-col-12", "fr-col-sm-6", "fr-col-lg-4"], card)

    def _grid(self, needs: Any) -> nodes.container:
        commitments = sorted(
            (n for n in needs.values() if n["type"] == "commitment"), key=lambda n: n["id"]
        )
        row = _div(
            ["fr-grid-row", "fr-grid-row--gutters", "mk-cards"],
            *(self._card(c, needs) for c in commitments),
        )
        return row


def setup_cards(app: Sphinx) -> None:
    add_placeholder(app, "commitment-cards", CommitmentCardsDirective, FillCommitmentCards)
