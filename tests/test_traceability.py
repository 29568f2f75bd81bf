"""The « Traçabilité » pages of the real site, checked against ``needs.json``.

Every expected number is counted here, directly from the needs, without the
extension's matrix code; the HTML tables and the CSV files must both show it.
Every link of a matrix must land on an existing page and anchor of the build.
"""

from __future__ import annotations

import posixpath
import re
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import BuildResult
from csv_rows import csv_rows
from marianne_kit.kit.model import CATEGORIES, CHANNELS
from test_lever_bank import WORDLIST, hunspell_unknown, load_wordlist

Need = dict[str, Any]
Grid = dict[tuple[str, str], int]
PAGES = {
    "engagements-canaux": "engagements-canaux.csv",
    "engagements-categories": "engagements-categories.csv",
    "actions-engagements": "actions-engagements.csv",
    "bonnes-pratiques": "bonnes-pratiques-engagements.csv",
}
#: Body rows of each matrix, counted by hand (19 engagements, 349 levers making 313 actions:
#: 62 levers share 26 action keys,
#: 9 best practices).
PAGE_ROWS = {
    "engagements-canaux": 19,
    "engagements-categories": 19,
    "actions-engagements": 313,
    "bonnes-pratiques": 9,
}
_ID = re.compile(r'\bid="([^"]+)"')


def soup(site: BuildResult, page: str) -> BeautifulSoup:
    html = (site.outdir / "tracabilite" / f"{page}.html").read_text(encoding="utf-8")
    return BeautifulSoup(html, "html.parser")


def commitment_ids(needs: dict[str, Need]) -> list[str]:
    return sorted(n["id"] for n in needs.values() if n["type"] == "commitment")


def column_keys(table: Tag) -> list[str]:
    """Column keys from the visible headers: channel/category labels or engagement numbers."""
    labels = [th.get_text() for th in table.thead.find_all("th")][1:-1]
    by_label = {label: slug for slug, label in {**CHANNELS, **CATEGORIES}.items()}
    keys = []
    for label in labels:
        number = re.fullmatch(r"Engagement (\d+)", label)
        keys.append(f"ENG-{int(number.group(1)):02d}" if number else by_label[label])
    return keys


def cell_value(td: Tag) -> int:
    if "mk-matrix-empty" in (td.get("class") or []):
        return 0
    if "mk-matrix-mark" in (td.get("class") or []):
        return 1
    if "mk-matrix-ids" in (td.get("class") or []):
        return len(td.find_all("a"))
    return int(td.get_text())


def row_key(th: Tag) -> str:
    """The need ID a row header links to, or an action's lever IDs joined by « + »."""
    targets = [urlsplit(a["href"]).fragment for a in th.find_all("a")]
    return targets[0] if not targets[0].startswith("LEV-") else "+".join(targets)


def read_table(table: Tag) -> tuple[list[str], Grid, dict[str, int], dict[str, int], int]:
    """(row keys, cells, row totals, column totals, grand total) as the page shows them."""
    columns = column_keys(table)
    rows, grid, row_totals = [], {}, {}
    for tr in table.tbody.find_all("tr"):
        key = row_key(tr.th)
        rows.append(key)
        cells = tr.find_all("td")
        assert len(cells) == len(columns) + 1
        for column, td in zip(columns, cells[:-1], strict=True):
            grid[key, column] = cell_value(td)
        row_totals[key] = int(cells[-1].get_text())
    footer = [int(td.get_text()) for td in table.tfoot.find_all("td")]
    return rows, grid, row_totals, dict(zip(columns, footer[:-1], strict=True)), footer[-1]


def assert_totals(
    rows: list[str],
    grid: Grid,
    row_totals: dict[str, int],
    column_totals: dict[str, int],
    grand: int,
) -> None:
    for row in rows:
        assert row_totals[row] == sum(v for (r, _), v in grid.items() if r == row), row
    for column, total in column_totals.items():
        assert total == sum(v for (_, c), v in grid.items() if c == column), column
    assert grand == sum(row_totals.values())


def expected_counts(levers: list[Need], field: str) -> Counter[tuple[str, str]]:
    return Counter((c, lever[field]) for lever in levers for c in lever["commitment"])


