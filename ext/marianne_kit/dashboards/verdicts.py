"""``{site-verdicts}``: the latest « Engagement tenu ? » answer of each site, per commitment.

Shown beside the sites matrix: one row per site with results, one column per
commitment, each cell the word the referent chose (« Oui », « Non », « NA »
for « Non applicable », empty when not answered), never a colour alone.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..kit.model import commitment_number
from ..kit.placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder
from ..network.audience import is_internal
from ..state import kit_state
from .dashboard_html import EXAMPLE_LABEL

SHORT: dict[str, str] = {"Oui": "Oui", "Non": "Non", "Non applicable": "NA"}


class site_verdicts_node(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Placeholder for the table of the sites' latest verdicts."""


class SiteVerdicts(PlaceholderDirective):
    node_class = site_verdicts_node


def _entry(content: nodes.Node) -> nodes.entry:
    entry = nodes.entry()
    entry += content if isinstance(content, nodes.paragraph) else nodes.paragraph("", "", content)
    return entry


class RenderSiteVerdicts(FillPlaceholders):
    placeholder = site_verdicts_node

    def fill(self, node: nodes.Element) -> nodes.Node:
        from .dashboards import public_notice, site_inputs  # the glue imports this module

        if not is_internal(self.config):
            return public_notice()
        sites = site_inputs(self.config)
        if not sites:
            return nodes.paragraph(text="Aucun site n’a encore importé de résultats.")
        latest = [site.years[max(site.years)] for site in sites]
        commitments = sorted({key for results in latest for key in results.commitments})
        table = nodes.table(classes=["mk-sites"], ids=["table-engagements-tenus"])
        table += nodes.title("", "Engagements tenus selon les derniers résultats des sites")
        group = nodes.tgroup(cols=len(commitments) + 2)
        table += group
        group.extend(nodes.colspec(colwidth=1) for _ in range(len(commitments) + 2))
        head = nodes.thead()
        row = nodes.row()
        for label in ["Site", "Année", *(str(commitment_number(c)) for c in commitments)]:
            row += _entry(nodes.Text(label))
        head += row
        group += head
        body = nodes.tbody()
        for site, results in zip(sites, latest, strict=True):
            row = nodes.row()
            name = nodes.paragraph(text=site.name)
            if results.example:
                name += nodes.Text(f" ({EXAMPLE_LABEL})")
            row += _entry(name)
            row += _entry(nodes.Text(str(results.year)))
            for commitment in commitments:
                verdict = results.commitments.get(commitment)
                row += _entry(nodes.Text(SHORT.get(verdict.verdict, "") if verdict else ""))
            body += row
        group += body
        legend = nodes.paragraph(
            text="Colonnes\u00a0: numéros des engagements. «\u00a0Oui\u00a0»\u00a0: engagement "
            "tenu\u00a0; «\u00a0Non\u00a0»\u00a0: non tenu\u00a0; «\u00a0NA\u00a0»\u00a0: non "
            "applicable\u00a0; case vide\u00a0: pas de réponse."
        )
        return nodes.container("", legend, table, classes=["mk-sites-listing"])


def _record(app: Sphinx, doctree: nodes.document) -> None:
    if any(True for _ in doctree.findall(site_verdicts_node)):
        kit_state(app.env).listings[app.env.docname] = True


def setup_verdicts(app: Sphinx) -> None:
    add_placeholder(app, "site-verdicts", SiteVerdicts, RenderSiteVerdicts)
    app.connect("doctree-read", _record)
