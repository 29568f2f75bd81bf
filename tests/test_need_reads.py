"""What a page read of the needs, and whether it changed since (``site/need_reads.py``).

Plain functions: the needs are literal dicts, shaped like sphinx-needs' (a link
field ``commitment`` and its back link ``commitment_back``, empty before sphinx-needs
resolves the needs).
"""

from __future__ import annotations

import copy
import json
import pickle
from typing import Any

from marianne_kit.site.need_reads import (
    PageReads,
    ReadsDigester,
    RecordingNeeds,
    is_current,
    record_of,
)


def _needs() -> dict[str, dict[str, Any]]:
    return {
        "ENG-01": {"id": "ENG-01", "type": "commitment", "title": "Accueil", "commitment": [],
                   "commitment_back": [], "lineno": 3},
        "LEV-01-01": {"id": "LEV-01-01", "type": "lever", "title": "Afficher les horaires",
                      "commitment": ["ENG-01"], "commitment_back": [], "channel": "physique",
                      "lineno": 7},
        "LEV-01-02": {"id": "LEV-01-02", "type": "lever", "title": "Répondre au téléphone",
                      "commitment": ["ENG-01"], "commitment_back": [],
                      "channel": "telephonique", "lineno": 12},
    }  # fmt: skip


def _record(read: Any, needs: dict[str, dict[str, Any]] | None = None) -> dict[str, Any]:
    """Let ``read`` read the needs as a page's transform would; return the page's record."""
    reads = PageReads()
    data = needs if needs is not None else _needs()
    read(RecordingNeeds(data, reads))
    return record_of(reads, ReadsDigester.of(data))


def _current(record: dict[str, Any], needs: dict[str, dict[str, Any]]) -> bool:
    # Through JSON, as the record is kept beside the doctrees.
    return is_current(json.loads(json.dumps(record)), ReadsDigester.of(needs))


def _title_of_lever_1(needs: RecordingNeeds) -> None:
    assert needs["LEV-01-01"]["title"] == "Afficher les horaires"


def test_the_fields_read_are_noted_per_need() -> None:
    record = _record(_title_of_lever_1)
    assert record["read"] == {"LEV-01-01": ["", "title"]}
    assert record["listed"] is False


def test_a_change_to_a_field_read_makes_the_page_stale() -> None:
    record = _record(_title_of_lever_1)
    needs = _needs()
    needs["LEV-01-01"]["title"] = "Afficher les horaires d’ouverture"
    assert not _current(record, needs)


def test_a_change_to_a_field_not_read_leaves_the_page_current() -> None:
    record = _record(_title_of_lever_1)
    needs = _needs()
    needs["LEV-01-01"]["lineno"] = 9
    needs["LEV-01-02"]["title"] = "Décrocher"
    assert _current(record, needs)


def _count_physical(needs: RecordingNeeds) -> None:
    assert sum(1 for need in needs.values() if need.get("channel") == "physique") == 1


def test_a_filter_over_every_need_depends_on_the_filtered_field_and_the_set() -> None:
    record = _record(_count_physical)
    assert record["listed"] is True
    retitled = _needs()
    retitled["LEV-01-02"]["title"] = "Décrocher"
    assert _current(record, retitled), "titles are not read by a count"
    moved = _needs()
    moved["LEV-01-02"]["channel"] = "physique"
    assert not _current(record, moved)
    added = _needs()
    added["LEV-01-03"] = dict(added["LEV-01-02"], id="LEV-01-03", channel="courrier")
    assert not _current(record, added), "a new need may fall under the filter"


def test_a_missing_need_asked_for_then_defined_makes_the_page_stale() -> None:
    record = _record(lambda needs: "LEV-01-09" in needs)
    assert _current(record, _needs())
    needs = _needs()
    needs["LEV-01-09"] = dict(needs["LEV-01-02"], id="LEV-01-09")
    assert not _current(record, needs)


def test_a_back_link_is_derived_from_the_other_needs_forward_links() -> None:
    """Before sphinx-needs resolves them, back links are empty: reading ENG-01's levers
    depends on every lever's ``commitment``."""
    record = _record(lambda needs: needs["ENG-01"]["commitment_back"])
    needs = _needs()
    needs["LEV-01-02"]["commitment"] = []
    assert not _current(record, needs)
    retitled = _needs()
    retitled["LEV-01-02"]["title"] = "Décrocher"
    assert _current(record, retitled)


def test_copies_for_plain_functions_keep_noting_reads() -> None:
    """``need | {...}`` (a copy with a field added) goes on noting; ``dict(need)`` reads
    every field; a JSON dump too."""
    record = _record(lambda needs: (needs["LEV-01-01"] | {"served": []})["channel"])
    assert record["read"] == {"LEV-01-01": ["", "channel"]}
    everything = _record(lambda needs: dict(needs["LEV-01-02"]))
    assert everything["read"] == {"LEV-01-02": ["", "*"]}
    needs = _needs()
    needs["LEV-01-02"]["lineno"] = 13
    assert not _current(everything, needs)
    dumped = _record(lambda needs: json.dumps(needs["LEV-01-01"]))
    assert dumped["read"] == {"LEV-01-01": ["", "*"]}


def test_a_recording_need_is_sent_to_a_worker_as_a_plain_dict() -> None:
    reads = PageReads()
    need = RecordingNeeds(_needs(), reads)["LEV-01-01"]
    sent = pickle.loads(pickle.dumps(need))
    assert type(sent) is dict
    assert sent == _needs()["LEV-01-01"]
    assert ("LEV-01-01", "*") in reads.fields


def test_the_digest_is_taken_over_a_copy() -> None:
    """sphinx-needs resolves the needs in place once writing starts."""
    needs = _needs()
    digester = ReadsDigester.of(needs)
    before = digester.digest([("ENG-01", "commitment_back")], False)
    needs["ENG-01"]["commitment_back"] = ["LEV-01-01", "LEV-01-02"]
    assert digester.digest([("ENG-01", "commitment_back")], False) == before
    assert digester.needs == _needs()


def test_a_broken_record_is_never_current() -> None:
    digester = ReadsDigester.of(_needs())
    good = _record(_title_of_lever_1)
    assert is_current(good, digester)
    for broken in (None, [], {}, {**good, "read": []}, {**good, "listed": "no"},
                   {**good, "digest": "0" * 64}):  # fmt: skip
        assert not is_current(copy.deepcopy(broken), digester), broken
