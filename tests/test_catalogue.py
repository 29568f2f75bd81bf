"""The lever catalogue: URL helper, rows and facets, the rendered page, page assets.

The browser behaviour (filters, search, URL, keyboard, accessibility) is tested in
real Chromium under ``tests/browser/``; here the server-rendered HTML and the
plain functions behind it.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import ROOTS, BuildResult, run_sphinx
from marianne_kit.catalogue.catalogue_data import catalogue_facets, catalogue_rows
from marianne_kit.catalogue.catalogue_html import render_row
from marianne_kit.catalogue.catalogue_url import catalogue_query, catalogue_url
from marianne_kit.kit.model import CATEGORIES, CHANNELS
from marianne_kit.site.needs_assets import JQUERY, unused_assets
from test_spplus import served_by

# --------------------------------------------------------------------------- URL helper


@pytest.mark.parametrize(
    ("docname", "filters", "expected"),
    [
        ("index", {}, "catalogue.html"),
        (
            "commitments/eng-12",
            {"canal": "telephonique", "engagement": "ENG-12"},
            "../catalogue.html?canal=telephonique&engagement=ENG-12",
        ),
        (
            "matrices/a/b",
            {"categorie": ["contacts", "autres", "contacts"]},
            "../../catalogue.html?categorie=contacts&categorie=autres",
        ),
        ("index", {"q": "  rendez-vous  "}, "catalogue.html?q=rendez-vous"),
        ("index", {"q": "télé phone"}, "catalogue.html?q=t%C3%A9l%C3%A9+phone"),
        ("index", {"canal": None, "engagement": [], "q": " "}, "catalogue.html"),
    ],
)
def test_catalogue_url(docname: str, filters: dict[str, Any], expected: str) -> None:
    assert catalogue_url(docname, **filters) == expected


def test_catalogue_query_orders_parameters_like_the_script() -> None:
    """canal, categorie, engagement, then q: the order the script writes them."""
    query = catalogue_query(q="x", engagement="ENG-01", categorie="autres", canal="courrier")
    assert [name for name, _ in parse_qsl(query)] == ["canal", "categorie", "engagement", "q"]


# --------------------------------------------------------------------------- rows and facets


def _need(need_id: str, **fields: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": need_id,
        "type": "lever",
        "title": need_id,
        "docname": "levers/eng-01",
        "lineno": 1,
        "commitment": [],
        "practice": [],
        "channel": None,
        "category": None,
    }
    return base | fields


def _small_needs() -> dict[str, dict[str, Any]]:
    needs = [
        _need("ENG-02", type="commitment", title="Deuxième", docname="commitments/eng-02"),
        _need("ENG-01", type="commitment", title="Premier", docname="commitments/eng-01"),
        _need("BP-X", type="practice", title="Pratique", docname="best-practices/x"),
        _need(
            "LEV-02-01",
            docname="levers/eng-02",
            commitment=["ENG-02"],
            channel="courriel",
            category="autres",
            title="Répondre <vite> & bien",
        ),
        _need(
            "LEV-01-02",
            lineno=20,
            commitment=["ENG-01"],
            channel="physique",
            category="contacts",
            practice=["BP-X"],
        ),
        _need(
            "LEV-01-01", lineno=10, commitment=["ENG-01"], channel="courriel", category="contacts"
        ),
    ]
    return {n["id"]: n for n in needs}


def test_rows_follow_the_kit_order_and_resolve_links() -> None:
    rows = catalogue_rows(_small_needs())
    assert [row.lever_id for row in rows] == ["LEV-01-01", "LEV-01-02", "LEV-02-01"]
    assert rows[1].practices[0].title == "Pratique"
    assert rows[1].practices[0].docname == "best-practices/x"
    assert rows[0].commitments[0].title == "Premier"
    assert rows[0].channel_label == "Courriel"


def test_facets_offer_present_values_in_canonical_order() -> None:
    canal, categorie, engagement = catalogue_facets(catalogue_rows(_small_needs()))
    assert (canal.param, categorie.param, engagement.param) == ("canal", "categorie", "engagement")
    assert canal.options == (("physique", "Physique"), ("courriel", "Courriel"))
    assert [value for value, _ in categorie.options] == ["contacts", "autres"]
    assert engagement.options == (("ENG-01", "1 — Premier"), ("ENG-02", "2 — Deuxième"))


def test_row_is_escaped_and_carries_its_facet_values() -> None:
    row = catalogue_rows(_small_needs())[2]
    html = render_row(row, lambda docname: f"../{docname}.html")
    assert "Répondre &lt;vite&gt; &amp; bien" in html
    tr = BeautifulSoup(html, "html.parser").tr
    assert tr is not None
    assert (tr["data-canal"], tr["data-categorie"], tr["data-engagement"]) == (
        "courriel",
        "autres",
        "ENG-02",
    )
    assert tr.th is not None and tr.th["scope"] == "row"
    assert tr.th.a is not None and tr.th.a["href"] == "../levers/eng-02.html#LEV-02-01"


# --------------------------------------------------------------------------- the built page


@pytest.fixture(scope="module")
def catalogue(site: BuildResult) -> BeautifulSoup:
    html = (site.outdir / "catalogue.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def _rows(page: BeautifulSoup) -> list[Tag]:
    return page.select("#mk-catalogue tbody tr")


def test_catalogue_lists_every_lever_with_its_data(
    catalogue: BeautifulSoup, levers: list[dict[str, Any]]
) -> None:
    rows = _rows(catalogue)
    assert [row.th.get_text() for row in rows if row.th] == [lever["id"] for lever in levers]
    for row, lever in zip(rows, levers, strict=True):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["th", "td"])]
        assert row["data-canal"] == lever["channel"]
        assert row["data-categorie"] == lever["category"]
        assert str(row["data-engagement"]).split() == lever["commitment"]
        assert cells[1] == lever["title"]  # right after the ID: seen first on a phone
        assert cells[3:5] == [CHANNELS[lever["channel"]], CATEGORIES[lever["category"]]]


def _ids(site: BuildResult, page: str) -> set[str]:
    html = (site.outdir / page).read_text(encoding="utf-8")
    return set(re.findall(r'\bid="([^"]+)"', html))


def test_every_catalogue_link_reaches_an_existing_anchor(
    site: BuildResult, catalogue: BeautifulSoup
) -> None:
    links = [str(a["href"]) for row in _rows(catalogue) for a in row.find_all("a")]
    assert len(links) >= 2 * 349
    missing = []
    for href in links:
        path, _, fragment = href.partition("#")
        assert not path.startswith(("/", "http")), href
        target = site.outdir / path
        if not target.is_file() or (fragment and fragment not in _ids(site, path)):
            missing.append(href)
    assert missing == []


def test_lever_ids_link_to_their_block_on_the_engagement_page(catalogue: BeautifulSoup) -> None:
    rows = _rows(catalogue)
    assert len(rows) == 349
    for row in rows:
        assert row.th is not None and row.th.a is not None
        lever_id = row.th.get_text()
        number = lever_id.split("-")[1]
        assert row.th.a["href"] == f"levers/eng-{number}.html#{lever_id}"


def test_catalogue_markup_is_accessible_without_javascript(catalogue: BeautifulSoup) -> None:
    form = catalogue.select_one("#mk-catalogue-filters")
    assert form is not None and form.has_attr("hidden"), "controls without script stay hidden"
    table = catalogue.select_one("#mk-catalogue table")
    assert table is not None and table.caption is not None
    headers = table.select("thead th")
    assert len(headers) == 6 and all(th.get("scope") == "col" for th in headers)
    # The DSFR table (small paddings, lines that wrap); its scrolling box, and it alone, is
    # the named tab stop: the table's direct ancestors, innermost first.
    ancestors = [parent for parent in table.parents if parent.name == "div"][:5]
    assert [parent["class"] for parent in ancestors] == [
        ["fr-table__content"],
        ["fr-table__container"],
        ["fr-table__wrapper"],
        ["fr-table", "fr-table--sm", "fr-table--multiline"],
        ["mk-catalogue"],
    ]
    assert table.parent is ancestors[0]
    pairs = zip(ancestors[:-1], ancestors[1:], strict=True)
    assert all(parent.parent is grand for parent, grand in pairs)
    region = ancestors[1]
    assert region["tabindex"] == "0" and region["role"] == "region"
    assert region["aria-labelledby"] == table.caption["id"]
    assert [parent for parent in ancestors if parent.has_attr("tabindex")] == [region]
    status = catalogue.select_one("#mk-catalogue-count")
    assert status is not None and status["role"] == "status"
    assert status.get_text() == "349\u00a0leviers affichés sur 349"
    boxes = form.select("input[type=checkbox]")
    assert len(boxes) == 5 + 27 + 19 + 7, "channels, categories, engagements, SP+ engagements"
    for box in boxes:
        assert catalogue.select_one(f'label[for="{box["id"]}"]') is not None


def test_catalogue_facets_cover_the_data(catalogue: BeautifulSoup) -> None:
    values = {
        name: [str(box["value"]) for box in catalogue.select(f'input[name="{name}"]')]
        for name in ("canal", "categorie", "engagement", "spplus")
    }
    assert values["canal"] == list(CHANNELS)
    assert values["categorie"] == list(CATEGORIES)
    assert values["engagement"] == [f"ENG-{n:02d}" for n in range(1, 20)]
    # SP+ 8 (the environment) has no lever: a filter on it would always empty the table.
    assert values["spplus"] == [f"SPP-{n}" for n in range(1, 8)]
    legend = catalogue.select_one('details[data-param="spplus"] summary')
    assert legend is not None and legend.get_text().startswith("Engagement Services Publics+")


def test_catalogue_rows_carry_the_spplus_engagements_of_the_crosswalk(
    catalogue: BeautifulSoup, needs: dict[str, dict[str, Any]]
) -> None:
    expected = {lever: sorted(found) for lever, found in served_by(needs).items()}
    shown = {
        tr.select_one("th a").get_text(): sorted(str(tr["data-spplus"]).split())
        for tr in catalogue.select("#mk-catalogue tbody tr")
    }
    assert len(shown) == 349
    assert shown == expected
    assert catalogue_url("catalogue", spplus="SPP-6", canal="telephonique") == (
        "catalogue.html?canal=telephonique&spplus=SPP-6"
    )


def test_catalogue_is_in_the_navigation(site: BuildResult) -> None:
    home = BeautifulSoup((site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one('nav.fr-sidemenu a[href="catalogue.html"]') is not None


def test_commitment_tabs_link_to_their_filtered_catalogue_view(
    site: BuildResult, levers: list[dict[str, Any]]
) -> None:
    for number in range(1, 20):
        commitment = f"ENG-{number:02d}"
        page = site.outdir / "commitments" / f"eng-{number:02d}.html"
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        channels = {lever["channel"] for lever in levers if commitment in lever["commitment"]}
        links = soup.select(".sd-tab-content .mk-catalogue-link a")
        assert len(links) == len(channels) > 0, commitment
        for link in links:
            assert link.get_text() == "Voir ces leviers dans le catalogue"
            url = urlsplit(str(link["href"]))
            assert url.path == "../catalogue.html"
            params = parse_qsl(url.query)
            assert params[1] == ("engagement", commitment)
            assert params[0][0] == "canal" and params[0][1] in channels


# --------------------------------------------------------------------------- page assets

PYGMENTS = {"pygments.css", "pygments_dark.css"}
NEEDS_ONLY_ASSETS = re.compile(
    r"jquery\.js|_sphinx_javascript_frameworks_compat|sphinx_needs_collapse|sphinx-data-viewer"
    r"|sphinx-needs/common_css|sphinx-needs/modern\.css"
)


def test_no_page_loads_sphinx_needs_assets_it_does_not_use(site: BuildResult) -> None:
    pages = list(site.outdir.rglob("*.html"))
    assert len(pages) > 60
    loading = {
        str(page.relative_to(site.outdir)): found
        for page in pages
        if (found := NEEDS_ONLY_ASSETS.findall(page.read_text(encoding="utf-8")))
    }
    assert loading == {}


def test_tab_script_only_on_pages_with_tabs(site: BuildResult) -> None:
    pages = {
        str(page.relative_to(site.outdir))
        for page in site.outdir.rglob("*.html")
        if "design-tabs.js" in page.read_text(encoding="utf-8")
    }
    assert pages == {f"commitments/eng-{n:02d}.html" for n in range(1, 20)}


def test_catalogue_assets_are_on_the_catalogue_page_only(site: BuildResult) -> None:
    pages = {
        str(page.relative_to(site.outdir))
        for page in site.outdir.rglob("*.html")
        if "marianne-catalogue." in page.read_text(encoding="utf-8")
    }
    assert pages == {"catalogue.html"}
    assert (site.outdir / "_static" / "marianne-catalogue.js").is_file()
    assert (site.outdir / "_static" / "marianne-catalogue.css").is_file()


@pytest.mark.parametrize(
    ("body", "kept"),
    [
        ("<p>nothing of sphinx-needs</p>", set()),
        ('<span class="needs needs_collapse">', {"jquery.js", "sphinx_needs_collapse.js"}),
        ('<div class="sdv-data" data-sdv="{}">', {"jquery.js", "jsonview_loader.js"}),
        ('<table class="NEEDS_DATATABLES needstable">', {"modern.css"}),
        ('<div class="sd-tab-set docutils">', {"design-tabs.js", "sphinx-design.min.css"}),
        ('<div class="sd-card sd-shadow-sm">', {"sphinx-design.min.css"}),
        ('<div class="highlight-toml notranslate"><div class="highlight">', PYGMENTS),
        ('<code class="code highlight python">', PYGMENTS),
        ('<div class="graphviz"><img class="graphviz">', {"graphviz.css"}),
    ],
)
def test_unused_assets_follow_the_markup(body: str, kept: set[str]) -> None:
    def names(paths: set[str]) -> set[str]:
        return {path.rsplit("/", 1)[-1] or path for path in paths}

    unused = names(unused_assets(body))
    everything = names(unused_assets(""))
    assert set(JQUERY) <= everything
    assert {"pygments.css", "graphviz.css", "sphinx-design.min.css"} <= everything
    assert not kept & unused
    assert kept <= everything, "a kept asset must be one the markup decides on"


def test_a_class_that_only_contains_the_word_keeps_nothing() -> None:
    """« mk-matrix-highlight » (a matrix row) is not Pygments' « highlight »."""
    unused = unused_assets('<tr class="mk-matrix-highlight"><td class="mk-sd-x">')
    assert PYGMENTS | {"sphinx-design.min.css"} <= unused


