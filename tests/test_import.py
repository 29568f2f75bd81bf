"""Importing filled checklists: formats, checks, messages, and ``results/`` untouched on refusal.

Expected values are written out here by hand (statuses, messages) or read with
the standard library (``tomllib``), never with the import's own code.
"""

from __future__ import annotations

import csv
import datetime
import hashlib
import io
import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pytest
from import_files import (
    SLUG,
    blank,
    command_args,
    fill_csv,
    fill_ods,
    fill_xlsx,
    identity,
    write_environment,
)

from marianne_kit.results.import_command import main

NB = "\u00a0"
RESULTS = f"{SLUG}/2026.toml"
FILL = {
    "LEV-01-01": {"Statut": "En place", "Responsable": "Accueil", "Échéance": datetime.date(2026, 6, 30),
                  "Commentaire / preuve": "Affiche vérifiée ; photo jointe"},
    "LEV-01-03": {"Statut": "en cours", "Responsable": "Qualité"},
    "LEV-02-01": {"Statut": "NON APPLICABLE "},
}  # fmt: skip
#: What the results file must say, by lever (the shared line LEV-01-03 also fills LEV-02-02).
EXPECTED = {
    "LEV-01-01": {"status": "En place", "owner": "Accueil", "due": datetime.date(2026, 6, 30),
                  "comment": "Affiche vérifiée ; photo jointe"},
    "LEV-01-02": {},
    "LEV-01-03": {"status": "En cours", "owner": "Qualité"},
    "LEV-02-01": {"status": "Non applicable"},
    "LEV-02-02": {"status": "En cours", "owner": "Qualité"},
}  # fmt: skip
COMMITMENTS = {"ENG-01": {"Engagement tenu ?": "oui", "Indicateur / preuve": "Relevé du 3 mars"}}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, Path]:
    return write_environment(tmp_path / "repo")


def run(
    env: dict[str, Path], *files: Path | str, extra: tuple[str, ...] = ()
) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main([*command_args(env, *files), *extra], out, err)
    return code, out.getvalue(), err.getvalue()


def results_of(env: dict[str, Path]) -> dict[str, Any]:
    return tomllib.loads((env["results"] / RESULTS).read_text(encoding="utf-8"))


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(path.relative_to(folder)): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }  # fmt: skip


def filled(kind: str, folder: Path, fill: Any = FILL, **options: Any) -> Path:
    path = folder / f"rempli.{kind}"
    if kind == "ods":
        return fill_ods(blank("ods"), path, fill, COMMITMENTS, **options)
    if kind == "xlsx":
        return fill_xlsx(blank("xlsx"), path, fill, COMMITMENTS, **options)
    csv_fill = {lever: values for line, values in fill.items()
                for lever in ([line, "LEV-02-02"] if line == "LEV-01-03" else [line])}  # fmt: skip
    csv_fill = {k: {c: v.strftime("%d/%m/%Y") if isinstance(v, datetime.date) else v
                    for c, v in values.items()} for k, values in csv_fill.items()}  # fmt: skip
    return fill_csv(blank("csv"), path, csv_fill, **options)


@pytest.mark.parametrize("kind", ["ods", "xlsx", "csv"])
def test_kit_checklist_filled_with_a_library_imports_what_was_filled(
    kind: str, env: dict[str, Path], tmp_path: Path
) -> None:
    code, out, err = run(env, filled(kind, tmp_path))
    assert (code, err) == (0, "")
    assert (
        out
        == f"{tmp_path}/rempli.{kind}{NB}: importé dans {env['results']}/{RESULTS} (5 leviers)\n"
    )
    data = results_of(env)
    assert (data["site"], data["year"], data["edition"], data["source_name"]) == (
        SLUG,
        2026,
        "2026.2",
        f"rempli.{kind}",
    )
    path = tmp_path / f"rempli.{kind}"
    assert data["source_sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()
    assert data["levers"] == EXPECTED
    if kind != "csv":  # the CSV has no « Synthèse »
        assert data["commitments"] == {
            "ENG-01": {"verdict": "Oui", "indicator": "Relevé du 3 mars"},
            "ENG-02": {},
        }


def test_import_date_is_source_date_epoch(env: dict[str, Path], tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741910400")  # 2025-03-14
    assert run(env, filled("csv", tmp_path))[0] == 0
    assert results_of(env)["imported"] == datetime.date(2025, 3, 14)


def test_same_file_twice_changes_nothing(env: dict[str, Path], tmp_path: Path,
                                         monkeypatch: pytest.MonkeyPatch) -> None:  # fmt: skip
    path = filled("ods", tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741910400")
    assert run(env, path)[0] == 0
    before = snapshot(env["results"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")  # another day: still nothing to write
    code, out, err = run(env, path)
    assert (code, err) == (0, "")
    assert out == (f"{path}{NB}: déjà importé (même fichier), "
                   f"{env['results']}/{RESULTS} inchangé\n")  # fmt: skip
    assert snapshot(env["results"]) == before


def test_newer_file_replaces_and_says_what_changed(env: dict[str, Path], tmp_path: Path) -> None:
    assert run(env, filled("xlsx", tmp_path))[0] == 0
    newer = {**FILL, "LEV-01-01": {"Statut": "En cours"}, "LEV-01-02": {"Statut": "En place"}}
    (tmp_path / "v2").mkdir()
    code, out, err = run(env, filled("xlsx", tmp_path / "v2", newer))
    assert (code, err) == (0, "")
    assert out == (f"{tmp_path}/v2/rempli.xlsx{NB}: {env['results']}/{RESULTS} remplacé{NB}; "
                   "2 statut(s) modifié(s), 0 levier(s) nouveau(x), 0 levier(s) retiré(s)\n")  # fmt: skip
    assert results_of(env)["levers"]["LEV-01-02"] == {"status": "En place"}
