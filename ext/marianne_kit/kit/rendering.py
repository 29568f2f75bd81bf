"""Render the kit's needs as compact French blocks instead of sphinx-needs tables.

sphinx-needs' default layout is an English-labelled layout table with icon-only
collapse buttons and per-build random container ids: unreadable for the civil
servants we serve, not RGAA-friendly and not reproducible. Before sphinx-needs
turns its ``Need`` nodes into that table (``doctree-resolved``), this
post-transform replaces each of them with a block built from the resolved need:
ID and text, then « Canal », « Catégorie », number provenance and links.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx_needs.nodes import Need

from .links import NeedsPostTransform
from .model import CATEGORIES, CHANNELS, CORRESPONDENCE_KINDS, NUMBERING

_NBSP = "\u00a0"


def _meta_item(label: str, *value: nodes.Node) -> list[nodes.Node]:
    return [nodes.inline("", f"{label}{_NBSP}: ", classes=["mk-meta-label"]), *value]


def _tag(label: str) -> nodes.inline:
    """A channel or category as a DSFR tag (``fr-tag``)."""
    return nodes.inline(label, label, classes=["fr-tag", "fr-tag--sm"])


def _join(items: list[list[nodes.Node]], separator: str) -> list[nodes.Node]:
    joined: list[nodes.Node] = []
    for index, item in enumerate(items):
        if index:
            joined.append(nodes.Text(separator))
        joined.extend(item)
    return joined


class RenderNeeds(NeedsPostTransform):
    """Replace every rendered need of the kit with its French block."""

    default_priority = 90  # before sphinx-design (200) and sphinx-needs' doctree-resolved

    def run(self, **kwargs: Any) -> None:
        self._lever_actions: dict[str, list[str]] | None = None
        needs = self.needs
        for node in list(self.document.findall(Need)):
            need_id = node["refid"]
            need = needs.get(need_id)
            if need is None or node.get("hidden"):
                node.parent.remove(node)
                continue
            block = nodes.container(
                "", classes=["mk-need", f"mk-{need['type']}"], ids=list(node["ids"])
            )
            title = nodes.paragraph("", classes=["mk-need-title"])
            title += nodes.inline(need_id, need_id, classes=["mk-need-id"])
            title += nodes.Text(" ")
            title += nodes.inline(need["title"], need["title"], classes=["mk-need-text"])
            block += title
            meta = self._meta(need, needs)
            if meta:
                block += nodes.paragraph("", "", *_join(meta, " · "), classes=["mk-need-meta"])
            block.extend(node.children)
            node.replace_self(block)

    def _meta(self, need: Any, needs: Any) -> list[list[nodes.Node]]:
        if need["type"] == "correspondence":
            return self._correspondence_meta(need)
        if need["type"] != "lever":
            return []
        items = [
            _meta_item("Canal", _tag(CHANNELS.get(need["channel"], need["channel"]))),
            _meta_item("Catégorie", _tag(CATEGORIES.get(need["category"], need["category"]))),
            _meta_item(
                "N°",
                nodes.Text(f"{need['number']} ({NUMBERING.get(need['numbering'], '')})"),
            ),
        ]
        commitments = [self.need_link(c) for c in need["commitment"]]
        items.append(_meta_item("Engagement", *commitments))
        for practice_id in need["practice"]:
            practice = needs.get(practice_id)
            text = practice["title"] if practice else practice_id
            items.append(_meta_item("Bonne pratique", self.need_link(practice_id, text)))
        if need["action"]:
            twins = [t for t in self._actions(needs)[need["action"]] if t != need["id"]]
            links: list[nodes.Node] = []
            for twin in twins:
                if links:
                    links.append(nodes.Text(", "))
                links.append(self.need_link(twin))
            items.append(_meta_item("Action identique", *links))
        return items

    def _actions(self, needs: Any) -> dict[str, list[str]]:
        """Action key -> the IDs of its levers, sorted; made once per page, not per lever
        (each lever with an action used to scan every need)."""
        actions = self._lever_actions
        if actions is None:
            actions = {}
            for other in needs.values():
                if other["type"] == "lever" and other["action"]:
                    actions.setdefault(other["action"], []).append(other["id"])
            for ids in actions.values():
                ids.sort()
            self._lever_actions = actions
        return actions

    def _correspondence_meta(self, need: Any) -> list[list[nodes.Node]]:
        """What one mapping of the crosswalk links: Marianne source, SP+ targets, kind."""
        items = [_meta_item("Marianne", *(self.need_link(s) for s in need["marianne"]))]
        targets = need.get("spplus") or []
        links: list[nodes.Node] = []
        for target in targets:
            if links:
                links.append(nodes.Text(", "))
            links.append(self.need_link(target))
        items.append(_meta_item("Services Publics+", *(links or [nodes.Text("aucun")])))
        kind = need.get("mapping") or ""
        items.append(_meta_item("Nature", nodes.Text(CORRESPONDENCE_KINDS.get(kind, kind))))
        return items


def setup_rendering(app: Sphinx) -> None:
    app.add_post_transform(RenderNeeds)
