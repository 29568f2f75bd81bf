"""Results files are parsed once: what each file's exact bytes parse to is kept between builds.

Every build reads the whole ``results/`` folder, a rebuild that changes nothing
included. A network of 1,000 sites × 3 years holds about 2,700 files: parsing
them (tomllib, then every row checked) took 6.0 s of each build; reading their
bytes and the kept results takes 0.1 s.

An entry is keyed by the file's site, year and the SHA-256 of its bytes, so an
edited file is parsed again, whatever its date says. Only files that parsed
without a problem are kept: a broken file is read, and reported, at every build.
The cache is one pickle beside the doctrees, written atomically and only when
its entries changed; a cache that is missing, from another version of the
model, or unreadable is ignored: everything is parsed again. It is trusted as
Sphinx's own environment pickle in the same folder is: whoever can write there
can already change the build. No Sphinx here.
"""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Final

from ..atomic import write_atomically
from .model import SiteResults

#: Changed whenever :class:`SiteResults` or its rows change shape: an older cache is ignored.
CACHE_VERSION: Final = 1

#: (site, year, SHA-256 of the file's bytes).
Key = tuple[str, int, str]


class ParsedResults:
    """The results kept from earlier builds, and those this build parsed or used."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._kept: dict[Key, SiteResults] = self._load(path)
        self._used: dict[Key, SiteResults] = {}

    @staticmethod
    def _load(path: Path) -> dict[Key, SiteResults]:
        try:
            version, entries = pickle.loads(path.read_bytes())
        except Exception:  # noqa: BLE001 (any unreadable cache means: parse again)
            return {}
        if version != CACHE_VERSION or not isinstance(entries, dict):
            return {}
        return {
            key: results for key, results in entries.items() if isinstance(results, SiteResults)
        }

    def get(self, key: Key) -> SiteResults | None:
        found = self._kept.get(key)
        if found is not None:
            self._used[key] = found
        return found

    def keep(self, key: Key, results: SiteResults) -> None:
        self._used[key] = results

    def save(self) -> bool:
        """Write the entries this build used, if they differ from the kept ones; say whether
        it wrote (files gone since are dropped)."""
        if self._used.keys() == self._kept.keys():
            return False
        data = pickle.dumps((CACHE_VERSION, self._used), protocol=pickle.HIGHEST_PROTOCOL)
        write_atomically(self.path, data)
        self._kept = dict(self._used)
        return True
