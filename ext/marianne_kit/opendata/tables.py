"""The open-data tables: columns, rows, Table Schemas and the Data Package descriptor.

The referential is reused by services and tools that cite lever IDs for years:
its data is published as files a program can read without scraping the site,
following the conventions of schema.data.gouv.fr (Table Schema ``schema.json``
per table, a ``datapackage.json``, Licence Ouverte 2.0). Column names are
stable identifiers (lower-case French without accents, ``snake_case``); a
rename would break every reuser, so a change to :data:`TABLES` must be a new
edition. Plain functions: the rows come from need dicts, no Sphinx here.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

from ..kit.model import (
    CATEGORIES,
    CHANNELS,
    COMMITMENT_ID_PATTERN,
    LEVER_ID_PATTERN,
    NUMBERING,
    PRACTICE_ID_PATTERN,
)

#: The folder of the site holding the files.
FOLDER: Final = "donnees"
PACKAGE_NAME: Final = "referentiel-marianne-banque-de-leviers"
LICENCE: Final = {
    "name": "etalab-2.0",
    "path": "https://www.etalab.gouv.fr/licence-ouverte-open-licence/",
    "title": "Licence Ouverte / Open Licence version 2.0",
}
SOURCE: Final = {
    "title": "Référentiel Marianne — Kit de déploiement «\u00a0Amélioration de l’accueil\u00a0» "
    "(SGMAP, 2013)",
}
#: Every ``str``, ``int`` or ``None`` value of a row.
Value = str | int | None
Row = dict[str, Value]


@dataclass(frozen=True)
class Column:
    """One column: its stable name, Table Schema type, French title and description."""

    name: str
    type: str
    title: str
    description: str
    required: bool = True
    constraints: Mapping[str, Any] = field(default_factory=dict)

    def schema(self) -> dict[str, Any]:
        constraints = dict(self.constraints)
        if self.required:
            constraints["required"] = True
        described: dict[str, Any] = {
            "name": self.name,
            "type": self.type,
            "title": self.title,
            "description": self.description,
        }
        if constraints:
            described["constraints"] = constraints
        return described


@dataclass(frozen=True)
class ForeignKey:
    """``column`` of this table names a row of ``resource`` (by its ``id``)."""

    column: str
    resource: str


@dataclass(frozen=True)
class Table:
    """One published table: ``<FOLDER>/<name>/<name>.csv``, ``.json`` and ``schema.json``."""

    name: str
    title: str
    description: str
    need_type: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...] = ()

    def path(self, suffix: str) -> str:
        """The file's path inside :data:`FOLDER`."""
        return (
            f"{self.name}/schema.json"
            if suffix == "schema"
            else f"{self.name}/{self.name}.{suffix}"
        )

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(column.name for column in self.columns)


def _id(pattern: str, what: str) -> Column:
    return Column(
        "id",
        "string",
        "Identifiant",
        f"Identifiant stable {what}, jamais réutilisé (voir «\u00a0Historique des éditions\u00a0»)",
        constraints={"unique": True, "pattern": pattern},
    )


_PAGE: Final = Column(
    "page",
    "string",
    "Page",
    "Adresse de la page du site qui le présente (relative au site sans adresse de base)",
)
COMMITMENTS: Final = Table(
    "engagements",
    "Engagements",
    "Les 19 engagements de qualité de l’accueil du Référentiel Marianne",
    "commitment",
    (
        _id(COMMITMENT_ID_PATTERN, "de l’engagement"),
        Column(
            "numero", "integer", "Numéro", "Numéro de l’engagement dans le référentiel",
            constraints={"minimum": 1},
        ),
        Column("intitule", "string", "Intitulé", "Intitulé de l’engagement"),
        _PAGE,
    ),
)  # fmt: skip
PRACTICES: Final = Table(
    "bonnes-pratiques",
    "Bonnes pratiques",
    "Les bonnes pratiques que citent les leviers du kit",
    "practice",
    (
        _id(PRACTICE_ID_PATTERN, "de la bonne pratique"),
        Column("intitule", "string", "Intitulé", "Intitulé de la bonne pratique"),
        _PAGE,
    ),
)
LEVERS: Final = Table(
    "leviers",
    "Leviers",
    "Les leviers d’amélioration du kit de déploiement, un par ligne, dans l’ordre des "
    "identifiants",
    "lever",
    (
        _id(LEVER_ID_PATTERN, "du levier"),
        Column(
            "engagement", "string", "Engagement", "Identifiant de l’engagement que sert le levier"
        ),
        Column(
            "canal", "string", "Canal d’accueil", "Code du canal d’accueil du levier",
            constraints={"enum": list(CHANNELS)},
        ),
        Column(
            "canal_libelle", "string", "Libellé du canal", "Nom du canal d’accueil en clair",
            constraints={"enum": list(CHANNELS.values())},
        ),
        Column(
            "categorie", "string", "Catégorie", "Code de la catégorie de levier",
            constraints={"enum": list(CATEGORIES)},
        ),
        Column(
            "categorie_libelle", "string", "Libellé de la catégorie",
            "Nom de la catégorie de levier, tel qu’imprimé dans le kit",
            constraints={"enum": list(CATEGORIES.values())},
        ),
        Column(
            "numero", "integer", "Numéro", "Numéro du levier dans le kit",
            constraints={"minimum": 1},
        ),
        Column(
            "numerotation", "string", "Numérotation",
            "Comment le numéro a été établi\u00a0: printed (imprimé), inferred (déduit de la "
            "séquence), corrected (corrigé, mal lu par l’OCR)",
            constraints={"enum": list(NUMBERING)},
        ),
        Column("texte", "string", "Texte", "Texte du levier, tel que restitué du kit"),
        Column(
            "bonne_pratique", "string", "Bonne pratique",
            "Identifiant de la bonne pratique citée par le levier (vide si aucune)",
            required=False,
        ),
        Column(
            "action", "string", "Action commune",
            "Clé commune aux leviers identiques répétés sous plusieurs engagements ou canaux "
            "(vide si le levier est unique)",
            required=False,
        ),
        _PAGE,
    ),
    (ForeignKey("engagement", "engagements"), ForeignKey("bonne_pratique", "bonnes-pratiques")),
)  # fmt: skip
#: Referenced tables first, so a reader loading them in order resolves every key.
TABLES: Final = (COMMITMENTS, PRACTICES, LEVERS)


