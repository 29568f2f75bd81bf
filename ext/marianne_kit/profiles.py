"""Site profiles: which channels, engagements and levers a site's checklist covers.

One TOML file per site in ``checklists/``; the slug is the file name. Profiles are
written by hand by referents, so every mistake must be reported with the file and
the key at fault, and before anything is generated. No Sphinx here: the extension
turns :class:`ProfileError` into a build error, the tests call these functions
directly.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final

from .model import CHANNELS, COMMITMENT_COUNT, commitment_id

#: Kind of site -> French label shown on the checklist.
KINDS: Final[dict[str, str]] = {
    "prefecture": "Préfecture",
    "sous-prefecture": "Sous-préfecture",
    "service": "Service",
    "modele": "Modèle pour tous les sites",
}
REQUIRED_KEYS: Final = ("name", "kind", "channels", "year")
OPTIONAL_KEYS: Final = ("engagements", "excluded", "referent")
ALL_COMMITMENTS: Final = tuple(commitment_id(n) for n in range(1, COMMITMENT_COUNT + 1))
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


class ProfileError(Exception):
    """A profile that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class SiteProfile:
    """One site's checklist scope, as the referent declared it."""

    slug: str
    name: str
    kind: str
    channels: tuple[str, ...]
    year: int
    engagements: tuple[str, ...] = ALL_COMMITMENTS
    excluded: frozenset[str] = field(default_factory=frozenset)
    referent: str = ""
    source: str = ""

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


def _fail(source: str, key: str, problem: str) -> ProfileError:
    return ProfileError(f"{source}: key '{key}': {problem}")


def _text(data: dict[str, Any], key: str, source: str, *, required: bool) -> str:
    value = data.get(key, "")
    if not isinstance(value, str):
        raise _fail(source, key, f"expected a string, got {type(value).__name__}")
    value = value.strip()
    if required and not value:
        raise _fail(source, key, "must not be empty")
    return value


def _string_list(data: dict[str, Any], key: str, source: str) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise _fail(source, key, "expected a list of strings")
    duplicates = sorted({item for item in value if value.count(item) > 1})
    if duplicates:
        raise _fail(source, key, f"listed twice: {', '.join(duplicates)}")
    return value


def _channels(data: dict[str, Any], source: str) -> tuple[str, ...]:
    channels = _string_list(data, "channels", source)
    if not channels:
        raise _fail(source, "channels", "must name at least one channel")
    for channel in channels:
        if channel not in CHANNELS:
            raise _fail(
                source,
                "channels",
                f"unknown channel '{channel}' (expected one of: {', '.join(CHANNELS)})",
            )
    # Kit order, whatever order the referent typed them in.
    return tuple(slug for slug in CHANNELS if slug in channels)


def _engagements(data: dict[str, Any], source: str) -> tuple[str, ...]:
    if "engagements" not in data:
        return ALL_COMMITMENTS
    engagements = _string_list(data, "engagements", source)
    if not engagements:
        raise _fail(source, "engagements", "must name at least one engagement (or be omitted)")
    for engagement in engagements:
        if engagement not in ALL_COMMITMENTS:
            raise _fail(source, "engagements", f"unknown engagement '{engagement}'")
    return tuple(item for item in ALL_COMMITMENTS if item in engagements)


def _year(data: dict[str, Any], source: str) -> int:
    year = data.get("year")
    if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
        raise _fail(source, "year", f"expected a year such as 2026, got {year!r}")
    return year


def slugify(file_stem: str) -> str:
    """The URL-safe slug of a profile file name: « Lesparre Médoc » -> ``lesparre-medoc``."""
    ascii_only = unicodedata.normalize("NFKD", file_stem).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")


def parse_profile(slug: str, text: str, source: str) -> SiteProfile:
    """Parse and check one profile; ``source`` names the file in error messages."""
    if not slug:
        raise ProfileError(f"{source}: the file name gives an empty slug")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ProfileError(f"{source}: invalid TOML: {error}") from error
    unknown = sorted(set(data) - set(REQUIRED_KEYS) - set(OPTIONAL_KEYS))
    if unknown:
        raise _fail(
            source,
            unknown[0],
            f"unknown key (allowed: {', '.join(REQUIRED_KEYS + OPTIONAL_KEYS)})",
        )
    for key in REQUIRED_KEYS:
        if key not in data:
            raise _fail(source, key, "missing (required)")
    kind = _text(data, "kind", source, required=True)
    if kind not in KINDS:
        raise _fail(source, "kind", f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})")
    return SiteProfile(
        slug=slug,
        name=_text(data, "name", source, required=True),
        kind=kind,
        channels=_channels(data, source),
        year=_year(data, source),
        engagements=_engagements(data, source),
        excluded=frozenset(_string_list(data, "excluded", source)),
        referent=_text(data, "referent", source, required=False),
        source=source,
    )


def load_profiles(directory: Path, display_root: Path | None = None) -> list[SiteProfile]:
    """Every ``*.toml`` profile of ``directory``, sorted by slug.

    Two files whose names give the same slug (``Lesparre.toml`` and
    ``lesparre.toml``) would overwrite each other's checklist, so both are refused.
    """
    profiles: list[SiteProfile] = []
    seen: dict[str, str] = {}
    for path in sorted(directory.glob("*.toml")):
        source = str(path.relative_to(display_root) if display_root else path)
        slug = slugify(path.stem)
        if slug in seen:
            raise ProfileError(
                f"{source}: slug '{slug}' is already used by {seen[slug]} "
                "(two profiles cannot share a checklist URL)"
            )
        seen[slug] = source
        profiles.append(parse_profile(slug, path.read_text(encoding="utf-8"), source))
    return profiles


def check_references(profiles: Iterable[SiteProfile], lever_ids: Collection[str]) -> None:
    """Refuse exclusions of levers that do not exist (a typo would silently keep it)."""
    for profile in profiles:
        for lever_id in sorted(profile.excluded):
            if lever_id not in lever_ids:
                raise _fail(profile.source, "excluded", f"unknown lever '{lever_id}'")
