"""What each page's rendering read of the needs, and whether that changed since.

A page that shows needs defined elsewhere (cards, commitment tabs, catalogue,
matrices, lists) must be written again when, and only when, something it shows
changed. Guessing that from the page's directives would have to be kept in step
with every renderer; instead every read goes through :class:`RecordingNeeds`,
which notes the (need ID, field) pairs a page's transforms read and whether they
went through the whole collection (a filter, a count: a need added or removed
may change the page). The next build compares those fields' values, not the
whole project's.

The values compared are the needs as read, before sphinx-needs resolves them
at ``write-started`` (back links, constraints): :func:`unresolved_needs` takes
them when reading ends, and :func:`reads_digest` derives a back link from the
forward links of the other needs, the way sphinx-needs fills it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

#: The field noted when a page asks whether a need exists.
PRESENCE: Final = ""
#: The field noted when a page reads every field of a need (a copy, a JSON dump).
EVERY_FIELD: Final = "*"
_BACK: Final = "_back"
#: Fields sphinx-needs computes from the need itself when it resolves them.
_FROM_WHOLE_NEED: Final = frozenset({"constraints_results", "constraints_passed"})

#: Need ID -> its fields, as read (before sphinx-needs resolves them).
Needs = Mapping[str, Any]


@dataclass
class PageReads:
    """The reads of one page's rendering."""

    fields: set[tuple[str, str]] = field(default_factory=set)
    #: Whether the page went through the whole collection of needs.
    listed: bool = False


class RecordingNeed(dict[str, Any]):
    """A plain copy of one need (plain functions take dicts) that notes each field read.

    Made for every need a page goes through (a commitment page goes through all of
    them to find its levers) and read 170,000 times in a build: slots, and the
    dict's own methods called directly rather than through ``super()``, halve it.
    """

    __slots__ = ("_id", "_reads")

    def __init__(self, need: Mapping[str, Any], reads: PageReads) -> None:
        dict.__init__(self, need)
        self._id = str(need.get("id", ""))
        self._reads = reads

    def _note(self, name: str) -> None:
        self._reads.fields.add((self._id, name))

    def __getitem__(self, name: str) -> Any:
        self._reads.fields.add((self._id, name))  # inline: the most frequent call of a build
        return dict.__getitem__(self, name)

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        self._reads.fields.add((self._id, name))
        return dict.get(self, name, default)

    def __contains__(self, name: object) -> bool:
        self._note(str(name))
        return super().__contains__(name)

    def _note_all(self) -> None:
        self._note(EVERY_FIELD)

    def __iter__(self) -> Iterator[str]:
        self._note_all()
        return super().__iter__()

    def keys(self) -> Any:
        self._note_all()
        return super().keys()

    def values(self) -> Any:
        self._note_all()
        return super().values()

    def items(self) -> Any:
        self._note_all()
        return super().items()

    def copy(self) -> dict[str, Any]:
        self._note_all()
        return dict(super().items())

    def __or__(self, other: Any) -> RecordingNeed:  # type: ignore[override]
        """A copy with more fields that goes on noting reads (``dict(need) | …`` notes all)."""
        return RecordingNeed(dict(super().items()) | dict(other), self._reads)

    def __reduce__(self) -> Any:
        """Sent to a worker process as the plain dict it stands for."""
        self._note_all()
        return (dict, (dict(super().items()),))


class RecordingNeeds(Mapping[str, RecordingNeed]):
    """Need ID -> need, over the resolved needs, noting what one page reads."""

    def __init__(self, needs: Needs, reads: PageReads) -> None:
        self._needs = needs
        self._copies: dict[str, RecordingNeed] = {}
        self.reads = reads

    def __getitem__(self, need_id: str) -> RecordingNeed:
        self.reads.fields.add((need_id, PRESENCE))
        copy = self._copies.get(need_id)
        if copy is None:
            copy = self._copies[need_id] = RecordingNeed(self._needs[need_id], self.reads)
        return copy

    def __contains__(self, need_id: object) -> bool:
        self.reads.fields.add((str(need_id), PRESENCE))
        return need_id in self._needs

    def __iter__(self) -> Iterator[str]:
        self.reads.listed = True
        return iter(self._needs)

    def __len__(self) -> int:
        self.reads.listed = True
        return len(self._needs)


