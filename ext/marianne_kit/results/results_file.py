"""The results file format: ``results/<site>/<year>.toml``, one lever per line.

The format is TOML so it stays plain text, reviewable in a pull request and
diff-friendly: each lever and each commitment is one line (an inline table),
in ID order, and empty fields are left out. Example::

    # Résultats de l’autoévaluation : écrit par « nox -s import ».
    site = "prefecture-gironde"
    year = 2025
    edition = "2026.1"
    imported = 2025-03-14
    source_sha256 = "9f86d08…"
    source_name = "prefecture-gironde.ods"
    example = true

    [commitments]
    ENG-01 = { verdict = "Oui", indicator = "Horaires affichés, vérifié le 3 mars" }

    [levers]
    LEV-01-01 = { status = "En place", owner = "Accueil", due = 2025-06-30 }
    LEV-01-02 = { status = "À engager", reviewed = false }

``example = true`` marks demonstration data (omitted otherwise);
``reviewed = false`` marks a status carried over from the previous year and
sent back unconfirmed; it is omitted when true. No Sphinx here: the import
writes with :func:`results_text`, the build reads with :func:`parse_results`.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Mapping
from typing import Any, Final

from ..problems import Problem
from .model import STATUSES, VERDICTS, CommitmentResult, LeverResult, SiteResults

LEVER_ID: Final = re.compile(r"^LEV-[0-9]{2}-[0-9]{2}$")
COMMITMENT_ID: Final = re.compile(r"^ENG-[0-9]{2}$")
SHA256: Final = re.compile(r"^[0-9a-f]{64}$")
HEADER_COMMENT: Final = "# Résultats de l’autoévaluation : écrit par « nox -s import »."
_LEVER_FIELDS: Final = ("status", "owner", "due", "comment", "reviewed")
_COMMITMENT_FIELDS: Final = ("verdict", "indicator")
_TOP_FIELDS: Final = (
    "site", "year", "edition", "imported", "source_sha256", "source_name", "example",
    "commitments", "levers",
)  # fmt: skip


def toml_string(value: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in value:
        if char in '"\\':
            out.append("\\" + char)
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def _inline(pairs: list[tuple[str, str]]) -> str:
    return "{ " + ", ".join(f"{key} = {value}" for key, value in pairs) + " }" if pairs else "{}"


def _lever_line(lever_id: str, result: LeverResult) -> str:
    pairs: list[tuple[str, str]] = []
    if result.status:
        pairs.append(("status", toml_string(result.status)))
    if result.owner:
        pairs.append(("owner", toml_string(result.owner)))
    if result.due is not None:
        pairs.append(("due", result.due.isoformat()))
    if result.comment:
        pairs.append(("comment", toml_string(result.comment)))
    if not result.reviewed:
        pairs.append(("reviewed", "false"))
    return f"{lever_id} = {_inline(pairs)}"


def _commitment_line(commitment: str, result: CommitmentResult) -> str:
    pairs: list[tuple[str, str]] = []
    if result.verdict:
        pairs.append(("verdict", toml_string(result.verdict)))
    if result.indicator:
        pairs.append(("indicator", toml_string(result.indicator)))
    return f"{commitment} = {_inline(pairs)}"


def results_text(results: SiteResults) -> str:
    """The file's text: same results, same bytes (IDs sorted, fixed field order)."""
    lines = [
        HEADER_COMMENT,
        f"site = {toml_string(results.site)}",
        f"year = {results.year}",
        f"edition = {toml_string(results.edition)}",
        f"imported = {results.imported.isoformat()}",
        f"source_sha256 = {toml_string(results.source_sha256)}",
    ]
    if results.source_name:
        lines.append(f"source_name = {toml_string(results.source_name)}")
    if results.example:
        lines.append("example = true")
    lines += ["", "[commitments]"]
    commitments = results.commitments
    lines += [_commitment_line(key, commitments[key]) for key in sorted(commitments)]
    lines += ["", "[levers]"]
    lines += [_lever_line(key, results.levers[key]) for key in sorted(results.levers)]
    return "\n".join(lines) + "\n"


def _key_lines(text: str) -> dict[str, int]:
    """1-based line of each ``key =`` at the start of a line (TOML parsers give none)."""
    lines: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.match(r"\s*([A-Za-z0-9_-]+)\s*=", line)
        if match and match.group(1) not in lines:
            lines[match.group(1)] = number
    return lines


