"""Finding the results files under ``results/``: ``<site>/<year>.toml``.

The folder is part of the repository and edited by the import and, now and
then, by hand: anything that is not a results file where one is expected is a
problem naming the file, so a misplaced file is not silently ignored.
"""

from __future__ import annotations

import hashlib
import re
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Final

from ..problems import Problem
from .model import CommitmentResult, LeverResult, SiteResults
from .parsed_cache import Key, ParsedResults
from .results_file import parse_results

RESULTS_SUFFIX: Final = ".toml"
_SLUG: Final = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_YEAR: Final = re.compile(r"^(19|20)[0-9]{2}$")
#: A real results file of ~350 levers is about 30 KB.
MAX_RESULTS_BYTES: Final = 2 * 1024 * 1024


@dataclass
class ResultsFolder:
    """Every site's results by year, and the problems of the files that could not be read."""

    results: dict[str, dict[int, SiteResults]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    #: Site -> year -> SHA-256 of the results file's bytes.
    file_digests: dict[str, dict[int, str]] = field(default_factory=dict)

    def digest(self) -> str:
        """The state of every results file, in one value: what pages and files made from
        the results are fingerprinted with (cheaper than the parsed results, as exact)."""
        digest = hashlib.sha256()
        for site in sorted(self.file_digests):
            for year, file_digest in sorted(self.file_digests[site].items()):
                digest.update(f"{site}\0{year}\0{file_digest}\0".encode())
        return digest.hexdigest()

    def of_site(self, site: str) -> dict[int, SiteResults]:
        """The site's results by year (empty when it has none)."""
        return self.results.get(site, {})


def _is_leftover(name: str) -> bool:
    """Hidden files, editor backups and lock files beside results."""
    return name.startswith((".", "~", "#")) or name.endswith(("~", "#", ".bak", ".swp"))


@dataclass
class _SharedRows:
    """One object per distinct lever or commitment row, and one string per ID, for the
    whole folder.

    A network of 1,000 sites × 3 years holds a million lever rows, nearly all alike
    (a status, nothing else): sharing them keeps the build's memory at a fraction
    (measured at 1,000 sites × 3 years: 19 MB instead of 155 MB), and so do the worker processes
    forked from it. The rows are frozen, so sharing them cannot leak an edit.
    """

    levers: dict[LeverResult, LeverResult] = field(default_factory=dict)
    commitments: dict[CommitmentResult, CommitmentResult] = field(default_factory=dict)

    def of(self, results: SiteResults) -> SiteResults:
        return replace(
            results,
            levers={
                sys.intern(key): self.levers.setdefault(row, row)
                for key, row in results.levers.items()
            },
            commitments={
                sys.intern(key): self.commitments.setdefault(row, row)
                for key, row in results.commitments.items()
            },
        )


def read_results_folder(
    root: Path, display_root: str = "results", cache: ParsedResults | None = None
) -> ResultsFolder:
    """All results under ``root`` (missing folder = no results yet); files whose bytes
    ``cache`` knows are not parsed again."""
    folder = ResultsFolder()
    shared = _SharedRows()
    if not root.is_dir():
        return folder
    for site_dir in sorted(root.iterdir()):
        display = f"{display_root}/{site_dir.name}"
        if _is_leftover(site_dir.name) or (site_dir.is_file() and site_dir.name == "README.md"):
            continue
        if not site_dir.is_dir() or not _SLUG.match(site_dir.name):
            folder.problems.append(
                Problem(display, None, None, "expected a folder named after a site's slug")
            )
            continue
        for path in sorted(site_dir.iterdir()):
            source = f"{display}/{path.name}"
            if _is_leftover(path.name):
                continue
            if path.suffix != RESULTS_SUFFIX or not _YEAR.match(path.stem) or not path.is_file():
                folder.problems.append(
                    Problem(source, None, None, "expected a results file named <year>.toml")
                )
                continue
            if path.stat().st_size > MAX_RESULTS_BYTES:
                folder.problems.append(Problem(source, None, None, "file too large to be results"))
                continue
            data = path.read_bytes()
            key = (site_dir.name, int(path.stem), hashlib.sha256(data).hexdigest())
            results = cache.get(key) if cache is not None else None
            if results is None:
                results = _parsed(data, source, key, folder.problems)
                if results is None:
                    continue
                results = shared.of(results)
                if cache is not None:
                    cache.keep(key, results)
            folder.results.setdefault(key[0], {})[key[1]] = results
            folder.file_digests.setdefault(key[0], {})[key[1]] = key[2]
    return folder


def _parsed(data: bytes, source: str, key: Key, problems: list[Problem]) -> SiteResults | None:
    """The file's results, or None with its problems added to ``problems``."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        problems.append(Problem(source, None, None, "not UTF-8 text"))
        return None
    results, found = parse_results(text, source, key[0], key[1])
    problems += found
    return results if not found else None
