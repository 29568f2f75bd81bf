"""The kit's build state: one Sphinx domain, and the site profiles of the build.

Every record the extension keeps between documents or between builds lives in
the ``marianne`` domain's data, which Sphinx pickles with the environment, clears
page by page (``clear_doc``) and merges from the workers of a parallel read
(``merge_domaindata``). Each feature reaches it through the small typed
accessors below instead of attributes of its own on the environment.

The domain's data shape is versioned by :data:`ENV_VERSION`, the domain's
``data_version``: Sphinx refuses a pickled environment whose domain data has
another version and builds from scratch instead of reading stale records. (The
extension's ``env_version`` would do the same but is also written into
``searchindex.js``, changing the published bytes.)

Values that concern one build only (the pages' titles before reading, whether
any page is read) are attributes of the domain object, which Sphinx creates
anew for each build and never pickles.

The site profiles are read and checked once per build, when the configuration
is read (:mod:`.checklists`), and kept on the build's ``Config`` object under a
private name: it exists before the environment (which is created after
``config-inited``), every directive, transform and event handler can reach it,
a new one is made for each build, worker processes of a parallel build inherit
it, and Sphinx never pickles ``Config`` attributes whose names start with ``_``,
so it can neither go stale nor make the environment look changed.
"""

from __future__ import annotations

from collections.abc import Set
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar, Final, NamedTuple

from sphinx.application import Sphinx
from sphinx.config import Config
from sphinx.domains import Domain
from sphinx.environment import BuildEnvironment
from sphinx.errors import ExtensionError

from .checklists.profile_files import ProfileFolder
from .checklists.profiles import SiteProfile
from .matrices.matrix import MatrixSpec
from .results.results_folder import ResultsFolder

if TYPE_CHECKING:
    from .site.need_reads import ReadsDigester, RecordingNeeds

#: The domain's ``data_version``. Bump it whenever the shape of the domain's
#: data (``KitState.initial_data`` or the records stored in it) changes, so that
#: an environment pickled by an older version is discarded, not misread.
ENV_VERSION: Final = 5

_PROFILES_ATTRIBUTE: Final = "_marianne_profiles"
_RESULTS_ATTRIBUTE: Final = "_marianne_results"
_DOWNLOADS_ATTRIBUTE: Final = "_marianne_checklist_downloads"
#: The keys of the domain's data that map a docname to that page's records.
_PER_DOCUMENT: Final = (
    "need_consumers",
    "listings",
    "matrix_csv",
    "need_definitions",
    "network_listings",
    "shown_inputs",
)


class NeedDefinition(NamedTuple):
    """One need directive as read: ``need_id`` is empty when sphinx-needs generates it."""

    need_id: str
    lineno: int
    created: bool


#: (docname, line, spec, profiles) of every matrix with a CSV file.
CsvRecord = tuple[str, int, MatrixSpec, tuple[SiteProfile, ...]]


