"""Every box that scrolls a table sideways is a named, keyboard-focusable region in the
static HTML (``marianne_kit.site.scroll_regions`` and the raw-HTML tables), so the keyboard
can scroll it without JavaScript.

Expected names are written out here; only the plain-function tests build nodes.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document
from marianne_kit.site.dsfr_table import TABLE_END, table_start
from marianne_kit.site.scroll_regions import MarkScrollRegions, region_label, scroll_region

#: Classes of every box the site's CSS (the DSFR's and ours) lets scroll sideways.
SCROLLING = ".fr-table__container, .mk-table-scroll"

#: Scrolling boxes of a few pages and their names, in page order.
EXPECTED_NAMES = {
    "checklists/index.html": [
        "Listes de contrôle disponibles",
        # « Derniers résultats des sites » is in the network's internal build only.
        "Tableau de la section «\u00a0Ajouter ou modifier un site\u00a0»",
    ],
    "tracabilite/engagements-canaux.html": [
        "Nombre de leviers par engagement et par canal d’accueil",
    ],
    "catalogue.html": ["Leviers du kit dans l’ordre des engagements (349\u00a0leviers en tout)"],
}


def page(site: Any, name: str) -> BeautifulSoup:
    return BeautifulSoup((site.outdir / name).read_text(encoding="utf-8"), "html.parser")


def accessible_name(soup: BeautifulSoup, box: Tag) -> str:
    """``aria-label``, else the text of the ``aria-labelledby`` elements."""
    if box.get("aria-label"):
        return str(box["aria-label"]).strip()
    parts = [soup.find(id=ref) for ref in str(box.get("aria-labelledby", "")).split()]
    return " ".join(part.get_text(" ", strip=True) for part in parts if part is not None)


def html_pages(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*.html") if "_static" not in p.parts)


def test_pages_name_their_scrolling_tables(site: Any) -> None:
    for name, expected in EXPECTED_NAMES.items():
        soup = page(site, name)
        boxes = soup.select(SCROLLING)
        assert [accessible_name(soup, box) for box in boxes] == expected, name
        assert [(box.get("tabindex"), box.get("role")) for box in boxes] == [("0", "region")] * len(
            expected
        )


def test_every_scrolling_box_is_a_named_focusable_region(site: Any) -> None:
    counts: dict[str, int] = {}
    unnamed = []
    for path in html_pages(site.outdir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        boxes = soup.select(SCROLLING)
        counts[str(path.relative_to(site.outdir))] = len(boxes)
        for box in boxes:
            if (box.get("tabindex"), box.get("role")) != ("0", "region") or not accessible_name(
                soup, box
            ):
                unnamed.append(f"{path.name}: {str(box)[:120]}")
    assert counts["checklists/index.html"] == 2
    assert counts["notes-texte-source.html"] == 2
    assert counts["catalogue.html"] == 1
    assert sum(counts.values()) > 150  # the checklist pages hold one table per category
    assert unnamed == []


def test_every_table_scrolls_inside_a_region(site: Any) -> None:
    """No table is left to widen the page, and no region hides inside another."""
    outside, nested, tables = [], [], 0
    for path in html_pages(site.outdir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for table in soup.find_all("table"):
            tables += 1
            if table.find_parent(attrs={"role": "region", "tabindex": "0"}) is None:
                outside.append(f"{path.name}: {str(table)[:80]}")
        for region in soup.select('[role="region"]'):
            if region.find_parent(attrs={"role": "region"}) is not None:
                nested.append(f"{path.name}: {str(region)[:80]}")
    assert tables > 150
    assert outside == []
    assert nested == []


#: The DSFR table's boxes around a table, innermost first (DSFR ≥ 1.12).
DSFR_CHAIN = ["fr-table__content", "fr-table__container", "fr-table__wrapper", "fr-table"]


def dsfr_boxes(table: Tag) -> list[Tag]:
    """The table's four parent boxes, each the direct parent of the one before."""
    boxes, node = [], table
    for _ in DSFR_CHAIN:
        node = node.parent
        boxes.append(node)
    return boxes


def test_every_dsfr_table_has_the_whole_markup(site: Any) -> None:
    """Sphinx's tables, the catalogue and the matrices: the same DSFR markup, whose
    container (and nothing else in it) is the named tab stop."""
    variants, broken = {}, []
    for path in html_pages(site.outdir):
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for outer in soup.select("div.fr-table"):
            tables = outer.find_all("table")
            boxes = dsfr_boxes(tables[0]) if len(tables) == 1 else []
            chain = [box["class"][0] for box in boxes if box.name == "div" and box.get("class")]
            focusable = [box for box in boxes if box.has_attr("tabindex")]
            if chain != DSFR_CHAIN or boxes[-1] is not outer or focusable != [boxes[1]]:
                broken.append(f"{path.name}: {str(outer)[:120]}")
            variants.setdefault(" ".join(outer["class"]), set()).add(path.name)
    assert broken == []
    assert variants["fr-table fr-table--sm fr-table--multiline"] == {"catalogue.html"}
    matrix = "fr-table fr-table--sm fr-table--bordered fr-table--multiline mk-matrix-table"
    assert {"engagements-canaux.html", "actions-engagements.html"} <= variants[matrix]
    docutils = variants["fr-table fr-table--multiline"]
    assert {"historique-editions.html", "notes-texte-source.html"} <= docutils


