"""The site search's index: words folded, kit IDs whole, IDs as objects (``search/``).

Expected stems are literal (what the French Snowball stemmer gives for the plain
word, checked by hand), and the index is read back from ``searchindex.js`` with
the standard library's JSON parser.
"""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from conftest import PROJECT_ROOT, BuildResult, lever_ids_in_kit_order
from marianne_kit.search.folding import fold, split_words
from marianne_kit.search.search_language import FoldedFrench
from marianne_kit.search.title_index import with_folded_titles


@pytest.fixture(scope="module")
def french() -> FoldedFrench:
    return FoldedFrench({})


@pytest.fixture(scope="module")
def index(site: BuildResult) -> dict[str, Any]:
    text = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    assert text.startswith("Search.setIndex(") and text.endswith(")")
    return json.loads(text[len("Search.setIndex(") : -1])  # type: ignore[no-any-return]


def test_fold_drops_accents_case_and_ligatures() -> None:
    assert fold("Réclamation") == "reclamation"
    assert fold("ŒUVRE À FAÇON") == "oeuvre a facon"
    assert fold("Téléphonique") == fold("TELEPHONIQUE") == "telephonique"


def test_kit_ids_are_whole_words_and_their_parts_stay() -> None:
    assert split_words("Voir LEV-12-05 et bp-esprit-service.") == [
        "LEV-12-05",
        "bp-esprit-service",
        "Voir",
        "LEV",
        "12",
        "05",
        "et",
        "bp",
        "esprit",
        "service",
    ]
    assert split_words("sous-préfecture") == ["sous", "préfecture"]


@pytest.mark.parametrize(
    ("typed", "stem"),
    [
        ("réclamation", "reclam"),
        ("RECLAMATION", "reclam"),
        ("réclamations", "reclam"),
        ("téléphonique", "telephon"),
        ("Telephonique", "telephon"),
        ("LEV-12-05", "lev-12-05"),
        ("BP-Esprit-Service", "bp-esprit-service"),
    ],
)
def test_index_and_query_stem_alike(french: FoldedFrench, typed: str, stem: str) -> None:
    assert french.stem(typed) == stem


def test_stop_words_are_dropped_typed_or_folded(french: FoldedFrench) -> None:
    for word in ("été", "ete", "ÉTÉ", "à", "a", "Des", "AVEZ", "12"):
        assert not french.word_filter(word), word
    assert french.word_filter("reclam")


def test_the_query_side_ships_the_same_steps(french: FoldedFrench) -> None:
    """language_data.js gets the stemmer, the folding and the ID splitter."""
    assert "FrenchStemmer" in french.js_stemmer_code and "var Stemmer" in french.js_stemmer_code
    assert 'normalize("NFD")' in french.js_stemmer_code
    assert "var splitQuery" in french.js_splitter_code


def test_folded_titles_point_to_the_same_sections_and_are_idempotent() -> None:
    index = {
        "titles": ["Leviers de l’engagement 12", "Téléphonique"],
        "alltitles": {
            "Leviers de l’engagement 12": [[0, None]],
            "Téléphonique": [[0, "telephonique"], [1, None]],
            "Courrier": [[0, "courrier"]],
        },
    }
    once = with_folded_titles(index)
    assert once["alltitles"] == {
        "Leviers de l’engagement 12": [[0, None]],
        "Téléphonique": [[0, "telephonique"], [1, None]],
        "Courrier": [[0, "courrier"]],
        # The section only: page 1, titled so, is found through its (folded) title terms;
        # « Courrier » differs from its folded form by case only, which the search ignores.
        "telephonique": [[0, "telephonique"]],
    }
    assert with_folded_titles(once) == once


# --------------------------------------------------------------------------- the real index


def test_index_terms_are_folded(index: dict[str, Any]) -> None:
    terms, title_terms = index["terms"], index["titleterms"]
    assert "reclam" in terms and "telephon" in terms and "telephon" in title_terms
    assert "réclam" not in terms and "téléphon" not in terms
    unfolded = sorted(t for t in [*terms, *title_terms] if t != fold(t))
    assert unfolded == []


def test_every_kit_id_is_an_object_on_its_own_page(index: dict[str, Any]) -> None:
    docs = PROJECT_ROOT / "docs"
    sources = {
        m: p.relative_to(docs).with_suffix("").as_posix()
        for p in docs.rglob("*.md")
        for m in re.findall(r"^:id: (\S+)$", p.read_text(encoding="utf-8"), re.MULTILINE)
    }
    assert len([i for i in sources if i.startswith("LEV-")]) == len(lever_ids_in_kit_order())
    objects = {entry[4]: (index["docnames"][entry[0]], entry[3]) for entry in index["objects"][""]}
    assert objects == {need_id: (docname, "") for need_id, docname in sources.items()}


def test_an_id_is_one_term_of_its_pages(index: dict[str, Any]) -> None:
    docnames = index["docnames"]
    found = index["terms"]["lev-12-05"]
    found = [found] if isinstance(found, int) else found
    assert "levers/eng-12" in {docnames[i] for i in found}


def test_section_titles_are_found_without_accents(index: dict[str, Any]) -> None:
    titles = index["alltitles"]
    assert "Téléphonique" in titles
    assert sorted(map(tuple, titles["telephonique"])) == sorted(
        tuple(entry)
        for entry in titles["Téléphonique"]
        if index["titles"][entry[0]] != "Téléphonique"
    )


def test_the_c_stemmer_stems_every_word_of_the_site_as_the_pure_python_one() -> None:
    """PyStemmer (a dependency: the build is faster with it) is what ``snowballstemmer``
    hands Sphinx when installed; the index must keep the stems of the pure-Python
    stemmer, which the browser's (Sphinx's JavaScript Snowball) computes too."""
    stemmer_module = pytest.importorskip("Stemmer", reason="PyStemmer (pip) is not installed")
    from snowballstemmer.french_stemmer import FrenchStemmer

    text = " ".join(p.read_text(encoding="utf-8") for p in (PROJECT_ROOT / "docs").rglob("*.md"))
    words = {word for raw in re.findall(r"\w+", text) for word in (raw.lower(), fold(raw))}
    assert len(words) > 2000
    c_stemmer, pure = stemmer_module.Stemmer("french"), FrenchStemmer()
    different = sorted(w for w in words if c_stemmer.stemWord(w) != pure.stemWord(w))
    assert different == []
