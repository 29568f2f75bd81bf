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
    write_environment,
)
from marianne_kit.results.import_command import main

NB = "\u00a0"
RESULTS = f"{SLUG}/2026.toml"
FILL = {
    "LEV-01-01": {
        "Statut": "En place",
        "Responsable": "Accueil",
        "Échéance": datetime.date(2026, 6, 30),
        "Commentaire / preuve": "Affiche vérifiée ; photo jointe",
    },
    "LEV-01-03": {"Statut": "en cours", "Responsable": "Qualité"},
    "LEV-02-01": {"Statut": "NON APPLICABLE "},
}
#: What the results file must say, by lever (the shared line LEV-01-03 also fills LEV-02-02).
EXPECTED = {
    "LEV-01-01": {
        "status": "En place",
        "owner": "Accueil",
        "due": datetime.date(2026, 6, 30),
        "comment": "Affiche vérifiée ; photo jointe",
    },
    "LEV-01-02": {},
    "LEV-01-03": {"status": "En cours", "owner": "Qualité"},
    "LEV-02-01": {"status": "Non applicable"},
    "LEV-02-02": {"status": "En cours", "owner": "Qualité"},
}
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
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def filled(kind: str, folder: Path, fill: Any = FILL, **options: Any) -> Path:
    path = folder / f"rempli.{kind}"
    if kind == "ods":
        return fill_ods(blank("ods"), path, fill, COMMITMENTS, **options)
    if kind == "xlsx":
        return fill_xlsx(blank("xlsx"), path, fill, COMMITMENTS, **options)
    csv_fill = {
        lever: values
        for line, values in fill.items()
        for lever in ([line, "LEV-02-02"] if line == "LEV-01-03" else [line])
    }
    csv_fill = {
        k: {
            c: v.strftime("%d/%m/%Y") if isinstance(v, datetime.date) else v
            for c, v in values.items()
        }
        for k, values in csv_fill.items()
    }
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


