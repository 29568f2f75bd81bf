"""The Marianne → Services Publics+ crosswalk, computed from the needs as plain mappings.

No official correspondence table exists: the kit's own reading is written as
``correspondence`` needs (each one mapping, its title the one-sentence
rationale), so every mapping is a typed link sphinx-needs resolves and checks
like the others. This module turns them into what the views need — which SP+
engagements each lever serves — and into the problems the build reports. No
Sphinx here: the pages, the matrix, the catalogue, the checklists and the tests
all call these functions on needs as found in ``needs.json``.

Rules: a lever serves the SP+ engagements its Marianne engagement maps to
(``engagement``), plus those a ``ajout`` correspondence adds; when the lever has
``restriction`` correspondences, they replace what it inherits (additions are
kept). An engagement with an ``aucune`` correspondence maps to nothing, on
purpose and with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any, Final

Need = Mapping[str, Any]

#: Lever field (computed, never written by hand) listing the SP+ engagements it serves.
SERVED_FIELD: Final = "spplus_served"
#: At least this many levers: an SP+ engagement is « bien couvert ».
WELL_COVERED: Final = 20


@dataclass(frozen=True)
class CrosswalkProblem:
    """A correspondence (or an engagement) the crosswalk cannot use; ``need_id`` locates it."""

    need_id: str
    message: str


def _of_type(needs: Iterable[Need], need_type: str) -> list[Need]:
    return sorted((n for n in needs if n["type"] == need_type), key=lambda n: n["id"])


def _source(correspondence: Need) -> str:
    sources = correspondence.get("marianne") or []
    return sources[0] if sources else ""


def _targets(correspondence: Need) -> tuple[str, ...]:
    return tuple(correspondence.get("spplus") or ())


def spplus_order(needs: Iterable[Need]) -> list[str]:
    """SP+ engagement IDs by number (``SPP-1`` … ``SPP-8``)."""
    return [n["id"] for n in sorted(_of_type(needs, "spplus"), key=lambda n: n.get("number") or 0)]


def commitment_mappings(needs: Iterable[Need]) -> dict[str, tuple[str, ...]]:
    """Marianne engagement ID -> the SP+ engagements it maps to (``aucune``: empty)."""
    mappings: dict[str, list[str]] = {}
    for correspondence in _of_type(needs, "correspondence"):
        if correspondence.get("mapping") == "engagement":
            targets = mappings.setdefault(_source(correspondence), [])
            targets += [t for t in _targets(correspondence) if t not in targets]
        elif correspondence.get("mapping") == "aucune":
            mappings.setdefault(_source(correspondence), [])
    return {key: tuple(sorted(value, key=_spp_key)) for key, value in mappings.items()}


def _spp_key(spplus_id: str) -> tuple[int, str]:
    number = spplus_id.removeprefix("SPP-")
    return (int(number), spplus_id) if number.isdigit() else (0, spplus_id)


def served_by_lever(needs: Iterable[Need]) -> dict[str, tuple[str, ...]]:
    """Lever ID -> the SP+ engagements it serves, by number (every lever, maybe none)."""
    needs = list(needs)
    inherited = commitment_mappings(needs)
    added: dict[str, set[str]] = {}
    narrowed: dict[str, set[str]] = {}
    for correspondence in _of_type(needs, "correspondence"):
        chosen = {"ajout": added, "restriction": narrowed}.get(correspondence.get("mapping", ""))
        if chosen is not None:
            chosen.setdefault(_source(correspondence), set()).update(_targets(correspondence))
    served: dict[str, tuple[str, ...]] = {}
    for lever in _of_type(needs, "lever"):
        own = {t for c in lever.get("commitment") or [] for t in inherited.get(c, ())}
        if lever["id"] in narrowed:
            own = narrowed[lever["id"]]
        own |= added.get(lever["id"], set())
        served[lever["id"]] = tuple(sorted(own, key=_spp_key))
    return served


def _copy(need: Need) -> dict[str, Any]:
    """A copy of a need; a page's recording need stays one (``site/need_reads.py``), so the
    fields read are noted one by one rather than all of them by ``dict(need)``."""
    return need | {} if isinstance(need, dict) else dict(need)


def with_served(needs: Iterable[Need]) -> list[dict[str, Any]]:
    """Copies of ``needs``; each lever gains :data:`SERVED_FIELD` (views read it like a field)."""
    needs = list(needs)
    served = served_by_lever(needs)
    return [
        _copy(need) | ({SERVED_FIELD: list(served[need["id"]])} if need["id"] in served else {})
        for need in needs
    ]


def crosswalk_problems(needs: Iterable[Need]) -> list[CrosswalkProblem]:
    """What makes the crosswalk wrong or incomplete, in ID order.

    A project without SP+ engagements publishes no crosswalk and has none. With
    them, every Marianne engagement needs a mapping or an explicit « aucune »;
    each correspondence's kind must fit its source and targets; a restriction
    may only keep SP+ engagements the lever's engagement maps to.
    """
    needs = list(needs)
    if not _of_type(needs, "spplus"):
        return []
    by_id = {n["id"]: n for n in needs}
    inherited = commitment_mappings(needs)
    problems: list[CrosswalkProblem] = []
    kinds: dict[str, set[str]] = {}
    seen: dict[tuple[str, str], str] = {}
    for correspondence in _of_type(needs, "correspondence"):
        cid, kind = correspondence["id"], correspondence.get("mapping", "")
        source, targets = _source(correspondence), _targets(correspondence)
        source_type = by_id[source]["type"] if source in by_id else ""
        kinds.setdefault(source, set()).add(kind)
        if not correspondence["title"].strip():
            problems.append(CrosswalkProblem(cid, "correspondence without a rationale"))
        if kind in ("engagement", "aucune") and source_type not in ("commitment", ""):
            problems.append(
                CrosswalkProblem(cid, f"mapping '{kind}' needs an engagement, not '{source}'")
            )
        if kind in ("ajout", "restriction") and source_type not in ("lever", ""):
            problems.append(
                CrosswalkProblem(cid, f"mapping '{kind}' needs a lever, not '{source}'")
            )
        if kind == "aucune" and targets:
            problems.append(
                CrosswalkProblem(
                    cid, "mapping 'aucune' must not name a Services Publics+ engagement"
                )
            )
        if kind != "aucune" and not targets:
            problems.append(
                CrosswalkProblem(cid, f"mapping '{kind}' names no Services Publics+ engagement")
            )
        if kind == "restriction" and source_type == "lever":
            allowed = {
                t for c in by_id[source].get("commitment") or [] for t in inherited.get(c, ())
            }
            for target in targets:
                if target not in allowed:
                    problems.append(
                        CrosswalkProblem(
                            cid,
                            f"restriction to '{target}', which the lever's engagement does not "
                            "map to (use mapping 'ajout')",
                        )
                    )
        for target in targets or ("",):
            earlier = seen.setdefault((source, target), cid)
            if earlier != cid:
                problems.append(
                    CrosswalkProblem(cid, f"maps '{source}' to '{target}' again (see {earlier})")
                )
    for source, found in sorted(kinds.items()):
        if "aucune" in found and "engagement" in found:
            problems.append(
                CrosswalkProblem(
                    source, "has both a mapping and « aucune correspondance »: keep one"
                )
            )
    for commitment in _of_type(needs, "commitment"):
        if not kinds.get(commitment["id"], set()) & {"engagement", "aucune"}:
            problems.append(
                CrosswalkProblem(
                    commitment["id"],
                    "no Services Publics+ correspondence: map the engagement or add a "
                    "correspondence with mapping 'aucune' and its reason",
                )
            )
    return sorted(problems, key=lambda p: (p.need_id, p.message))


def coverage_level(lever_count: int) -> str:
    """« bien », « peu » or « pas du tout »: how well the kit's levers cover an SP+ engagement."""
    if lever_count == 0:
        return "pas du tout"
    return "bien" if lever_count >= WELL_COVERED else "peu"
