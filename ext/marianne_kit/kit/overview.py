"""``{commitment-levers}``: a commitment's levers, one tab per channel.

The directive only marks the spot (the levers live on other pages, not yet read);
a post-transform fills it in the write phase from the resolved needs, building
sphinx-design's documented intermediate tab structure before sphinx-design's own
HTML transform (priority 200) turns it into accessible radio tabs.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..catalogue.catalogue_url import CATALOGUE_DOCNAME, catalogue_url
from .grouping import (
    category_label,
    channel_label,
    cited_practices,
    count_label,
    group_by_category,
    group_by_channel,
    levers_of,
)
from .placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder


class commitment_levers(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for the levers of one commitment."""


class CommitmentLeversDirective(PlaceholderDirective):
    required_arguments = 1
    node_class = commitment_levers
    argument = "commitment"


def _component(name: str, classes: list[str], *children: nodes.Node) -> nodes.container:
    node = nodes.container("", is_div=True, design_component=name, classes=classes)
    node.extend(children)
    return node


class FillCommitmentLevers(FillPlaceholders):
    placeholder = commitment_levers

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        return self._render(node["commitment"], self.needs)

    def _lever_item(self, lever: Any, needs: Any) -> nodes.list_item:
        para = nodes.paragraph()
        para += self.need_link(lever["id"])
        para += nodes.Text(f" — {lever['title']}")
        return nodes.list_item("", para)

    def _render(self, commitment_id: str, needs: Any) -> list[nodes.Node]:
        levers = levers_of(needs.values(), commitment_id)
        summary = nodes.paragraph(
            "", count_label(len(levers), "levier", "leviers") + " pour cet engagement."
        )
        if not levers:
            return [summary]
        tab_set = _component("tab-set", ["sd-tab-set"])
        # Stable anchors (#canal-…, #categorie-…) for the traceability matrices' links.
        anchored: set[str] = set()
        for channel, channel_levers in group_by_channel(levers).items():
            label_text = f"{channel_label(channel)} ({len(channel_levers)})"
            label = nodes.rubric(label_text, label_text, classes=["sd-tab-label"])
            content = _component("tab-content", ["sd-tab-content"])
            if CATALOGUE_DOCNAME in self.env.found_docs:
                uri = catalogue_url(self.env.docname, canal=channel, engagement=commitment_id)
                text = "Voir ces leviers dans le catalogue"
                link = nodes.reference(text, text, refuri=uri, internal=True)
                content += nodes.paragraph("", "", link, classes=["mk-catalogue-link"])
            for category, items in group_by_category(channel_levers).items():
                heading = f"{category_label(category)} ({len(items)})"
                ids = [] if category in anchored else [f"categorie-{category}"]
                anchored.add(category)
                content += nodes.paragraph(
                    "", "", nodes.strong(heading, heading), classes=["mk-category"], ids=ids
                )
                content += nodes.bullet_list(
                    "", *(self._lever_item(lever, needs) for lever in items)
                )
            tab_item = _component("tab-item", ["sd-tab-item"], label, content)
            tab_item["ids"] = [f"canal-{channel}"]
            tab_set += tab_item
        result: list[nodes.Node] = [summary, tab_set]
        practices = cited_practices(levers)
        if practices:
            items = []
            for practice_id in practices:
                practice = needs.get(practice_id)
                text = practice["title"] if practice else practice_id
                para = nodes.paragraph("", "", self.need_link(practice_id, text))
                items.append(nodes.list_item("", para))
            result.append(
                nodes.paragraph(
                    "", "Bonnes pratiques sur lesquelles s’appuie cet engagement\u00a0:"
                )
            )
            result.append(nodes.bullet_list("", *items))
        return result


def setup_overview(app: Sphinx) -> None:
    add_placeholder(app, "commitment-levers", CommitmentLeversDirective, FillCommitmentLevers)
