"""``{source-notes}``: the page « Notes sur le texte source ».

Every correction made to the OCR beyond accents and punctuation (errata), and
every hard numbering or pairing decision, lives in one reviewed TOML file. The
fidelity tests apply the same errata to the source text, so the page and the
tests can never disagree about what was corrected.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx

from ..doctree_tables import captioned_table, cell
from ..problems import Problem
from ..user_errors import report
from .placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder

#: Nature of each correction, as the notes page labels it. « graphie » and « coquille »
#: correct what the kit printed (spelling harmonised, obvious typo), « conjecture » is a
#: guess where the printed word cannot be read: readers must be able to tell them from
#: OCR misreadings (« lecture », « numéro ») and layout debris (« bruit »).
ERRATUM_KINDS = {
    "bruit": "bruit supprimé",
    "lecture": "mot mal lu",
    "numéro": "numéro mal lu",
    "graphie": "graphie harmonisée",
    "coquille": "coquille corrigée",
    "conjecture": "lecture conjecturale",
}
ERRATUM_KEYS = {"engagement", "source", "restored", "kind", "levers", "note"}
DECISION_KEYS = {"engagement", "kind", "levers", "note"}


def load_source_notes(
    path: Path, source: str
) -> tuple[dict[str, list[dict[str, Any]]], list[Problem]]:
    """The notes file's entries, and every problem found (``source`` names the file)."""
    empty: dict[str, list[dict[str, Any]]] = {"erratum": [], "decision": []}
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        return empty, [Problem(source, None, None, f"cannot read source notes: {error}")]
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return empty, [Problem(source, None, None, f"invalid TOML: {error}")]
    problems: list[Problem] = []
    for table, keys in (("erratum", ERRATUM_KEYS), ("decision", DECISION_KEYS)):
        for index, entry in enumerate(data.get(table, []), start=1):
            where = f"[[{table}]] #{index}"
            missing = sorted(keys - entry.keys())
            unknown = sorted(entry.keys() - keys)
            if missing:
                problems.append(Problem(source, None, where, f"missing keys {missing}"))
            if unknown:
                problems.append(Problem(source, None, where, f"unknown keys {unknown}"))
            if table == "erratum" and entry.get("kind") not in ERRATUM_KINDS:
                problems.append(
                    Problem(source, None, where, f"kind {entry.get('kind')!r} is not one of "
                            f"{sorted(ERRATUM_KINDS)}")
                )  # fmt: skip
    if problems:
        return empty, problems
    return {"erratum": data.get("erratum", []), "decision": data.get("decision", [])}, []


class source_notes(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder carrying the parsed notes until needs can be linked."""


class SourceNotesDirective(PlaceholderDirective):
    required_arguments = 1
    node_class = source_notes

    def placeholder(self) -> nodes.Element:
        relative, absolute = self.env.relfn2path(self.arguments[0])
        self.env.note_dependency(relative)
        notes, problems = load_source_notes(Path(absolute), relative)
        report(problems, "source_notes")
        return source_notes(notes=notes)


class FillSourceNotes(FillPlaceholders):
    placeholder = source_notes

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        return self._render(node["notes"], self.needs)

    def _levers(self, ids: list[str], needs: Any) -> list[nodes.Node]:
        links: list[nodes.Node] = []
        for index, need_id in enumerate(ids):
            if index:
                links.append(nodes.Text(", "))
            links.append(self.need_link(need_id))
        return links or [nodes.Text("—")]

    def _render(self, notes: dict[str, list[dict[str, Any]]], needs: Any) -> list[nodes.Node]:
        errata_rows = [
            [
                cell(nodes.Text(str(e["engagement"]))),
                cell(nodes.literal(e["source"], e["source"])),
                cell(nodes.Text(e["restored"] or "(supprimé)")),
                cell(nodes.Text(ERRATUM_KINDS[e["kind"]])),
                cell(*self._levers(e["levers"], needs)),
                cell(nodes.Text(e["note"])),
            ]
            for e in notes["erratum"]
        ]
        decision_rows = [
            [
                cell(nodes.Text(str(d["engagement"]))),
                cell(nodes.Text(d["kind"])),
                cell(*self._levers(d["levers"], needs)),
                cell(nodes.Text(d["note"])),
            ]
            for d in notes["decision"]
        ]
        return [
            captioned_table(
                "corrections",
                f"Corrections du texte source ({len(errata_rows)})",
                ["Engagement", "Texte OCR", "Lecture retenue", "Nature", "Leviers", "Explication"],
                errata_rows,
                "mk-notes-table",
            ),
            captioned_table(
                "decisions",
                f"Décisions de numérotation et de classement ({len(decision_rows)})",
                ["Engagement", "Cas", "Leviers", "Décision"],
                decision_rows,
                "mk-notes-table",
            ),
        ]


def setup_source_notes(app: Sphinx) -> None:
    add_placeholder(app, "source-notes", SourceNotesDirective, FillSourceNotes)
