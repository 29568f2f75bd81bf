"""Hostile files: every limit of the import has a crafted file and its exact message.

The files are built here from the kit's own checklists with ``zipfile`` and
plain string edits of their XML, as an attacker would.
"""

from __future__ import annotations

import io
import re
import time
import tomllib
import zipfile
from pathlib import Path

import pytest
from import_files import SLUG, blank, command_args, fill_ods, fill_xlsx, write_environment
from marianne_kit.results.import_command import main
from test_import_refusals import q, refused

NB = "\u00a0"
MIB = 1024 * 1024
BILLION_LAUGHS = (
    '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(f'<!ENTITY lol{n} "{("&lol" + str(n - 1) + ";") * 10}">' for n in range(1, 10))
    + "]>"
).replace("&lol0;", "&lol;")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, Path]:
    env = write_environment(tmp_path / "repo")
    good = fill_ods(blank("ods"), tmp_path / "bon.ods", {"LEV-01-01": {"Statut": "En place"}})
    assert main(command_args(env, good), io.StringIO(), io.StringIO()) == 0
    return env


def rezip(source: bytes, path: Path, changes: dict[str, bytes]) -> Path:
    """``source`` with some entries replaced (order and other entries kept)."""
    with zipfile.ZipFile(io.BytesIO(source)) as old, zipfile.ZipFile(path, "w") as new:
        for entry in old.infolist():
            data = changes.get(entry.filename, old.read(entry.filename))
            new.writestr(entry.filename, data, compress_type=zipfile.ZIP_DEFLATED)
    return path


def entry(data: bytes, name: str) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read(name)


def test_archive_too_large(env: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "gros.ods"
    with path.open("wb") as handle:
        handle.write(b"PK\x03\x04")
        handle.truncate(21 * MIB)
    assert refused(env, path) == [
        f"{path}{NB}: fichier trop volumineux (21{NB}Mo, limite 20{NB}Mo)"
    ]


def test_entry_too_large(env: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "enorme.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        with archive.open("content.xml", "w") as stream:
            for _ in range(51):
                stream.write(b" " * MIB)
    assert path.stat().st_size < MIB
    assert refused(env, path) == [
        f"{path}{NB}: l’élément content.xml de l’archive fait 51{NB}Mo une fois décompressé "
        f"(limite 50{NB}Mo)"
    ]


def test_zip_bomb_compression_ratio(env: dict[str, Path], tmp_path: Path) -> None:
    content = entry(blank("ods"), "content.xml")
    padded = content.replace(b"<office:body>", b"<office:body>" + b" " * (3 * MIB), 1)
    path = rezip(blank("ods"), tmp_path / "bombe.ods", {"content.xml": padded})
    with zipfile.ZipFile(path) as archive:
        info = archive.getinfo("content.xml")
    ratio = info.file_size / info.compress_size
    assert ratio > 100
    assert refused(env, path) == [
        f"{path}{NB}: l’élément content.xml de l’archive est compressé {ratio:.0f} fois "
        f"(limite 100{NB}: bombe de décompression)"
    ]


@pytest.mark.parametrize(
    ("kind", "name"),
    [("ods", "content.xml"), ("xlsx", "xl/workbook.xml"), ("xlsx", "xl/worksheets/sheet1.xml")],
)
def test_entity_bomb(env: dict[str, Path], tmp_path: Path, kind: str, name: str) -> None:
    source = (fill_ods if kind == "ods" else fill_xlsx)(
        blank(kind), tmp_path / f"source.{kind}", {"LEV-01-01": {"Statut": "En place"}}
    )
    xml = entry(source.read_bytes(), name).decode("utf-8")
    xml = re.sub(r"^<\?xml[^>]*\?>\s*", "", xml)
    bomb = (BILLION_LAUGHS + xml).replace("En place", "&lol9;", 1)
    bomb = bomb.replace("</", "&lol9;</", 1) if "&lol9;" not in bomb else bomb
    path = rezip(source.read_bytes(), tmp_path / f"lol.{kind}", {name: bomb})
    assert refused(env, path) == [
        f"{path}{NB}: l’élément {name} déclare une DTD ou des entités XML, refusées (risque "
        "d’expansion d’entités)"
    ]


def test_million_empty_repeated_rows_cost_nothing(env: dict[str, Path], tmp_path: Path) -> None:
    source = fill_ods(blank("ods"), tmp_path / "s.ods", {"LEV-01-02": {"Statut": "À engager"}})
    content = entry(source.read_bytes(), "content.xml").decode("utf-8")
    head, sep, tail = content.partition("</table:table>")
    padding = (
        '<table:table-row table:number-rows-repeated="1048576">'
        '<table:table-cell table:number-columns-repeated="16384"/></table:table-row>'
    )
    path = rezip(
        source.read_bytes(),
        tmp_path / "repete.ods",
        {"content.xml": (head + padding + sep + tail).encode()},
    )
    started = time.perf_counter()
    out, err = io.StringIO(), io.StringIO()
    assert main(command_args(env, path), out, err) == 0, err.getvalue()
    assert time.perf_counter() - started < 2
    results = tomllib.loads((env["results"] / SLUG / "2026.toml").read_text(encoding="utf-8"))
    assert results["levers"]["LEV-01-02"] == {"status": "À engager"}
    assert results["levers"]["LEV-01-01"] == {}


def test_million_filled_repeated_rows_are_refused(env: dict[str, Path], tmp_path: Path) -> None:
    source = fill_ods(blank("ods"), tmp_path / "s.ods", {})
    content = entry(source.read_bytes(), "content.xml").decode("utf-8")
    head, sep, tail = content.partition("</table:table>")
    padding = (
        '<table:table-row table:number-rows-repeated="1048576"><table:table-cell '
        'office:value-type="string"><text:p>LEV-01-01</text:p></table:table-cell>'
        "</table:table-row>"
    )
    path = rezip(
        source.read_bytes(),
        tmp_path / "rempli.ods",
        {"content.xml": (head + padding + sep + tail).encode()},
    )
    assert refused(env, path) == [
        f"{path}{NB}: plus de 200\u202f000 cellules remplies, bien plus qu’une liste de contrôle"
    ]


def test_formula_in_a_filled_column_is_refused(env: dict[str, Path], tmp_path: Path) -> None:
    source = fill_ods(blank("ods"), tmp_path / "s.ods", {"LEV-01-02": {"Statut": "MARQUEUR"}})
    content = entry(source.read_bytes(), "content.xml").decode("utf-8")
    cell = re.search(r"<table:table-cell[^>]*>(?:(?!</table:table-cell>).)*MARQUEUR", content)
    assert cell is not None
    formula = (
        cell.group(0)
        .replace(
            "<table:table-cell ",
            '<table:table-cell table:formula="of:=IF(1;&quot;En place&quot;)" ',
            1,
        )
        .replace("MARQUEUR", "En place")
    )
    path = rezip(
        source.read_bytes(),
        tmp_path / "formule.ods",
        {"content.xml": content.replace(cell.group(0), formula).encode()},
    )
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Leviers')}, ligne 3, colonne {q('Statut')}{NB}: formule refusée "
        f"(seules les valeurs saisies sont importées){NB}: " + q('of:=IF(1;"En place")')
    ]


def test_formula_in_xlsx_is_refused(env: dict[str, Path], tmp_path: Path) -> None:
    # openpyxl writes a text starting with "=" as a formula, without a cached value.
    path = fill_xlsx(
        blank("xlsx"),
        tmp_path / "formule.xlsx",
        {"LEV-01-01": {"Responsable": '=HYPERLINK("http://x.invalid";"clic")'}},
    )
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Leviers')}, ligne 2, colonne {q('Responsable')}{NB}: formule "
        f"refusée (seules les valeurs saisies sont importées){NB}: "
        + q('=HYPERLINK("http://x.invalid";"clic")')
    ]


