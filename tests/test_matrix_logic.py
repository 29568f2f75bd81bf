"""The matrix logic on hand-made needs, without Sphinx: cells, totals, sorting,
coverage sentences, orphans, threshold, CSV rows and the HTML table."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from bs4 import BeautifulSoup
from csv_rows import csv_rows
from marianne_kit.checklists.profiles import parse_profile
from marianne_kit.checklists.scope import levers_in_scope, levers_in_scopes
from marianne_kit.french_csv import french_csv
from marianne_kit.matrices.matrix import MatrixSpec, SpecError, build_matrix, check_spec
from marianne_kit.matrices.matrix_html import render_table
from marianne_kit.matrices.matrix_stats import (
    column_coverage,
    coverage_sentence,
    csv_table,
    highlight_sentence,
    orphan_sentences,
    row_coverage,
    threshold_failures,
)

NBSP = "\u00a0"
Need = dict[str, Any]


def commitment(number: int, title: str) -> Need:
    return {
        "id": f"ENG-{number:02d}",
        "type": "commitment",
        "title": title,
        "number": number,
        "docname": f"commitments/eng-{number:02d}",
        "lineno": 1,
    }


def lever(lever_id: str, channel: str, category: str, **extra: Any) -> Need:
    engagement = "ENG-" + lever_id.split("-")[1]
    need = {
        "id": lever_id,
        "type": "lever",
        "title": f"Texte de {lever_id}",
        "commitment": [engagement],
        "channel": channel,
        "category": category,
        "docname": "levers/" + engagement.lower(),
        "lineno": int(lever_id[-2:]),
    }
    need.update(extra)  # like needs.json: no "practice" / "action" key when unset
    return need


NEEDS: list[Need] = [
    commitment(1, "Adapter nos horaires"),
    commitment(2, "Informer sur les conditions d’accès"),
    commitment(3, "Orienter vers le bon service"),
    {"id": "BP-A", "type": "practice", "title": "Zèbre pratique", "docname": "bp/a", "lineno": 1},
    {"id": "BP-B", "type": "practice", "title": "autre pratique", "docname": "bp/b", "lineno": 1},
    lever("LEV-01-01", "physique", "horaires-communication", practice=["BP-A"]),
    lever("LEV-01-02", "telephonique", "horaires-communication", action="message"),
    lever("LEV-01-03", "physique", "enquetes-usagers", action="enquete"),
    lever("LEV-02-01", "physique", "enquetes-usagers", action="enquete", practice=["BP-A"]),
    lever("LEV-02-02", "courriel", "suivi-courriels"),
    lever("LEV-03-01", "telephonique", "horaires-communication", action="message"),
    lever("LEV-03-02", "physique", "enquetes-usagers", action="enquete"),
    lever("LEV-03-03", "courriel", "enquetes-usagers", action="enquete"),
]


def matrix(**options: Any) -> Any:
    return build_matrix(MatrixSpec(**options), NEEDS)


def table(m: Any) -> list[list[int]]:
    return [[m.value(r.key, c.key) for c in m.columns] for r in m.rows]


class Links:
    def need(self, need_id: str) -> str | None:
        return f"page.html#{need_id}"

    def cell(self, filters: Mapping[str, str]) -> str | None:
        return "cat.html?" + "&".join(f"{k}={v}" for k, v in filters.items())


def test_commitments_by_channel_count_levers() -> None:
    m = matrix(rows="commitment", columns="channel")
    assert [r.key for r in m.rows] == ["ENG-01", "ENG-02", "ENG-03"]
    assert [c.key for c in m.columns][:4] == ["physique", "telephonique", "courrier", "courriel"]
    assert table(m) == [[2, 1, 0, 0, 0], [1, 0, 0, 1, 0], [1, 1, 0, 1, 0]]
    assert m.levers("ENG-03", "courriel") == ("LEV-03-03",)
    assert [m.row_total(r.key) for r in m.rows] == [3, 2, 3]
    assert [m.column_total(c.key) for c in m.columns] == [4, 2, 0, 2, 0]
    assert m.grand_total() == 8
    assert m.filters("ENG-01", "telephonique") == {"engagement": "ENG-01", "canal": "telephonique"}


def test_commitments_by_category_sorted_alphabetically_ignoring_case_and_accents() -> None:
    m = matrix(rows="commitment", columns="category", sort="alpha")
    assert [r.label for r in m.rows] == [
        "Adapter nos horaires",
        "Informer sur les conditions d’accès",
        "Orienter vers le bon service",
    ]
    assert m.value("ENG-03", "enquetes-usagers") == 2
    assert m.filters("ENG-03", "enquetes-usagers") == {
        "engagement": "ENG-03",
        "categorie": "enquetes-usagers",
    }
    practices = matrix(rows="practice", columns="commitment", sort="alpha")
    assert [r.label for r in practices.rows] == ["autre pratique", "Zèbre pratique"]


def test_identical_levers_form_one_action_sorted_by_reach() -> None:
    m = matrix(rows="action", columns="commitment", cell="mark", sort="reach", highlight=2)
    assert [r.key for r in m.rows] == ["enquete", "message", "LEV-01-01", "LEV-02-02"]
    assert m.rows[0].lever_ids == ("LEV-01-03", "LEV-02-01", "LEV-03-02", "LEV-03-03")
    assert table(m) == [[1, 1, 1], [1, 0, 1], [1, 0, 0], [0, 1, 0]]
    # Mark mode: totals count marks (engagements served), not levers.
    assert [m.row_total(r.key) for r in m.rows] == [3, 2, 1, 1]
    assert m.grand_total() == 7
    assert [m.highlighted(r.key) for r in m.rows] == [True, True, False, False]
    assert m.filters("enquete", "ENG-01") is None
    assert highlight_sentence(m) == f"◆{NBSP}: 2{NBSP}actions servent au moins 2{NBSP}engagements."


def test_practices_list_the_citing_levers() -> None:
    m = matrix(rows="practice", columns="commitment", cell="ids")
    assert m.levers("BP-A", "ENG-01") == ("LEV-01-01",)
    assert m.levers("BP-A", "ENG-02") == ("LEV-02-01",)
    assert m.row_total("BP-A") == 2 and m.row_total("BP-B") == 0
    assert orphan_sentences(m) == [
        f"1{NBSP}bonne pratique sans levier{NBSP}: autre pratique.",
        f"1{NBSP}engagement sans levier{NBSP}: Orienter vers le bon service.",
    ]
    assert coverage_sentence(m, row_coverage(m)) == (
        f"1{NBSP}bonne pratique sur 2 est citée par au moins un levier (50{NBSP}%)"
    )


def test_sites_count_their_levers_in_scope_per_retained_engagement() -> None:
    small = parse_profile(
        "petit",
        'name = "Petit site"\nkind = "service"\nchannels = ["telephonique"]\nyear = 2026\n'
        'engagements = ["ENG-01", "ENG-03"]\nexcluded = ["LEV-03-01"]\n',
        "petit.toml",
    )
    large = parse_profile(
        "grand",
        'name = "Grand site"\nkind = "prefecture"\nchannels = ["physique", "courriel"]\n'
        "year = 2026\n",
        "grand.toml",
    )
    m = build_matrix(MatrixSpec(rows="site", columns="commitment"), NEEDS, [small, large])
    assert [r.key for r in m.rows] == ["petit", "grand"]
    assert table(m) == [[1, 0, 0], [2, 2, 2]]
    assert m.column_total("ENG-01") == 3 and m.grand_total() == 7


def test_scopes_of_many_sites_at_once_equal_each_site_alone() -> None:
    profiles = [
        parse_profile(
            f"site-{index}",
            f'name = "Site {index}"\nkind = "service"\nchannels = {channels!r}\nyear = 2026\n'
            + (f"engagements = {engagements!r}\n" if engagements else "")
            + (f"excluded = {excluded!r}\n" if excluded else ""),
            f"site-{index}.toml",
        )
        for index, (channels, engagements, excluded) in enumerate([
            (["telephonique"], ["ENG-01", "ENG-03"], ["LEV-03-01"]),
            (["physique", "courriel"], None, None),
            (["courrier"], ["ENG-02"], None),
        ])
    ]  # fmt: skip
    together = levers_in_scopes(profiles, NEEDS)
    alone = [levers_in_scope(profile, NEEDS) for profile in profiles]
    assert together == alone
    assert [len(scope) for scope in together] == [1, 6, 0]


def test_coverage_sentences_agree_in_number_and_use_french_percentages() -> None:
    m = matrix(rows="commitment", columns="channel")
    sentences = [coverage_sentence(m, c) for c in column_coverage(m)]
    assert sentences[0] == (
        f"3{NBSP}engagements sur 3 ont au moins un levier du canal «{NBSP}Physique{NBSP}» "
        f"(100{NBSP}%)"
    )
    assert sentences[1] == (
        f"2{NBSP}engagements sur 3 ont au moins un levier du canal «{NBSP}Téléphonique{NBSP}» "
        f"(67{NBSP}%)"
    )
    assert sentences[2].startswith(f"0{NBSP}engagement sur 3 a au moins un levier du canal")
    categories = matrix(rows="commitment", columns="category")
    first = coverage_sentence(categories, column_coverage(categories)[0])
    assert "de la catégorie «\u00a0Communication sur les horaires d’ouverture\u00a0»" in first


def test_orphan_cells_only_in_columns_the_kit_covers() -> None:
    m = matrix(rows="commitment", columns="channel", orphans="cells")
    assert orphan_sentences(m) == [
        f"2{NBSP}canaux sans levier{NBSP}: Courrier, Tous canaux.",
        f"Engagement 1{NBSP}: aucun levier pour le canal Courriel.",
        f"Engagement 2{NBSP}: aucun levier pour le canal Téléphonique.",
    ]
    actions = matrix(rows="action", columns="commitment", cell="mark", orphans="cells")
    assert f"Texte de LEV-02-02{NBSP}: aucun levier pour les engagements 1, 3." in (
        orphan_sentences(actions)
    )


def test_threshold_flags_columns_strictly_below_it() -> None:
    def failing(threshold: int, column: str | None = None) -> list[str]:
        m = matrix(
            rows="commitment", columns="channel", threshold=threshold, threshold_column=column
        )
        return [c.column.key for c in threshold_failures(m)]

    assert failing(67, "telephonique") == ["telephonique"]  # 66.7 % prints as « 67 % »
    assert failing(66, "telephonique") == []
    assert failing(100) == ["telephonique", "courrier", "courriel", "tous-canaux"]
    assert failing(0) == []
    assert threshold_failures(matrix(rows="commitment", columns="channel")) == []


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"rows": "engagement", "columns": "channel"}, "option 'rows': unknown value 'engagement'"),
        ({"rows": "commitment", "columns": "lever"}, "option 'columns': unknown value 'lever'"),
        ({"rows": "commitment", "columns": "channel", "cell": "counts"}, "option 'cell'"),
        ({"rows": "commitment", "columns": "channel", "sort": "size"}, "option 'sort'"),
        ({"rows": "commitment", "columns": "commitment"}, "both 'commitment'"),
        ({"rows": "commitment", "columns": "channel", "threshold": 101}, "not a percentage"),
        (
            {"rows": "commitment", "columns": "channel", "threshold_column": "courriel"},
            "needs option 'threshold'",
        ),
        (
            {
                "rows": "commitment",
                "columns": "channel",
                "threshold": 50,
                "threshold_column": "fax",
            },
            "unknown channel 'fax'",
        ),
        ({"rows": "action", "columns": "commitment", "highlight": 0}, "at least 1"),
    ],
)
def test_impossible_specs_are_refused(options: dict[str, Any], message: str) -> None:
    with pytest.raises(SpecError, match=message):
        check_spec(MatrixSpec(**options))


#: The CSV files of three matrices of ``NEEDS``, counted by hand from the list above.
EXPECTED_CSV = [
    (
        {"rows": "commitment", "columns": "channel"},
        [
            ["Identifiant", "Engagement", "Physique", "Téléphonique", "Courrier", "Courriel",
             "Tous canaux", "Total"],
            ["ENG-01", "Adapter nos horaires", "2", "1", "0", "0", "0", "3"],
            ["ENG-02", "Informer sur les conditions d’accès", "1", "0", "0", "1", "0", "2"],
            ["ENG-03", "Orienter vers le bon service", "1", "1", "0", "1", "0", "3"],
            ["", "Total", "4", "2", "0", "2", "0", "8"],
        ],
    ),
    (
        {"rows": "action", "columns": "commitment", "cell": "mark", "sort": "reach"},
        [
            ["Identifiant", "Action", "Engagement 1", "Engagement 2", "Engagement 3", "Total"],
            ["enquete", "Texte de LEV-01-03", "1", "1", "1", "3"],
            ["message", "Texte de LEV-01-02", "1", "0", "1", "2"],
            ["LEV-01-01", "Texte de LEV-01-01", "1", "0", "0", "1"],
            ["LEV-02-02", "Texte de LEV-02-02", "0", "1", "0", "1"],
            ["", "Total", "3", "2", "2", "7"],
        ],
    ),
    (
        {"rows": "practice", "columns": "commitment", "cell": "ids"},
        [
            ["Identifiant", "Bonne pratique", "Engagement 1", "Engagement 2", "Engagement 3",
             "Total"],
            ["BP-A", "Zèbre pratique", "1", "1", "0", "2"],
            ["BP-B", "autre pratique", "0", "0", "0", "0"],
            ["", "Total", "1", "1", "0", "2"],
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("options", "expected"), EXPECTED_CSV)
def test_csv_holds_the_matrix_numbers(options: dict[str, Any], expected: list[list[str]]) -> None:
    """Read with Python's csv module, the file holds the hand-counted numbers."""
    data = french_csv(*csv_table(matrix(**options)))
    assert data.endswith(b"\r\n") and b"\n" not in data.replace(b"\r\n", b""), "CRLF lines"
    assert csv_rows(data) == expected


