"""The search index cut in parts (``search/split_index.py``): plain functions on a small
index written by hand, then the real site's index."""

from __future__ import annotations

import json
from typing import Any

import pytest
from conftest import BuildResult
from marianne_kit.search import split_index
from marianne_kit.search.split_index import index_files, shard_file, shard_key, split_characters

#: An index shaped like Sphinx's: terms and titleterms map a word to a file or files.
SMALL: dict[str, Any] = {
    "docnames": ["a", "b"],
    "filenames": ["a.md", "b.md"],
    "titles": ["A", "B"],
    "alltitles": {"A": [[0, None]]},
    "objects": {},
    "terms": {"accueil": [0, 1], "accueillent": 1, "b": 0, "ø": 1, "lev-12-05": 0},
    "titleterms": {"accueil": 0, "zebr": 1},
}


def _payload(data: bytes, call: str) -> Any:
    text = data.decode("ascii")
    assert text.startswith(f"MarianneSearchIndex.{call}(") and text.endswith(");\n")
    return json.loads(f"[{text[len(call) + 21 : -3]}]")


def test_shard_key_is_the_first_character_or_two_when_split() -> None:
    assert shard_key("accueil", "") == "a"
    assert shard_key("accueil", "ac") == "ac"
    assert shard_key("b", "b") == "b"
    assert shard_key("lev-12-05", "l") == "le"
    # A word and every longer word it starts share a key: prefix matches still meet.
    assert shard_key("acc", "a") == shard_key("accueillent", "a")


def test_shard_files_are_ascii_lower_case_and_distinct() -> None:
    assert shard_file("ac") == "ac.js"
    assert shard_file("3") == "3.js"
    assert shard_file("ø") == "_f8_.js"
    assert shard_file("øa") != shard_file("\u0f8a")
    assert shard_file("_") == "_5f_.js"


def test_every_word_is_in_exactly_one_shard_and_the_head_has_the_rest() -> None:
    head, shards = split_index.split_index(SMALL)
    assert head["index"] == {k: v for k, v in SMALL.items() if k not in ("terms", "titleterms")}
    assert head["shards"] == sorted(shards)
    for part in ("terms", "titleterms"):
        holders = {word: [k for k, s in shards.items() if word in s[part]] for word in SMALL[part]}
        assert all(len(keys) == 1 for keys in holders.values()), holders
        assert {w: keys[0] for w, keys in holders.items()} == {
            w: shard_key(w, head["split"]) for w in SMALL[part]
        }
        merged = {w: f for shard in shards.values() for w, f in shard[part].items()}
        assert merged == SMALL[part]


def test_a_character_with_many_words_is_split(monkeypatch: pytest.MonkeyPatch) -> None:
    assert split_characters(SMALL) == []
    monkeypatch.setattr(split_index, "SPLIT_BYTES", 20)
    assert split_characters(SMALL) == ["a"]
    head, shards = split_index.split_index(SMALL)
    assert head["split"] == "a"
    assert sorted(shards) == ["ac", "b", "l", "z", "ø"]


def test_files_are_deterministic_and_carry_the_version() -> None:
    files = index_files(SMALL)
    assert files == index_files(json.loads(json.dumps(SMALL)))
    assert list(files) == sorted(files)
    (head,) = _payload(files["head.js"], "setHead")
    assert set(files) == {"head.js"} | {shard_file(key) for key in head["shards"]}
    version, key, shard = _payload(files["a.js"], "addShard")
    assert (version, key) == (head["version"], "a")
    assert shard["terms"]["accueillent"] == 1
    changed = {**SMALL, "titles": ["A", "C"]}
    assert _payload(index_files(changed)["head.js"], "setHead")[0]["version"] != head["version"]


def test_the_site_writes_the_split_of_its_own_index(site: BuildResult) -> None:
    text = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[len("Search.setIndex(") : -1])
    folder = site.outdir / "_searchindex"
    written = {path.name: path.read_bytes() for path in folder.iterdir()}
    assert written == index_files(index)
    html = (site.outdir / "search.html").read_text(encoding="utf-8")
    assert 'src="searchindex.js"' not in html
    assert 'data-head="_searchindex/head.js"' in html
