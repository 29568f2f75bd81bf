"""The table of matrix axes, without Sphinx: it lists exactly the kinds the
directive accepts, and a kind added to a copy of it yields a whole matrix
(cells, sentences, HTML table, CSV) with no other change to the product code."""

from __future__ import annotations

import dataclasses

import pytest
from bs4 import BeautifulSoup
from marianne_kit.matrices.matrix import MatrixSpec, SpecError, build_matrix, check_spec
from marianne_kit.matrices.matrix_axes import AXES, Axis, AxisTable, fixed
from marianne_kit.matrices.matrix_html import render_table
from marianne_kit.matrices.matrix_stats import (
    column_coverage,
    coverage_sentence,
    csv_table,
    highlight_sentence,
    orphan_sentences,
    row_coverage,
)
from test_matrix_logic import NEEDS, Links

NBSP = "\u00a0"

#: What the ``traceability-matrix`` directive documents for ``:rows:`` and ``:columns:``.
DIRECTIVE_ROWS = ("commitment", "action", "practice", "site")
DIRECTIVE_COLUMNS = ("channel", "category", "commitment", "spplus")


def test_the_table_lists_exactly_the_kinds_the_directive_accepts() -> None:
    assert AXES.row_kinds() == DIRECTIVE_ROWS
    assert AXES.column_kinds() == DIRECTIVE_COLUMNS
    with pytest.raises(SpecError) as rows:
        check_spec(MatrixSpec(rows="parity", columns="channel"))
    assert str(rows.value) == (
        "option 'rows': unknown value 'parity' "
        "(expected one of: commitment, action, practice, site)"
    )
    with pytest.raises(SpecError) as columns:
        check_spec(MatrixSpec(rows="commitment", columns="parity"))
    assert str(columns.value) == (
        "option 'columns': unknown value 'parity' (expected one of: channel, category, "
        "commitment, spplus)"
    )


@pytest.mark.parametrize(
    ("rows", "columns"),
    # Rows and columns of one kind are refused by design.
    [(r, c) for r in DIRECTIVE_ROWS for c in DIRECTIVE_COLUMNS if r != c],
)
def test_every_accepted_pair_builds(rows: str, columns: str) -> None:
    matrix = build_matrix(MatrixSpec(rows=rows, columns=columns), NEEDS + SPPLUS_NEEDS)
    assert matrix.row_axis.kind == rows and matrix.column_axis.kind == columns
    assert matrix.columns, "every column kind has headers on the hand-made needs"


def _spplus(number: int) -> dict[str, object]:
    return {"id": f"SPP-{number}", "type": "spplus", "title": f"Engagement SP {number}",
            "number": number, "docname": f"spp/{number}", "lineno": 1}  # fmt: skip


def _correspondence(source: str, targets: list[str], mapping: str) -> dict[str, object]:
    return {"id": f"SPX-{source}-{len(targets)}", "type": "correspondence",
            "title": "Une raison.", "marianne": [source], "spplus": targets,
            "mapping": mapping, "docname": "c", "lineno": 1}  # fmt: skip


#: A crosswalk over NEEDS: ENG-01 → SPP-1 and SPP-2, ENG-02 → SPP-2, ENG-03 → none;
#: LEV-03-01 added to SPP-1, LEV-01-02 narrowed to SPP-2. SPP-3 has no lever.
SPPLUS_NEEDS = [
    _spplus(1), _spplus(2), _spplus(3),
    _correspondence("ENG-01", ["SPP-1", "SPP-2"], "engagement"),
    _correspondence("ENG-02", ["SPP-2"], "engagement"),
    _correspondence("ENG-03", [], "aucune"),
    _correspondence("LEV-03-01", ["SPP-1"], "ajout"),
    _correspondence("LEV-01-02", ["SPP-2"], "restriction"),
]  # fmt: skip


def test_spplus_columns_count_levers_through_the_crosswalk() -> None:
    m = build_matrix(MatrixSpec(rows="commitment", columns="spplus"), NEEDS + SPPLUS_NEEDS)
    assert [c.key for c in m.columns] == ["SPP-1", "SPP-2", "SPP-3"]
    # Counted by hand: ENG-01 has LEV-01-01, 01-03 in SPP-1 (01-02 narrowed away) and all
    # three in SPP-2; ENG-02's two levers in SPP-2; ENG-03 only LEV-03-01, added to SPP-1.
    assert [[m.value(r.key, c.key) for c in m.columns] for r in m.rows] == [
        [2, 3, 0],
        [0, 2, 0],
        [1, 0, 0],
    ]
    assert m.filters("ENG-01", "SPP-2") == {"engagement": "ENG-01", "spplus": "SPP-2"}
    header, _ = csv_table(m)
    assert header[2:5] == [f"Engagement Services Publics+ {n}" for n in (1, 2, 3)]