def _single(value: Any, need_id: str, link: str) -> str | None:
    """The one target of a link; the tables' foreign keys allow no more."""
    targets = list(value or ())
    if len(targets) > 1:
        raise ValueError(f"{need_id}: {len(targets)} '{link}' links; the open data allows one")
    return targets[0] if targets else None


def need_row(table: Table, need: Mapping[str, Any], page: str) -> Row:
    """One row of ``table`` from a resolved need; ``page`` is its URL."""
    need_id = need["id"]
    if table is LEVERS:
        return {
            "id": need_id,
            "engagement": _single(need.get("commitment"), need_id, "commitment"),
            "canal": need["channel"],
            "canal_libelle": CHANNELS[need["channel"]],
            "categorie": need["category"],
            "categorie_libelle": CATEGORIES[need["category"]],
            "numero": int(need["number"]),
            "numerotation": need["numbering"],
            "texte": need["title"],
            "bonne_pratique": _single(need.get("practice"), need_id, "practice"),
            "action": need.get("action") or None,
            "page": page,
        }
    row: Row = {"id": need_id}
    if table is COMMITMENTS:
        row["numero"] = int(need["number"])
    row.update({"intitule": need["title"], "page": page})
    return row


def table_rows(
    table: Table, needs: Iterable[Mapping[str, Any]], pages: Mapping[str, str]
) -> list[Row]:
    """The rows of ``table``, in ID order (IDs carry two-digit numbers, so they sort)."""
    rows = [
        need_row(table, need, pages[need["id"]])
        for need in needs
        if need["type"] == table.need_type
    ]
    return sorted(rows, key=lambda row: str(row["id"]))


def csv_bytes(table: Table, rows: Sequence[Row]) -> bytes:
    """UTF-8 without byte-order mark, ``,``-separated, ``\\n`` line ends (RFC 4180 quoting)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(table.names)
    for row in rows:
        writer.writerow(["" if row[name] is None else row[name] for name in table.names])
    return buffer.getvalue().encode("utf-8")


def json_bytes(table: Table, rows: Sequence[Row]) -> bytes:
    """An array of objects with the same keys as the CSV columns (``null`` when empty)."""
    ordered = [{name: row[name] for name in table.names} for row in rows]
    return (json.dumps(ordered, ensure_ascii=False, indent=1) + "\n").encode("utf-8")


def table_schema(table: Table, edition: str) -> dict[str, Any]:
    """The table's Table Schema (schema.data.gouv.fr conventions)."""
    schema: dict[str, Any] = {
        "$schema": "https://frictionlessdata.io/schemas/table-schema.json",
        "name": table.name,
        "title": table.title,
        "description": table.description,
        "version": edition,
        "licenses": [LICENCE],
        "fields": [column.schema() for column in table.columns],
        "primaryKey": ["id"],
        "missingValues": [""],
    }
    if table.foreign_keys:
        schema["foreignKeys"] = [
            {"fields": key.column, "reference": {"resource": key.resource, "fields": "id"}}
            for key in table.foreign_keys
        ]
    return schema


def iso_instant(day: datetime.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


@dataclass(frozen=True)
class PackageInfo:
    """What the descriptor states besides the tables."""

    edition: str
    created: datetime.date
    modified: datetime.date
    homepage: str = ""


def datapackage(info: PackageInfo) -> dict[str, Any]:
    """The ``datapackage.json`` descriptor: one CSV and one JSON resource per table."""
    resources: list[dict[str, Any]] = []
    for table in TABLES:
        for suffix, media in (("csv", "text/csv"), ("json", "application/json")):
            resource = {
                "name": table.name if suffix == "csv" else f"{table.name}-json",
                "title": f"{table.title} ({suffix.upper()})",
                "path": table.path(suffix),
                "format": suffix,
                "mediatype": media,
                "encoding": "utf-8",
                "profile": "tabular-data-resource",
                "schema": table.path("schema"),
            }
            resources.append(resource)
    descriptor: dict[str, Any] = {
        "profile": "tabular-data-package",
        "name": PACKAGE_NAME,
        "title": "Référentiel Marianne — banque de leviers",
        "description": (
            "Les engagements, les leviers d’amélioration et les bonnes pratiques du kit de "
            "déploiement du Référentiel Marianne (qualité de l’accueil dans les services "
            f"publics), édition {info.edition}."
        ),
        "version": info.edition,
        "created": iso_instant(info.created),
        "lastModified": iso_instant(info.modified),
        "licenses": [LICENCE],
        "sources": [SOURCE],
        "keywords": ["Référentiel Marianne", "accueil", "qualité de service", "leviers"],
        "resources": resources,
    }
    if info.homepage:
        descriptor["homepage"] = info.homepage
    return descriptor


def json_text(data: Any) -> bytes:
    """Descriptors and schemas as indented UTF-8 JSON, keys in the order written."""
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
