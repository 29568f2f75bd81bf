"""Every bad input is refused with its exact French message, and ``results/`` stays as it was.

Hostile files are crafted here byte by byte (zip bombs, entity bombs, huge
repeats); each limit has its test. Messages are written out in full.
"""

from __future__ import annotations

import csv
import hashlib
import io
import time
import zipfile
from pathlib import Path

import pytest
from import_files import SLUG, blank, command_args, fill_ods, fill_xlsx, identity, write_environment
from marianne_kit.results.import_command import main
from odfdo import Document

NB = "\u00a0"
STATUSES = f"«{NB}En place{NB}», «{NB}En cours{NB}», «{NB}À engager{NB}», «{NB}Non applicable{NB}»"
HEADER = [
    "Site",
    "Code site",
    "Année",
    "Édition",
    "ID",
    "Statut",
    "Responsable",
    "Échéance",
    "Commentaire / preuve",
]
SITE = ["Sous-préfecture d’Essai-sur-Mer", SLUG, "2026", "2026.2"]


def q(text: str) -> str:
    return f"«{NB}{text}{NB}»"


@pytest.fixture
def env(tmp_path: Path) -> dict[str, Path]:
    """An environment whose results already hold one good import, to show nothing moves."""
    env = write_environment(tmp_path / "repo")
    good = write_csv(tmp_path / "bon.csv", [["LEV-01-01", "En place"]])
    assert main(command_args(env, good), io.StringIO(), io.StringIO()) == 0
    return env


def snapshot(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def write_csv(
    path: Path, rows: list[list[str]], site: list[str] = SITE, header: list[str] = HEADER
) -> Path:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    for row in rows:
        writer.writerow(site + row)
    path.write_bytes(("\ufeff" + out.getvalue()).encode("utf-8"))
    return path


def refused(env: dict[str, Path], path: Path, *extra: str) -> list[str]:
    """The problem lines of a refused file, after checking nothing was written."""
    before = snapshot(env["results"])
    out, err = io.StringIO(), io.StringIO()
    started = time.perf_counter()
    code = main([*command_args(env, path), *extra], out, err)
    assert time.perf_counter() - started < 5
    assert (code, out.getvalue()) == (1, "")
    assert snapshot(env["results"]) == before
    lines = err.getvalue().splitlines()
    assert lines[-1] == f"{path}{NB}: refusé, {len(lines) - 1} problème(s), rien n’a été écrit"
    return lines[:-1]


def test_every_problem_of_a_csv_at_once(env: dict[str, Path], tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "erreurs.csv",
        [
            ["LEV-01-01", "En place"],
            ["LEV-01-09", "En place"],  # not in the referential
            ["LEV-03-01", "En cours"],  # engagement not the site's
            ["LEV-01-04", ""],  # channel not the site's
            ["LEV-02-03", ""],  # excluded by the profile
            ["LEV-01-01", "En cours"],  # same lever, another status
            ["LEV-01-02", "Peut-être"],
            ["LEV-02-01", "en place", "", "31/02/2026"],
            ["LEV 2-1", ""],
        ],
    )
    scope = (
        f"levier hors du périmètre du site {q(SLUG)} "
        "(engagements, canaux et exclusions de son profil)"
    )
    assert refused(env, path) == [
        f"{path}{NB}: ligne 3, colonne {q('ID')}{NB}: levier inconnu du référentiel{NB}: "
        + q("LEV-01-09"),
        f"{path}{NB}: ligne 4, colonne {q('ID')}{NB}: {scope}{NB}: {q('LEV-03-01')}",
        f"{path}{NB}: ligne 5, colonne {q('ID')}{NB}: {scope}{NB}: {q('LEV-01-04')}",
        f"{path}{NB}: ligne 6, colonne {q('ID')}{NB}: {scope}{NB}: {q('LEV-02-03')}",
        f"{path}{NB}: ligne 7, levier LEV-01-01, colonne {q('Statut')}{NB}: levier en double, "
        f"valeur différente de la ligne 2 ({q('En place')}){NB}: {q('En cours')}",
        f"{path}{NB}: ligne 8, levier LEV-01-02, colonne {q('Statut')}{NB}: statut inconnu{NB}: "
        f"{q('Peut-être')}{NB}; valeurs acceptées{NB}: {STATUSES}",
        f"{path}{NB}: ligne 9, levier LEV-02-01, colonne {q('Échéance')}{NB}: date invalide{NB}: "
        f"{q('31/02/2026')}{NB}; valeurs acceptées{NB}: {q('JJ/MM/AAAA')}, {q('AAAA-MM-JJ')}",
        f"{path}{NB}: ligne 10, colonne {q('ID')}{NB}: identifiant de levier invalide (attendu "
        f"comme {q('LEV-01-02')}){NB}: {q('LEV')}",
        f"{path}{NB}: ligne 10, colonne {q('ID')}{NB}: identifiant de levier invalide (attendu "
        f"comme {q('LEV-01-02')}){NB}: {q('2-1')}",
    ]


def test_wrong_site(env: dict[str, Path], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "site.csv", [["LEV-01-01", "En place"]])
    assert refused(env, path, "--site", "prefecture-voisine") == [
        f"{path}{NB}: ligne 2, colonne {q('Code site')}{NB}: site refusé{NB}: {q(SLUG)}{NB}; "
        f"valeurs acceptées{NB}: {q('prefecture-voisine')}"
    ]


def test_unknown_site_and_wrong_year_in_the_informations_sheet(
    env: dict[str, Path], tmp_path: Path
) -> None:
    fields = identity(slug="site-inconnu", year=2025)
    path = fill_ods(blank("ods"), tmp_path / "inconnu.ods", {}, fields=fields)
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Informations')}, ligne 3, colonne {q('Code du site')}{NB}: "
        f"site inconnu (aucun profil de ce nom dans les profils des sites){NB}: {q('site-inconnu')}"
    ]
    path = fill_xlsx(blank("xlsx"), tmp_path / "annee.xlsx", {}, fields=identity(year=2025))
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Informations')}, ligne 4, colonne {q('Année')}{NB}: année "
        f"refusée{NB}: {q('2025')}{NB}; valeurs acceptées{NB}: {q('2026')}"
    ]
    assert refused(env, path, "--year", "2027")[0].endswith(f"acceptées{NB}: {q('2027')}")