def test_import_date_is_source_date_epoch(
    env: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741910400")  # 2025-03-14
    assert run(env, filled("csv", tmp_path))[0] == 0
    assert results_of(env)["imported"] == datetime.date(2025, 3, 14)


def test_same_file_twice_changes_nothing(
    env: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = filled("ods", tmp_path)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1741910400")
    assert run(env, path)[0] == 0
    before = snapshot(env["results"])
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1760000000")  # another day: still nothing to write
    code, out, err = run(env, path)
    assert (code, err) == (0, "")
    assert out == (
        f"{path}{NB}: déjà importé (même fichier), {env['results']}/{RESULTS} inchangé\n"
    )
    assert snapshot(env["results"]) == before


def test_newer_file_replaces_and_says_what_changed(env: dict[str, Path], tmp_path: Path) -> None:
    assert run(env, filled("xlsx", tmp_path))[0] == 0
    newer = {**FILL, "LEV-01-01": {"Statut": "En cours"}, "LEV-01-02": {"Statut": "En place"}}
    (tmp_path / "v2").mkdir()
    code, out, err = run(env, filled("xlsx", tmp_path / "v2", newer))
    assert (code, err) == (0, "")
    assert out == (
        f"{tmp_path}/v2/rempli.xlsx{NB}: {env['results']}/{RESULTS} remplacé{NB}; "
        "2 statut(s) modifié(s), 0 levier(s) nouveau(x), 0 levier(s) retiré(s)\n"
    )
    assert results_of(env)["levers"]["LEV-01-02"] == {"status": "En place"}


def _csv(
    path: Path,
    header: list[str],
    rows: list[list[str]],
    encoding: str = "utf-8-sig",
    delimiter: str = ";",
) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows([header, *rows])
    path.write_bytes(out.getvalue().encode(encoding))
    return path


SITE_CELLS = ["Sous-préfecture d’Essai-sur-Mer", SLUG, "2026", "2026.2"]
IDENTITY_HEADER = ["Site", "Code site", "Année", "Édition"]


@pytest.mark.parametrize(
    ("encoding", "delimiter"),
    [("utf-8", ","), ("utf-8-sig", ","), ("cp1252", ";"), ("cp1252", ",")],
)
def test_csv_encodings_and_separators(
    env: dict[str, Path], tmp_path: Path, encoding: str, delimiter: str
) -> None:
    header = [*IDENTITY_HEADER, "Notes à moi", "ID", "Statut", "Commentaire / preuve"]
    path = _csv(
        tmp_path / "f.csv",
        header,
        [
            [*SITE_CELLS, "", "LEV-01-01", "  en PLACE ", "Vérifié, « OK »; déjà"],
            [*SITE_CELLS, "x", "LEV-01-02", "A ENGAGER", "'=1+1"],
            [*SITE_CELLS, "", "LEV-02-01", "non  applicable", ""],
        ],
        encoding,
        delimiter,
    )
    code, _, err = run(env, path)
    assert (code, err) == (0, "")
    assert results_of(env)["levers"] == {
        "LEV-01-01": {"status": "En place", "comment": "Vérifié, « OK »; déjà"},
        "LEV-01-02": {"status": "À engager", "comment": "=1+1"},
        "LEV-02-01": {"status": "Non applicable"},
    }


def test_prefilled_columns_record_what_was_reviewed(env: dict[str, Path], tmp_path: Path) -> None:
    header = [*IDENTITY_HEADER, "ID", "Statut 2025", "Revu", "Statut"]
    path = _csv(
        tmp_path / "prerempli.csv",
        header,
        [
            [*SITE_CELLS, "LEV-01-01", "En place", "Non", "En place"],  # carried over, not reviewed
            [*SITE_CELLS, "LEV-01-02", "En cours", "", "En cours"],  # carried over, « Revu » empty
            [*SITE_CELLS, "LEV-01-03", "En cours", "oui", "En cours"],  # confirmed
            [*SITE_CELLS, "LEV-02-01", "En cours", "Non", "En place"],  # changed: reviewed
            [*SITE_CELLS, "LEV-02-02", "nouveau", "Non", "À engager"],  # new lever
        ],
    )
    assert run(env, path)[0] == 0
    assert results_of(env)["levers"] == {
        "LEV-01-01": {"status": "En place", "reviewed": False},
        "LEV-01-02": {"status": "En cours", "reviewed": False},
        "LEV-01-03": {"status": "En cours"},
        "LEV-02-01": {"status": "En place"},
        "LEV-02-02": {"status": "À engager"},
    }


def test_retired_lever_ids_of_an_older_edition(env: dict[str, Path], tmp_path: Path) -> None:
    (env["needs"].parent / "editions.toml").write_text(
        '[[edition]]\nnumber = "2026.2"\ndate = "2026-12-02"\nsummary = "Relecture"\n'
        '[[edition.change]]\nid = "LEV-01-08"\nkind = "retired"\nsuccessors = ["LEV-01-02"]\n'
        'reason = "doublon"\n'
        '[[edition.change]]\nid = "LEV-01-09"\nkind = "retired"\nsuccessors = []\nreason = "r"\n',
        encoding="utf-8",
    )
    header = [*IDENTITY_HEADER, "ID", "Statut"]
    site = [*SITE_CELLS[:3], "2026.1"]
    path = _csv(
        tmp_path / "ancien.csv",
        header,
        [
            [*site, "LEV-01-01", "En place"],
            [*site, "LEV-01-08", "En cours"],
            [*site, "LEV-01-09", "En place"],
        ],
    )
    code, _, err = run(env, path)
    assert (code, err) == (0, "")
    data = results_of(env)
    assert data["edition"] == "2026.1"
    assert data["levers"] == {
        "LEV-01-01": {"status": "En place"},
        "LEV-01-02": {"status": "En cours"},
    }


def test_many_files_show_progress_and_fail_when_one_is_refused(
    env: dict[str, Path], tmp_path: Path
) -> None:
    good = filled("csv", tmp_path)
    bad = tmp_path / "vide.ods"
    bad.write_bytes(b"")
    code, out, err = run(env, good, bad)
    assert code == 1
    assert err.splitlines() == [
        f"[1/2] {good}",
        f"[2/2] {bad}",
        f"{bad}{NB}: fichier vide",
        f"{bad}{NB}: refusé, 1 problème(s), rien n’a été écrit",
    ]
    assert out.splitlines()[-1] == "1 fichier(s) importé(s), 1 refusé(s)"
    assert results_of(env)["source_name"] == "rempli.csv"


def test_missing_referential_says_to_build_first(env: dict[str, Path], tmp_path: Path) -> None:
    env["needs"].unlink()
    code, out, err = run(env, filled("csv", tmp_path))
    assert (code, out) == (1, "")
    assert (
        err == f"{env['needs']}{NB}: référentiel introuvable{NB}; "
        f"lancer d’abord «{NB}nox -s build{NB}»\n"
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        (
            "fr",
            [
                "usage\u00a0: python -m marianne_kit import",
                "afficher cette aide et quitter",
                "dossier des résultats (défaut\u00a0: results)",
            ],
        ),
        (
            "en",
            [
                "usage: python -m marianne_kit import",
                "show this help message and exit",
                "results folder (default: results)",
            ],
        ),
    ],
)
def test_help_in_french_by_default(lang: str, words: list[str]) -> None:
    args = [sys.executable, "-m", "marianne_kit", "import", "--help"]
    if lang == "en":
        args += ["--lang", "en"]
    ext = Path(__file__).resolve().parents[1] / "ext"
    done = subprocess.run(args, capture_output=True, text=True, cwd=ext, check=False)
    assert done.returncode == 0, done.stderr
    for word in words:
        assert word in done.stdout
