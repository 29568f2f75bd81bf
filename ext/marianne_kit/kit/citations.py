"""``{citing-levers}``: on a best-practice page, the levers that cite it.

The list is the reverse of the levers' ``practice`` links, computed in the write
phase, so a practice page can never forget a lever that cites it.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from .grouping import channel_label, count_label, kit_order_key
from .placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder


class citing_levers(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for the levers citing one practice."""


class CitingLeversDirective(PlaceholderDirective):
    required_arguments = 1
    node_class = citing_levers
    argument = "practice"


class FillCitingLevers(FillPlaceholders):
    placeholder = citing_levers

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        return self._render(node["practice"], self.needs)

    def _render(self, practice_id: str, needs: Any) -> list[nodes.Node]:
        levers = sorted(
            (n for n in needs.values() if n["type"] == "lever" and practice_id in n["practice"]),
            key=kit_order_key,
        )
        summary = count_label(len(levers), "levier cite", "leviers citent")
        result: list[nodes.Node] = [
            nodes.paragraph("", f"{summary} cette bonne pratique dans le kit.")
        ]
        items = []
        for lever in levers:
            para = nodes.paragraph()
            for commitment_id in lever["commitment"]:
                commitment = needs.get(commitment_id)
                text = f"Engagement {commitment['number']}" if commitment else commitment_id
                para += self.need_link(commitment_id, text)
            para += nodes.Text(f" ({channel_label(lever['channel'])}), ")
            para += self.need_link(lever["id"])
            para += nodes.Text(f"\u00a0: {lever['title']}")
            items.append(nodes.list_item("", para))
        if items:
            result.append(nodes.bullet_list("", *items))
        return result


def setup_citations(app: Sphinx) -> None:
    add_placeholder(app, "citing-levers", CitingLeversDirective, FillCitingLevers)