def unresolved_needs(needs: Needs) -> dict[str, dict[str, Any]]:
    """A copy of the needs as read, to compare with the next build's."""
    return {need_id: dict(need) for need_id, need in needs.items()}


def _back_links(needs: Needs) -> dict[tuple[str, str], list[str]]:
    """(target, link field + ``_back``) -> the IDs of the needs linking to it, sorted."""
    back: dict[tuple[str, str], list[str]] = {}
    for need_id in sorted(needs):
        need = needs[need_id]
        for name, value in need.items():
            if f"{name}{_BACK}" in need and isinstance(value, list | tuple):
                for target in value:
                    back.setdefault((str(target), f"{name}{_BACK}"), []).append(need_id)
    return back


def _plain(value: Any) -> Any:
    """JSON for a field's value: sets sorted, anything else by its repr."""
    if isinstance(value, set | frozenset):
        return sorted(map(repr, value))
    return repr(value)


def _value(need_id: str, name: str, needs: Needs, back: dict[tuple[str, str], list[str]]) -> Any:
    need = needs.get(need_id)
    if name == PRESENCE or need is None:
        return need is not None
    if name.endswith(_BACK) and name.removesuffix(_BACK) in need:
        return back.get((need_id, name), [])
    if name == EVERY_FIELD or name in _FROM_WHOLE_NEED:
        back_fields = {key: back.get((need_id, key), []) for key in need if key.endswith(_BACK)}
        return [need, back_fields]
    return need.get(name)


@dataclass(frozen=True)
class ReadsDigester:
    """Digests of pages' reads over one build's needs (back links derived once)."""

    needs: Needs
    back: dict[tuple[str, str], list[str]]

    @classmethod
    def of(cls, needs: Needs) -> ReadsDigester:
        """Over a copy: sphinx-needs resolves the needs in place when writing starts."""
        copy = unresolved_needs(needs)
        return cls(copy, _back_links(copy))

    def digest(self, fields: list[tuple[str, str]], listed: bool) -> str:
        """What the page showed, in one hash: the fields' values, and every ID if it listed."""
        values = [_value(need_id, name, self.needs, self.back) for need_id, name in fields]
        shown: list[Any] = [sorted(self.needs) if listed else None, values]
        text = json.dumps(shown, sort_keys=True, ensure_ascii=False, default=_plain)
        return hashlib.sha256(text.encode()).hexdigest()


def _fields(read: dict[str, list[str]]) -> list[tuple[str, str]]:
    return [(need_id, name) for need_id in sorted(read) for name in read[need_id]]


def record_of(reads: PageReads, digester: ReadsDigester) -> dict[str, Any]:
    """What is kept of a written page: need ID -> the fields it read (every field is one),
    whether it listed the needs, and the digest of those values."""
    read: dict[str, list[str]] = {}
    for need_id, name in sorted(reads.fields):
        read.setdefault(need_id, []).append(name)
    for need_id, names in read.items():
        if EVERY_FIELD in names:
            read[need_id] = [name for name in names if name in (PRESENCE, EVERY_FIELD)]
    return {
        "read": read,
        "listed": reads.listed,
        "digest": digester.digest(_fields(read), reads.listed),
    }


def is_current(record: Any, digester: ReadsDigester) -> bool:
    """Whether a page's record says it shows the same as these needs would give."""
    if not isinstance(record, dict):
        return False
    read, listed = record.get("read"), record.get("listed")
    if not isinstance(read, dict) or not isinstance(listed, bool):
        return False
    return record.get("digest") == digester.digest(_fields(read), listed)
