"""Services Publics+ pages: the levers serving each SP+ engagement, coverage, crosswalk checks.

Thin Sphinx glue around :mod:`.crosswalk`. ``{spplus-levers} SPP-N`` lists, on an
SP+ engagement's page, the Marianne engagements mapped to it (with their
rationale) and the levers serving it, grouped by channel then category, with
counts; ``{spplus-coverage}`` says which SP+ engagements the kit covers well,
thinly or not at all. Both are placeholders filled once needs are resolved. A
wrong or incomplete crosswalk is reported before anything is written, with the
need's file and line, so ``-W`` fails the build.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

from ..catalogue.catalogue_url import CATALOGUE_DOCNAME, catalogue_url
from .crosswalk import coverage_level, crosswalk_problems, served_by_lever, spplus_order
from .grouping import (
    category_label,
    channel_label,
    count_label,
    group_by_category,
    group_by_channel,
    kit_order_key,
)
from .links import need_dicts, page_suffix
from .model import commitment_number, spplus_number
from .placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder

logger = logging.getLogger(__name__)
NBSP = "\u00a0"
#: Why an SP+ engagement may have no lever: said rather than forced.
NO_COUNTERPART = (
    "Aucun des 19 engagements Marianne ne lui correspond{NBSP}: le kit ne propose pas de levier "
    "pour cet engagement, et la correspondance n’en force aucun."
).replace("{NBSP}", NBSP)


class spplus_levers(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for the levers serving one SP+ engagement."""