class KitState(Domain):
    """The ``marianne`` domain: no directives or roles, only the kit's build state."""

    name = "marianne"
    label = "Référentiel Marianne"
    data_version = ENV_VERSION
    initial_data: ClassVar[dict[str, Any]] = {
        # docname -> whether it shows needs through sphinx-needs' own nodes (then every
        # build that reads a page rewrites it): pages showing needs (incremental.py).
        "need_consumers": {},
        # docname -> True: pages showing the sites (checklists list, sites matrix).
        "listings": {},
        # SHA-256 of the profiles the listings were last written from (checklists.py).
        "profiles_digest": None,
        # SHA-256 of the results the listings were last written from (dashboards.py).
        "results_digest": None,
        # docname -> the page's matrices that write a CSV file (traceability.py).
        "matrix_csv": {},
        # docname -> the page's need directives (duplicate_ids.py).
        "need_definitions": {},
        # docname -> True: pages listing the network's units (network_pages.py).
        "network_listings": {},
        # docname -> the inputs read beside the sources it shows (site/inputs.py).
        "shown_inputs": {},
        # input name -> digest of it as the pages showing it were read (site/inputs.py).
        "input_digests": {},
    }

    def __init__(self, env: BuildEnvironment) -> None:
        super().__init__(env)
        #: Page titles noted before this build read anything (nav_titles.py).
        self.titles_before_read: dict[str, str] | None = None
        #: Whether this build reads or removes any page (incremental.py).
        self.reads_pages = False
        #: docname -> the needs as the page written now read them (incremental.py).
        self.page_needs: dict[str, RecordingNeeds] = {}
        #: sphinx-needs' view of the resolved needs, and them as plain dicts (incremental.py).
        self.resolved_needs: tuple[object, dict[str, dict[str, Any]]] | None = None
        #: CSV path -> bytes of each matrix CSV whose page was written now (traceability.py).
        self.matrix_csv_data: dict[str, bytes] = {}
        #: The needs as read, before sphinx-needs resolves them (incremental.py).
        self.needs_as_read: ReadsDigester | None = None

    # --- per-document records ----------------------------------------------------------

    @property
    def need_consumers(self) -> dict[str, bool]:
        return self.data["need_consumers"]  # type: ignore[no-any-return]

    @property
    def listings(self) -> dict[str, bool]:
        return self.data["listings"]  # type: ignore[no-any-return]

    @property
    def matrix_csv(self) -> dict[str, list[CsvRecord]]:
        return self.data["matrix_csv"]  # type: ignore[no-any-return]

    @property
    def need_definitions(self) -> dict[str, list[NeedDefinition]]:
        return self.data["need_definitions"]  # type: ignore[no-any-return]

    @property
    def network_listings(self) -> dict[str, bool]:
        return self.data["network_listings"]  # type: ignore[no-any-return]

    @property
    def shown_inputs(self) -> dict[str, list[str]]:
        return self.data["shown_inputs"]  # type: ignore[no-any-return]

    @property
    def input_digests(self) -> dict[str, str]:
        return self.data["input_digests"]  # type: ignore[no-any-return]

    def clear_doc(self, docname: str) -> None:
        for key in _PER_DOCUMENT:
            self.data[key].pop(docname, None)

    def merge_domaindata(self, docnames: Set[str], otherdata: dict[str, Any]) -> None:
        """A worker's environment holds every page it inherited: take only those it read."""
        for key in _PER_DOCUMENT:
            ours, theirs = self.data[key], otherdata[key]
            for docname in docnames:
                if docname in theirs:
                    ours[docname] = theirs[docname]

    # --- values kept from one build to the next ----------------------------------------

    @property
    def profiles_digest(self) -> str | None:
        return self.data["profiles_digest"]  # type: ignore[no-any-return]

    @profiles_digest.setter
    def profiles_digest(self, digest: str) -> None:
        self.data["profiles_digest"] = digest

    @property
    def results_digest(self) -> str | None:
        return self.data["results_digest"]  # type: ignore[no-any-return]

    @results_digest.setter
    def results_digest(self, digest: str) -> None:
        self.data["results_digest"] = digest


def kit_state(env: BuildEnvironment) -> KitState:
    """The build state of ``env`` (the domain registered by :func:`setup_state`)."""
    domain = env.domains["marianne"]
    assert isinstance(domain, KitState)
    return domain


def keep_profiles(config: Config, folder: ProfileFolder) -> None:
    """Keep the profiles read at ``config-inited`` for the rest of this build."""
    setattr(config, _PROFILES_ATTRIBUTE, folder)


def build_profiles(config: Config) -> ProfileFolder:
    """The profiles this build read and checked, never read again."""
    folder = getattr(config, _PROFILES_ATTRIBUTE, None)
    if not isinstance(folder, ProfileFolder):
        msg = "marianne_kit: site profiles used before the configuration was read"
        raise ExtensionError(msg)
    return folder


def keep_results(config: Config, folder: ResultsFolder) -> None:
    """Keep the results read at ``config-inited`` for the rest of this build (as the profiles)."""
    setattr(config, _RESULTS_ATTRIBUTE, folder)


def build_results(config: Config) -> ResultsFolder:
    """The results this build read and checked (none when nothing read them)."""
    folder = getattr(config, _RESULTS_ATTRIBUTE, None)
    return folder if isinstance(folder, ResultsFolder) else ResultsFolder()


def keep_downloads_dir(config: Config, directory: Path) -> None:
    """The folder of the checklist downloads this build wrote, for the sizes its links give."""
    setattr(config, _DOWNLOADS_ATTRIBUTE, directory)


def build_downloads_dir(config: Config) -> Path:
    """Where the list of sites reads its download sizes; only once the downloads are written."""
    directory = getattr(config, _DOWNLOADS_ATTRIBUTE, None)
    if not isinstance(directory, Path):
        msg = "marianne_kit: the list of sites rendered before the checklist downloads were written"
        raise ExtensionError(msg)
    return directory


def setup_state(app: Sphinx) -> None:
    app.add_domain(KitState)