def test_wrapper_does_not_repeat_the_table_id(site: Any) -> None:
    """The table keeps its id, its wrapper takes none: one element per id (RGAA 8.2)."""
    soup = page(site, "checklists/index.html")
    assert [tag.name for tag in soup.select('[id="sites"]')] == ["table"]
    notes = page(site, "notes-texte-source.html")
    assert [tag.name for tag in notes.select('[id="corrections"], [id="decisions"]')] == [
        "table",
        "table",
    ]


# --------------------------------------------------------------------------- plain functions


def document(source: str) -> nodes.document:
    settings = get_default_settings(Parser)
    settings.report_level = 5
    doc = new_document("<test>", settings)
    Parser().parse(source, doc)
    return doc


GRID = """
Heure d’ouverture
=================

{directive}

   ===  ===
   a    b
   ===  ===
   1    2
   ===  ===
"""


@pytest.mark.parametrize(
    ("directive", "label"),
    [
        (".. table:: Horaires du site", "Horaires du site"),
        (".. table::", "Tableau de la section «\u00a0Heure d’ouverture\u00a0»"),
    ],
)
def test_region_label(directive: str, label: str) -> None:
    tables = list(document(GRID.format(directive=directive)).findall(nodes.table))
    assert len(tables) == 1
    assert region_label(tables[0]) == label


def test_region_label_without_section() -> None:
    table = nodes.table()
    nodes.paragraph().append(table)
    assert region_label(table) == "Tableau"


def wrapped(*classes: str, inner: nodes.Element) -> nodes.container:
    return nodes.container("", inner, classes=list(classes))


def test_only_the_innermost_scrolling_box_becomes_a_region() -> None:
    doc = document(GRID.format(directive=".. table:: Horaires du site"))
    table = next(iter(doc.findall(nodes.table)))
    inner = wrapped("mk-table-scroll", inner=table.deepcopy())
    inner["ids"] = ["horaires"]
    inner[0]["ids"] = ["horaires"]
    outer = wrapped("mk-table-scroll", inner=inner)
    table.replace_self(outer)
    MarkScrollRegions(doc).run()
    regions = list(doc.findall(scroll_region))
    assert len(regions) == 1
    assert regions[0]["classes"] == ["mk-table-scroll"] and regions[0]["ids"] == []
    assert regions[0]["label"] == "Horaires du site" and not regions[0].get("dsfr")
    assert regions[0].parent is outer and not isinstance(outer, scroll_region)


def test_a_bare_table_gets_the_dsfr_table_region() -> None:
    doc = document(GRID.format(directive=".. table::"))
    MarkScrollRegions(doc).run()
    regions = list(doc.findall(scroll_region))
    assert len(regions) == 1 and regions[0].get("dsfr") is True
    assert isinstance(regions[0][0], nodes.table) and regions[0]["ids"] == []
    assert regions[0]["label"] == "Tableau de la section «\u00a0Heure d’ouverture\u00a0»"


@pytest.mark.parametrize(
    ("options", "outer", "name"),
    [
        ({"label": "Horaires « d’été » & d’hiver"}, ["fr-table"],
         ("aria-label", "Horaires « d’été » & d’hiver")),
        ({"labelledby": "cap", "modifiers": ("sm", "bordered"), "classes": ("mk-x",)},
         ["fr-table", "fr-table--sm", "fr-table--bordered", "mk-x"], ("aria-labelledby", "cap")),
    ],
)  # fmt: skip
def test_table_start_writes_the_dsfr_markup(
    options: dict[str, Any], outer: list[str], name: tuple[str, str]
) -> None:
    html = table_start(**options) + '<table id="t"><tr><td>1</td></tr></table>' + TABLE_END
    soup = BeautifulSoup(html, "html.parser")
    boxes = dsfr_boxes(soup.table)
    assert [box["class"] for box in boxes] == [*([c] for c in DSFR_CHAIN[:3]), outer]
    assert boxes[-1].parent is soup, "every tag opened is closed"
    container = boxes[1]
    assert (container["tabindex"], container["role"]) == ("0", "region")
    assert container[name[0]] == name[1]
    assert [box for box in boxes if box.has_attr("tabindex")] == [container]


@pytest.mark.parametrize("names", [{}, {"label": "a", "labelledby": "b"}])
def test_table_start_wants_exactly_one_name(names: dict[str, str]) -> None:
    with pytest.raises(ValueError, match="exactly one"):
        table_start(**names)
