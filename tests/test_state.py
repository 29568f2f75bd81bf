"""The kit's build state (``marianne_kit.state``): profiles read once per build, the
``marianne`` domain's records cleared and merged correctly with ``-j 2``, and a pickled
environment of another data version discarded.
"""

from __future__ import annotations

import filecmp
import io
import pickle
import shutil
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOTS, build_root, build_site, run_sphinx
from marianne_kit.checklists import profile_files
from marianne_kit.state import ENV_VERSION, KitState
from sphinx.application import Sphinx
from sphinx.environment import BuildEnvironment
from sphinx.util.docutils import docutils_namespace, patch_docutils

# --- Profiles are read exactly once per build ----------------------------------------


@pytest.fixture
def profile_reads(monkeypatch: pytest.MonkeyPatch) -> Counter[str]:
    """File name -> how many times a profile file was read from disk.

    ``_read`` is looked up in ``profile_files`` at every call of
    ``read_profile_folder``, however that function was imported, so every reading
    of the folder is counted, file by file.
    """
    reads: Counter[str] = Counter()
    original = profile_files._read

    def counting(path: Path, source: str, problems: list[Any]) -> tuple[bytes, str] | None:
        reads[path.name] += 1
        return original(path, source, problems)

    monkeypatch.setattr(profile_files, "_read", counting)
    return reads


def test_the_fixture_kit_reads_each_profile_once(
    tmp_path: Path, profile_reads: Counter[str]
) -> None:
    """The fixture lists its sites ({site-checklists}) and writes their checklists."""
    result = build_root("checklists-kit", tmp_path)
    assert (result.status, result.warning_lines()) == (0, [])
    assert (result.outdir / "checklists" / "site-a.html").is_file()
    assert dict(profile_reads) == {"site-a.toml": 1, "site-b.toml": 1}


def test_the_site_reads_each_profile_once(tmp_path: Path, profile_reads: Counter[str]) -> None:
    """The real site also has a matrix of the sites (``tracabilite/sites``)."""
    result = build_site(tmp_path)
    assert (result.status, result.warning_lines()) == (0, [])
    assert (result.outdir / "tracabilite" / "sites.html").is_file()
    assert dict(profile_reads) == {
        "prefecture-gironde.toml": 1,
        "service-instruction-courrier.toml": 1,
        "sous-prefecture-lesparre-medoc.toml": 1,
    }


# --- The domain's records with parallel reads (-j 2) ---------------------------------

MATRICES = """\
---
orphan: true
---
# Matrices

:::{traceability-matrix} Engagements et canaux
:rows: commitment
:columns: channel
:csv: engagements-canaux.csv
:::

:::{traceability-matrix} Sites et engagements
:rows: site
:columns: commitment
:csv: sites.csv
:::
"""

MORE = """\
---
orphan: true
---
# Plus

:::{lever} Former les agents à l’accueil téléphonique
:id: LEV-01-03
:commitment: ENG-01
:channel: telephonique
:category: enquetes-usagers
:number: 3
:numbering: printed
:::

:::{site-checklists}
:::
"""

PLAIN = """\
---
orphan: true
---
# Sans besoin

Rien que du texte.
"""


def _project(tmp_path: Path, name: str) -> Path:
    """The checklists fixture plus three pages, so that two workers read two pages each."""
    srcdir = tmp_path / name
    shutil.copytree(ROOTS / "checklists-kit", srcdir)
    for page, text in (("matrices.md", MATRICES), ("more.md", MORE), ("plain.md", PLAIN)):
        (srcdir / page).write_text(text, encoding="utf-8")
    return srcdir


def _build(srcdir: Path, *, fresh: bool, parallel: int) -> dict[str, Any]:
    """Build; return the ``marianne`` domain's data as pickled with the environment."""
    result = run_sphinx(srcdir, srcdir, srcdir / "_build" / "html", fresh=fresh, parallel=parallel)
    assert (result.status, result.warning_lines()) == (0, [])
    with (srcdir / "_build" / "doctrees" / "environment.pickle").open("rb") as file:
        env: BuildEnvironment = pickle.load(file)
    return env.domaindata["marianne"]


