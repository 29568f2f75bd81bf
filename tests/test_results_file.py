"""The results file format: written and read back unchanged; every mistake named with its line."""

from __future__ import annotations

import datetime
from pathlib import Path

from marianne_kit.results.model import CommitmentResult, LeverResult, SiteResults
from marianne_kit.results.results_file import parse_results, results_text
from marianne_kit.results.results_folder import read_results_folder

SHA = "ab" * 32

RESULTS = SiteResults(
    site="prefecture-gironde",
    year=2025,
    edition="2026.1",
    imported=datetime.date(2025, 3, 14),
    source_sha256=SHA,
    source_name="prefecture-gironde.ods",
    example=True,
    levers={
        "LEV-01-02": LeverResult("À engager", reviewed=False),
        "LEV-01-01": LeverResult(
            "En place", "Accueil", datetime.date(2025, 6, 30), 'Dit « oui »\n"\\ fin'
        ),
    },
    commitments={"ENG-01": CommitmentResult("Oui", "Horaires affichés")},
)

EXPECTED_TEXT = f"""\
# Résultats de l’autoévaluation : écrit par « nox -s import ».
site = "prefecture-gironde"
year = 2025
edition = "2026.1"
imported = 2025-03-14
source_sha256 = "{SHA}"
source_name = "prefecture-gironde.ods"
example = true

[commitments]
ENG-01 = {{ verdict = "Oui", indicator = "Horaires affichés" }}

[levers]
LEV-01-01 = {{ status = "En place", owner = "Accueil", due = 2025-06-30, \
comment = "Dit « oui »\\n\\"\\\\ fin" }}
LEV-01-02 = {{ status = "À engager", reviewed = false }}
"""


def test_written_text_is_one_line_per_item_in_id_order() -> None:
    assert results_text(RESULTS) == EXPECTED_TEXT


def test_read_back_equals_what_was_written() -> None:
    results, problems = parse_results(EXPECTED_TEXT, "r.toml", "prefecture-gironde", 2025)
    assert problems == []
    assert results == RESULTS


def test_every_problem_is_named_with_line_and_key() -> None:
    text = EXPECTED_TEXT.replace('"En place"', '"Fait"').replace('"Oui"', '"Peut-être"')
    text = text.replace("year = 2025", "year = 2024").replace("reviewed = false", "colour = 1")
    results, problems = parse_results(text, "results/x/2025.toml", "prefecture-gironde", 2025)
    assert results is None
    assert [str(problem) for problem in problems] == [
        "results/x/2025.toml:3: key 'year': is 2024 but the file is named 2025.toml",
        "results/x/2025.toml:11: key 'ENG-01': 'verdict' is « Peut-être »; accepted values: "
        "« Oui », « Non », « Non applicable »",
        "results/x/2025.toml:14: key 'LEV-01-01': 'status' is « Fait »; accepted values: "
        "« En place », « En cours », « À engager », « Non applicable »",
        "results/x/2025.toml:15: key 'LEV-01-02': unknown field 'colour' "
        "(known: status, owner, due, comment, reviewed)",
    ]


def test_broken_toml_names_the_line() -> None:
    results, problems = parse_results('site = "a"\nyear = \n', "r.toml", "a", 2025)
    assert results is None
    assert len(problems) == 1 and problems[0].line == 2


def test_folder_reads_sites_and_years_and_names_misplaced_files(tmp_path: Path) -> None:
    site = tmp_path / "prefecture-gironde"
    site.mkdir()
    (site / "2025.toml").write_text(EXPECTED_TEXT, encoding="utf-8")
    (site / "notes.txt").write_text("x", encoding="utf-8")
    (site / ".2025.toml.swp").write_text("x", encoding="utf-8")
    folder = read_results_folder(tmp_path)
    assert folder.of_site("prefecture-gironde") == {2025: RESULTS}
    assert [str(problem) for problem in folder.problems] == [
        "results/prefecture-gironde/notes.txt: expected a results file named <year>.toml"
    ]


def test_a_folder_shares_alike_rows_and_ids_between_files(tmp_path: Path) -> None:
    """A million alike rows at 1,000 sites: each distinct row and ID is held once."""
    for slug in ("site-a", "site-b"):
        site = tmp_path / slug
        site.mkdir()
        text = EXPECTED_TEXT.replace('"prefecture-gironde"', f'"{slug}"')
        (site / "2025.toml").write_text(text, encoding="utf-8")
    folder = read_results_folder(tmp_path)
    first, second = folder.of_site("site-a")[2025], folder.of_site("site-b")[2025]
    assert first.levers == second.levers == RESULTS.levers
    assert first.commitments == second.commitments == RESULTS.commitments
    for key in RESULTS.levers:
        assert first.levers[key] is second.levers[key]
    assert [id(key) for key in first.levers] == [id(key) for key in second.levers]
    assert first.commitments["ENG-01"] is second.commitments["ENG-01"]
