"""Site profiles: which channels, engagements and levers a site's checklist covers.

One TOML file per site in ``checklists/``; the slug is the file name. Profiles are
written by hand by referents, so every mistake is reported with the file, the
line and the key at fault — all mistakes of a file at once, so one build shows
the referent everything to fix. No Sphinx here: the extension prints the
:class:`Problem` lines, the tests call these functions directly. Finding the
files and decoding them is :mod:`.profile_files`' job.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Final

from ..kit.model import CHANNELS, COMMITMENT_COUNT, LEVER_ID_PATTERN, commitment_id
from ..problems import Problem
from .fonts import unsupported_characters

#: Kind of site -> French label shown on the checklist.
KINDS: Final[dict[str, str]] = {
    "prefecture": "Préfecture",
    "sous-prefecture": "Sous-préfecture",
    "service": "Service",
    "modele": "Modèle pour tous les sites",
}
REQUIRED_KEYS: Final = ("name", "kind", "channels", "year")
OPTIONAL_KEYS: Final = ("engagements", "excluded", "referent", "referentiel", "parent")
#: A slug as the profile and results folders spell it: the ``parent`` key names one.
SLUG_PATTERN: Final = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
#: What a checklist is grouped by: Marianne engagements (default) or the Services
#: Publics+ engagements, through the kit's crosswalk (same scope, same lines).
REFERENTIALS: Final = ("marianne", "services-publics-plus")
ALL_COMMITMENTS: Final = tuple(commitment_id(n) for n in range(1, COMMITMENT_COUNT + 1))
#: Longest accepted text field, in characters: a name fits every output's header.
MAX_TEXT_LENGTH: Final = 2000
_LEVER_ID: Final = re.compile(f"^{LEVER_ID_PATTERN}$")
_TOML_LINE: Final = re.compile(r"at line (\d+), column \d+")


class ProfileError(Exception):
    """Profiles that cannot be used; carries every problem found."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems = sorted(problems, key=Problem.sort_key)
        super().__init__("\n".join(str(problem) for problem in self.problems))


@dataclass(frozen=True)
class SiteProfile:
    """One site's checklist scope, as the referent declared it."""

    slug: str
    name: str
    kind: str
    channels: tuple[str, ...]
    year: int
    commitments: tuple[str, ...] = ALL_COMMITMENTS
    excluded: frozenset[str] = field(default_factory=frozenset)
    referent: str = ""
    source: str = ""
    referential: str = REFERENTIALS[0]
    #: Line of each excluded lever ID in the file, for messages found after reading.
    excluded_lines: tuple[tuple[str, int], ...] = field(default=(), compare=False)
    #: The slug of the site or group this site belongs to (``network/``); "" = none.
    parent: str = ""
    #: Line of the ``parent`` key, for the hierarchy's messages (0 = not set).
    parent_line: int = field(default=0, compare=False)

    @property
    def kind_label(self) -> str:
        return KINDS[self.kind]


class _Checker:
    """Reads one profile's keys, noting every problem instead of stopping at the first."""

    def __init__(self, data: dict[str, Any], text: str, source: str) -> None:
        self.data = data
        self.lines = text.splitlines()
        self.source = source
        self.problems: list[Problem] = []

    def line_of(self, key: str, value: str | None = None) -> int | None:
        """The line where ``key`` is set, or where ``value`` appears after it."""
        assignment = re.compile(
            rf"""^\s*(?:{re.escape(key)}|"{re.escape(key)}"|'{re.escape(key)}')\s*="""
        )
        for index, line in enumerate(self.lines):
            if assignment.match(line):
                if value is None:
                    return index + 1
                for offset, later in enumerate(self.lines[index:]):
                    if f'"{value}"' in later or f"'{value}'" in later:
                        return index + offset + 1
                return index + 1
        return None

    def fail(self, key: str, message: str, value: str | None = None) -> None:
        self.problems.append(Problem(self.source, self.line_of(key, value), key, message))

    def text(self, key: str, *, required: bool) -> str:
        value = self.data.get(key, "")
        if not isinstance(value, str):
            self.fail(key, f"expected a string, got {type(value).__name__}")
            return ""
        value = unicodedata.normalize("NFC", value.strip())
        if required and not value:
            self.fail(key, "must not be empty")
        if len(value) > MAX_TEXT_LENGTH:
            self.fail(key, f"{len(value):,} characters; at most {MAX_TEXT_LENGTH:,} are accepted")
        for bad in unsupported_characters(value):
            self.fail(key, f"contains {bad.describe()}; the checklists cannot show it")
        return value

    def string_list(self, key: str) -> list[str]:
        value = self.data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            self.fail(key, "expected a list of strings")
            return []
        for item in sorted({item for item in value if value.count(item) > 1}):
            self.fail(key, f"'{item}' is listed twice", item)
        return value

    def channels(self) -> tuple[str, ...]:
        channels = self.string_list("channels")
        if not channels and "channels" in self.data and not self._failed("channels"):
            self.fail("channels", "must name at least one channel")
        for channel in channels:
            if channel not in CHANNELS:
                self.fail(
                    "channels",
                    f"unknown channel '{channel}' (expected one of: {', '.join(CHANNELS)})",
                    channel,
                )
        # Kit order, whatever order the referent typed them in.
        return tuple(slug for slug in CHANNELS if slug in channels)

    def commitments(self) -> tuple[str, ...]:
        if "engagements" not in self.data:
            return ALL_COMMITMENTS
        commitments = self.string_list("engagements")
        if not commitments and not self._failed("engagements"):
            self.fail("engagements", "must name at least one engagement (or be omitted)")
        for commitment in commitments:
            if commitment not in ALL_COMMITMENTS:
                self.fail(
                    "engagements",
                    f"unknown engagement '{commitment}' (expected ENG-01 … ENG-19, "
                    "two digits, capital letters)",
                    commitment,
                )
        return tuple(item for item in ALL_COMMITMENTS if item in commitments)

    def excluded(self) -> frozenset[str]:
        excluded = self.string_list("excluded")
        for lever_id in excluded:
            if not _LEVER_ID.match(lever_id):
                self.fail(
                    "excluded",
                    f"'{lever_id}' is not a lever ID (expected LEV-NN-NN, e.g. LEV-01-05)",
                    lever_id,
                )
        return frozenset(excluded)

    def year(self) -> int:
        year = self.data.get("year")
        if not isinstance(year, int) or isinstance(year, bool) or not 2000 <= year <= 2100:
            self.fail("year", f"expected a year such as 2026, got {year!r}")
            return 0
        return year

    def kind(self) -> str:
        kind = self.text("kind", required=True)
        if kind and kind not in KINDS:
            self.fail("kind", f"unknown kind '{kind}' (expected one of: {', '.join(KINDS)})")
        return kind

    def referential(self) -> str:
        if "referentiel" not in self.data:
            return REFERENTIALS[0]
        value = self.data["referentiel"]
        if not isinstance(value, str):
            self.fail("referentiel", f"expected a string, got {type(value).__name__}")
            return REFERENTIALS[0]
        if value not in REFERENTIALS:
            self.fail(
                "referentiel",
                f"unknown referential '{value}' (expected one of: {', '.join(REFERENTIALS)})",
            )
        return value

    def parent(self) -> str:
        """The parent's slug; whether it names a site or group is checked with the network."""
        if "parent" not in self.data:
            return ""
        value = self.data["parent"]
        if not isinstance(value, str) or not SLUG_PATTERN.match(value):
            self.fail(
                "parent",
                f"{value!r} is not a slug (lower-case letters, digits and hyphens, "
                "e.g. 'gironde'): name a site's profile file or a group of the network file",
            )
            return ""
        return value

    def _failed(self, key: str) -> bool:
        return any(problem.key == key for problem in self.problems)


