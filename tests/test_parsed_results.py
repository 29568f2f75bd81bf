"""Results files are parsed once per content: a rebuild reads the kept results, an edited
file is parsed again, a broken one is reported at every build, a damaged cache is ignored."""

from __future__ import annotations

import datetime
import pickle
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from marianne_kit.checklists.checklist_files import SiteJob, fingerprint
from marianne_kit.checklists.checklists import generic_profile
from marianne_kit.dashboards.site_pages import SiteInput, site_fingerprint
from marianne_kit.results import results_folder
from marianne_kit.results.model import SiteResults
from marianne_kit.results.parsed_cache import ParsedResults
from marianne_kit.results.results_folder import ResultsFolder, read_results_folder
from test_network_aggregates import write_results


@pytest.fixture
def parsed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The sources the real parser was called on, in order."""
    calls: list[str] = []
    parse = results_folder.parse_results

    def counted(text: str, source: str, site: str, year: int) -> Any:
        calls.append(source)
        return parse(text, source, site, year)

    monkeypatch.setattr(results_folder, "parse_results", counted)
    return calls


def read(root: Path, cache_path: Path) -> tuple[ResultsFolder, bool]:
    """One build's reading: the folder, and whether the cache was written."""
    cache = ParsedResults(cache_path)
    folder = read_results_folder(root, cache=cache)
    return folder, cache.save()


def test_a_rebuild_parses_only_the_files_that_changed(tmp_path: Path, parsed: list[str]) -> None:
    root, cache = tmp_path / "results", tmp_path / "doctrees" / "results.pickle"
    write_results(root)
    count = len(list(root.glob("*/*.toml")))
    first, written = read(root, cache)
    assert written and len(parsed) == count
    again, written = read(root, cache)
    assert not written and len(parsed) == count
    assert again.results == first.results and again.digest() == first.digest()
    edited = root / "prefecture-landes" / "2026.toml"
    edited.write_text(edited.read_text("utf-8").replace('"En cours"', '"En place"'), "utf-8")
    changed, written = read(root, cache)
    assert written and parsed[count:] == ["results/prefecture-landes/2026.toml"]
    assert changed.digest() != first.digest()
    assert changed.results["prefecture-landes"][2026] != first.results["prefecture-landes"][2026]
    assert changed.results == read_results_folder(root).results  # as without a cache
    (root / "prefecture-landes" / "2025.toml").unlink()  # its entry is dropped
    assert read(root, cache)[1] is True and len(parsed) == 2 * count + 1


def test_a_broken_file_is_reported_at_every_build(tmp_path: Path, parsed: list[str]) -> None:
    root, cache = tmp_path / "results", tmp_path / "results.pickle"
    write_results(root)
    read(root, cache)
    broken = root / "prefecture-landes" / "2026.toml"
    broken.write_text(broken.read_text("utf-8").replace("year = 2026", "year = 2025"), "utf-8")
    for _ in range(2):
        folder, _written = read(root, cache)
        assert [problem.source for problem in folder.problems] == [
            "results/prefecture-landes/2026.toml"
        ]
        assert 2026 not in folder.results["prefecture-landes"]
    assert parsed.count("results/prefecture-landes/2026.toml") == 3


@pytest.mark.parametrize(
    "damage",
    [b"", b"not a pickle", pickle.dumps((0, {})), pickle.dumps(["a", "list"]),
     pickle.dumps((1, {("prefecture-landes", 2026, "0" * 64): "not results"}))],
)  # fmt: skip
def test_a_damaged_or_older_cache_is_ignored(
    tmp_path: Path, parsed: list[str], damage: bytes
) -> None:
    root, cache = tmp_path / "results", tmp_path / "results.pickle"
    write_results(root)
    expected = read_results_folder(root).results
    cache.write_bytes(damage)
    folder, written = read(root, cache)
    count = len(list(root.glob("*/*.toml")))
    assert folder.results == expected and written and len(parsed) == 2 * count
    assert read(root, cache)[1] is False and len(parsed) == 2 * count


def test_pages_and_checklists_are_fingerprinted_with_the_results_files_digests() -> None:
    """The digest of a file stands for the results parsed from it (as exact, cheaper)."""
    results = SiteResults("s", 2025, "2026.2", datetime.date(2025, 3, 1), "0" * 64)
    other = replace(results, source_name="autre.ods")
    site = SiteInput("s", "Site", b"name = 's'", {2025: results}, {2025: "a" * 64})
    base = site_fingerprint(site, "base")
    assert site_fingerprint(replace(site, file_digests={2025: "b" * 64}), "base") != base
    assert site_fingerprint(replace(site, years={2025: other}), "base") == base
    without = replace(site, file_digests={})
    assert site_fingerprint(without, "base") != site_fingerprint(
        replace(without, years={2025: other}), "base"
    )
    job = SiteJob(generic_profile(2026), b"", results, "a" * 64)
    assert fingerprint(replace(job, previous_digest="b" * 64), "base") != fingerprint(job, "base")
    assert fingerprint(replace(job, previous=other), "base") == fingerprint(job, "base")
    bare = replace(job, previous_digest="")
    assert fingerprint(bare, "base") != fingerprint(replace(bare, previous=other), "base")
