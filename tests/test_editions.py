"""Editions: the changelog file, the retired-ID map, the history page, no silent change.

Plain functions are tested on literal TOML; the build checks on the fixture
project ``tests/roots/editions-kit`` (edition 2026.2 over a 2026.1 snapshot),
changed in a copy the way an editor would change it.
"""

from __future__ import annotations

import datetime
import json
import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT, ROOTS, BuildResult, run_sphinx
from marianne_kit.editions.changelog import consistency_problems, parse_editions, retired_map
from marianne_kit.editions.snapshot import silent_changes

GOOD = """\
[[edition]]
number = "2026.2"
date = "2026-12-02"
summary = "Relecture."

[[edition.change]]
id = "LEV-13-11"
kind = "retired"
successors = ["LEV-13-10"]
reason = "Une seule ligne."

[[edition.change]]
id = "LEV-02-01"
kind = "retired"
successors = []
reason = "Sans objet."

[[edition]]
number = "2026.1"
date = "2026-11-27"
summary = "Première édition."
"""


def _problems(text: str) -> list[str]:
    return [str(p) for p in parse_editions(text, "docs/editions.toml")[1]]


def test_a_good_file_reads_newest_first_with_its_changes() -> None:
    editions, problems = parse_editions(GOOD, "docs/editions.toml")
    assert problems == []
    assert [(e.number, e.date) for e in editions] == [
        ("2026.2", datetime.date(2026, 12, 2)),
        ("2026.1", datetime.date(2026, 11, 27)),
    ]
    assert [(c.lever_id, c.kind, c.successors, c.line) for c in editions[0].changes] == [
        ("LEV-13-11", "retired", ("LEV-13-10",), 6),
        ("LEV-02-01", "retired", (), 12),
    ]


def test_retired_map_lists_every_retired_id_with_its_successors() -> None:
    editions, _ = parse_editions(GOOD, "docs/editions.toml")
    assert retired_map(editions) == {"LEV-02-01": (), "LEV-13-11": ("LEV-13-10",)}


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('kind = "retired"\nsuccessors = ["LEV-13-10"]', 'kind = "renamed"',
         "docs/editions.toml:8: key 'kind': unknown kind 'renamed' (expected one of: added, "
         "text, channel, category, commitment, retired)"),
        ('successors = ["LEV-13-10"]\n', "",
         "docs/editions.toml:6: key 'successors': missing for retired lever LEV-13-11 "
         "(write [] when it has none)"),
        ('number = "2026.2"', 'number = "2026-2"',
         "docs/editions.toml:2: key 'number': '2026-2' is not an edition number like '2026.2'"),
        ('kind = "retired"\nsuccessors = ["LEV-13-10"]', 'kind = "text"\nsuccessors = []',
         "docs/editions.toml:9: key 'successors': only a retired lever has successors (text)"),
        ('date = "2026-12-02"', 'date = "2 décembre"',
         "docs/editions.toml:3: key 'date': '2 décembre' is not a date"),
    ],
)  # fmt: skip
def test_each_mistake_is_one_line_with_file_line_and_key(old: str, new: str, expected: str) -> None:
    assert old in GOOD
    assert _problems(GOOD.replace(old, new, 1)) == [expected]


def test_every_mistake_is_reported_at_once() -> None:
    text = GOOD.replace('kind = "retired"\nsuccessors = []', 'kind = "gone"', 1)
    text = text.replace('number = "2026.1"', 'number = "2026.x"')
    assert _problems(text) == [
        "docs/editions.toml:14: key 'kind': unknown kind 'gone' (expected one of: added, text, "
        "channel, category, commitment, retired)",
        "docs/editions.toml:18: key 'number': '2026.x' is not an edition number like '2026.2'",
    ]