def check_profile(slug: str, text: str, source: str) -> tuple[SiteProfile | None, list[Problem]]:
    """Parse and check one profile: the profile if valid, and every problem found."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        found = _TOML_LINE.search(str(error))
        line = int(found.group(1)) if found else None
        return None, [Problem(source, line, None, f"invalid TOML: {error}")]
    checker = _Checker(data, text, source)
    allowed = REQUIRED_KEYS + OPTIONAL_KEYS
    for key in sorted(set(data) - set(allowed)):
        checker.fail(key, f"unknown key (allowed: {', '.join(allowed)})")
    for key in REQUIRED_KEYS:
        if key not in data:
            checker.fail(key, "missing (required)")
    name = checker.text("name", required=True) if "name" in data else ""
    kind = checker.kind() if "kind" in data else ""
    channels = checker.channels()
    year = checker.year() if "year" in data else 0
    commitments = checker.commitments()
    excluded = checker.excluded()
    referent = checker.text("referent", required=False)
    referential = checker.referential()
    parent = checker.parent()
    if checker.problems:
        return None, sorted(checker.problems, key=Problem.sort_key)
    lines = tuple((lever_id, checker.line_of("excluded", lever_id) or 0) for lever_id in excluded)
    profile = SiteProfile(
        slug=slug, name=name, kind=kind, channels=channels, year=year, commitments=commitments,
        excluded=excluded, referent=referent, source=source, excluded_lines=tuple(sorted(lines)),
        referential=referential, parent=parent, parent_line=checker.line_of("parent") or 0,
    )  # fmt: skip
    return profile, []


def parse_profile(slug: str, text: str, source: str) -> SiteProfile:
    """One valid profile, or :class:`ProfileError` with every problem of the text."""
    profile, problems = check_profile(slug, text, source)
    if profile is None:
        raise ProfileError(problems)
    return profile


def reference_problems(
    profiles: Iterable[SiteProfile], levers: Collection[Mapping[str, Any]]
) -> list[Problem]:
    """Exclusions of levers that do not exist or that the site's checklist would not list.

    A typo would silently keep the lever; an exclusion outside the scope says
    the referent misread their own profile.
    """
    by_id = {lever["id"]: lever for lever in levers}
    problems: list[Problem] = []
    for profile in profiles:
        lines = dict(profile.excluded_lines)
        for lever_id in sorted(profile.excluded):
            lever = by_id.get(lever_id)
            reason = _out_of_scope(profile, lever) if lever else "unknown lever"
            if reason:
                message = f"{reason} '{lever_id}'" if lever is None else f"{reason}"
                problems.append(
                    Problem(profile.source, lines.get(lever_id) or None, "excluded", message)
                )
    return sorted(problems, key=Problem.sort_key)


def _out_of_scope(profile: SiteProfile, lever: Mapping[str, Any]) -> str:
    commitment = lever["commitment"][0]
    if commitment not in profile.commitments:
        return (
            f"'{lever['id']}' is not in this site's checklist: it serves {commitment}, "
            "which is not among the site's engagements"
        )
    if lever["channel"] != "tous-canaux" and lever["channel"] not in profile.channels:
        return (
            f"'{lever['id']}' is not in this site's checklist: its channel "
            f"'{lever['channel']}' is not among the site's channels"
        )
    return ""
