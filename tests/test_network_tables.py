"""The network pages' tables, HTML and exports as plain functions, on hand-made figures.

Every expected value is written out here (literals), or read back from the files
with the stdlib ``csv`` module and odfdo; none comes from the code under test.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
from pathlib import Path

from bs4 import BeautifulSoup
from marianne_kit.network.aggregates import (
    CommitmentFigures,
    GroupYear,
    LeverFigures,
    Movement,
    Transmission,
    Withheld,
)
from marianne_kit.network.network_exports import table_csv, table_files, table_ods
from marianne_kit.network.network_html import table_html
from marianne_kit.network.network_render import write_network
from marianne_kit.network.network_tables import (
    Column,
    Table,
    adoption_ranking,
    adoption_table,
    commitments_table,
    levers_table,
    movement_text,
    transmission_sentence,
)
from odfdo import Document

NBSP = "\u00a0"
HIDDEN = Withheld("Non publié\u00a0: ce groupe compte moins de 2\u00a0sites.")
DAY = datetime.date(2026, 3, 1)


def lever(listed: int, place: int, progress: int, start: int, na: int) -> LeverFigures:
    return LeverFigures(listed, place, progress, start, na, listed - place - progress - start - na)


#: Seven physical levers and one by mail; LEV-01-02 and LEV-01-05 tie at 50 %.
LEVERS = {
    "LEV-01-01": lever(4, 4, 0, 0, 0),  # 100 %
    "LEV-01-02": lever(4, 2, 1, 1, 0),  # 50 %
    "LEV-01-03": lever(5, 1, 1, 1, 1),  # 25 %
    "LEV-01-04": lever(3, 0, 0, 1, 2),  # 0 %
    "LEV-01-05": lever(2, 1, 1, 0, 0),  # 50 %
    "LEV-01-06": lever(3, 0, 0, 0, 3),  # applies nowhere: not ranked
    "LEV-01-07": HIDDEN,  # withheld: not ranked
    "LEV-01-08": lever(6, 5, 1, 0, 0),  # 83 %
    "LEV-01-09": lever(3, 3, 0, 0, 0),  # courrier, 100 %: another channel
}
NEEDS = {
    **{f"LEV-01-0{n}": {"id": f"LEV-01-0{n}", "type": "lever", "channel": "physique",
                        "title": f"Levier {n}"} for n in range(1, 9)},
    "LEV-01-09": {"id": "LEV-01-09", "type": "lever", "channel": "courrier", "title": "Levier 9"},
}  # fmt: skip


def year_figures() -> GroupYear:
    return GroupYear(
        slug="gironde",
        year=2026,
        sites=("a", "b", "c", "d", "e", "f"),
        transmission=Transmission(6, 5),
        commitments={
            "ENG-01": CommitmentFigures(5, 4, 3),
            "ENG-02": HIDDEN,
            "ENG-03": CommitmentFigures(3, 0, 0),
        },  # fmt: skip
        levers=LEVERS,
        commitment_movements={"ENG-01": Movement(2025, 12)},
        lever_movements={"LEV-01-01": Movement(2025, -3), "LEV-01-02": Movement(2025, 0)},
    )


def test_movements_and_transmission_in_french() -> None:
    assert movement_text(Movement(2025, 12)) == f"+12{NBSP}points depuis 2025"
    assert movement_text(Movement(2025, -3)) == f"\u22123{NBSP}points depuis 2025"
    assert movement_text(Movement(2024, 1)) == f"+1{NBSP}point depuis 2024"
    assert movement_text(Movement(2025, 0)) == "stable depuis 2025"
    assert transmission_sentence(Transmission(7, 6), 2026) == (
        f"6{NBSP}sites sur 7 ont transmis leur autoévaluation 2026."
    )
    assert transmission_sentence(Transmission(2, 1), 2026) == (
        f"1{NBSP}site sur 2 a transmis son autoévaluation 2026."
    )
    assert transmission_sentence(Transmission(3, 0), 2026) == (
        f"Aucun des 3{NBSP}sites n’a transmis son autoévaluation 2026."
    )
    assert transmission_sentence(HIDDEN, 2026) == HIDDEN.reason


def test_most_and_least_adopted_levers_per_channel_ties_by_id() -> None:
    most, least = adoption_ranking(year_figures(), NEEDS, "physique")
    assert [(r.lever_id, r.share, r.applicable) for r in most] == [
        ("LEV-01-01", 100, 4), ("LEV-01-08", 83, 6), ("LEV-01-02", 50, 4),
        ("LEV-01-05", 50, 2), ("LEV-01-03", 25, 4),
    ]  # fmt: skip
    assert [r.lever_id for r in least] == [
        "LEV-01-04", "LEV-01-03", "LEV-01-02", "LEV-01-05", "LEV-01-08",
    ]  # fmt: skip
    courrier = adoption_table(year_figures(), NEEDS, "courrier")
    assert courrier is not None
    assert [row[:3] for row in courrier.rows] == [
        ("Plus adoptés", 1, "LEV-01-09"), ("Moins adoptés", 1, "LEV-01-09"),
    ]  # fmt: skip
    assert adoption_table(year_figures(), NEEDS, "courriel") is None


def test_withheld_figures_show_their_reason_never_a_number() -> None:
    table = commitments_table(year_figures(), {"ENG-01": "Horaires", "ENG-02": "Orienter"})
    assert table.rows[0] == ("Engagement 1", "Horaires", 5, 4, 3, 75, Movement(2025, 12))
    assert table.rows[1] == ("Engagement 2", "Orienter", *(HIDDEN,) * 5)
    # Nobody judged it: no share, said in words.
    assert table.rows[2][5:] == ("non calculé", "—")
    rows = list(csv.reader(io.StringIO(table_csv(table).decode("utf-8-sig")), delimiter=";"))
    assert rows[0][-2:] == ["Part des sites qui le tiennent (%)", "Évolution (points)"]
    assert rows[1] == ["Engagement 1", "Horaires", "5", "4", "3", "75", "12"]
    assert rows[2][2:] == [HIDDEN.reason] * 5
    page = BeautifulSoup(table_html(table), "html.parser")
    withheld = page.select("td.mk-withheld")
    assert [(cell.get_text(), cell.get("colspan")) for cell in withheld] == [(HIDDEN.reason, "5")]
    assert [td.get_text() for td in page.select("tbody tr")[0].select("td")][-2:] == [
        f"75{NBSP}%", f"+12{NBSP}points depuis 2025",
    ]  # fmt: skip


def test_lever_shares_and_movements() -> None:
    table = levers_table(year_figures(), NEEDS)
    by_id = {row[0]: row for row in table.rows}
    # listed 5: 1 in place, 1 in progress, 1 to start, 1 n/a, 1 unanswered; 4 applicable.
    assert by_id["LEV-01-03"][3:] == (5, 1, 1, 1, 1, 1, 25, 25, 25, 25, 20, "—")
    assert by_id["LEV-01-01"][-1] == Movement(2025, -3)
    assert by_id["LEV-01-06"][9:13] == ("non calculé",) * 4
    assert by_id["LEV-01-07"][3:] == (HIDDEN,) * 12
    assert len(table.columns) == len(table.rows[0]) == 15


def test_ods_cells_are_numbers_or_text_and_bytes_are_stable(tmp_path: Path) -> None:
    table = commitments_table(year_figures(), {})
    data = table_ods(table, DAY)
    assert data == table_ods(table, DAY)
    path = tmp_path / "t.ods"
    path.write_bytes(data)
    sheet = Document(str(path)).body.get_table(name="engagements")
    rows = [[cell.value for cell in row.traverse()] for row in sheet.traverse()]
    assert rows[1][:6] == ["Engagement 1", None, 5, 4, 3, 75]
    assert rows[2][2:7] == [HIDDEN.reason] * 5


def test_files_are_named_after_page_and_table_and_text_stays_text() -> None:
    hostile = Table("t", "Essai", (Column("A"), Column("B")), (("=cmd|' /C calc'!A0", 3),))
    files = table_files("gironde", [hostile], DAY)
    assert sorted(files) == ["gironde-t.csv", "gironde-t.ods"]
    text = files["gironde-t.csv"].decode("utf-8-sig")
    assert text.splitlines()[1] == "'=cmd|' /C calc'!A0;3"
    html = table_html(Table("t", "<b>x</b>", (Column("A"),), (("<script>",),)))
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert re.search(r'aria-label="&lt;b&gt;x&lt;/b&gt;"', html)


def test_writing_keeps_unchanged_files_and_removes_departed_units(tmp_path: Path) -> None:
    folder = tmp_path / "reseau"
    folder.mkdir()
    (folder / "ancien-groupe.html").write_text("parti")
    (folder / "ancien-groupe-leviers.csv").write_text("parti")
    (folder / "_page-shell.html").write_text("la page du thème")
    (folder / ".gironde.html.partial").write_text("interrompu")
    (folder / "gironde.html").write_bytes(b"inchange")
    before = (folder / "gironde.html").stat().st_mtime_ns
    written = write_network(
        tmp_path, iter([{"reseau/gironde.html": b"inchange", "reseau/gironde-t.csv": b"1"}])
    )
    assert written == ["reseau/gironde-t.csv"]
    assert sorted(path.name for path in folder.iterdir()) == [
        "_page-shell.html", "gironde-t.csv", "gironde.html",
    ]  # fmt: skip
    assert (folder / "gironde.html").stat().st_mtime_ns == before
