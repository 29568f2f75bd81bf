"""Checking a filled checklist against its site, its year and the referential.

Plain logic: the command hands in the site profiles, the levers of the
referential (from ``needs.json``) and the map of retired lever IDs, and gets
back either the site's results or every problem of the file. Nothing is
decided by position: lever lines are known by their IDs, statuses by their
words, matched without regard to case, accents or surrounding spaces.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..checklists.profiles import SiteProfile
from ..checklists.scope import levers_in_scope
from .checklist_tables import FilledChecklist, Found, TableLine, normal
from .import_problems import ImportProblem, quoted
from .model import STATUSES, VERDICTS, CommitmentResult, LeverResult, SiteResults

LEVER_ID: Final = re.compile(r"^LEV-[0-9]{2}-[0-9]{2}$")
COMMITMENT_ID: Final = re.compile(r"^ENG-[0-9]{2}$")
EDITION: Final = re.compile(r"^[0-9]{4}\.[1-9][0-9]*$")
REVIEWED_CHOICES: Final = ("Oui", "Non")
#: Longest text kept from one cell: a pasted document is refused, not truncated.
MAX_TEXT: Final = 5000
_DATE_FR: Final = re.compile(r"^([0-9]{1,2})[/.-]([0-9]{1,2})[/.-]([0-9]{4})$")
_SPLIT_IDS: Final = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Target:
    """What the import expects: every known site, the referential and the retired IDs."""

    profiles: Mapping[str, SiteProfile]
    #: The referential's needs (``needs.json`` values); only levers are used.
    needs: Sequence[Mapping[str, Any]]
    #: Retired lever ID -> the IDs that replace it (empty: no successor).
    retired: Mapping[str, Sequence[str]] = field(default_factory=dict)
    #: ``--site``: the only site accepted (None: the site the file names).
    site: str | None = None
    #: ``--year``: the only year accepted (None: the year of the site's profile).
    year: int | None = None


@dataclass(frozen=True)
class Source:
    """The imported file: its name for messages, its name and digest for the results."""

    display: str
    name: str
    sha256: str
    imported: datetime.date


def _choice(value: str, choices: Sequence[str]) -> str | None:
    """The choice ``value`` means, whatever its case, accents and spaces; None if none."""
    value = value.strip()
    if value in choices:  # as the dropdown wrote it: the usual case, no normalising
        return value
    wanted = normal(value)
    return next((choice for choice in choices if normal(choice) == wanted), None)


class _Check:
    def __init__(self, source: Source) -> None:
        self.file = source.display
        self.problems: list[ImportProblem] = []

    def at(self, found: Found | TableLine, message: str, **extra: Any) -> None:
        extra.setdefault("column", found.column if isinstance(found, Found) else "")
        self.problems.append(ImportProblem(self.file, message, found.sheet, found.row, **extra))

    def file_level(self, message: str, **extra: Any) -> None:
        self.problems.append(ImportProblem(self.file, message, **extra))


def _identity(check: _Check, filled: FilledChecklist, key: str, label: str) -> Found | None:
    """The one value of an identification field; each disagreeing occurrence is a problem."""
    values = filled.identity.get(key, [])
    if not values:
        if not filled.identity_unreadable:  # already said: no « Informations » sheet
            check.file_level(f"champ {quoted(label)} absent ou vide")
        return None
    first = values[0]
    for other in values[1:]:
        if other.cell.text != first.cell.text and normal(other.cell.text) != normal(
            first.cell.text
        ):
            check.at(other, f"{label} différent de la première ligne ({quoted(first.cell.text)})"
                     "\u00a0:", value=other.cell.text)  # fmt: skip
    return first


def _site(check: _Check, filled: FilledChecklist, target: Target) -> SiteProfile | None:
    code = _identity(check, filled, "code", "Code du site")
    name = _identity(check, filled, "name", "Site")
    if code is None:
        return None
    slug = code.cell.text.strip()
    if target.site is not None and slug != target.site:
        check.at(code, "site refusé\u00a0:", value=slug, accepted=(target.site,))
        return None
    profile = target.profiles.get(slug)
    if profile is None:
        check.at(code, "site inconnu (aucun profil de ce nom dans les profils des sites)\u00a0:",
                 value=slug)  # fmt: skip
        return None
    if name is not None and normal(name.cell.text) != normal(profile.name):
        check.at(name, f"nom du site différent de celui du profil {quoted(slug)}\u00a0:",
                 value=name.cell.text, accepted=(profile.name,))  # fmt: skip
    return profile


def _year(check: _Check, filled: FilledChecklist, profile: SiteProfile, target: Target) -> int:
    found = _identity(check, filled, "year", "Année")
    expected = target.year if target.year is not None else profile.year
    if found is None:
        return expected
    cell = found.cell
    text = cell.text.strip()
    year = int(cell.number) if cell.number is not None and cell.number.is_integer() else None
    if year is None and re.fullmatch(r"[0-9]{4}", text):
        year = int(text)
    if year != expected:
        check.at(found, "année refusée\u00a0:", value=text, accepted=(str(expected),))
    return expected


def _edition(check: _Check, filled: FilledChecklist) -> str:
    found = _identity(check, filled, "edition", "Édition du référentiel")
    if found is None:
        return ""
    edition = found.cell.text.strip()
    if not EDITION.match(edition):
        check.at(found, "numéro d’édition invalide (attendu comme «\u00a02026.2\u00a0»)\u00a0:",
                 value=edition)  # fmt: skip
    return edition


def _text(check: _Check, line: TableLine, key: str, lever: str) -> str:
    found = line.cells.get(key)
    if found is None:
        return ""
    value = found.cell.text.strip()
    if len(value) > MAX_TEXT:
        check.at(found, f"texte trop long ({len(value)} caractères, limite {MAX_TEXT})",
                 lever=lever)  # fmt: skip
        return ""
    return value


def _due(check: _Check, line: TableLine, lever: str) -> datetime.date | None:
    found = line.cells.get("due")
    if found is None:
        return None
    if found.cell.date is not None:
        return found.cell.date
    text = found.cell.text.strip()
    match = _DATE_FR.match(text)
    try:
        if match:
            day, month, year = (int(part) for part in match.groups())
            return datetime.date(year, month, day)
        return datetime.date.fromisoformat(text)
    except ValueError:
        check.at(found, "date invalide\u00a0:", lever=lever, value=text,
                 accepted=("JJ/MM/AAAA", "AAAA-MM-JJ"))  # fmt: skip
        return None


def _status(check: _Check, line: TableLine, key: str, lever: str) -> str:
    found = line.cells.get(key)
    if found is None or not found.cell.text.strip():
        return ""
    status = _choice(found.cell.text, STATUSES)
    if status is None:
        check.at(found, "statut inconnu\u00a0:", lever=lever, value=found.cell.text,
                 accepted=STATUSES)  # fmt: skip
        return ""
    return status


def _reviewed(check: _Check, line: TableLine, lever: str, status: str, columns: bool) -> bool:
    """False only for a status carried over from last year and not marked « Revu : Oui ».

    ``columns``: whether the file has the pre-fill columns (« Revu »); without
    them every status was given this year.
    """
    found = line.cells.get("reviewed")
    answer = ""
    if found is not None and found.cell.text.strip():
        answer = _choice(found.cell.text, REVIEWED_CHOICES) or ""
        if not answer:
            check.at(found, "réponse inconnue\u00a0:", lever=lever, value=found.cell.text,
                     accepted=REVIEWED_CHOICES)  # fmt: skip
            return True
    if not columns or answer == "Oui" or not status:
        return True
    previous = line.cells.get("previous")
    return previous is None or _choice(previous.cell.text, STATUSES) != status


def _lever_ids(check: _Check, line: TableLine, scope: set[str], known: set[str],
               target: Target, site: str) -> list[str]:  # fmt: skip
    """The line's lever IDs in the current referential (retired ones replaced)."""
    found = line.cells.get("id")
    if found is None:
        check.at(line, "identifiant de levier absent (colonne «\u00a0ID\u00a0» vide)")
        return []
    ids: list[str] = []
    for raw in _SPLIT_IDS.split(found.cell.text.strip()):
        if not raw:
            continue
        lever = raw.upper()
        if not LEVER_ID.match(lever):
            check.at(found, "identifiant de levier invalide (attendu comme «\u00a0LEV-01-02\u00a0»)"
                     "\u00a0:", value=raw)  # fmt: skip
        elif lever not in known and lever in target.retired:
            ids += [s for s in target.retired[lever] if s in scope and s not in ids]
        elif lever not in known:
            check.at(found, "levier inconnu du référentiel\u00a0:", value=lever)
        elif lever not in scope:
            check.at(found, f"levier hors du périmètre du site {quoted(site)} (engagements, "
                     "canaux et exclusions de son profil)\u00a0:", value=lever)  # fmt: skip
        elif lever not in ids:
            ids.append(lever)
    return ids


