"""The changelog data, ``docs/editions.toml``: what each edition changed, lever by lever.

One file, newest edition first::

    [[edition]]
    number = "2026.2"
    date = "2026-12-02"
    summary = "Relecture du texte contre la source …"
    [[edition.change]]
    id = "LEV-13-11"
    kind = "retired"           # added, text, channel, category, commitment, retired
    successors = ["LEV-13-10"] # only for "retired"; [] means « sans successeur »
    reason = "…"

It feeds the « Historique des éditions » page, the no-silent-change check
(:mod:`.snapshot`) and the results import, which reads results filed under a
retired ID through :func:`retired_map`. Editors write it by hand, so every
mistake is reported (all of them, each with ``file:line`` and the key), never
the first one only. Plain functions: no Sphinx here.
"""

from __future__ import annotations

import datetime
import re
import tomllib
from collections.abc import Iterable, Sequence, Set
from dataclasses import dataclass
from typing import Any, Final

from ..kit.model import LEVER_ID_PATTERN
from ..problems import Problem
from .edition import EDITION_PATTERN

#: Change kind -> French label on the history page, in the order the page lists them.
KINDS: Final[dict[str, str]] = {
    "added": "Levier ajouté",
    "text": "Texte modifié",
    "channel": "Canal modifié",
    "category": "Catégorie modifiée",
    "commitment": "Engagement modifié",
    "retired": "Levier retiré",
}
_LEVER_ID: Final = re.compile(f"^{LEVER_ID_PATTERN}$")
_EDITION_KEYS: Final = frozenset({"number", "date", "summary", "change"})
_CHANGE_KEYS: Final = frozenset({"id", "kind", "successors", "reason"})


@dataclass(frozen=True)
class Change:
    """One lever's change in one edition."""

    lever_id: str
    kind: str
    reason: str
    #: For ``retired`` only: the IDs that replace it; empty means « sans successeur ».
    successors: tuple[str, ...] = ()
    #: The line of the ``[[edition.change]]`` header.
    line: int | None = None
    #: The lines of its ``id`` and ``successors`` keys, for messages about them.
    id_line: int | None = None
    successors_line: int | None = None


@dataclass(frozen=True)
class Edition:
    """One published edition and the changes it made to the previous one."""

    number: str
    date: datetime.date
    summary: str
    changes: tuple[Change, ...] = ()
    line: int | None = None


def edition_key(number: str) -> tuple[int, int]:
    """``2026.10`` sorts after ``2026.9``."""
    year, _, rank = number.partition(".")
    return int(year), int(rank)


class _Lines:
    """Line numbers of the tables and keys of the file, which ``tomllib`` does not keep.

    The file is a list of ``[[edition]]`` tables, each followed by its
    ``[[edition.change]]`` tables; a key's line is the first line after its
    table's header that assigns it.
    """

    _HEADER = re.compile(r"^\s*\[\[\s*(edition|edition\.change)\s*\]\]")

    def __init__(self, text: str) -> None:
        self.lines = text.splitlines()
        self.editions: list[int] = []
        self.changes: list[list[int]] = []
        for number, line in enumerate(self.lines, start=1):
            match = self._HEADER.match(line)
            if match and match[1] == "edition":
                self.editions.append(number)
                self.changes.append([])
            elif match and self.changes:
                self.changes[-1].append(number)

    def table(self, edition: int, change: int | None = None) -> int | None:
        try:
            return self.editions[edition] if change is None else self.changes[edition][change]
        except IndexError:
            return None

    def key(self, table_line: int | None, key: str) -> int | None:
        if table_line is None:
            return None
        pattern = re.compile(rf"^\s*{re.escape(key)}\s*=")
        for number in range(table_line, len(self.lines)):
            line = self.lines[number]
            if self._HEADER.match(line):
                break
            if pattern.match(line):
                return number + 1
        return table_line


