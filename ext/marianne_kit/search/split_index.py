"""The search index cut in parts, so the search page loads only the words a query needs.

Sphinx's ``searchindex.js`` holds every stemmed word of the site (24 KB gzipped,
more than half the search page's weight, ``benchmarks/weights.py``). Sphinx's
``searchtools.js`` only ever looks up the words of the query, so the index is
written again as:

* a *head* (``head.js``): everything ``searchtools.js`` reads except ``terms``
  and ``titleterms`` (titles, section titles, objects, page names), plus the
  list of shards, the first characters that are split in two-character shards,
  and a digest of the whole index;
* *shards* (``<key>.js``): the ``terms`` and ``titleterms`` of the words whose
  first character (or first two, for a character with many words) is ``key``.

``static/marianne-search.js`` (loaded by the theme's ``search.html`` after
``searchtools.js`` and ``language_data.js``, deferred, so before ``Search.init``
runs) sends every query through ``Search.deferQuery``: it loads the head and the
shards of the query's stemmed words, found with ``searchtools.js``'s own
``Search._parseQuery`` (same splitter, stop words and folded stemmer as the
search itself), merges them in key order (the whole index's word order) and
hands the result to ``Search.setIndex``, which runs the query with Sphinx's
unchanged code. Without a query nothing of the index is loaded. The files are
scripts loaded by relative URL, so the search works from a site opened from disk
(``file://``) as with the single ``searchindex.js``. Shard URLs carry the head's
``version`` (a cached head never meets newer shards); a shard that fails to load
or names another version makes the loader load Sphinx's whole ``searchindex.js``.

Trade-off: Sphinx also matches a query word of three characters or more *inside*
every indexed word (« cueil » finds « accueil »); with shards it sees only the
words that share the query word's key, i.e. its first one or two characters.
Words that *start* with the query word are all still found (« accueil » finds
« accueillent »), since they share its first characters; a match in the middle
of a word (« cueil ») is not. Exact words, titles, section titles and kit IDs
are found as before.

Sphinx's own ``searchindex.js`` is still written: Sphinx reads it back on an
incremental build, other themes load it, and the loader falls back to it.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any, Final

#: The index parts cut into shards; the rest of the index goes to the head.
SHARDED: Final = ("terms", "titleterms")
#: A first character whose words weigh more than this (JSON, bytes) is split by two
#: characters: shards of ≤ ~1.7 KB gzipped (measured), one request for a rare one.
SPLIT_BYTES: Final = 3000
HEAD: Final = "head"
#: What the files call, defined by ``static/marianne-search.js``.
JS_GLOBAL: Final = "MarianneSearchIndex"


def _json(data: Any) -> str:
    """Deterministic JSON, ASCII only, as Sphinx writes ``searchindex.js``."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"))


def split_characters(index: Mapping[str, Any]) -> list[str]:
    """The first characters whose words are shared among two-character shards, sorted."""
    weight: dict[str, int] = {}
    for part in SHARDED:
        for word, files in index[part].items():
            weight[word[0]] = weight.get(word[0], 0) + len(_json({word: files}))
    return sorted(char for char, size in weight.items() if size > SPLIT_BYTES)


def shard_key(word: str, split: str | list[str]) -> str:
    """The shard of ``word``: its first character, or first two if that one is split.

    Mirrored by ``shardKey`` in ``static/marianne-search.js`` (characters are code
    points there too). A word always shares the key of every word it is a prefix of
    (once three characters long, where Sphinx starts matching parts of words).
    """
    return word[: 2 if word[0] in split else 1]


def shard_file(key: str) -> str:
    """The file name of a shard: ``a``–``z`` and digits as they are, any other character
    as ``_<hex code point>_`` (file and URL safe, distinct on case-blind disks)."""
    name = "".join(
        c if c.isascii() and c.isalnum() and not c.isupper() else f"_{ord(c):x}_" for c in key
    )
    return f"{name}.js"


def split_index(index: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """``(head, shards)`` of ``index`` (``searchindex.js``'s data): the head's ``index``
    lacks :data:`SHARDED`, each shard holds them for the words of its key."""
    split = "".join(split_characters(index))
    shards: dict[str, dict[str, Any]] = {}
    for part in SHARDED:
        for word, files in index[part].items():
            shard = shards.setdefault(shard_key(word, split), {name: {} for name in SHARDED})
            shard[part][word] = files
    head = {
        "index": {key: value for key, value in index.items() if key not in SHARDED},
        "shards": sorted(shards),
        "split": split,
        "version": hashlib.sha256(_json(index).encode("ascii")).hexdigest()[:16],
    }
    return head, shards


def index_files(index: Mapping[str, Any]) -> dict[str, bytes]:
    """File name → bytes of the head and every shard of ``index``.

    Each shard names its key and the head's ``version``: the loader checks both, so a
    head and a shard from two builds (a cache) are never merged.
    """
    head, shards = split_index(index)
    files = {f"{HEAD}.js": f"{JS_GLOBAL}.setHead({_json(head)});\n"}
    for key, shard in shards.items():
        call = f"{JS_GLOBAL}.addShard({_json(head['version'])},{_json(key)},{_json(shard)});\n"
        files[shard_file(key)] = call
    return {name: text.encode("ascii") for name, text in sorted(files.items())}