def test_html_table_is_accessible_and_flags_empty_cells() -> None:
    m = matrix(rows="commitment", columns="channel")
    soup = BeautifulSoup(render_table(m, "Leviers par canal", Links()), "html.parser")
    # The DSFR table: the scrolling box is the named region, the row headers stay in view.
    outer = soup.find("div")
    assert outer["class"] == ["fr-table", "fr-table--sm", "fr-table--bordered",
                              "fr-table--multiline", "mk-matrix-table"]  # fmt: skip
    region = outer.select_one(":scope > .fr-table__wrapper > .fr-table__container")
    assert region["role"] == "region" and region["tabindex"] == "0"
    assert region["aria-label"] == "Leviers par canal"
    assert soup.table.parent["class"] == ["fr-table__content"]
    assert soup.table.parent.parent is region
    fixed = [(th.a or th).get_text() for th in soup.select("th.fr-cell--fixed")]
    assert fixed == ["Engagement", "Engagement 1", "Engagement 2", "Engagement 3", "Total"]
    assert soup.table.caption.get_text() == "Leviers par canal"
    headers = soup.thead.find_all("th")
    assert len(headers) == 7 and all(th["scope"] == "col" for th in headers)
    assert [th["scope"] for th in soup.tbody.find_all("th")] == ["row"] * 3
    first = soup.tbody.tr.find_all("td")
    assert first[0].a["href"] == "cat.html?engagement=ENG-01&canal=physique"
    assert first[0].get_text() == "2"
    empty = first[2]
    assert empty["class"] == ["mk-matrix-empty"]
    # The « — » is drawn by the CSS; the cell's one text is for screen readers.
    assert [str(child) for child in empty.children] == ["<span>aucun levier</span>"]
    assert first[-1].get_text() == "3"
    assert [td.get_text() for td in soup.tfoot.find_all("td")] == ["4", "2", "0", "2", "0", "8"]


def test_html_escapes_labels() -> None:
    needs = [
        *NEEDS,
        {"id": "BP-C", "type": "practice", "title": "<b>A & B</b>", "docname": "bp/c", "lineno": 1},
    ]
    m = build_matrix(MatrixSpec(rows="practice", columns="commitment", cell="ids"), needs)
    html = render_table(m, "Pratiques <et> engagements", Links())
    assert "<b>" not in html and "&lt;b&gt;A &amp; B&lt;/b&gt;" in html
    assert "<caption>Pratiques &lt;et&gt; engagements</caption>" in html
