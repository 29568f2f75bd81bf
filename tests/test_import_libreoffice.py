"""Round trip through the real client: kit checklist -> filled -> re-saved by LibreOffice -> import.

A referent's file is not the kit's: LibreOffice rewrites styles, moves text
into shared strings, merges repeated rows and pads sheets with huge repeats.
The results file must still say exactly what was filled.
"""

from __future__ import annotations

import datetime
import hashlib
import io
import tomllib
from pathlib import Path

import pytest
from import_files import (
    SLUG,
    blank,
    command_args,
    fill_csv,
    fill_ods,
    fill_xlsx,
    libreoffice_resave,
    needs_soffice,
    write_environment,
)
from marianne_kit.results.import_command import main

FILL = {
    "LEV-01-01": {
        "Statut": "En place",
        "Responsable": "Accueil",
        "Échéance": datetime.date(2026, 6, 30),
        "Commentaire / preuve": "Affiche « horaires » vérifiée ; photo n° 3",
    },
    "LEV-01-02": {
        "Statut": "À engager",
        "Responsable": "Accueil",
    },  # same owner: LibreOffice may merge
    "LEV-01-03": {"Statut": "En cours", "Commentaire / preuve": "Enquête lancée\nrelance en mai"},
}
EXPECTED = {
    "LEV-01-01": {
        "status": "En place",
        "owner": "Accueil",
        "due": datetime.date(2026, 6, 30),
        "comment": "Affiche « horaires » vérifiée ; photo n° 3",
    },
    "LEV-01-02": {"status": "À engager", "owner": "Accueil"},
    "LEV-01-03": {"status": "En cours", "comment": "Enquête lancée\nrelance en mai"},
    "LEV-02-01": {},
    "LEV-02-02": {"status": "En cours", "comment": "Enquête lancée\nrelance en mai"},
}
COMMITMENTS = {"ENG-02": {"Engagement tenu ?": "Non", "Indicateur / preuve": "Délai moyen : 12 j"}}


def imported(tmp_path: Path, path: Path) -> dict:
    env = write_environment(tmp_path / "repo")
    out, err = io.StringIO(), io.StringIO()
    assert main(command_args(env, path), out, err) == 0, err.getvalue()
    data = tomllib.loads((env["results"] / SLUG / "2026.toml").read_text(encoding="utf-8"))
    assert data["source_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    return data


@needs_soffice
@pytest.mark.parametrize("kind", ["ods", "xlsx"])
def test_spreadsheet_resaved_by_libreoffice(tmp_path: Path, kind: str) -> None:
    fill = fill_ods if kind == "ods" else fill_xlsx
    path = fill(blank(kind), tmp_path / f"site.{kind}", FILL, COMMITMENTS)
    resaved = libreoffice_resave(path, kind, tmp_path)
    assert resaved.read_bytes() != path.read_bytes()
    data = imported(tmp_path, resaved)
    assert (data["site"], data["year"], data["edition"]) == (SLUG, 2026, "2026.2")
    assert data["levers"] == EXPECTED
    assert data["commitments"] == {
        "ENG-01": {},
        "ENG-02": {"verdict": "Non", "indicator": "Délai moyen : 12 j"},
    }


@needs_soffice
def test_csv_resaved_by_libreoffice_with_commas_in_windows_1252(tmp_path: Path) -> None:
    fill = {
        "LEV-01-01": {
            "Statut": "En place",
            "Responsable": "Accueil",
            "Échéance": "30/06/2026",
            "Commentaire / preuve": "Affiche « horaires » vérifiée ; photo n° 3",
        },
        "LEV-01-02": {"Statut": "À engager", "Responsable": "Accueil"},
        "LEV-01-03": {
            "Statut": "En cours",
            "Commentaire / preuve": "Enquête lancée\nrelance en mai",
        },
        "LEV-02-02": {
            "Statut": "En cours",
            "Commentaire / preuve": "Enquête lancée\nrelance en mai",
        },
    }
    path = fill_csv(blank("csv"), tmp_path / "site.csv", fill)
    resaved = libreoffice_resave(path, "csv", tmp_path)
    raw = resaved.read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and "Échéance".encode("cp1252") in raw
    assert raw.split(b"\n", 1)[0].count(b",") >= 11 and b";" not in raw.split(b"\n", 1)[0]
    data = imported(tmp_path, resaved)
    assert data["levers"] == EXPECTED
    assert data["commitments"] == {}
