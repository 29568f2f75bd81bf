"""``python -m marianne_kit import FILE...``: filled checklists into ``results/``.

The referential the lever IDs are checked against is the last build's
``build/html/needs.json`` (``--needs``): building takes a minute, reading it
takes milliseconds, and it is exactly what the checklists were generated from.
Run ``nox -s build`` first (``nox -s import`` does not build). Retired lever IDs
are read from ``docs/editions.toml`` (``--editions``), so a checklist of an
older edition still imports.

Each file is read, checked and written on its own: a file with any problem
writes nothing and its problems are printed, one French line each; the exit
status is 1 when any file was refused. Messages of the command itself follow
``--lang``; problems in a file are always in French, the referents' language.
"""

from __future__ import annotations

import argparse
import datetime
import hashlib
import json
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Final, TextIO

from ..atomic import write_atomically
from ..checklists.checklist_text import generation_date
from ..checklists.profile_files import read_profile_folder
from ..editions.changelog import parse_editions, retired_map
from .checklist_tables import read_tables
from .import_check import Source, Target, check_checklist
from .import_problems import ImportProblem
from .model import SiteResults
from .results_file import parse_results, results_text
from .spreadsheet_files import UnreadableFile, read_workbook
from .untrusted_zip import MAX_ARCHIVE_BYTES, megabytes

MESSAGES: Final = {
    "fr": {
        "description": "Importe des listes de contrôle remplies (ODS, XLSX ou CSV) "
        "dans results/<site>/<année>.toml.",
        "files": "fichiers remplis à importer",
        "results": "dossier des résultats (défaut : results)",
        "profiles": "dossier des profils des sites (défaut : checklists)",
        "needs": "référentiel construit (défaut : build/html/needs.json, écrit par nox -s build)",
        "editions": "journal des éditions, pour les leviers retirés (défaut : docs/editions.toml)",
        "site": "n’accepter que ce site (code du profil)",
        "year": "n’accepter que cette année (défaut : l’année du profil du site)",
        "lang": "langue des messages de la commande (défaut : fr)",
        "no_needs": "{path} : référentiel introuvable ; lancer d’abord « nox -s build »",
        "bad_needs": "{path} : fichier needs.json illisible ({error})",
        "bad_editions": "{path} : journal des éditions illisible ({error})",
        "progress": "[{index}/{total}] {file}",
        "refused": "{file} : refusé, {count} problème(s), rien n’a été écrit",
        "unchanged": "{file} : déjà importé (même fichier), {path} inchangé",
        "written": "{file} : importé dans {path} ({levers} leviers)",
        "replaced": "{file} : {path} remplacé ; {changed} statut(s) modifié(s), "
        "{new} levier(s) nouveau(x), {removed} levier(s) retiré(s)",
        "summary": "{ok} fichier(s) importé(s), {refused} refusé(s)",
        "usage": "usage : ",
        "positionals": "arguments",
        "optionals": "options",
        "help": "afficher cette aide et quitter",
    },
    "en": {
        "description": "Import filled checklists (ODS, XLSX or CSV) "
        "into results/<site>/<year>.toml.",
        "files": "filled files to import",
        "results": "results folder (default: results)",
        "profiles": "site profiles folder (default: checklists)",
        "needs": "built referential (default: build/html/needs.json, written by nox -s build)",
        "editions": "editions log, for retired levers (default: docs/editions.toml)",
        "site": "accept only this site (profile slug)",
        "year": "accept only this year (default: the year of the site's profile)",
        "lang": "language of the command's messages (default: fr)",
        "no_needs": "{path}: referential not found; run 'nox -s build' first",
        "bad_needs": "{path}: unreadable needs.json ({error})",
        "bad_editions": "{path}: unreadable editions log ({error})",
        "progress": "[{index}/{total}] {file}",
        "refused": "{file}: refused, {count} problem(s), nothing written",
        "unchanged": "{file}: already imported (same file), {path} unchanged",
        "written": "{file}: imported into {path} ({levers} levers)",
        "replaced": "{file}: {path} replaced; {changed} status(es) changed, "
        "{new} new lever(s), {removed} lever(s) removed",
        "summary": "{ok} file(s) imported, {refused} refused",
        "usage": "usage: ",
        "positionals": "arguments",
        "optionals": "options",
        "help": "show this help message and exit",
    },
}


def french_spacing(text: str) -> str:
    """Non-breaking spaces before « : ; » and inside guillemets."""
    for mark in (" :", " ;"):
        text = text.replace(mark, "\u00a0" + mark[1])
    return text.replace("« ", "«\u00a0").replace(" »", "\u00a0»")


def _language(argv: Sequence[str]) -> str:
    for index, arg in enumerate(argv):
        if arg == "--lang" and index + 1 < len(argv):
            return "en" if argv[index + 1] == "en" else "fr"
        if arg.startswith("--lang="):
            return "en" if arg.partition("=")[2] == "en" else "fr"
    return "fr"


