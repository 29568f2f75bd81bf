"""The open data of the real site: valid against its Table Schemas, rows equal to needs.json.

The validator is frictionless (a real Table Schema implementation, foreign keys
included); the expected rows are computed here from ``needs.json`` with the
standard library, and the column names are written out literally: they are a
published contract.
"""

from __future__ import annotations

import csv
import io
import json
import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT, ROOTS, BuildResult, run_sphinx
from frictionless import validate

EDITION = re.findall(
    r'^marianne_edition = "([0-9.]+)"$', (PROJECT_ROOT / "conf.py").read_text("utf-8"), re.M
)[0]
CHANNELS = ["physique", "telephonique", "courrier", "courriel", "tous-canaux"]
LEVER_COLUMNS = [
    "id", "engagement", "canal", "canal_libelle", "categorie", "categorie_libelle", "numero",
    "numerotation", "texte", "bonne_pratique", "action", "page",
]  # fmt: skip
TABLES = {
    "engagements": ("commitment", ["id", "numero", "intitule", "page"]),
    "bonnes-pratiques": ("practice", ["id", "intitule", "page"]),
    "leviers": ("lever", LEVER_COLUMNS),
}


def _folder(site: BuildResult) -> Path:
    return site.outdir / "donnees"


def _csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf"), "plain UTF-8, no byte-order mark"
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"), newline="")))


def _expected(needs: dict[str, dict[str, Any]], need_type: str) -> list[dict[str, str]]:
    """The CSV rows a table must have, from needs.json (every value as CSV text)."""
    rows = []
    for need in sorted(needs.values(), key=lambda n: n["id"]):
        if need["type"] != need_type:
            continue
        page = f"{need['docname']}.html#{need['id']}"
        if need_type == "lever":
            [commitment] = need["commitment"]
            rows.append({
                "id": need["id"], "engagement": commitment, "canal": need["channel"],
                "categorie": need["category"], "numero": str(need["number"]),
                "numerotation": need["numbering"], "texte": need["title"],
                "bonne_pratique": ",".join(need.get("practice", [])),
                "action": need.get("action", ""), "page": page,
            })  # fmt: skip
        elif need_type == "commitment":
            rows.append({"id": need["id"], "numero": str(need["number"]),
                         "intitule": need["title"], "page": page})  # fmt: skip
        else:
            rows.append({"id": need["id"], "intitule": need["title"], "page": page})
    return rows


def test_the_package_validates_with_frictionless(site: BuildResult) -> None:
    report = validate(_folder(site) / "datapackage.json")
    problems = [e.message for task in report.tasks for e in task.errors] + [
        e.message for e in report.errors
    ]
    assert report.valid, problems
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    # 19 commitments, 9 best practices and 349 levers (counted on the site), CSV and JSON.
    assert rows == {
        "engagements": 19, "engagements-json": 19,
        "bonnes-pratiques": 9, "bonnes-pratiques-json": 9,
        "leviers": 349, "leviers-json": 349,
    }  # fmt: skip


@pytest.mark.parametrize("name", list(TABLES))
def test_rows_equal_needs_json(site: BuildResult, name: str) -> None:
    need_type, columns = TABLES[name]
    rows = _csv(_folder(site) / name / f"{name}.csv")
    assert rows and list(rows[0]) == columns
    expected = _expected(site.needs(), need_type)
    assert len(rows) == len(expected) > 0
    assert [{k: row[k] for k in expected[0]} for row in rows] == expected
    as_json = json.loads((_folder(site) / name / f"{name}.json").read_text("utf-8"))
    text = [{k: "" if v is None else str(v) for k, v in row.items()} for row in as_json]
    assert text == rows, "the JSON file holds the CSV's rows, same keys"


def test_lever_labels_and_foreign_keys_resolve(site: BuildResult) -> None:
    folder = _folder(site)
    levers = _csv(folder / "leviers" / "leviers.csv")
    commitments = {row["id"] for row in _csv(folder / "engagements" / "engagements.csv")}
    practices = {row["id"] for row in _csv(folder / "bonnes-pratiques" / "bonnes-pratiques.csv")}
    assert {row["engagement"] for row in levers} == commitments
    cited = {row["bonne_pratique"] for row in levers} - {""}
    assert cited and cited <= practices
    assert {row["canal"] for row in levers} == set(CHANNELS)
    labels = {(row["canal"], row["canal_libelle"]) for row in levers}
    assert ("telephonique", "Téléphonique") in labels and len(labels) == len(CHANNELS)