def test_sphinx_messages_only_on_the_search_page() -> None:
    assert "translations.js" in unused_assets("")
    assert "translations.js" not in unused_assets("", search_page=True)


def test_pages_load_only_the_stylesheets_their_markup_uses(site: BuildResult) -> None:
    """Counted from the built pages: highlighted code is on the checklists' help page
    only, tabs on the 19 commitment pages, Graphviz nowhere; Sphinx's script messages
    on the search page only."""
    loading: dict[str, set[str]] = {}
    for page in site.outdir.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for asset in ("pygments.css", "pygments_dark.css", "graphviz.css", "sphinx-design.min"):
            if f"_static/{asset}" in html:
                loading.setdefault(asset, set()).add(page.relative_to(site.outdir).as_posix())
        if "_static/translations.js" in html:
            loading.setdefault("translations.js", set()).add(
                page.relative_to(site.outdir).as_posix()
            )
    commitments = {f"commitments/eng-{n:02d}.html" for n in range(1, 20)}
    assert loading == {
        "pygments.css": {"checklists/index.html"},
        "pygments_dark.css": {"checklists/index.html"},
        "sphinx-design.min": commitments,
        "translations.js": {"search.html"},
    }


def _minimal_project(tmp_path: Path, pages: dict[str, str]) -> Path:
    project = tmp_path / "kit"
    shutil.copytree(ROOTS / "kit-minimal", project)
    for name, text in pages.items():
        (project / name).write_text("---\norphan: true\n---\n" + text, encoding="utf-8")
    return project


def test_a_needtable_page_keeps_the_sphinx_needs_styles(tmp_path: Path) -> None:
    project = _minimal_project(tmp_path, {"table.md": "# Table\n\n```{needtable}\n```\n"})
    result = run_sphinx(project, project, project / "_build" / "html")
    assert result.warning_lines() == []
    table = (result.outdir / "table.html").read_text(encoding="utf-8")
    index = (result.outdir / "index.html").read_text(encoding="utf-8")
    assert "sphinx-needs/common_css/need_core.css" in table
    assert "sphinx-needs/common_css/need_core.css" not in index
    assert "jquery.js" not in table + index


def test_catalogue_outside_its_page_warns(tmp_path: Path) -> None:
    project = _minimal_project(tmp_path, {"other.md": "# Autre\n\n:::{lever-catalogue}\n:::\n"})
    result = run_sphinx(project, project, project / "_build" / "html")
    assert len(result.warning_lines()) == 1
    assert "other.md:" in result.warnings
    assert "the lever catalogue belongs on page 'catalogue'" in result.warnings
    assert "[marianne.catalogue]" in result.warnings