def test_axes_are_immutable() -> None:
    axis = AXES.row("commitment")
    with pytest.raises(dataclasses.FrozenInstanceError):
        axis.singular = "promesse"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        AXES.rows = ()  # type: ignore[misc]


def _parity(lever: dict[str, object]) -> list[str]:
    """Levers by the parity of their number within the engagement (« LEV-01-02 »: even)."""
    return ["pair" if int(str(lever["id"])[-2:]) % 2 == 0 else "impair"]


#: A kind the product does not have, built here from the table's own vocabulary.
PARITY = Axis(
    kind="parity",
    singular="parité",
    plural="parités",
    article="la ",
    of_article="de la ",
    headers=fixed({"impair": "Impair", "pair": "Pair"}),
    keys=_parity,
)
TOY_AXES = AxisTable(rows=(*AXES.rows, PARITY), columns=(*AXES.columns, PARITY))


def test_a_toy_row_kind_is_one_table_entry() -> None:
    spec = MatrixSpec(rows="parity", columns="channel", highlight=3, csv="parite.csv")
    check_spec(spec, TOY_AXES)
    m = build_matrix(spec, NEEDS, axes=TOY_AXES)
    # Counted by hand from NEEDS: odd LEV-01-01, 01-03, 02-01 (physique), 03-01
    # (telephonique), 03-03 (courriel); even 01-02 (telephonique), 02-02
    # (courriel), 03-02 (physique).
    assert [r.key for r in m.rows] == ["impair", "pair"]
    assert [[m.value(r.key, c.key) for c in m.columns] for r in m.rows] == [
        [3, 1, 0, 1, 0],
        [1, 1, 0, 1, 0],
    ]
    assert m.levers("impair", "physique") == ("LEV-01-01", "LEV-01-03", "LEV-02-01")
    assert m.filters("pair", "physique") is None  # no catalogue parameter for parity
    assert coverage_sentence(m, row_coverage(m)) == (
        f"2{NBSP}parités sur 2 ont au moins un levier (100{NBSP}%)"
    )
    assert coverage_sentence(m, column_coverage(m)[1]) == (
        f"2{NBSP}parités sur 2 ont au moins un levier du canal «{NBSP}Téléphonique{NBSP}» "
        f"(100{NBSP}%)"
    )
    assert highlight_sentence(m) == f"◆{NBSP}: 2{NBSP}parités couvrent au moins 3{NBSP}canaux."
    header, rows = csv_table(m)
    assert header == [
        "Identifiant",
        "Parité",
        "Physique",
        "Téléphonique",
        "Courrier",
        "Courriel",
        "Tous canaux",
        "Total",
    ]
    assert rows == [
        ["impair", "Impair", 3, 1, 0, 1, 0, 5],
        ["pair", "Pair", 1, 1, 0, 1, 0, 3],
        ["", "Total", 4, 2, 0, 2, 0, 8],
    ]
    soup = BeautifulSoup(render_table(m, "Par parité", Links()), "html.parser")
    row_headers = [th.get_text(" ", strip=True) for th in soup.select("tbody th")]
    assert row_headers == [
        f"◆ Sert 3{NBSP}canaux{NBSP}: Impair",
        f"◆ Sert 3{NBSP}canaux{NBSP}: Pair",
    ]
    assert soup.select_one("thead th").get_text() == "Parité"
    assert soup.select("tbody th a") == [], "a toy axis without a link rule links nothing"


def test_a_toy_column_kind_is_one_table_entry() -> None:
    spec = MatrixSpec(rows="commitment", columns="parity", orphans="cells")
    m = build_matrix(spec, NEEDS, axes=TOY_AXES)
    assert [c.key for c in m.columns] == ["impair", "pair"]
    assert [[m.value(r.key, c.key) for c in m.columns] for r in m.rows] == [
        [2, 1],
        [1, 1],
        [2, 1],
    ]
    assert orphan_sentences(m) == []
    assert coverage_sentence(m, column_coverage(m)[1]) == (
        f"3{NBSP}engagements sur 3 ont au moins un levier de la parité «{NBSP}Pair{NBSP}» "
        f"(100{NBSP}%)"
    )
