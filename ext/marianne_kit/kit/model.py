"""The kit's data model: need types, fields, links and their French labels.

This is the single place where sphinx-needs is configured (``conf.py`` and every
test project import :func:`needs_settings`), so the site, the fixture projects and
the generators can never disagree on what a lever is.
"""

from __future__ import annotations

from typing import Any, Final

COMMITMENT_COUNT: Final = 19

#: Channel slug -> French label, in the kit's order.
CHANNELS: Final[dict[str, str]] = {
    "physique": "Physique",
    "telephonique": "Téléphonique",
    "courrier": "Courrier",
    "courriel": "Courriel",
    "tous-canaux": "Tous canaux",
}

#: Lever category slug -> French label, as printed in the kit (restored).
CATEGORIES: Final[dict[str, str]] = {
    "horaires-communication": "Communication sur les horaires d’ouverture",
    "enquetes-usagers": "Enquêtes usagers",
    "signaletique-amenagement": "Signalétique / aménagement du site",
    "processus-formation": "Formalisation de processus internes / Formation des agents",
    "communication-information-agents": "Communication / Information des agents",
    "information-communication": "Information / communication",
    "contacts": "Contacts",
    "information-appels-contacts": "Information / communication (appels, contacts externes)",
    "communication-formation": "Communication / formation",
    "processus-internes": "Formalisation de processus internes",
    "sensibilisation-communication": "Sensibilisation des agents / communication",
    "information-usagers": "Information / communication à destination des usagers",
    "nouveaux-processus": "Nouveaux processus internes",
    "confort-usagers": "Confort des usagers",
    "organisation-signaletique": "Organisation de l’accueil / signalétique",
    "normage-courriers": "Normage des courriers / courriels",
    "suivi-courriers": "Suivi des courriers",
    "courriers-types": "Courriers types",
    "sensibilisation-formation": "Sensibilisation / Formation des agents",
    "boites-fonctionnelles": "Utilisation de boîtes fonctionnelles",
    "suivi-courriels": "Suivi des courriels",
    "formation-appels": (
        "Sensibilisation / Formation des agents à la prise en charge des appels téléphoniques"
    ),
    "transfert-appel": "Transfert d’appel",
    "messagerie": "Utilisation de la messagerie",
    "gestion-reclamations": "Gestion des réclamations",
    "autres": "Autres",
    "non-precisee": "Catégorie non précisée",
}

#: How a lever's number was established, for an editor checking it against the PDF.
NUMBERING: Final[dict[str, str]] = {
    "printed": "imprimé",
    "inferred": "déduit de la séquence",
    "corrected": "corrigé (mal lu par l’OCR)",
}

COMMITMENT_ID_PATTERN: Final = r"ENG-(0[1-9]|1[0-9])"
LEVER_ID_PATTERN: Final = r"LEV-(0[1-9]|1[0-9])-[0-9]{2}"
PRACTICE_ID_PATTERN: Final = r"BP-[A-Z0-9]+(-[A-Z0-9]+)*"
#: Services Publics+ engagements (``SPP-1`` … ``SPP-8``) and the crosswalk's
#: correspondences (``SPX-ENG-01-SPP-2``, ``SPX-LEV-12-37-SPP-6``, ``SPX-ENG-16-AUCUNE``).
SPPLUS_COUNT: Final = 8
SPPLUS_ID_PATTERN: Final = r"SPP-[1-8]"
CORRESPONDENCE_ID_PATTERN: Final = r"SPX-[A-Z0-9]+(-[A-Z0-9]+)*"
#: How a correspondence maps: a whole engagement, a lever added to another SP+
#: engagement, a lever narrowed to some of its engagement's, or explicitly nothing.
CORRESPONDENCE_KINDS: Final[dict[str, str]] = {
    "engagement": "correspondance de l’engagement",
    "ajout": "ajout au niveau du levier",
    "restriction": "restriction au niveau du levier",
    "aucune": "aucune correspondance",
}
ACTION_PATTERN: Final = r"^[a-z0-9]+(-[a-z0-9]+)*$"


def commitment_id(number: int) -> str:
    """The need ID of engagement ``number``; IDs carry two digits so they sort."""
    return f"ENG-{number:02d}"