class _Checker:
    """Collects every problem of one file, each with its line and key."""

    def __init__(self, source: str, text: str) -> None:
        self.source = source
        self.lines = _key_lines(text)
        self.problems: list[Problem] = []

    def add(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.source, self.lines.get(key.split(".")[0]), key, message))

    def text(self, table: Mapping[str, Any], name: str, key: str) -> str:
        value = table.get(name, "")
        if not isinstance(value, str):
            self.add(key, f"'{name}' must be text, not {value!r}")
            return ""
        return value

    def choice(
        self, table: Mapping[str, Any], name: str, key: str, allowed: tuple[str, ...]
    ) -> str:
        value = self.text(table, name, key)
        if value and value not in allowed:
            accepted = ", ".join(f"« {choice} »" for choice in allowed)
            self.add(key, f"'{name}' is « {value} »; accepted values: {accepted}")
            return ""
        return value

    def unknown(self, table: Mapping[str, Any], allowed: tuple[str, ...], key: str) -> None:
        for name in sorted(set(table) - set(allowed)):
            self.add(key, f"unknown field '{name}' (known: {', '.join(allowed)})")


def _lever(check: _Checker, lever_id: str, table: object) -> LeverResult | None:
    if not LEVER_ID.match(lever_id):
        check.add(lever_id, "not a lever ID like LEV-01-02")
        return None
    if not isinstance(table, dict):
        check.add(lever_id, "must be an inline table { status = … }")
        return None
    check.unknown(table, _LEVER_FIELDS, lever_id)
    due = table.get("due")
    if due is not None and (
        not isinstance(due, datetime.date) or isinstance(due, datetime.datetime)
    ):
        check.add(lever_id, f"'due' must be a date like 2026-06-30, not {due!r}")
        due = None
    reviewed = table.get("reviewed", True)
    if not isinstance(reviewed, bool):
        check.add(lever_id, f"'reviewed' must be true or false, not {reviewed!r}")
        reviewed = True
    return LeverResult(
        status=check.choice(table, "status", lever_id, STATUSES),
        owner=check.text(table, "owner", lever_id),
        due=due,
        comment=check.text(table, "comment", lever_id),
        reviewed=reviewed,
    )


def _commitment(check: _Checker, commitment: str, table: object) -> CommitmentResult | None:
    if not COMMITMENT_ID.match(commitment):
        check.add(commitment, "not a commitment ID like ENG-01")
        return None
    if not isinstance(table, dict):
        check.add(commitment, "must be an inline table { verdict = … }")
        return None
    check.unknown(table, _COMMITMENT_FIELDS, commitment)
    return CommitmentResult(
        verdict=check.choice(table, "verdict", commitment, VERDICTS),
        indicator=check.text(table, "indicator", commitment),
    )


def _table(check: _Checker, data: Mapping[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if not isinstance(value, dict):
        check.add(name, "must be a table")
        return {}
    return value


def parse_results(
    text: str, source: str, site: str, year: int
) -> tuple[SiteResults | None, list[Problem]]:
    """Read one results file found at ``results/<site>/<year>.toml`` (``source`` names it).

    Returns the results, or ``None`` and every problem found (one per line and
    key), so a hand edit that breaks the file is reported in full.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        match = re.search(r"line (\d+)", str(error))
        line = int(match.group(1)) if match else None
        return None, [Problem(source, line, None, f"not valid TOML: {error}")]
    check = _Checker(source, text)
    check.unknown(data, _TOP_FIELDS, "(file)")
    if data.get("site") != site:
        check.add("site", f"is {data.get('site')!r} but the file is in the folder of '{site}'")
    if data.get("year") != year:
        check.add("year", f"is {data.get('year')!r} but the file is named {year}.toml")
    edition = data.get("edition")
    if not isinstance(edition, str) or not re.fullmatch(r"[0-9]{4}\.[1-9][0-9]*", edition):
        check.add("edition", f"{edition!r} is not an edition number like '2026.2'")
    imported = data.get("imported")
    if not isinstance(imported, datetime.date) or isinstance(imported, datetime.datetime):
        check.add("imported", f"must be a date like 2026-03-14, not {imported!r}")
    digest = data.get("source_sha256")
    if not isinstance(digest, str) or not SHA256.match(digest):
        check.add("source_sha256", "must be 64 lowercase hexadecimal digits")
    source_name = check.text(data, "source_name", "source_name")
    example = data.get("example", False)
    if not isinstance(example, bool):
        check.add("example", f"must be true or false, not {example!r}")
    commitments = {
        key: result
        for key, table in sorted(_table(check, data, "commitments").items())
        if (result := _commitment(check, key, table)) is not None
    }
    levers = {
        key: lever
        for key, table in sorted(_table(check, data, "levers").items())
        if (lever := _lever(check, key, table)) is not None
    }
    if check.problems:
        return None, sorted(check.problems, key=Problem.sort_key)
    assert isinstance(imported, datetime.date) and isinstance(digest, str)
    assert isinstance(edition, str)
    return (
        SiteResults(
            site, year, edition, imported, digest, source_name, example is True, levers, commitments
        ),
        [],
    )