class _Reader:
    """Reads the editions, noting every problem instead of stopping at the first."""

    def __init__(self, text: str, source: str) -> None:
        self.lines = _Lines(text)
        self.source = source
        self.problems: list[Problem] = []

    def problem(self, line: int | None, key: str | None, message: str) -> None:
        self.problems.append(Problem(self.source, line, key, message))

    def text(self, table: dict[str, Any], key: str, line: int | None, required: bool) -> str:
        value = table.get(key, "")
        if key not in table and required:
            self.problem(line, key, "missing")
        elif not isinstance(value, str):
            self.problem(self.lines.key(line, key), key, f"expected text, found {value!r}")
            return ""
        return value

    def unknown_keys(self, table: dict[str, Any], known: Set[str], line: int | None) -> None:
        for key in sorted(set(table) - known):
            self.problem(self.lines.key(line, key), key, "unknown key")

    def change(self, index: int, position: int, table: Any) -> Change | None:
        line = self.lines.table(index, position)
        if not isinstance(table, dict):
            self.problem(line, "change", "expected a [[edition.change]] table")
            return None
        self.unknown_keys(table, _CHANGE_KEYS, line)
        lever_id = self.text(table, "id", line, required=True)
        if lever_id and not _LEVER_ID.match(lever_id):
            self.problem(self.lines.key(line, "id"), "id", f"'{lever_id}' is not a lever ID")
        kind = self.text(table, "kind", line, required=True)
        if kind and kind not in KINDS:
            self.problem(
                self.lines.key(line, "kind"),
                "kind",
                f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})",
            )
        reason = self.text(table, "reason", line, required=True)
        successors = self.successors(table, kind, lever_id, line)
        return Change(
            lever_id,
            kind,
            reason,
            successors,
            line,
            self.lines.key(line, "id"),
            self.lines.key(line, "successors"),
        )

    def successors(
        self, table: dict[str, Any], kind: str, lever_id: str, line: int | None
    ) -> tuple[str, ...]:
        where = self.lines.key(line, "successors")
        if kind != "retired":
            if "successors" in table:
                self.problem(where, "successors", f"only a retired lever has successors ({kind})")
            return ()
        if "successors" not in table:
            self.problem(
                line,
                "successors",
                f"missing for retired lever {lever_id} (write [] when it has none)",
            )
            return ()
        value = table["successors"]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(where, "successors", f"expected a list of lever IDs, found {value!r}")
            return ()
        for successor in value:
            if not _LEVER_ID.match(successor):
                self.problem(where, "successors", f"'{successor}' is not a lever ID")
        if lever_id in value:
            self.problem(where, "successors", f"{lever_id} cannot succeed itself")
        return tuple(value)

    def edition(self, index: int, table: Any) -> Edition | None:
        line = self.lines.table(index)
        if not isinstance(table, dict):
            self.problem(line, "edition", "expected an [[edition]] table")
            return None
        self.unknown_keys(table, _EDITION_KEYS, line)
        number = self.text(table, "number", line, required=True)
        if number and not EDITION_PATTERN.fullmatch(number):
            self.problem(
                self.lines.key(line, "number"),
                "number",
                f"'{number}' is not an edition number like '2026.2'",
            )
            number = ""
        day = self.date(table, line)
        summary = self.text(table, "summary", line, required=True)
        raw = table.get("change", [])
        if not isinstance(raw, list):
            self.problem(self.lines.key(line, "change"), "change", "expected [[edition.change]]")
            raw = []
        changes = [self.change(index, position, entry) for position, entry in enumerate(raw)]
        found = tuple(change for change in changes if change is not None)
        if not number or day is None:
            return None
        return Edition(number, day, summary, found, line)

    def date(self, table: dict[str, Any], line: int | None) -> datetime.date | None:
        value = table.get("date")
        if "date" not in table:
            self.problem(line, "date", "missing")
            return None
        try:
            if isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
                return value
            return datetime.date.fromisoformat(str(value))
        except ValueError:
            self.problem(self.lines.key(line, "date"), "date", f"'{value}' is not a date")
            return None


def parse_editions(text: str, source: str) -> tuple[tuple[Edition, ...], list[Problem]]:
    """The editions of ``text`` (newest first) and every problem of the file itself."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        line = re.search(r"line (\d+)", str(error))
        return (), [Problem(source, int(line[1]) if line else None, None, f"invalid TOML: {error}")]
    reader = _Reader(text, source)
    reader.unknown_keys(data, frozenset({"edition"}), None)
    raw = data.get("edition", [])
    if not isinstance(raw, list) or not raw:
        reader.problem(None, "edition", "expected at least one [[edition]] table")
        raw = []
    editions = [reader.edition(index, table) for index, table in enumerate(raw)]
    found = tuple(edition for edition in editions if edition is not None)
    reader.problems.extend(_order_problems(found, source))
    reader.problems.extend(_duplicate_problems(found, source))
    return found, reader.problems


def _order_problems(editions: Sequence[Edition], source: str) -> Iterable[Problem]:
    for newer, older in zip(editions, editions[1:], strict=False):
        if edition_key(newer.number) <= edition_key(older.number):
            yield Problem(
                source,
                older.line,
                "number",
                f"edition {older.number} listed after {newer.number}: list editions newest first, "
                "each once",
            )


def _duplicate_problems(editions: Sequence[Edition], source: str) -> Iterable[Problem]:
    for edition in editions:
        seen: dict[tuple[str, str], Change] = {}
        for change in edition.changes:
            key = (change.lever_id, change.kind)
            if key in seen:
                yield Problem(
                    source,
                    change.id_line,
                    "id",
                    f"{change.lever_id}: change '{change.kind}' listed twice in edition "
                    f"{edition.number}",
                )
            seen[key] = change


def retired_map(editions: Iterable[Edition]) -> dict[str, tuple[str, ...]]:
    """Every retired lever ID -> its successors (empty: none), across all editions.

    The results import reads a result filed under a retired ID as a result of
    its successors. Keys are in ID order, so the map prints the same every time.
    """
    retired = {
        change.lever_id: change.successors
        for edition in editions
        for change in edition.changes
        if change.kind == "retired"
    }
    return dict(sorted(retired.items()))


def consistency_problems(
    editions: Sequence[Edition], lever_ids: Set[str], source: str
) -> list[Problem]:
    """Problems between the changelog and the current levers.

    A retired ID must not be a lever again (IDs are never reused), and each
    successor must be a current lever or itself retired (its own successors
    then lead on).
    """
    retired = retired_map(editions)
    problems: list[Problem] = []
    for edition in editions:
        for change in edition.changes:
            if change.kind != "retired":
                continue
            if change.lever_id in lever_ids:
                problems.append(
                    Problem(
                        source,
                        change.id_line,
                        "id",
                        f"{change.lever_id} is retired in edition {edition.number} but is a "
                        "lever again: an ID is never reused",
                    )
                )
            for successor in change.successors:
                if successor not in lever_ids and successor not in retired:
                    problems.append(
                        Problem(
                            source,
                            change.successors_line,
                            "successors",
                            f"successor {successor} of {change.lever_id} does not exist",
                        )
                    )
    return problems