_FIELDS: Final = (("status", "Statut"), ("owner", "Responsable"), ("due", "Échéance"),
                  ("comment", "Commentaire / preuve"))  # fmt: skip


def _merge(check: _Check, lever: str, result: LeverResult, line: TableLine,
           seen: dict[str, tuple[LeverResult, TableLine]]) -> None:  # fmt: skip
    if lever not in seen:
        seen[lever] = (result, line)
        return
    first, first_line = seen[lever]
    for name, header in _FIELDS:
        mine, theirs = getattr(result, name), getattr(first, name)
        if mine and theirs and mine != theirs:
            check.at(line, f"levier en double, valeur différente de la ligne {first_line.row}"
                     f" ({quoted(str(theirs))})\u00a0:", lever=lever, column=header,
                     value=str(mine))  # fmt: skip
            return
    merged = {name: getattr(first, name) or getattr(result, name) for name, _ in _FIELDS}
    seen[lever] = (LeverResult(**merged, reviewed=first.reviewed and result.reviewed), first_line)


def _levers(check: _Check, filled: FilledChecklist, profile: SiteProfile,
            target: Target) -> dict[str, LeverResult]:  # fmt: skip
    levers = [need for need in target.needs if need.get("type") == "lever"]
    known = {str(need["id"]) for need in levers}
    scope = {str(need["id"]) for need in levers_in_scope(profile, levers)}
    seen: dict[str, tuple[LeverResult, TableLine]] = {}
    for line in filled.levers:
        ids = _lever_ids(check, line, scope, known, target, profile.slug)
        label = ", ".join(ids)
        status = _status(check, line, "status", label)
        result = LeverResult(
            status=status,
            owner=_text(check, line, "owner", label),
            due=_due(check, line, label),
            comment=_text(check, line, "comment", label),
            reviewed=_reviewed(check, line, label, status, "reviewed" in filled.headers),
        )
        for lever in ids:
            _merge(check, lever, result, line, seen)
    return {lever: result for lever, (result, _) in sorted(seen.items())}