@pytest.mark.parametrize(
    ("page", "field", "axis"),
    [
        ("engagements-canaux", "channel", CHANNELS),
        ("engagements-categories", "category", CATEGORIES),
    ],
)
def test_commitment_matrices_count_every_lever(
    site: BuildResult,
    needs: dict[str, Need],
    levers: list[Need],
    page: str,
    field: str,
    axis: dict[str, str],
) -> None:
    table = soup(site, page).select_one("table.mk-matrix")
    rows, grid, row_totals, column_totals, grand = read_table(table)
    expected = expected_counts(levers, field)
    assert rows == commitment_ids(needs)
    assert column_keys(table) == list(axis)
    assert grid == {(r, c): expected[r, c] for r in rows for c in axis}
    assert row_totals == Counter(c for lever in levers for c in lever["commitment"])
    assert column_totals == {c: sum(1 for lv in levers if lv[field] == c) for c in axis}
    assert grand == len(levers) == 349
    assert_totals(rows, grid, row_totals, column_totals, grand)


def test_empty_cells_are_flagged_visibly_and_for_screen_readers(
    site: BuildResult, levers: list[Need]
) -> None:
    table = soup(site, "engagements-canaux").select_one("table.mk-matrix")
    empty = table.select("td.mk-matrix-empty")
    expected = expected_counts(levers, "channel")
    assert len(empty) == 19 * len(CHANNELS) - len(expected) > 0
    for td in empty:
        # marianne.css draws « — » before it and hides the span visually.
        assert [str(child) for child in td.children] == ["<span>aucun levier</span>"]


def test_action_matrix_groups_identical_levers_by_reach(
    site: BuildResult, needs: dict[str, Need], levers: list[Need]
) -> None:
    table = soup(site, "actions-engagements").select_one("table.mk-matrix")
    rows, grid, row_totals, column_totals, grand = read_table(table)
    groups: dict[str, list[Need]] = defaultdict(list)
    for lever in levers:
        groups[lever.get("action") or lever["id"]].append(lever)
    served = {
        "+".join(lv["id"] for lv in group): {c for lv in group for c in lv["commitment"]}
        for group in groups.values()
    }
    assert sorted(rows) == sorted(served) and len(rows) == len(set(rows)) == 349 - 62 + 26
    assert column_keys(table) == commitment_ids(needs)
    assert grid == {(r, c): int(c in served[r]) for r in rows for c in commitment_ids(needs)}
    assert row_totals == {r: len(served[r]) for r in rows}
    reach = [row_totals[r] for r in rows]
    assert reach == sorted(reach, reverse=True), "sorted by reach"
    assert_totals(rows, grid, row_totals, column_totals, grand)
    highlighted = [row_key(tr.th) for tr in table.select("tbody tr.mk-matrix-highlight")]
    assert highlighted == [r for r in rows if len(served[r]) >= 2] and highlighted


def test_practice_matrix_lists_the_citing_levers(
    site: BuildResult, needs: dict[str, Need], levers: list[Need]
) -> None:
    table = soup(site, "bonnes-pratiques").select_one("table.mk-matrix")
    rows, grid, row_totals, column_totals, grand = read_table(table)
    practices = sorted(n["id"] for n in needs.values() if n["type"] == "practice")
    assert rows == practices and len(rows) == 9
    for tr in table.tbody.find_all("tr"):
        practice = row_key(tr.th)
        for column, td in zip(column_keys(table), tr.find_all("td")[:-1], strict=True):
            shown = [urlsplit(a["href"]).fragment for a in td.find_all("a")]
            assert shown == [
                lv["id"]
                for lv in levers
                if practice in (lv.get("practice") or []) and column in lv["commitment"]
            ]
    assert grand == sum(len(lv.get("practice") or []) for lv in levers) == 12
    assert_totals(rows, grid, row_totals, column_totals, grand)


