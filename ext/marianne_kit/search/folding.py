"""How the site search cuts and folds words: plain functions, mirrored in JavaScript.

Referents type without accents (« reclamation ») and copy lever IDs from a
checklist (« LEV-12-05 »). The index and the query must go through the same
steps, or a word indexed one way is never found the other way:

1. a kit ID (``LEV-12-05``, ``ENG-12``, ``BP-ESPRIT-SERVICE``) is one word of
   its own, lower-cased and never stemmed — Sphinx's splitter would cut it into
   ``lev``, ``12`` and ``05`` and drop the numbers;
2. any other word is lower-cased and folded (accents dropped, « œ » → « oe »),
   *then* stemmed by the French Snowball stemmer, so the stemmer sees the same
   letters whichever way the word was typed;
3. a stem that is a stop word gives way to the folded word, so no indexed word
   turns into a term the query side would drop.

:data:`search_language.JS_FOLDING` implements the same steps for the query.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Set
from typing import Final

#: A kit ID as it appears in text, any case (prefixes of ``kit/model.py``'s ID patterns).
ID_PATTERN: Final = r"\b(?:LEV|ENG|BP|SPP|SPX)(?:-[A-Z0-9]+)+\b"
_ID_IN_TEXT: Final = re.compile(ID_PATTERN, re.IGNORECASE | re.ASCII)
_WHOLE_ID: Final = re.compile(ID_PATTERN, re.IGNORECASE | re.ASCII)
_WORD: Final = re.compile(r"\w+")
_LIGATURES: Final = str.maketrans({"œ": "oe", "æ": "ae"})


def fold(word: str) -> str:
    """Lower case, without accents or other combining marks, ligatures spelt out."""
    decomposed = unicodedata.normalize("NFD", word.lower())
    bare = "".join(c for c in decomposed if not unicodedata.category(c).startswith("M"))
    return bare.translate(_LIGATURES)


def is_kit_id(word: str) -> bool:
    """Whether ``word`` is one whole kit ID (``lev-12-05`` as well as ``LEV-12-05``)."""
    return _WHOLE_ID.fullmatch(word) is not None


def split_words(text: str) -> list[str]:
    """The kit IDs of ``text`` as whole words, then its words as Sphinx cuts them (the
    parts of an ID among them, so « esprit » still finds ``BP-ESPRIT-SERVICE``)."""
    return _ID_IN_TEXT.findall(text) + _WORD.findall(text)


def stem_word(word: str, stem: Callable[[str], str], stopwords: Set[str]) -> str:
    """The index term of ``word``: steps 1 to 3 of the module docstring."""
    lower = word.lower()
    if is_kit_id(lower):
        return lower
    folded = fold(lower)
    stemmed = stem(folded)
    return folded if stemmed in stopwords else stemmed


def folded_stopwords(stopwords: Set[str]) -> frozenset[str]:
    """The stop words as typed and as folded: the query side checks the typed word
    (« été »), the index side the folded stem (« ete »)."""
    return frozenset(stopwords) | frozenset(fold(word) for word in stopwords)
