"""The crosswalk rules on hand-made needs: inherit, add, narrow, « aucune », and its problems."""

from __future__ import annotations

from typing import Any

from marianne_kit.kit.crosswalk import coverage_level, crosswalk_problems, served_by_lever

Need = dict[str, Any]


def need(need_id: str, need_type: str, **fields: Any) -> Need:
    return {"id": need_id, "type": need_type, "title": fields.pop("title", need_id),
            "docname": "p", "lineno": 1} | fields  # fmt: skip


def mapping(cid: str, source: str, targets: list[str], kind: str, why: str = "Parce que.") -> Need:
    return need(cid, "correspondence", title=why, marianne=[source], spplus=targets, mapping=kind)


BASE = [
    need("SPP-1", "spplus", number=1),
    need("SPP-2", "spplus", number=2),
    need("SPP-3", "spplus", number=3),
    need("ENG-01", "commitment", number=1),
    need("ENG-02", "commitment", number=2),
    need("LEV-01-01", "lever", commitment=["ENG-01"]),
    need("LEV-01-02", "lever", commitment=["ENG-01"]),
    need("LEV-02-01", "lever", commitment=["ENG-02"]),
]
GOOD = [
    mapping("SPX-A", "ENG-01", ["SPP-2", "SPP-1"], "engagement"),
    mapping("SPX-B", "ENG-02", [], "aucune"),
    mapping("SPX-C", "LEV-02-01", ["SPP-3"], "ajout"),
    mapping("SPX-D", "LEV-01-02", ["SPP-2"], "restriction"),
]


def test_levers_inherit_then_restrictions_replace_and_additions_add() -> None:
    assert served_by_lever(BASE + GOOD) == {
        "LEV-01-01": ("SPP-1", "SPP-2"),
        "LEV-01-02": ("SPP-2",),
        "LEV-02-01": ("SPP-3",),
    }


def test_a_good_crosswalk_has_no_problem() -> None:
    assert crosswalk_problems(BASE + GOOD) == []


def test_a_project_without_spplus_engagements_publishes_no_crosswalk() -> None:
    levers_only = [n for n in BASE if n["type"] != "spplus"]
    assert crosswalk_problems(levers_only) == []


def _messages(needs: list[Need]) -> list[tuple[str, str]]:
    return [(p.need_id, p.message) for p in crosswalk_problems(needs)]


def test_an_unmapped_engagement_is_reported() -> None:
    assert _messages(BASE + GOOD[:1]) == [
        (
            "ENG-02",
            "no Services Publics+ correspondence: map the engagement or add a correspondence "
            "with mapping 'aucune' and its reason",
        )
    ]


def test_wrong_kinds_targets_and_rationales_are_reported() -> None:
    bad = [
        mapping("SPX-E", "LEV-01-01", ["SPP-1"], "engagement"),
        mapping("SPX-F", "ENG-02", ["SPP-1"], "aucune"),
        mapping("SPX-G", "LEV-02-01", ["SPP-1"], "restriction"),
        mapping("SPX-H", "ENG-01", ["SPP-1"], "engagement", why=" "),
        mapping("SPX-I", "ENG-02", ["SPP-3"], "engagement"),
    ]
    assert _messages(BASE + GOOD + bad) == [
        ("ENG-02", "has both a mapping and « aucune correspondance »: keep one"),
        ("SPX-E", "mapping 'engagement' needs an engagement, not 'LEV-01-01'"),
        ("SPX-F", "mapping 'aucune' must not name a Services Publics+ engagement"),
        ("SPX-G", "restriction to 'SPP-1', which the lever's engagement does not map to "
                  "(use mapping 'ajout')"),
        ("SPX-H", "correspondence without a rationale"),
        ("SPX-H", "maps 'ENG-01' to 'SPP-1' again (see SPX-A)"),
    ]  # fmt: skip


def test_coverage_levels() -> None:
    assert [coverage_level(n) for n in (0, 1, 19, 20, 130)] == [
        "pas du tout", "peu", "peu", "bien", "bien",
    ]  # fmt: skip