@pytest.mark.parametrize("page", sorted(PAGES))
def test_csv_round_trips_to_the_numbers_of_the_page(site: BuildResult, page: str) -> None:
    table = soup(site, page).select_one("table.mk-matrix")
    rows, grid, row_totals, column_totals, grand = read_table(table)
    data = (site.outdir / "tracabilite" / PAGES[page]).read_bytes()
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), "CRLF lines"
    parsed = csv_rows(data)
    header, body, footer = parsed[0], parsed[1:-1], parsed[-1]
    columns = column_keys(table)
    assert header[-1] == "Total" and len(header) == len(columns) + 3
    assert len(body) == len(rows) == PAGE_ROWS[page]
    for key, line in zip(rows, body, strict=True):
        if not key.startswith("LEV-"):
            assert line[0] == key
        assert [int(v) for v in line[2:-1]] == [grid[key, c] for c in columns]
        assert int(line[-1]) == row_totals[key]
    assert footer[:2] == ["", "Total"]
    assert [int(v) for v in footer[2:]] == [*(column_totals[c] for c in columns), grand]
    link = soup(site, page).select_one("p.mk-matrix-csv a")
    assert link["href"] == PAGES[page]
    # The link tells the format and the size of the file beside the page.
    size = (site.outdir / "tracabilite" / PAGES[page]).stat().st_size
    shown = f"{size}\u00a0octets" if size < 1000 else f"{round(size / 1000)}\u00a0Ko"
    assert link.select_one(".fr-link__detail").get_text() == f"CSV, {shown}"


def test_coverage_statistics_follow_the_table(site: BuildResult, levers: list[Need]) -> None:
    page = soup(site, "engagements-canaux")
    items = [li.get_text() for li in page.select("ul.mk-matrix-stats")[0].find_all("li")]
    phone = sum(
        1
        for e in {c for lv in levers for c in lv["commitment"]}
        if any(lv["channel"] == "telephonique" and e in lv["commitment"] for lv in levers)
    )
    share = round(100 * phone / 19)
    assert (
        f"{phone}\u00a0engagements sur 19 ont au moins un levier du canal "
        f"«\u00a0Téléphonique\u00a0» ({share}\u00a0%)"
    ) in items
    orphans = [li.get_text() for li in page.select("ul.mk-matrix-stats")[1].find_all("li")]
    assert (
        "Engagement 12\u00a0: aucun levier pour les canaux Physique, Courrier, Courriel, "
        "Tous canaux." in orphans
    )


def test_sites_matrix_counts_the_levers_in_scope_of_each_profile(
    site: BuildResult, needs: dict[str, Need]
) -> None:
    """Counts from the TOML files; each site links to its checklist page."""
    page = soup(site, "sites")
    profiles = sorted((site.srcdir.parent / "checklists").glob("*.toml"))
    csv_file = site.outdir / "tracabilite" / "sites-engagements.csv"
    assert len(profiles) == 3, "the three example profiles"
    engagements = commitment_ids(needs)
    expected: dict[str, list[int]] = {}
    for path in profiles:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        kept = data.get("engagements", engagements)
        expected[data["name"]] = [
            sum(
                1
                for n in needs.values()
                if n["type"] == "lever"
                and e in kept
                and e in n["commitment"]
                and n["channel"] in [*data["channels"], "tous-canaux"]
                and n["id"] not in data.get("excluded", [])
            )
            for e in engagements
        ]
    table = page.select_one("table.mk-matrix")
    assert column_keys(table) == engagements
    shown = {
        tr.th.get_text(): [cell_value(td) for td in tr.find_all("td")]
        for tr in table.tbody.find_all("tr")
    }
    assert shown == {name: [*counts, sum(counts)] for name, counts in expected.items()}
    links = [tr.th.a["href"] for tr in table.tbody.find_all("tr")]
    assert links == [f"../checklists/{path.stem}.html" for path in profiles]
    assert all((site.outdir / "tracabilite" / link).resolve().is_file() for link in links)
    body = csv_rows(csv_file.read_bytes())[1:-1]
    assert {line[1]: [int(v) for v in line[2:]] for line in body} == shown


def _ids(path: Path, cache: dict[Path, set[str]]) -> set[str]:
    if path not in cache:
        cache[path] = set(_ID.findall(path.read_text(encoding="utf-8")))
    return cache[path]