def test_site_name_must_be_the_profiles(env: dict[str, Path], tmp_path: Path) -> None:
    path = fill_xlsx(
        blank("xlsx"), tmp_path / "nom.xlsx", {}, fields=identity(name="Préfecture Voisine")
    )
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Informations')}, ligne 2, colonne {q('Site')}{NB}: nom du site "
        f"différent de celui du profil {q(SLUG)}{NB}: {q('Préfecture Voisine')}{NB}; valeurs "
        f"acceptées{NB}: {q('Sous-préfecture d’Essai-sur-Mer')}"
    ]


def test_unknown_status_in_a_spreadsheet_names_sheet_row_lever_and_column(
    env: dict[str, Path], tmp_path: Path
) -> None:
    path = fill_ods(
        blank("ods"),
        tmp_path / "statut.ods",
        {"LEV-01-02": {"Statut": "Fait"}, "LEV-01-03": {"Statut": "En place ?"}},
    )
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Leviers')}, ligne 3, levier LEV-01-02, "
        f"colonne {q('Statut')}{NB}: statut inconnu{NB}: {q('Fait')}{NB}; "
        f"valeurs acceptées{NB}: {STATUSES}",
        f"{path}{NB}: feuille {q('Leviers')}, ligne 4, levier LEV-01-03, LEV-02-02, colonne "
        f"{q('Statut')}{NB}: statut inconnu{NB}: {q('En place ?')}{NB}; valeurs acceptées{NB}: "
        f"{STATUSES}",
    ]


def test_file_without_the_informations_sheet(env: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "ancien.ods"
    path.write_bytes(blank("ods"))
    document = Document(str(path))  # a list from before the sheet existed, or a user's cut
    document.body.delete(document.body.get_table(name="Informations"))
    document.save(str(path))
    assert refused(env, path) == [
        f"{path}{NB}: feuille {q('Informations')} introuvable{NB}: la liste doit être générée par "
        "le kit (site, année et édition y figurent)",
    ]


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("vide.ods", b"", "fichier vide"),
        ("blancs.csv", b" \r\n\r\n", "fichier vide"),
        (
            "liste.pdf.ods",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
            f"document PDF, pas un tableur{NB}: importer le fichier ODS, XLSX ou CSV",
        ),
        (
            "image.xlsx",
            b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
            "fichier binaire, ni tableur ni CSV",
        ),
        (
            "vieux.xls",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500),
            f"ancien format Excel (XLS) non pris en charge{NB}: enregistrer le fichier au format "
            "ODS ou XLSX",
        ),
        (
            "abime.ods",
            b"PK\x03\x04\x14\x00\x00\x00 cut here",
            "archive ZIP illisible ou endommagée",
        ),
        (
            "notes.csv",
            "Réunion du 3 mars;présents\nrien à signaler\n".encode(),
            f"colonnes {q('ID')} et {q('Statut')} introuvables{NB}: ce fichier n’est pas une liste "
            "de contrôle du kit, ou leurs en-têtes ont été modifiés",
        ),
    ],
)
def test_not_a_checklist(
    env: dict[str, Path], tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    assert refused(env, path) == [f"{path}{NB}: {message}"]


def test_zip_that_is_no_spreadsheet(env: dict[str, Path], tmp_path: Path) -> None:
    path = tmp_path / "archive.xlsx"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("lisez-moi.txt", "bonjour")
    assert refused(env, path) == [
        f"{path}{NB}: archive ZIP qui n’est ni un tableur ODS ni un tableur XLSX"
    ]


def test_csv_with_a_header_and_no_lever_line(env: dict[str, Path], tmp_path: Path) -> None:
    path = write_csv(tmp_path / "entete.csv", [])
    assert refused(env, path) == [f"{path}{NB}: aucune ligne de levier (liste vide)"]