def parser(lang: str) -> argparse.ArgumentParser:
    """The command line, its help in ``lang`` (argparse's own words translated too)."""
    text = {key: french_spacing(value) for key, value in MESSAGES[lang].items()}
    folder, path = ("DOSSIER", "FICHIER") if lang == "fr" else ("FOLDER", "FILE")

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage: Any, actions: Any, groups: Any, prefix: Any = None) -> None:
            super().add_usage(usage, actions, groups, text["usage"])

    out = argparse.ArgumentParser(
        prog="python -m marianne_kit import",
        description=text["description"],
        formatter_class=Formatter,
        add_help=False,
    )
    out._positionals.title = text["positionals"]
    out._optionals.title = text["optionals"]
    out.add_argument("-h", "--help", action="help", help=text["help"])
    out.add_argument("files", nargs="+", metavar="FICHIER" if lang == "fr" else "FILE",
                     help=text["files"])  # fmt: skip
    out.add_argument("--results", metavar=folder, default="results", help=text["results"])
    out.add_argument("--profiles", metavar=folder, default="checklists", help=text["profiles"])
    out.add_argument("--needs", metavar=path, default="build/html/needs.json", help=text["needs"])
    out.add_argument(
        "--editions", metavar=path, default="docs/editions.toml", help=text["editions"]
    )
    out.add_argument("--site", metavar="CODE", help=text["site"])
    out.add_argument(
        "--year", type=int, metavar="AAAA" if lang == "fr" else "YYYY", help=text["year"]
    )
    out.add_argument("--lang", choices=("fr", "en"), default="fr", help=text["lang"])
    return out


def read_needs(path: Path) -> list[Mapping[str, Any]]:
    """The needs of ``needs.json`` (sphinx-needs export, current version)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    version = data["versions"][data["current_version"]]
    return list(version["needs"].values())


def retired_ids(path: Path) -> dict[str, tuple[str, ...]]:
    """Retired lever ID -> successors, from every edition of ``docs/editions.toml``.

    A changelog the build would refuse is refused here too (``ValueError``
    naming its first problem): a half-read map would misfile old results.
    """
    if not path.is_file():
        return {}
    editions, problems = parse_editions(path.read_text(encoding="utf-8"), str(path))
    if problems:
        raise ValueError(str(min(problems, key=lambda problem: problem.sort_key())))
    return retired_map(editions)


def changes(old: SiteResults, new: SiteResults) -> tuple[int, int, int]:
    """(statuses changed, levers new, levers removed) between two results of one site and year."""
    changed = sum(
        1 for lever in new.levers.keys() & old.levers.keys()
        if new.levers[lever].status != old.levers[lever].status
    )  # fmt: skip
    return (
        changed,
        len(new.levers.keys() - old.levers.keys()),
        len(old.levers.keys() - new.levers.keys()),
    )


def import_file(
    path: Path, target: Target, imported: datetime.date
) -> tuple[SiteResults | None, list[str]]:
    """One file's results, or None and its problem lines (French)."""
    display = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_ARCHIVE_BYTES:
            limit = megabytes(MAX_ARCHIVE_BYTES)
            reason = f"fichier trop volumineux ({megabytes(size)}, limite {limit})"
            return None, [str(ImportProblem(display, reason))]
        data = path.read_bytes()
    except OSError as error:
        return None, [str(ImportProblem(display, f"fichier illisible ({error.strerror})"))]
    try:
        book = read_workbook(data)
    except UnreadableFile as error:
        return None, [str(ImportProblem(display, str(error)))]
    source = Source(display, path.name, hashlib.sha256(data).hexdigest(), imported)
    results, problems = check_checklist(read_tables(display, book), source, target)
    return results, [str(problem) for problem in problems]


def _store(
    results: SiteResults, root: Path, display: str, out: TextIO, text: dict[str, str]
) -> None:
    path = root / results.site / f"{results.year}.toml"
    previous = None
    if path.is_file():
        previous, _ = parse_results(
            path.read_text(encoding="utf-8"), str(path), results.site, results.year
        )
    if previous is not None and previous.source_sha256 == results.source_sha256:
        print(french_spacing(text["unchanged"].format(file=display, path=path)), file=out)
        return
    write_atomically(path, results_text(results).encode("utf-8"))
    if previous is None:
        message = text["written"].format(file=display, path=path, levers=len(results.levers))
    else:
        changed, new, removed = changes(previous, results)
        message = text["replaced"].format(
            file=display, path=path, changed=changed, new=new, removed=removed
        )
    print(french_spacing(message), file=out)


def main(
    argv: Sequence[str] | None = None, out: TextIO = sys.stdout, err: TextIO = sys.stderr
) -> int:
    """Run the command; 0 when every file was imported, 1 otherwise."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    lang = _language(args_list)
    text = MESSAGES[lang]
    args = parser(lang).parse_args(args_list)
    needs_path = Path(args.needs)
    if not needs_path.is_file():
        print(french_spacing(text["no_needs"].format(path=needs_path)), file=err)
        return 1
    try:
        needs = read_needs(needs_path)
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        print(french_spacing(text["bad_needs"].format(path=needs_path, error=error)), file=err)
        return 1
    try:
        retired = retired_ids(Path(args.editions))
    except (ValueError, KeyError, TypeError, AttributeError) as error:
        print(
            french_spacing(text["bad_editions"].format(path=args.editions, error=error)), file=err
        )
        return 1
    folder = read_profile_folder(Path(args.profiles))
    if folder.problems:
        for problem in folder.problems:
            print(problem, file=err)
        return 1
    profiles = {profile.slug: profile for profile in folder.profiles}
    target = Target(profiles, needs, retired, args.site, args.year)
    imported = generation_date()
    refused = 0
    for index, name in enumerate(args.files, start=1):
        if len(args.files) > 1:
            print(text["progress"].format(index=index, total=len(args.files), file=name), file=err)
        results, problems = import_file(Path(name), target, imported)
        if results is None:
            refused += 1
            for line in problems:
                print(line, file=err)
            print(french_spacing(text["refused"].format(file=name, count=len(problems))), file=err)
            continue
        _store(results, Path(args.results), name, out, text)
    if len(args.files) > 1:
        summary = text["summary"].format(ok=len(args.files) - refused, refused=refused)
        print(french_spacing(summary), file=out)
    return 1 if refused else 0
