"""The split search index (``search/split_index.py``, ``static/marianne-search.js``) in
real Chromium: a query finds what Sphinx's whole ``searchindex.js`` finds, loading only
the head and the shards of its words.

The oracle is Sphinx's own ``searchtools.js`` run in the same page on the whole
index (``Search.setIndex`` with ``searchindex.js``'s data); the shards expected are
computed in Python (the site's stemmer and :func:`split_index.shard_key`).
"""

from __future__ import annotations

import json
from typing import Any
from urllib.parse import quote

import pytest
from marianne_kit.search.folding import split_words
from marianne_kit.search.search_language import FoldedFrench
from marianne_kit.search.split_index import shard_file, shard_key

pytestmark = pytest.mark.browser

QUERIES = [
    "accueil",  # a prefix: « accueillent », « accueilli »… are found through it
    "réclamation",
    "reclamation",
    "délai de réponse",  # several words, a stop word among them
    "accueil -téléphone",  # an excluded word (Sphinx's splitter drops the dash)
    "LEV-12-05",
    "Téléphonique",
    "zzzz",  # nothing
]
LINKS = "links => links.map(a => a.getAttribute('href'))"
#: Sphinx's query, run on whatever index is set, as the links it would show, in order.
FULL_RESULTS = """async ([url, query]) => {
  await new Promise((resolve, reject) => {
    const element = document.createElement("script");
    element.src = url; element.onload = resolve; element.onerror = reject;
    document.head.appendChild(element);
  });
  const results = Search._performSearch(...Search._parseQuery(query));
  return results.reverse().map(([doc, , anchor]) => doc + ".html" + anchor);
}"""


def _finished(page: Any) -> None:
    page.wait_for_function(
        "() => { const s = document.querySelector('#search-results .search-summary');"
        " return s !== null && s.textContent.trim() !== ''; }",
        timeout=30_000,
    )


def expected_files(query: str, head: dict[str, Any]) -> set[str]:
    """The head and the shard of each stemmed query word that has one (Python side)."""
    french = FoldedFrench({})
    keys = set()
    for word in split_words(query):
        lower = word.lower()
        if lower in french.stopwords or word.isdigit():
            continue
        term = french.stem(word.lstrip("-"))
        keys.add(shard_key(term, head["split"]))
    return {"head.js"} | {shard_file(key) for key in keys if key in head["shards"]}


@pytest.fixture(scope="module")
def head(site: Any) -> dict[str, Any]:
    text = (site.outdir / "_searchindex" / "head.js").read_text(encoding="ascii")
    return json.loads(text[len("MarianneSearchIndex.setHead(") : -3])  # type: ignore[no-any-return]


@pytest.mark.parametrize("query", QUERIES)
def test_a_query_finds_what_the_whole_index_finds_with_its_shards_only(
    page: Any, server: str, head: dict[str, Any], query: str
) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}search.html?q={quote(query)}")
    _finished(page)
    shown = page.eval_on_selector_all("#search-results ul.search li a", LINKS)
    index_files = {
        url.split("/_searchindex/")[1].split("?")[0] for url in requested if "/_searchindex/" in url
    }
    assert index_files == expected_files(query, head)
    assert not any(url.split("?")[0].endswith("/searchindex.js") for url in requested)
    whole = page.evaluate(FULL_RESULTS, [f"{server}searchindex.js", query])
    assert shown == whole
    if query != "zzzz":
        assert shown, query


def test_the_prefix_of_a_word_finds_its_longer_forms(page: Any, server: str) -> None:
    page.goto(f"{server}search.html?q=accueil")
    _finished(page)
    terms = page.evaluate("Object.keys(Search._index.terms)")
    assert "accueil" in terms
    assert any(term.startswith("accueil") and term != "accueil" for term in terms)


def test_the_js_shard_key_and_file_are_python_s(page: Any, server: str, site: Any) -> None:
    text = (site.outdir / "searchindex.js").read_text(encoding="utf-8")
    index = json.loads(text[len("Search.setIndex(") : -1])
    words = sorted({*index["terms"], *index["titleterms"], "ø", "øa", "_x", "3"})
    page.goto(f"{server}search.html")
    page.wait_for_function("() => window.MarianneSearchIndex !== undefined")
    split = "acdelprs"
    js = page.evaluate(
        "([words, split]) => words.map(w => { const k = MarianneSearchIndex.shardKey(w, split);"
        " return [k, MarianneSearchIndex.shardFile(k)]; })",
        [words, split],
    )
    assert js == [[shard_key(w, split), shard_file(shard_key(w, split))] for w in words]


def test_without_a_query_no_index_is_loaded(page: Any, server: str) -> None:
    requested: list[str] = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{server}search.html", wait_until="networkidle")
    assert not [url for url in requested if "searchindex" in url]


def test_a_shard_of_another_build_falls_back_to_the_whole_index(page: Any, server: str) -> None:
    def stale(route: Any) -> None:
        response = route.fetch()
        body = response.text().replace(
            'MarianneSearchIndex.addShard("', 'MarianneSearchIndex.addShard("0'
        )
        route.fulfill(response=response, body=body)

    page.route("**/_searchindex/ac.js*", stale)
    page.goto(f"{server}search.html?q=accueil")
    _finished(page)
    shown = page.eval_on_selector_all("#search-results ul.search li a", LINKS)
    assert shown == page.evaluate(FULL_RESULTS, [f"{server}searchindex.js", "accueil"])
    assert len(page.evaluate("Object.keys(Search._index.terms)")) > 1000


def test_works_from_file_urls(browser: Any, site: Any, server: str) -> None:
    context = browser.new_context()
    try:
        page = context.new_page()
        page.goto(f"{server}search.html?q=accueil")
        _finished(page)
        over_http = page.eval_on_selector_all("#search-results ul.search li a", LINKS)
        page.goto((site.outdir / "search.html").as_uri() + "?q=accueil")
        _finished(page)
        from_disk = page.eval_on_selector_all("#search-results ul.search li a", LINKS)
    finally:
        context.close()
    assert from_disk == over_http and over_http
