"""``{edition-history}``: the page « Historique des éditions », rendered from the changelog.

The page and the no-silent-change check read the same ``docs/editions.toml``
(configuration value ``marianne_editions``), so what the page says an edition
changed is exactly what the build accepted as changed.
"""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..checklists.checklist_text import french_date
from ..doctree_tables import captioned_table, cell
from ..kit.placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder
from .changelog import KINDS, Change, Edition, parse_editions

logger = logging.getLogger(__name__)


class edition_history(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder carrying the parsed editions until levers can be linked."""


class EditionHistoryDirective(PlaceholderDirective):
    node_class = edition_history

    def placeholder(self) -> nodes.Element:
        path = Path(self.env.srcdir, self.config.marianne_editions)
        self.env.note_dependency(str(path))
        if not path.is_file():
            logger.warning(
                "no changelog %s to show (marianne_editions)",
                path,
                type="marianne",
                subtype="editions",
                location=self.get_location(),
            )
            return edition_history(editions=())
        # Problems in the file stop the build when it starts (editions.py); none are left here.
        editions, _ = parse_editions(path.read_text(encoding="utf-8"), str(path))
        return edition_history(editions=editions)


def change_text(change: Change) -> str:
    """« Texte modifié », « Levier retiré, remplacé par LEV-13-10 », « … sans successeur »."""
    label = KINDS[change.kind]
    if change.kind != "retired":
        return label
    if not change.successors:
        return f"{label}, sans successeur"
    return f"{label}, remplacé par {', '.join(change.successors)}"


class FillEditionHistory(FillPlaceholders):
    placeholder = edition_history

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        rendered: list[nodes.Node] = []
        for edition in node["editions"]:
            rendered.extend(self._edition(edition))
        return rendered

    def _lever(self, lever_id: str) -> nodes.Node:
        # A retired lever has no page any more: its ID stays plain text.
        return self.need_link(lever_id) if lever_id in self.needs else nodes.Text(lever_id)

    def _edition(self, edition: Edition) -> list[nodes.Node]:
        anchor = "edition-" + edition.number.replace(".", "-")
        title = f"Édition {edition.number} — {french_date(edition.date)}"
        heading = nodes.rubric(title, title, ids=[anchor])
        heading["heading-level"] = 2  # Sphinx writes an <h2>, outside the table of contents
        summary = nodes.paragraph(edition.summary, edition.summary)
        if not edition.changes:
            none = "Aucun levier ajouté, modifié ou retiré par rapport à l’édition précédente."
            return [heading, summary, nodes.paragraph(none, none)]
        order = list(KINDS)
        changes = sorted(edition.changes, key=lambda c: (c.lever_id, order.index(c.kind)))
        rows = [
            [
                cell(self._lever(change.lever_id)),
                cell(nodes.Text(change_text(change))),
                cell(nodes.Text(change.reason)),
            ]
            for change in changes
        ]
        caption = f"Changements de l’édition {edition.number} ({len(rows)})"
        return [
            heading,
            summary,
            captioned_table(
                f"changements-{anchor}",
                caption,
                ["Levier", "Changement", "Raison"],
                rows,
                "mk-editions-table",
            ),
        ]


def setup_history(app: Sphinx) -> None:
    add_placeholder(app, "edition-history", EditionHistoryDirective, FillEditionHistory)