def _summary(data: dict[str, Any]) -> dict[str, Any]:
    """The records, written as plainly as the expectations below."""
    return {
        "need_consumers": sorted(data["need_consumers"]),
        "listings": sorted(data["listings"]),
        "matrix_csv": {
            page: [(record[0], record[1], record[2].csv, len(record[3])) for record in records]
            for page, records in data["matrix_csv"].items()
        },
        "need_definitions": {
            page: [definition.need_id for definition in definitions]
            for page, definitions in data["need_definitions"].items()
        },
    }


FULL = {
    "need_consumers": ["index", "matrices", "more"],
    "listings": ["index", "matrices", "more"],
    "matrix_csv": {
        "matrices": [
            ("matrices", 6, "engagements-canaux.csv", 0),
            ("matrices", 12, "sites.csv", 2),
        ]
    },
    "need_definitions": {
        "index": ["ENG-01", "BP-SATISFACTION-CHAUD", "LEV-01-01", "LEV-01-02"],
        "more": ["LEV-01-03"],
    },
}

#: After ``more.md`` is deleted and the sites' matrix removed from ``matrices.md``.
REDUCED = {
    "need_consumers": ["index", "matrices"],
    "listings": ["index"],
    "matrix_csv": {"matrices": [("matrices", 6, "engagements-canaux.csv", 0)]},
    "need_definitions": {"index": ["ENG-01", "BP-SATISFACTION-CHAUD", "LEV-01-01", "LEV-01-02"]},
}


def _differences(reference: Path, other: Path) -> list[str]:
    files = sorted(str(p.relative_to(reference)) for p in reference.rglob("*") if p.is_file())
    assert len(files) > 20
    others = sorted(str(p.relative_to(other)) for p in other.rglob("*") if p.is_file())
    assert others == files
    _, mismatch, errors = filecmp.cmpfiles(reference, other, files, shallow=False)
    return mismatch + errors


def _drop_sites_matrix(srcdir: Path) -> None:
    matrices = srcdir / "matrices.md"
    matrices.write_text(MATRICES.split(":::{traceability-matrix} Sites")[0], encoding="utf-8")


def test_parallel_reads_merge_and_clear_the_state_like_serial_reads(tmp_path: Path) -> None:
    serial_dir, parallel_dir = _project(tmp_path, "serial"), _project(tmp_path, "parallel")
    serial = _build(serial_dir, fresh=True, parallel=1)
    parallel = _build(parallel_dir, fresh=True, parallel=2)
    assert _summary(serial) == FULL
    assert _summary(parallel) == FULL
    assert parallel == serial
    assert _differences(serial_dir / "_build" / "html", parallel_dir / "_build" / "html") == []

    # A page removed and a matrix deleted: cleared, then the re-read page merged back.
    for srcdir in (serial_dir, parallel_dir):
        (srcdir / "more.md").unlink()
        _drop_sites_matrix(srcdir)
    incremental = _build(parallel_dir, fresh=False, parallel=2)
    clean = _build(serial_dir, fresh=True, parallel=1)
    assert _summary(incremental) == REDUCED
    assert _summary(clean) == REDUCED
    assert incremental == clean
    csv = Path("_build", "html", "engagements-canaux.csv")
    assert (parallel_dir / csv).read_bytes() == (serial_dir / csv).read_bytes()


# --- data version ---------------------------------------------------------------------


def _pages_read_by_incremental_build(srcdir: Path) -> list[str]:
    """Build again on the pickled environment; return the pages Sphinx read."""
    read: list[str] = []
    outdir = srcdir / "_build" / "html"
    with patch_docutils(srcdir), docutils_namespace():
        app = Sphinx(
            srcdir=srcdir,
            confdir=srcdir,
            outdir=outdir,
            doctreedir=outdir.parent / "doctrees",
            buildername="html",
            status=io.StringIO(),
            warning=io.StringIO(),
            freshenv=False,
        )
        app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(docnames))
        app.build(force_all=False)
    assert app.statuscode == 0
    return sorted(read)


def test_a_new_state_version_discards_the_pickled_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    srcdir = _project(tmp_path, "project")
    _build(srcdir, fresh=True, parallel=1)  # with a matrix of the sites, read from the profiles
    assert _pages_read_by_incremental_build(srcdir) == []  # nothing changed, nothing read

    monkeypatch.setattr(KitState, "data_version", ENV_VERSION + 1)
    assert _pages_read_by_incremental_build(srcdir) == ["index", "matrices", "more", "plain"]