def _commitments(check: _Check, filled: FilledChecklist,
                 profile: SiteProfile) -> dict[str, CommitmentResult]:  # fmt: skip
    results: dict[str, CommitmentResult] = {}
    for line in filled.commitments:
        commitment = line.text("commitment").upper()
        if not COMMITMENT_ID.match(commitment):
            continue  # the « Total » row, or a referent's own notes below the table
        if commitment not in profile.commitments:
            check.at(line.cells["commitment"], "engagement hors du périmètre du site\u00a0:",
                     value=commitment)  # fmt: skip
            continue
        verdict = ""
        found = line.cells.get("verdict")
        if found is not None and found.cell.text.strip():
            verdict = _choice(found.cell.text, VERDICTS) or ""
            if not verdict:
                check.at(found, "réponse inconnue\u00a0:", lever=commitment,
                         value=found.cell.text, accepted=VERDICTS)  # fmt: skip
        indicator = _text(check, line, "indicator", commitment)
        results[commitment] = CommitmentResult(verdict, indicator)
    return results


def check_checklist(
    filled: FilledChecklist, source: Source, target: Target
) -> tuple[SiteResults | None, list[ImportProblem]]:
    """The site's results, or None and every problem of the file (sorted)."""
    check = _Check(source)
    check.problems += filled.problems
    if not filled.levers:
        if not filled.problems:
            check.file_level("aucune ligne de levier (liste vide)")
        return None, sorted(check.problems, key=ImportProblem.sort_key)
    profile = _site(check, filled, target)
    edition = _edition(check, filled)
    if profile is None:
        return None, sorted(check.problems, key=ImportProblem.sort_key)
    year = _year(check, filled, profile, target)
    levers = _levers(check, filled, profile, target)
    commitments = _commitments(check, filled, profile)
    if check.problems:
        return None, sorted(check.problems, key=ImportProblem.sort_key)
    results = SiteResults(
        site=profile.slug, year=year, edition=edition, imported=source.imported,
        source_sha256=source.sha256, source_name=source.name, levers=levers,
        commitments=commitments,
    )  # fmt: skip
    return results, []
