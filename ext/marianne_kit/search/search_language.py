"""French search language of the site: Sphinx's French, plus :mod:`.folding` on both sides.

Registered for ``fr`` with ``app.add_search_language``, it replaces Sphinx's own
French language for this project: the index is built with :func:`.folding.stem_word`,
and ``language_data.js`` receives the same steps for the query (Sphinx's
minified Snowball French stemmer, wrapped) and a splitter that keeps kit IDs
whole. It works with any theme whose search page uses Sphinx's ``searchtools.js``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import snowballstemmer
from sphinx import package_dir
from sphinx.search import SearchLanguage
from sphinx.search._stopwords.fr import FRENCH_STOPWORDS

from .folding import fold, folded_stopwords, split_words, stem_word

#: Sphinx's own minified Snowball stemmers, shipped with Sphinx.
_STEMMERS: Final = Path(package_dir, "search", "minified-js")

#: Steps 1–3 of :mod:`.folding` for the query. ``stopwords`` is language_data.js's set.
JS_FOLDING: Final = r"""
/* marianne_kit (search/folding.py): kit IDs whole; other words folded, then stemmed. */
var Stemmer = function () {
  const french = new FrenchStemmer();
  const kitId = /^(?:lev|eng|bp)(?:-[a-z0-9]+)+$/;
  const fold = (word) =>
    word.toLowerCase().normalize("NFD").replace(/\p{M}/gu, "")
      .replace(/œ/g, "oe").replace(/æ/g, "ae");
  this.stemWord = function (word) {
    const lower = word.toLowerCase();
    if (kitId.test(lower)) return lower;
    const folded = fold(lower);
    const stemmed = french.stemWord(folded);
    return stopwords.has(stemmed) ? folded : stemmed;
  };
};
"""

#: Kit IDs as whole query words, then the rest as Sphinx's default splitter cuts it.
JS_SPLITTER: Final = r"""
/* marianne_kit (search/folding.py): « LEV-12-05 » is one word. */
var splitQuery = function (query) {
  const kitIds = /\b(?:lev|eng|bp|spp|spx)(?:-[a-z0-9]+)+\b/gi;
  const ids = query.match(kitIds) || [];
  const words = query.replace(kitIds, " ")
    .split(/[^\p{Letter}\p{Number}_\p{Emoji_Presentation}]+/gu)
    .filter((term) => term);
  return ids.concat(words);
};
"""


class FoldedFrench(SearchLanguage):
    """French, accents and case ignored, kit IDs kept whole."""

    lang = "fr"
    language_name = "French"
    stopwords = folded_stopwords(FRENCH_STOPWORDS)
    js_splitter_code = JS_SPLITTER

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stemmer = snowballstemmer.stemmer("french")
        stemmers = [(_STEMMERS / name).read_text(encoding="utf-8") for name in _JS_FILES]
        self.js_stemmer_code = "\n".join([*stemmers, JS_FOLDING])
        # Word -> its term, and word -> whether it is indexed: the site's ~200,000 words are
        # ~3,000 distinct ones, each folded (Unicode decomposition) and stemmed once.
        self._terms: dict[str, str] = {}
        self._kept: dict[str, bool] = {}

    def split(self, input: str) -> list[str]:  # noqa: A002 - Sphinx's parameter name
        return split_words(input)

    def stem(self, word: str) -> str:
        term = self._terms.get(word)
        if term is None:
            term = self._terms[word] = stem_word(word, self.stemmer.stemWord, self.stopwords)
        return term

    def word_filter(self, word: str) -> bool:
        """Sphinx indexes the word as written when its stem is filtered out: « Avez »
        must be a stop word too, or the index keeps capitals and accents."""
        kept = self._kept.get(word)
        if kept is None:
            kept = self._kept[word] = not word.isdigit() and fold(word) not in self.stopwords
        return kept


_JS_FILES: Final = ("base-stemmer.js", "french-stemmer.js")