class spplus_coverage(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for the coverage of every SP+ engagement."""


class SpplusLeversDirective(PlaceholderDirective):
    required_arguments = 1
    node_class = spplus_levers
    argument = "spplus"


class SpplusCoverageDirective(PlaceholderDirective):
    node_class = spplus_coverage


def coverage_sentence(count: int) -> str:
    """« 38 leviers du kit servent cet engagement : il est bien couvert. »"""
    level = coverage_level(count)
    verb = "sert" if count <= 1 else "servent"
    if count == 0:
        return f"Aucun levier du kit ne sert cet engagement{NBSP}: il n’est pas du tout couvert."
    covered = "bien couvert" if level == "bien" else "peu couvert"
    levers = count_label(count, "levier", "leviers")
    return f"{levers} du kit {verb} cet engagement{NBSP}: il est {covered}."


class FillSpplusLevers(FillPlaceholders):
    placeholder = spplus_levers

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        spplus_id: str = node["spplus"]
        needs = self.need_dicts()
        served = served_by_lever(needs)
        levers = sorted(
            (n for n in needs if n["type"] == "lever" and spplus_id in served.get(n["id"], ())),
            key=kit_order_key,
        )
        result: list[nodes.Node] = [
            nodes.paragraph("", coverage_sentence(len(levers)), classes=["mk-spplus-coverage"])
        ]
        result += self._mappings(spplus_id, needs)
        if not levers:
            result.append(nodes.paragraph("", NO_COUNTERPART))
            return result
        for channel, channel_levers in group_by_channel(levers).items():
            heading = f"{channel_label(channel)} ({len(channel_levers)})"
            section = nodes.container("", classes=["mk-spplus-channel"])
            section += nodes.paragraph(
                "", "", nodes.strong(heading, heading), classes=["mk-spplus-channel-title"]
            )
            for category, items in group_by_category(channel_levers).items():
                label = f"{category_label(category)} ({len(items)})"
                section += nodes.paragraph("", label, classes=["mk-category"])
                section += nodes.bullet_list("", *(self._lever_item(lever) for lever in items))
            result.append(section)
        return result

    def _mappings(self, spplus_id: str, needs: list[dict[str, Any]]) -> list[nodes.Node]:
        """The correspondences naming this engagement, each with its rationale."""
        chosen = sorted(
            (
                n
                for n in needs
                if n["type"] == "correspondence" and spplus_id in (n.get("spplus") or [])
            ),
            key=lambda n: (n.get("mapping") != "engagement", n["id"]),
        )
        if not chosen:
            return []
        items = []
        for correspondence in chosen:
            source = (correspondence.get("marianne") or [""])[0]
            para = nodes.paragraph()
            para += self.need_link(source, _source_label(source, correspondence))
            para += nodes.Text(f"{NBSP}: {correspondence['title']}")
            items.append(nodes.list_item("", para))
        intro = f"Correspondances retenues par ce site{NBSP}:"
        return [nodes.paragraph("", intro), nodes.bullet_list("", *items)]

    def _lever_item(self, lever: Any) -> nodes.list_item:
        para = nodes.paragraph()
        para += self.need_link(lever["id"])
        number = commitment_number(lever["commitment"][0]) if lever["commitment"] else ""
        para += nodes.Text(f" — {lever['title']} (engagement Marianne {number})")
        return nodes.list_item("", para)


def _source_label(source: str, correspondence: Any) -> str:
    kind = correspondence.get("mapping")
    if source.startswith("ENG-"):
        return f"Engagement Marianne {commitment_number(source)}"
    return f"{source} ({'ajout' if kind == 'ajout' else 'restriction'})"


class FillSpplusCoverage(FillPlaceholders):
    placeholder = spplus_coverage

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        needs = self.need_dicts()
        by_id = {n["id"]: n for n in needs}
        served = served_by_lever(needs)
        counts = {spp: 0 for spp in spplus_order(needs)}
        for engagements in served.values():
            for spp in engagements:
                counts[spp] = counts.get(spp, 0) + 1
        items = []
        for spp, count in counts.items():
            para = nodes.paragraph()
            title = by_id[spp]["title"] if spp in by_id else spp
            para += self.need_link(spp, f"Engagement {spplus_number(spp)}")
            para += nodes.Text(f" — {title}{NBSP}: {_level_text(count)}")
            if count and CATALOGUE_DOCNAME in self.env.found_docs:
                para += nodes.Text(" (")
                uri = catalogue_url(self.env.docname, spplus=spp, suffix=page_suffix(self.config))
                para += nodes.reference("", "voir ces leviers", refuri=uri, internal=True)
                para += nodes.Text(")")
            if not count:
                para += nodes.Text(f". {NO_COUNTERPART}")
            items.append(nodes.list_item("", para))
        heading = f"Couverture des engagements Services Publics+ par les leviers du kit{NBSP}:"
        return [
            nodes.paragraph("", "", nodes.strong(heading, heading)),
            nodes.bullet_list("", *items, classes=["mk-spplus-coverage-list"]),
        ]


def _level_text(count: int) -> str:
    level = coverage_level(count)
    if level == "pas du tout":
        return "pas du tout couvert, aucun levier"
    counted = count_label(count, "levier", "leviers")
    return f"{'bien' if level == 'bien' else 'peu'} couvert, {counted}"


def _check_crosswalk(app: Sphinx, builder: Any) -> None:
    """Every problem of the crosswalk, with its need's file:line, before anything is written."""
    needs = need_dicts(app.env)
    by_id = {n["id"]: n for n in needs}
    for problem in crosswalk_problems(needs):
        need = by_id.get(problem.need_id)
        location = (need["docname"], need["lineno"]) if need and need["docname"] else None
        logger.warning(
            "Need '%s': %s",
            problem.need_id,
            problem.message,
            type="marianne",
            subtype="crosswalk",
            location=location,
        )


def setup_spplus(app: Sphinx) -> None:
    add_placeholder(app, "spplus-levers", SpplusLeversDirective, FillSpplusLevers)
    add_placeholder(app, "spplus-coverage", SpplusCoverageDirective, FillSpplusCoverage)
    # Before user_errors' stop (priority 900), so -W stops on these warnings too.
    app.connect("write-started", _check_crosswalk, priority=850)