def commitment_number(commitment_id: str) -> int:
    """12 for ``ENG-12``: the number readers know the engagement by (callers format it)."""
    return int(commitment_id.removeprefix("ENG-"))


def spplus_id(number: int) -> str:
    """The need ID of Services Publics+ engagement ``number`` (one digit: there are 8)."""
    return f"SPP-{number}"


def spplus_number(spplus_id: str) -> int:
    """3 for ``SPP-3``."""
    return int(spplus_id.removeprefix("SPP-"))


def _enum(values: dict[str, str]) -> dict[str, Any]:
    return {"type": "string", "enum": list(values)}


def needs_settings() -> dict[str, Any]:
    """Every ``needs_*`` configuration value of the project, ready for ``conf.py``.

    Fields that only levers carry are nullable globally and made required on the
    ``lever`` type, so commitments and practices stay valid without them.
    """
    required: dict[str, Any] = {"nullable": False}
    return {
        "needs_types": [
            {
                "directive": "commitment",
                "title": "Engagement",
                "prefix": "ENG-",
                "fields": {"number": required},
            },
            {
                "directive": "lever",
                "title": "Levier",
                "prefix": "LEV-",
                "fields": {
                    "channel": required,
                    "category": required,
                    "number": required,
                    "numbering": required,
                },
                "links": {"commitment": {"schema": {"minItems": 1}}},
            },
            {"directive": "practice", "title": "Bonne pratique", "prefix": "BP-"},
            {
                "directive": "spplus",
                "title": "Engagement Services Publics+",
                "prefix": "SPP-",
                "fields": {"number": required},
            },
            {
                # One mapping of the crosswalk; its title is the one-sentence rationale.
                "directive": "correspondence",
                "title": "Correspondance Services Publics+",
                "prefix": "SPX-",
                "fields": {"mapping": required},
                "links": {"marianne": {"schema": {"minItems": 1, "maxItems": 1}}},
            },
        ],
        "needs_id_required": True,
        "needs_id_regex": (
            f"^({COMMITMENT_ID_PATTERN}|{LEVER_ID_PATTERN}|{PRACTICE_ID_PATTERN}"
            f"|{SPPLUS_ID_PATTERN}|{CORRESPONDENCE_ID_PATTERN})$"
        ),
        "needs_fields": {
            "channel": {
                "description": "Canal d’accueil du levier",
                "nullable": True,
                "schema": _enum(CHANNELS),
            },
            "category": {
                "description": "Catégorie de levier, telle qu’imprimée dans le kit",
                "nullable": True,
                "schema": _enum(CATEGORIES),
            },
            "number": {
                "description": "Numéro dans le kit",
                "nullable": True,
                "schema": {"type": "integer", "minimum": 1},
            },
            "numbering": {
                "description": "Comment le numéro a été établi",
                "nullable": True,
                "schema": _enum(NUMBERING),
            },
            "action": {
                "description": "Clé commune aux occurrences identiques d’une même action",
                "nullable": True,
                "schema": {"type": "string", "pattern": ACTION_PATTERN},
            },
            "mapping": {
                "description": "Nature d’une correspondance avec Services Publics+",
                "nullable": True,
                "schema": _enum(CORRESPONDENCE_KINDS),
            },
        },
        "needs_links": {
            "commitment": {
                "description": "Engagement servi par le levier",
                "outgoing": "engagement",
                "incoming": "leviers",
                "target_types": ["commitment"],
            },
            "practice": {
                "description": "Bonne pratique citée par le levier",
                "outgoing": "bonne pratique",
                "incoming": "citée par",
                "target_types": ["practice"],
            },
            "marianne": {
                "description": "Engagement Marianne ou levier mis en correspondance",
                "outgoing": "engagement ou levier Marianne",
                "incoming": "correspondances",
                "target_types": ["commitment", "lever"],
            },
            "spplus": {
                "description": "Engagement Services Publics+ servi",
                "outgoing": "engagement Services Publics+",
                "incoming": "correspondances Marianne",
                "target_types": ["spplus"],
            },
        },
        "needs_build_json": True,
        "needs_reproducible_json": True,
        "needs_json_remove_defaults": True,
    }