HOSTILE = "<script>alert(1)</script> \"guillemets\" \\ =cmd|' /C calc'!A0 \x07 ]]> {{ x }}"


@pytest.mark.parametrize("kind", ["ods", "xlsx"])
def test_hostile_strings_stay_text(env: dict[str, Path], tmp_path: Path, kind: str) -> None:
    fill = {
        "LEV-01-01": {
            "Statut": "En place",
            "Commentaire / preuve": HOSTILE.replace("\x07", ""),
            "Responsable": "@SUM(1+1)",
        }
    }
    path = (fill_ods if kind == "ods" else fill_xlsx)(blank(kind), tmp_path / f"h.{kind}", fill)
    out, err = io.StringIO(), io.StringIO()
    assert main(command_args(env, path), out, err) == 0, err.getvalue()
    results = tomllib.loads((env["results"] / SLUG / "2026.toml").read_text(encoding="utf-8"))
    assert results["levers"]["LEV-01-01"] == {
        "status": "En place",
        "owner": "@SUM(1+1)",
        "comment": HOSTILE.replace("\x07", ""),
    }


def test_archive_with_too_many_entries(env: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "entrees.ods"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        for number in range(1001):
            archive.writestr(f"Pictures/{number}.png", b"")
    assert refused(env, path) == [f"{path}{NB}: archive de 1002 éléments (limite 1000)"]


def test_text_longer_than_a_cell_may_hold(env: dict[str, Path], tmp_path: Path) -> None:
    essay = "Compte rendu. " * 400  # 5,600 characters
    fill = {"LEV-01-01": {"Statut": "En place", "Commentaire / preuve": essay}}
    path = fill_xlsx(blank("xlsx"), tmp_path / "long.xlsx", fill)
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Leviers')}, ligne 2, levier LEV-01-01, colonne "
        f"{q('Commentaire / preuve')}{NB}: texte trop long (5599 caractères, limite 5000)"
    ]