def test_retired_ids_are_never_reused_and_successors_exist() -> None:
    editions, _ = parse_editions(GOOD, "docs/editions.toml")
    levers = {"LEV-13-10", "LEV-13-12"}
    assert consistency_problems(editions, levers, "docs/editions.toml") == []
    problems = consistency_problems(editions, levers | {"LEV-02-01"}, "docs/editions.toml")
    assert [str(p) for p in problems] == [
        "docs/editions.toml:13: key 'id': LEV-02-01 is retired in edition 2026.2 but is a lever "
        "again: an ID is never reused",
    ]
    problems = consistency_problems(editions, levers - {"LEV-13-10"}, "docs/editions.toml")
    assert [str(p) for p in problems] == [
        "docs/editions.toml:9: key 'successors': successor LEV-13-10 of LEV-13-11 does not exist",
    ]


def _copy_root(tmp_path: Path) -> Path:
    target = tmp_path / "editions-kit"
    shutil.copytree(ROOTS / "editions-kit", target)
    return target


def _build(root: Path) -> BuildResult:
    return run_sphinx(root, root, root / "_build" / "html")


def test_the_fixture_builds_and_shows_the_history_and_the_edition(tmp_path: Path) -> None:
    root = _copy_root(tmp_path)
    result = _build(root)
    assert result.status == 0 and result.warning_lines() == []
    soup = BeautifulSoup((result.outdir / "historique.html").read_text("utf-8"), "html.parser")
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert headings[:2] == [
        "Édition 2026.2 — 2\u00a0décembre 2026",
        "Édition 2026.1 — 27\u00a0novembre 2026",
    ]
    rows = [
        [td.get_text(" ", strip=True) for td in tr.find_all("td")] for tr in soup.select("tbody tr")
    ]
    assert rows == [
        ["LEV-01-02", "Texte modifié", "Texte relu."],
        ["LEV-01-03", "Levier retiré, remplacé par LEV-01-02", "Même action que le levier 2."],
        ["LEV-01-04", "Levier ajouté", "Nouveau levier."],
    ]
    # The footer's {{ marianne_edition }} (the fixture's template; the theme's on the site).
    for page in ("index.html", "historique.html"):
        soup = BeautifulSoup((result.outdir / page).read_text("utf-8"), "html.parser")
        footer = soup.select_one("p.mk-edition")
        assert footer is not None and footer.get_text() == "Édition 2026.2"


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        (":channel: physique", ":channel: courrier", "channel"),
        (":category: horaires-communication", ":category: contacts", "category"),
        ("Afficher les horaires d’ouverture à l’extérieur", "Afficher les horaires", "text"),
    ],
)
def test_a_silent_change_fails_naming_lever_and_field(
    tmp_path: Path, old: str, new: str, field: str
) -> None:
    root = _copy_root(tmp_path)
    page = root / "index.md"
    text = page.read_text("utf-8")
    assert text.count(old) == 1
    page.write_text(text.replace(old, new), "utf-8")
    result = _build(root)
    assert result.status == 1 and result.stopped.startswith("Build stopped: 1 problem")
    [line] = result.warning_lines()
    assert re.match(
        rf"^{re.escape(str(page))}:\d+: WARNING: LEV-01-01: field '{field}': changed since "
        rf"edition 2026\.1 \(.*\); list it as a change of edition 2026\.2 in editions\.toml "
        r"\[marianne\.silent_change\]$",
        line,
    ), line


def test_an_unlisted_removal_or_addition_fails(tmp_path: Path) -> None:
    root = _copy_root(tmp_path)
    changelog = root / "editions.toml"
    text = changelog.read_text("utf-8")
    # Drop the entry that lists LEV-01-04 as added.
    text = text.replace(
        '[[edition.change]]\nid = "LEV-01-04"\nkind = "added"\nreason = "Nouveau levier."\n', ""
    )
    changelog.write_text(text, "utf-8")
    result = _build(root)
    assert result.status == 1
    assert [re.sub(r"^\S+: WARNING: ", "", line) for line in result.warning_lines()] == [
        "LEV-01-04: field 'id': added since edition 2026.1; list it as a change of edition "
        "2026.2 in editions.toml [marianne.silent_change]",
    ]