def _catalogue_count(query: str, needs: dict[str, Need]) -> int:
    """How many levers the catalogue shows for a filtered URL (its filters, in Python)."""
    filters = parse_qs(query)
    fields = {"canal": "channel", "categorie": "category"}
    return sum(
        1
        for n in needs.values()
        if n["type"] == "lever"
        and set(n["commitment"]) & set(filters.get("engagement", n["commitment"]))
        and all(n[field] in filters.get(param, [n[field]]) for param, field in fields.items())
    )


def test_every_matrix_link_lands_on_a_page_and_anchor(
    site: BuildResult, needs: dict[str, Need]
) -> None:
    cache: dict[Path, set[str]] = {}
    checked = catalogue_links = 0
    broken = []
    for page in sorted((site.outdir / "tracabilite").glob("*.html")):
        html = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        links = html.select("div.mk-matrix-table a, p.mk-matrix-csv a")
        for link in links:
            href = urlsplit(link["href"])
            assert not href.scheme and not href.netloc, link["href"]
            if href.query:
                # A count opens the catalogue filtered on exactly the levers it counts.
                assert href.path == "../catalogue.html", link["href"]
                assert int(link.get_text()) == _catalogue_count(href.query, needs), link["href"]
                catalogue_links += 1
            target = (page.parent / href.path) if href.path else page
            target = Path(posixpath.normpath(target))
            checked += 1
            if not target.is_file():
                broken.append(f"{page.name}: {link['href']} (no such file)")
            elif href.fragment and href.fragment not in _ids(target, cache):
                broken.append(f"{page.name}: {link['href']} (no such anchor)")
    assert broken == []
    assert checked > 349, "the scan must see the matrices' links"
    levers = [n for n in needs.values() if n["type"] == "lever"]
    pairs = {(e, n["channel"]) for n in levers for e in n["commitment"]}
    pairs |= {(e, "category", n["category"]) for n in levers for e in n["commitment"]}
    assert catalogue_links == len(pairs), "one link per non-empty engagement × channel/category"


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_non_empty_cell_links_to_its_levers(site: BuildResult, page: str) -> None:
    table = soup(site, page).select_one("table.mk-matrix")
    cells = [
        td
        for td in table.tbody.find_all("td")
        if not {"mk-matrix-empty", "mk-matrix-total"} & set(td.get("class") or [])
    ]
    assert cells and all(td.find("a") for td in cells)


def test_channel_links_open_the_channel_tab(site: BuildResult) -> None:
    """A count links to the label of its channel tab, which sphinx-design opens on load."""
    html = (site.outdir / "commitments" / "eng-12.html").read_text(encoding="utf-8")
    tab = BeautifulSoup(html, "html.parser").find(id="canal-telephonique")
    assert tab.name == "label" and "sd-tab-label" in tab["class"]
    assert tab.get_text().strip() == "Téléphonique (37)"


def _page_texts(site: BuildResult) -> list[str]:
    texts = []
    for page in sorted((site.outdir / "tracabilite").glob("*.html")):
        html = page.read_text(encoding="utf-8")
        article = BeautifulSoup(
            html[html.index("<article") : html.index("</article>")], "html.parser"
        )
        texts.append(article.get_text(" "))
    assert len(texts) == 6, "the index and the five matrix pages"
    return texts


def test_traceability_pages_follow_french_typography(site: BuildResult) -> None:
    wrong = re.compile(r"\w+ [:;?!»%]|« \w+")
    assert [hit for text in _page_texts(site) for hit in wrong.findall(text)] == []


#: Words of these pages only, not worth an entry in the shared list.
PAGE_WORDS = {"CSV"}  # the file format's name


def test_traceability_pages_are_spelled_correctly(site: BuildResult) -> None:
    """Our French, not the file names nor the site names that referents choose."""
    names = [
        tomllib.loads(path.read_text(encoding="utf-8"))["name"]
        for path in (site.srcdir.parent / "checklists").glob("*.toml")
    ]
    texts = [re.sub(r"[\w-]+\.csv\b", "", text) for text in _page_texts(site)]
    for name in names:
        texts = [text.replace(name, "") for text in texts]
    unknown = hunspell_unknown(texts) - set(load_wordlist(WORDLIST)) - PAGE_WORDS
    assert unknown == set()
