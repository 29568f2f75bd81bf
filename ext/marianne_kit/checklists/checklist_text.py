"""The French wording every checklist format shares.

A referent may fill the spreadsheet and print the PDF of the same site: the
status values, headings and header lines must be identical in all of them, so
they are defined once here.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from typing import Final

from ..kit.grouping import category_label, channel_label
from ..kit.model import commitment_number, spplus_number
from .profiles import SiteProfile
from .scope import SPPLUS_REFERENTIAL, Checklist, ChecklistItem, CommitmentSection

#: The status a referent gives each lever, in the order of the dropdowns.
STATUSES: Final = ("En place", "En cours", "À engager", "Non applicable")
#: The answer to « Engagement tenu ? ».
VERDICTS: Final = ("Oui", "Non", "Non applicable")

TITLE: Final = "Liste de contrôle d’autoévaluation"
_MONTHS: Final = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)  # fmt: skip


@dataclass(frozen=True)
class ChecklistMeta:
    """What the header of every checklist states besides the site."""

    version: str
    generated: datetime.date
    #: The referential's edition (``marianne_edition``), e.g. ``2026.2``.
    edition: str = ""


def generation_date(environ: os._Environ[str] | dict[str, str] = os.environ) -> datetime.date:
    """The build date: ``SOURCE_DATE_EPOCH`` when set, so two builds give the same bytes."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.datetime.now(datetime.UTC).date()


def french_date(day: datetime.date) -> str:
    """« 1er mars 2026 », « 27 novembre 2026 »."""
    number = "1er" if day.day == 1 else str(day.day)
    return f"{number}\u00a0{_MONTHS[day.month - 1]} {day.year}"


def engagement_name(engagement_id: str) -> str:
    """« engagement 3 », « engagement Services Publics+ 3 »: an engagement in a sentence."""
    if engagement_id.startswith("SPP-"):
        return f"engagement Services Publics+ {spplus_number(engagement_id)}"
    if engagement_id.startswith("ENG-"):
        return f"engagement {commitment_number(engagement_id)}"
    return engagement_id.lower()


def section_anchor(section: CommitmentSection) -> str:
    """The section's HTML id: its engagement ID (the unmapped levers' key has a space)."""
    return (
        section.commitment.lower().replace(" ", "-")
        if " " in section.commitment
        else (section.commitment)
    )


def commitment_heading(section: CommitmentSection) -> str:
    """A section's heading; the levers the crosswalk maps nowhere have a title only."""
    if not section.commitment.startswith(("ENG-", "SPP-")):
        return section.title
    name = engagement_name(section.commitment)
    return f"{name[:1].upper()}{name[1:]} — {section.title}"


def channels_text(profile: SiteProfile) -> str:
    return ", ".join(channel_label(slug) for slug in profile.channels)


def header_fields(checklist: Checklist, meta: ChecklistMeta) -> list[tuple[str, str]]:
    """(label, value) pairs of the header, in print order."""
    profile = checklist.profile
    fields = [
        ("Site", profile.name),
        ("Type de site", profile.kind_label),
        ("Année", str(profile.year)),
        *([("Édition du référentiel", meta.edition)] if meta.edition else []),
        ("Canaux", channels_text(profile) + " (et les leviers « Tous canaux »)"),
        ("Référentiel", meta.version),
        ("Date de génération", french_date(meta.generated)),
    ]
    if profile.referent:
        # After the year and the edition, which identify the checklist.
        fields.insert(4 if meta.edition else 3, ("Référent", profile.referent))
    if checklist.referential == SPPLUS_REFERENTIAL:
        fields.append(
            (
                "Regroupement",
                "par engagement Services Publics+, selon la correspondance établie par le kit "
                "(pas de table officielle)",
            )
        )
    return [
        (label, value.replace("« ", "«\u00a0").replace(" »", "\u00a0»")) for label, value in fields
    ]


def item_ids(item: ChecklistItem) -> str:
    return ", ".join(item.lever_ids)


def item_commitments(item: ChecklistItem) -> str:
    return ", ".join(item.commitments)


def shared_note(item: ChecklistItem) -> str:
    """Why one line carries several IDs: the kit lists the same action several times."""
    if len(item.lever_ids) < 2:
        return ""
    marianne = item.marianne or item.commitments
    numbers = ", ".join(str(commitment_number(e)) for e in marianne)
    noun = "engagements" if len(marianne) > 1 else "engagement"
    return f"Action commune à {len(item.lever_ids)} leviers ({noun} {numbers})"


def elsewhere_note(section: CommitmentSection) -> str:
    """The lines of this engagement that are assessed under an earlier one."""
    if not section.listed_elsewhere:
        return ""
    parts = [
        f"{item.key} ({engagement_name(item.commitments[0])})" for item in section.listed_elsewhere
    ]
    return "Actions communes déjà listées sous un engagement précédent\u00a0: " + ", ".join(parts)


def item_row(item: ChecklistItem) -> list[str]:
    """The fixed cells of a lever line (the referent fills the rest)."""
    return [
        item_ids(item),
        item_commitments(item),
        channel_label(item.channel),
        category_label(item.category),
        item.text,
    ]
