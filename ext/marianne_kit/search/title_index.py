"""Section titles found without accents too: folded keys in ``searchindex.js``.

Besides its terms, Sphinx's search matches the query, lower-cased but not folded,
inside every section title (``alltitles``) and links the section: « Téléphonique »
finds the « Téléphonique » tab of each commitment, « telephonique » found none.
The search language cannot change that match, so after the index is written each
section title that folding changes gets a folded twin pointing to the same
sections. Page titles are left alone: their words are already folded terms.
"""

from __future__ import annotations

from typing import Any

from .folding import fold


def with_folded_titles(index: dict[str, Any]) -> dict[str, Any]:
    """``index`` (searchindex.js's data) with folded section titles added; idempotent,
    so an incremental build that reads the file back adds nothing twice."""
    page_titles: list[str] = index["titles"]
    titles: dict[str, list[list[Any]]] = {
        title: [list(entry) for entry in entries] for title, entries in index["alltitles"].items()
    }
    for title, entries in sorted(index["alltitles"].items()):
        key = fold(title)
        if key == title.lower():
            continue
        sections = [list(entry) for entry in entries if page_titles[entry[0]] != title]
        if sections:
            titles.setdefault(key, []).extend(sections)
    # In page order: Sphinx lists a title's sections so in a clean build, but an incremental
    # build appends the pages it wrote after those it kept (the same index, other bytes).
    unique = {
        title: sorted(
            (list(entry) for entry in dict.fromkeys(tuple(entry) for entry in entries)),
            key=lambda entry: entry[0],
        )
        for title, entries in titles.items()
    }
    return {**index, "alltitles": unique}
