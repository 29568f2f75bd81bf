"""Finding and decoding the profile files of ``checklists/``.

The folder is edited by hand, with whatever editor and office suite a referent
has: lock and backup files appear beside profiles, files get saved as
Windows-1252 or UTF-16, extensions get capitalised. Each case is handled on
purpose: editor leftovers and hidden files are ignored with a note, anything
else that looks like a profile but cannot be read is a problem naming the file.
No Sphinx here.
"""

from __future__ import annotations

import codecs
import re
import stat
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Final

from ..problems import Problem
from .profiles import SiteProfile, check_profile

#: Largest profile file accepted: a real one is well under 2 KB.
MAX_PROFILE_BYTES: Final = 64 * 1024
PROFILE_SUFFIX: Final = ".toml"
#: Names that editors and office suites leave beside the files they edit.
_LEFTOVER: Final = re.compile(r"(^[.#~]|~$|#$|\.(bak|swp|swo|tmp|orig|old)$)", re.IGNORECASE)
_NOT_SLUG: Final = re.compile(r"[^a-z0-9]+")
_UTF16_32_BOMS: Final = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


@dataclass
class ProfileFolder:
    """What the folder holds: valid profiles, problems, and files ignored on purpose."""

    profiles: list[SiteProfile] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    #: slug -> the file's bytes, which fingerprint the site's generated files.
    raw: dict[str, bytes] = field(default_factory=dict)


def slugify(file_stem: str) -> str:
    """The URL-safe slug of a profile file name: « Lesparre Médoc » -> ``lesparre-medoc``."""
    ascii_only = unicodedata.normalize("NFKD", file_stem).encode("ascii", "ignore").decode()
    return _NOT_SLUG.sub("-", ascii_only.lower()).strip("-")


def decode_profile(data: bytes, source: str) -> tuple[str | None, Problem | None]:
    """The file's text; UTF-8 is required (a UTF-8 byte-order mark is accepted)."""
    for bom, encoding in _UTF16_32_BOMS:
        if data.startswith(bom):
            return None, Problem(source, None, None, f"encoded as {encoding}; save it as UTF-8")
    try:
        return data.removeprefix(codecs.BOM_UTF8).decode("utf-8"), None
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        column = error.start - (data.rfind(b"\n", 0, error.start) + 1) + 1
        guess = _guess_encoding(data)
        return None, Problem(
            source,
            line,
            None,
            f"not UTF-8: byte 0x{data[error.start]:02X} at column {column}"
            f"{guess}; save it as UTF-8",
        )


def _guess_encoding(data: bytes) -> str:
    if b"\x00" in data:
        return " (the file looks like UTF-16 without a byte-order mark)"
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return ""
    return " (the file looks like Windows-1252 / Latin-1)"


def _looks_like_profile(name: str) -> bool:
    return ".toml" in name.lower()


def read_profile_folder(
    directory: Path, display_root: Path | None = None, reserved: Collection[str] = ()
) -> ProfileFolder:
    """Every profile of ``directory`` sorted by slug, with every problem of every file.

    Two files whose names give the same slug (``Lesparre.toml`` and
    ``lesparre.toml``) would overwrite each other's checklist, so both are refused.
    """
    folder = ProfileFolder()
    seen: dict[str, str] = {}
    for path in sorted(directory.iterdir(), key=lambda p: p.name):
        name = path.name
        source = str(path.relative_to(display_root) if display_root else path)
        if not _looks_like_profile(name):
            continue
        if _LEFTOVER.search(name):
            folder.notes.append(f"{source}: ignored (hidden, lock or backup file)")
            continue
        if not name.endswith(PROFILE_SUFFIX):
            if name.lower().endswith(PROFILE_SUFFIX):
                folder.problems.append(
                    Problem(source, None, None, "profile files must end in '.toml' "
                            f"(lower case): rename it to '{path.stem}.toml'")
                )  # fmt: skip
            continue
        read = _read(path, source, folder.problems)
        if read is None:
            continue
        data, text = read
        slug = slugify(path.stem)
        if not slug:
            folder.problems.append(Problem(source, None, None, "the file name gives an empty slug"))
            continue
        if slug in reserved:
            folder.problems.append(Problem(source, None, None, f"the slug '{slug}' is reserved"))
            continue
        if slug in seen:
            folder.problems.append(
                Problem(source, None, None, f"slug '{slug}' is already used by {seen[slug]} "
                        "(two profiles cannot share a checklist URL)")
            )  # fmt: skip
            continue
        seen[slug] = source
        profile, problems = check_profile(slug, text, source)
        folder.problems.extend(problems)
        if profile is not None:
            folder.profiles.append(profile)
            folder.raw[slug] = data
    folder.profiles.sort(key=lambda profile: profile.slug)
    folder.problems.sort(key=Problem.sort_key)
    return folder


def _read(path: Path, source: str, problems: list[Problem]) -> tuple[bytes, str] | None:
    """The bytes and decoded text of a regular, reasonably small profile file."""
    try:
        info = path.stat()
    except FileNotFoundError:
        problems.append(Problem(source, None, None, "broken symbolic link"))
        return None
    except OSError as error:
        problems.append(Problem(source, None, None, f"cannot be read: {error.strerror}"))
        return None
    if not stat.S_ISREG(info.st_mode):
        problems.append(Problem(source, None, None, "not a regular file"))
        return None
    if info.st_size > MAX_PROFILE_BYTES:
        problems.append(
            Problem(source, None, None, f"{info.st_size:,} bytes; a profile may have at "
                    f"most {MAX_PROFILE_BYTES:,}")
        )  # fmt: skip
        return None
    try:
        data = path.read_bytes()
    except OSError as error:
        problems.append(Problem(source, None, None, f"cannot be read: {error.strerror}"))
        return None
    text, problem = decode_profile(data, source)
    if problem is not None:
        problems.append(problem)
    return None if text is None else (data, text)
