"""Kit IDs as search objects: « LEV-12-05 » finds its lever's block first.

Sphinx's search ranks an exact object name above any page that merely contains
the words, and links it with its anchor. The ``kit`` domain declares every
lever, commitment and best practice as such an object, read from the resolved
needs when the index is written (it keeps no data of its own). The same objects
go into ``objects.inv``, so another Sphinx project can link to a lever by ID
through intersphinx.
"""

from __future__ import annotations

from collections.abc import Iterator, Set
from typing import Any, ClassVar, Final

from sphinx.domains import Domain, ObjType

from ..kit.links import need_dicts

#: sphinx-needs type → object type of the ``kit`` domain (its French name in results).
OBJECT_TYPES: Final = {
    "lever": "levier",
    "commitment": "engagement",
    "practice": "pratique",
    "spplus": "engagement-spp",
    "correspondence": "correspondance",
}
#: Sphinx's priority 1: « important », ranked above full-text matches.
PRIORITY: Final = 1


def kit_objects(needs: list[dict[str, Any]]) -> list[tuple[str, str, str, str, str, int]]:
    """``(name, display name, type, docname, anchor, priority)`` of each kit need, by ID.

    The display name is the ID alone: Sphinx's search matches the query inside it and
    takes it for the anchor, so a title there would also match every word of the title.
    """
    return sorted(
        (need["id"], need["id"], OBJECT_TYPES[need["type"]], need["docname"], need["id"],
         PRIORITY)
        for need in needs
        if need["type"] in OBJECT_TYPES and need.get("docname")
    )  # fmt: skip


class KitIds(Domain):
    """The ``kit`` domain: no directives or roles, only the kit's IDs as objects."""

    name = "kit"
    label = "Banque de leviers Marianne"
    object_types: ClassVar[dict[str, ObjType]] = {
        "levier": ObjType("levier"),
        "engagement": ObjType("engagement"),
        "pratique": ObjType("bonne pratique"),
        "engagement-spp": ObjType("engagement Services Publics+"),
        "correspondance": ObjType("correspondance Services Publics+"),
    }

    def clear_doc(self, docname: str) -> None:
        """Nothing to clear: the objects are read from the needs when asked for."""

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """Nothing to merge after a parallel read, for the same reason."""

    def get_objects(self) -> Iterator[tuple[str, str, str, str, str, int]]:
        needs = need_dicts(self.env)
        yield from kit_objects(needs)
