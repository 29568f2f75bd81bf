"""Services Publics+ on the real site: published texts, the crosswalk, counts and coverage.

Expected values come from the project's copy of the shared source file
(``tests/fixtures/services-publics-plus.md``, parsed here) and from
``needs.json`` through this module's own reading of the crosswalk rules, never
from the extension's functions.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import FIXTURES, BuildResult, lever_ids_in_kit_order
from marianne_kit.kit.model import CATEGORIES

Need = dict[str, Any]
SOURCE = FIXTURES / "services-publics-plus.md"
CHANNEL_LABELS = {
    "physique": "Physique",
    "telephonique": "Téléphonique",
    "courrier": "Courrier",
    "courriel": "Courriel",
    "tous-canaux": "Tous canaux",
}
SPP_IDS = [f"SPP-{n}" for n in range(1, 9)]
COMMITMENT_IDS = [f"ENG-{n:02d}" for n in range(1, 20)]


def _normal(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def published_engagements() -> dict[int, tuple[str, list[str]]]:
    """Number -> (title, section headings) of the 8 engagements, as the source file quotes them.

    Parenthesised remarks (« une semaine », an indicator's name) are not headings.
    """
    text = SOURCE.read_text(encoding="utf-8")
    part = text.split("## The 8 engagements", 1)[1].split("\n## ", 1)[0]
    found: dict[int, tuple[str, list[str]]] = {}
    for block in re.split(r"\n(?=\d\. « )", part)[1:]:
        number, rest = block.split(". ", 1)
        title_line, _, details = rest.partition("\n")
        title = re.fullmatch(r"« (.+) »", title_line.strip())
        assert title, title_line
        details = re.sub(r"\([^)]*\)", "", " ".join(details.split()))
        found[int(number)] = (title.group(1), re.findall(r"« (.+?) »", details))
    assert sorted(found) == list(range(1, 9))
    return found


def served_by(needs: dict[str, Need]) -> dict[str, set[str]]:
    """Lever ID -> SP+ engagements, by the rules of the issue: inherit, narrow, add."""
    inherited: defaultdict[str, set[str]] = defaultdict(set)
    added: defaultdict[str, set[str]] = defaultdict(set)
    narrowed: dict[str, set[str]] = {}
    for need in needs.values():
        if need["type"] != "correspondence":
            continue
        source, targets = need["marianne"][0], set(need.get("spplus", []))
        if need["mapping"] == "engagement":
            inherited[source] |= targets
        elif need["mapping"] == "ajout":
            added[source] |= targets
        elif need["mapping"] == "restriction":
            narrowed.setdefault(source, set()).update(targets)
    result = {}
    for need in needs.values():
        if need["type"] == "lever":
            own = set().union(*(inherited[c] for c in need["commitment"]))
            own = set(narrowed.get(need["id"], own)) | added[need["id"]]
            result[need["id"]] = own
    return result


def _article(site: BuildResult, page: str) -> BeautifulSoup:
    html = (site.outdir / page).read_text(encoding="utf-8")
    return BeautifulSoup(html[html.index("<article") : html.index("</article>")], "html.parser")


# ----------------------------------------------------------------------- published texts


def test_spplus_titles_and_headings_equal_the_source_file(
    site: BuildResult, needs: dict[str, Need]
) -> None:
    published = published_engagements()
    titles = {n["id"]: n["title"] for n in needs.values() if n["type"] == "spplus"}
    assert titles == {f"SPP-{number}": title for number, (title, _) in published.items()}
    for number, (title, headings) in published.items():
        page = _article(site, f"services-publics-plus/spp-{number}.html")
        block = page.find(id=f"SPP-{number}")
        assert isinstance(block, Tag)
        assert _normal(block.select_one(".mk-need-text").get_text()) == title
        assert [_normal(li.get_text()) for li in block.find_all("li")] == headings


def test_spplus_pages_cite_source_date_and_ownership(site: BuildResult) -> None:
    for number in range(1, 9):
        text = _normal(_article(site, f"services-publics-plus/spp-{number}.html").get_text())
        source = "lozere.gouv.fr" if number == 8 else "plus.transformation.gouv.fr"
        assert f"Source : {'préfecture de la Lozère' if number == 8 else source}" in text
        assert source in text
        assert "9 mai 2023" in text
        assert "ils lui appartiennent et sont cités sans modification" in text
        assert "ni le logo ni les marques du label" in text


def test_no_logo_or_image_on_the_spplus_pages(site: BuildResult) -> None:
    pages = sorted((site.outdir / "services-publics-plus").glob("*.html"))
    assert len(pages) == 10
    assert [page.name for page in pages if "<img" in page.read_text(encoding="utf-8")] == []


# ----------------------------------------------------------------------------- crosswalk


def test_every_commitment_is_mapped_or_explicitly_unmapped(needs: dict[str, Need]) -> None:
    mapped: defaultdict[str, set[str]] = defaultdict(set)
    for need in needs.values():
        if need["type"] == "correspondence" and need["marianne"][0].startswith("ENG-"):
            mapped[need["marianne"][0]].add(need["mapping"])
            if need["mapping"] == "engagement":
                assert need.get("spplus"), need["id"]
            if need["mapping"] == "aucune":
                assert not need.get("spplus"), need["id"]
    assert sorted(mapped) == COMMITMENT_IDS
    kinds = {commitment: sorted(found) for commitment, found in mapped.items()}
    assert all(found in (["engagement"], ["aucune"]) for found in kinds.values()), kinds
    assert [c for c, found in kinds.items() if found == ["aucune"]] == ["ENG-16"]


def test_every_mapping_has_a_one_sentence_rationale(needs: dict[str, Need]) -> None:
    rationales = {n["id"]: n["title"] for n in needs.values() if n["type"] == "correspondence"}
    assert len(rationales) >= 19
    bad = {
        cid: text
        for cid, text in rationales.items()
        if not text.endswith(".") or re.search(r"[.!?]\s", text) or len(text.split()) < 6
    }
    assert bad == {}


def test_lever_level_mappings_add_and_narrow(needs: dict[str, Need]) -> None:
    served = served_by(needs)
    assert served["LEV-12-37"] == {"SPP-2", "SPP-6"}
    assert served["LEV-14-02"] == {"SPP-6"}
    assert served["LEV-14-03"] == {"SPP-7"}
    assert served["LEV-14-01"] == {"SPP-6", "SPP-7"}
    assert [lever for lever, found in served.items() if not found] == [
        lever for lever in lever_ids_in_kit_order() if lever.startswith("LEV-16-")
    ]


# ------------------------------------------------------------------------ counts on pages


def _expected_page(needs: dict[str, Need], spplus_id: str) -> list[Any]:
    """[(channel label, count, [(category label, count, [lever IDs])])] in the kit's order."""
    served = served_by(needs)
    levers = [needs[i] for i in lever_ids_in_kit_order() if spplus_id in served[i]]
    result = []
    for channel, label in CHANNEL_LABELS.items():
        in_channel = [lever for lever in levers if lever["channel"] == channel]
        if not in_channel:
            continue
        categories: dict[str, list[str]] = {}
        for lever in in_channel:
            categories.setdefault(lever["category"], []).append(lever["id"])
        result.append(
            (
                label,
                len(in_channel),
                [(CATEGORIES[slug], len(ids), ids) for slug, ids in categories.items()],
            )
        )
    return result


def _shown_page(site: BuildResult, number: int) -> list[Any]:
    page = _article(site, f"services-publics-plus/spp-{number}.html")
    shown = []
    for channel in page.select(".mk-spplus-channel"):
        title = _normal(channel.select_one(".mk-spplus-channel-title").get_text())
        label, count = re.fullmatch(r"(.+) \((\d+)\)", title).groups()  # type: ignore[union-attr]
        categories = []
        for heading in channel.select(".mk-category"):
            name, n = re.fullmatch(r"(.+) \((\d+)\)", _normal(heading.get_text())).groups()  # type: ignore[union-attr]
            items = heading.find_next_sibling("ul")
            ids = [a.get_text() for a in items.select("li > p > a:first-child")]
            categories.append((name, int(n), ids))
        shown.append((label, int(count), categories))
    return shown


@pytest.mark.parametrize("number", range(1, 9))
def test_spplus_page_lists_and_counts_the_levers_serving_it(
    site: BuildResult, needs: dict[str, Need], number: int
) -> None:
    expected = _expected_page(needs, f"SPP-{number}")
    assert _shown_page(site, number) == expected
    total = sum(count for _, count, _ in expected)
    text = _normal(_article(site, f"services-publics-plus/spp-{number}.html").get_text())
    if total:
        assert f"{total} leviers du kit servent cet engagement" in text
    else:
        assert "Aucun levier du kit ne sert cet engagement : il n’est pas du tout couvert." in text
        assert "Aucun des 19 engagements Marianne ne lui correspond" in text


def test_coverage_levels_follow_the_counts(site: BuildResult, needs: dict[str, Need]) -> None:
    served = served_by(needs)
    counts = {spp: sum(1 for found in served.values() if spp in found) for spp in SPP_IDS}
    assert counts["SPP-8"] == 0, "the environment has no Marianne counterpart"
    text = _normal(_article(site, "services-publics-plus/correspondance.html").get_text())
    for number, spp in enumerate(SPP_IDS, start=1):
        count = counts[spp]
        if count == 0:
            said = "pas du tout couvert, aucun levier"
        else:
            said = f"{'bien' if count >= 20 else 'peu'} couvert, {count} levier"
        assert re.search(rf"Engagement {number} — [^:]+ : {said}", text), (spp, said)
    assert {"bien", "peu", "pas du tout"} <= {
        "pas du tout" if c == 0 else "bien" if c >= 20 else "peu" for c in counts.values()
    }


def test_matrix_csv_and_table_equal_counts_from_needs_json(
    site: BuildResult, needs: dict[str, Need]
) -> None:
    served = served_by(needs)
    expected = {
        (commitment, spp): sum(
            1
            for lever in needs.values()
            if lever["type"] == "lever"
            and commitment in lever["commitment"]
            and spp in served[lever["id"]]
        )
        for commitment in COMMITMENT_IDS
        for spp in SPP_IDS
    }
    path = site.outdir / "services-publics-plus" / "engagements-services-publics-plus.csv"
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig")), delimiter=";"))
    header, body, totals = rows[0], rows[1:-1], rows[-1]
    assert header[2:-1] == [f"Engagement Services Publics+ {n}" for n in range(1, 9)]
    assert [row[0] for row in body] == COMMITMENT_IDS
    found = {
        (row[0], spp): int(v) for row in body for spp, v in zip(SPP_IDS, row[2:-1], strict=True)
    }
    assert found == expected
    column_totals = [sum(expected[(c, spp)] for c in COMMITMENT_IDS) for spp in SPP_IDS]
    assert [int(v) for v in totals[2:-1]] == column_totals
    table = _article(site, "services-publics-plus/correspondance.html").select_one(
        "table.mk-matrix"
    )
    for hidden in table.select(".mk-sr-only, td.mk-matrix-empty > span"):
        hidden.decompose()  # « aucun levier » spoken for an empty cell drawn « — » by the CSS
    html_rows = table.select("tbody tr")
    assert len(html_rows) == len(COMMITMENT_IDS)
    cells = {
        (commitment, spp): _normal(td.get_text()) or "0"
        for commitment, tr in zip(COMMITMENT_IDS, html_rows, strict=True)
        for spp, td in zip(SPP_IDS, tr.find_all("td"), strict=False)
    }
    assert {key: int(value) for key, value in cells.items()} == expected
