"""Snapshots of the levers per edition, and the check that nothing changed silently.

Each published edition's levers are kept in the repository
(``docs/editions/<edition>/levers.json``: ID, engagement, channel, category,
text). The build compares the current levers with the latest snapshot older
than or equal to the current edition; every difference (a lever added,
removed, or with another text, channel, category or engagement) must be
listed as a change of an edition after the snapshot's, up to the current
one. Otherwise a referent's results, keyed by lever ID, would silently mean
something else from one year to the next.

Write a snapshot from a build (``nox -s snapshot`` runs exactly this)::

    python -m marianne_kit.editions build/html/needs.json docs/editions/2026.1/levers.json

Plain functions and a command line: no Sphinx here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from ..atomic import write_atomically
from .changelog import Edition, edition_key
from .edition import EDITION_PATTERN

#: The fields kept per lever, in file order; ``text`` is the lever's title.
FIELDS: Final = ("id", "commitment", "channel", "category", "text")
#: Field -> the change kind that must list a difference in it.
FIELD_KINDS: Final = {
    "text": "text",
    "channel": "channel",
    "category": "category",
    "commitment": "commitment",
}
SNAPSHOT_NAME: Final = "levers.json"

LeverRecord = dict[str, str]


@dataclass(frozen=True)
class SilentChange:
    """One difference from the snapshot that no changelog entry lists."""

    lever_id: str
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.lever_id}: field '{self.field}': {self.message}"


def lever_records(needs: Iterable[Mapping[str, Any]]) -> list[LeverRecord]:
    """The snapshot's records of the lever needs, in ID order."""
    records = [
        {
            "id": need["id"],
            "commitment": ", ".join(need.get("commitment") or ()),
            "channel": need.get("channel") or "",
            "category": need.get("category") or "",
            "text": need["title"],
        }
        for need in needs
        if need.get("type") == "lever"
    ]
    return sorted(records, key=lambda record: record["id"])


def snapshot_bytes(records: Sequence[LeverRecord]) -> bytes:
    """One record per line, so a diff of two snapshots reads lever by lever."""
    lines = ",\n".join(
        json.dumps({field: record[field] for field in FIELDS}, ensure_ascii=False)
        for record in records
    )
    return f"[\n{lines}\n]\n".encode()


def read_snapshot(path: Path) -> dict[str, LeverRecord]:
    """The records of a snapshot file, by lever ID."""
    records = json.loads(path.read_text(encoding="utf-8"))
    return {record["id"]: {field: record[field] for field in FIELDS} for record in records}


def latest_snapshot(folder: Path, edition: str) -> tuple[str, Path] | None:
    """The newest ``<folder>/<number>/levers.json`` whose number is at most ``edition``."""
    if not folder.is_dir():
        return None
    found = [
        (edition_key(child.name), child.name, child / SNAPSHOT_NAME)
        for child in folder.iterdir()
        if EDITION_PATTERN.fullmatch(child.name) and (child / SNAPSHOT_NAME).is_file()
    ]
    eligible = [entry for entry in found if entry[0] <= edition_key(edition)]
    if not eligible:
        return None
    _, number, path = max(eligible)
    return number, path


def listed_changes(editions: Iterable[Edition], since: str, until: str) -> set[tuple[str, str]]:
    """(lever ID, kind) of every change of the editions after ``since`` up to ``until``,
    and always of ``until`` itself: the current edition's changes are the ones an editor
    adds, even before the previous snapshot is replaced by the current one's."""
    low, high = edition_key(since), edition_key(until)
    return {
        (change.lever_id, change.kind)
        for edition in editions
        if low < edition_key(edition.number) <= high or edition_key(edition.number) == high
        for change in edition.changes
    }


def silent_changes(
    snapshot: Mapping[str, LeverRecord],
    current: Sequence[LeverRecord],
    editions: Iterable[Edition],
    since: str,
    until: str,
) -> list[SilentChange]:
    """Every difference between ``snapshot`` (edition ``since``) and ``current`` that no
    change of the editions after ``since`` up to ``until`` lists, in ID order."""
    listed = listed_changes(editions, since, until)
    found: list[SilentChange] = []
    now = {record["id"]: record for record in current}
    for lever_id in sorted(set(snapshot) | set(now)):
        before, after = snapshot.get(lever_id), now.get(lever_id)
        if before is None:
            if (lever_id, "added") not in listed:
                found.append(SilentChange(lever_id, "id", f"added since edition {since}"))
            continue
        if after is None:
            if (lever_id, "retired") not in listed:
                found.append(SilentChange(lever_id, "id", f"removed since edition {since}"))
            continue
        for field, kind in FIELD_KINDS.items():
            if before[field] != after[field] and (lever_id, kind) not in listed:
                found.append(
                    SilentChange(
                        lever_id,
                        field,
                        f"changed since edition {since} ({before[field]!r} → {after[field]!r})",
                    )
                )
    return found


def main(argv: Sequence[str] | None = None) -> int:
    """Write the snapshot of a build's ``needs.json``."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("needs_json", type=Path, help="build/html/needs.json of the edition")
    parser.add_argument("output", type=Path, help="docs/editions/<edition>/levers.json")
    args = parser.parse_args(argv)
    data = json.loads(args.needs_json.read_text(encoding="utf-8"))
    needs = data["versions"][data["current_version"]]["needs"].values()
    records = lever_records(needs)
    write_atomically(args.output, snapshot_bytes(records))
    print(f"{args.output}: {len(records)} levers", file=sys.stderr)
    return 0