def test_a_dangling_foreign_key_fails_validation(site: BuildResult, tmp_path: Path) -> None:
    """The validator really checks the keys: one lever pointing at ENG-20 is reported."""
    copy = tmp_path / "donnees"
    shutil.copytree(_folder(site), copy)
    path = copy / "leviers" / "leviers.csv"
    text = path.read_text("utf-8")
    path.write_text(text.replace("LEV-01-01,ENG-01,", "LEV-01-01,ENG-20,", 1), "utf-8")
    report = validate(copy / "datapackage.json")
    errors = [(task.name, e.type) for task in report.tasks for e in task.errors]
    assert errors == [("leviers", "foreign-key")]


def test_schemas_describe_columns_in_french_with_enums_and_keys(site: BuildResult) -> None:
    schema = json.loads((_folder(site) / "leviers" / "schema.json").read_text("utf-8"))
    fields = {field["name"]: field for field in schema["fields"]}
    assert list(fields) == LEVER_COLUMNS
    assert fields["canal"]["constraints"]["enum"] == CHANNELS
    assert len(fields["categorie"]["constraints"]["enum"]) == 27
    assert all(field["title"] and field["description"] for field in fields.values())
    assert fields["texte"]["title"] == "Texte" and fields["numero"]["type"] == "integer"
    assert schema["primaryKey"] == ["id"] and schema["version"] == EDITION
    assert schema["foreignKeys"] == [
        {"fields": "engagement", "reference": {"resource": "engagements", "fields": "id"}},
        {"fields": "bonne_pratique", "reference": {"resource": "bonnes-pratiques", "fields": "id"}},
    ]


def test_datapackage_states_edition_dates_licence_and_source(site: BuildResult) -> None:
    package = json.loads((_folder(site) / "datapackage.json").read_text("utf-8"))
    editions = tomllib.loads((PROJECT_ROOT / "docs" / "editions.toml").read_text("utf-8"))
    dates = [str(edition["date"]) for edition in editions["edition"]]
    assert package["version"] == EDITION == editions["edition"][0]["number"]
    assert package["created"] == f"{dates[-1]}T00:00:00Z"
    assert package["lastModified"] == f"{dates[0]}T00:00:00Z"
    assert [licence["name"] for licence in package["licenses"]] == ["etalab-2.0"]
    assert "2013" in package["sources"][0]["title"]
    assert "homepage" not in package, "no base URL configured: no homepage"
    paths = sorted(resource["path"] for resource in package["resources"])
    assert paths == sorted(f"{n}/{n}.{s}" for n in TABLES for s in ("csv", "json"))


def test_open_data_page_links_every_file(site: BuildResult) -> None:
    soup = BeautifulSoup((site.outdir / "donnees.html").read_text("utf-8"), "html.parser")
    links = {a["href"] for a in soup.select("a[href^='donnees/']")}
    files = {f"donnees/{p.relative_to(_folder(site))}" for p in _folder(site).rglob("*.*")}
    assert len(files) == 10 and links == files


def test_a_base_url_gives_a_homepage_and_absolute_page_urls(tmp_path: Path) -> None:
    """The fixture project with ``html_baseurl`` set."""
    root = tmp_path / "editions-kit"
    shutil.copytree(ROOTS / "editions-kit", root)
    conf = root / "conf.py"
    conf.write_text(conf.read_text("utf-8") + 'html_baseurl = "https://leviers.example.fr/"\n')
    result = run_sphinx(root, root, root / "_build" / "html")
    assert result.status == 0, result.warnings
    folder = result.outdir / "donnees"
    package = json.loads((folder / "datapackage.json").read_text("utf-8"))
    assert package["homepage"] == "https://leviers.example.fr/"
    assert (package["version"], package["created"]) == ("2026.2", "2026-11-27T00:00:00Z")
    pages = [row["page"] for row in _csv(folder / "leviers" / "leviers.csv")]
    assert pages == [f"https://leviers.example.fr/index.html#LEV-01-0{n}" for n in (1, 2, 4)]
    assert validate(folder / "datapackage.json").valid