def test_a_reused_retired_id_stops_the_build(tmp_path: Path) -> None:
    root = _copy_root(tmp_path)
    page = root / "index.md"
    page.write_text(page.read_text("utf-8").replace(":id: LEV-01-04", ":id: LEV-01-03"), "utf-8")
    changelog = root / "editions.toml"
    changelog.write_text(
        changelog.read_text("utf-8").replace('"LEV-01-04"', '"LEV-01-03"'), "utf-8"
    )
    result = _build(root)
    assert result.status == 1
    assert result.warning_lines() == [
        "editions.toml:7: ERROR: key 'id': LEV-01-03 is retired in edition 2026.2 but is a lever "
        "again: an ID is never reused [marianne.editions]",
    ]


def test_a_changelog_mistake_stops_the_build_before_reading(tmp_path: Path) -> None:
    root = _copy_root(tmp_path)
    changelog = root / "editions.toml"
    text = changelog.read_text("utf-8").replace('kind = "text"', 'kind = "texte"')
    changelog.write_text(text, "utf-8")
    result = _build(root)
    assert result.status == 1 and result.stopped.startswith("Build stopped: 1 problem")
    assert result.warning_lines() == [
        "editions.toml:19: ERROR: key 'kind': unknown kind 'texte' (expected one of: added, "
        "text, channel, category, commitment, retired) [marianne.editions]",
    ]


def test_the_newest_edition_must_be_the_declared_one(tmp_path: Path) -> None:
    root = _copy_root(tmp_path)
    conf = root / "conf.py"
    conf.write_text(conf.read_text("utf-8").replace('"2026.2"', '"2026.3"'), "utf-8")
    result = _build(root)
    assert result.status == 1
    assert result.warning_lines() == [
        "editions.toml:1: ERROR: key 'number': the newest edition is 2026.2, but conf.py declares "
        "marianne_edition = '2026.3': list edition 2026.3 first [marianne.editions]",
    ]


def test_the_real_site_has_a_history_page_and_a_snapshot(site: BuildResult) -> None:
    soup = BeautifulSoup(
        (site.outdir / "historique-editions.html").read_text("utf-8"), "html.parser"
    )
    headings = [h.get_text(" ", strip=True) for h in soup.find_all("h2")]
    assert any(h.startswith("Édition 2026.1 — ") for h in headings)
    snapshot = json.loads((PROJECT_ROOT / "docs/editions/2026.1/levers.json").read_text("utf-8"))
    assert len(snapshot) == 351
    assert set(snapshot[0]) == {"id", "commitment", "channel", "category", "text"}


def test_the_current_editions_changes_excuse_a_difference_from_its_own_snapshot() -> None:
    """The first edition's snapshot is the current edition's: its own changes still count."""
    editions, _ = parse_editions(GOOD, "docs/editions.toml")
    before = {"LEV-13-12": {"id": "LEV-13-12", "commitment": "ENG-13", "channel": "courrier",
                            "category": "contacts", "text": "Ancien texte"}}  # fmt: skip
    after = [dict(before["LEV-13-12"], text="Nouveau texte")]
    found = silent_changes(before, after, editions, "2026.2", "2026.2")
    assert [str(change) for change in found] == [
        "LEV-13-12: field 'text': changed since edition 2026.2 ('Ancien texte' → 'Nouveau texte')"
    ]
    listed = GOOD.replace('id = "LEV-02-01"\nkind = "retired"\nsuccessors = []',
                          'id = "LEV-13-12"\nkind = "text"')  # fmt: skip
    editions, problems = parse_editions(listed, "docs/editions.toml")
    assert problems == []
    assert silent_changes(before, after, editions, "2026.2", "2026.2") == []
