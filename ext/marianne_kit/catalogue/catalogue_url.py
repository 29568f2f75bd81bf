"""Links to pre-filtered views of the lever catalogue.

Plain functions (no Sphinx) so every page that points readers to « the levers
matching X » — commitment tabs, matrix cells, checklists — builds the exact URL
the catalogue's script reads back (``spplus``: a Services Publics+ engagement,
``SPP-N``). The parameter names and values are the
contract with ``static/marianne-catalogue.js``: data slugs and need IDs, never
labels, so a shared link survives a relabelling.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable
from typing import Final
from urllib.parse import urlencode

#: Docname of the catalogue page (``docs/catalogue.md``).
CATALOGUE_DOCNAME: Final = "catalogue"

#: URL parameters, in the order the script writes them.
FACET_PARAMS: Final = ("canal", "categorie", "engagement", "spplus")
QUERY_PARAM: Final = "q"


def _values(value: str | Iterable[str] | None) -> list[str]:
    """One value or several, duplicates dropped, order kept."""
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return list(dict.fromkeys(item for item in items if item))


def catalogue_query(
    *,
    canal: str | Iterable[str] | None = None,
    categorie: str | Iterable[str] | None = None,
    engagement: str | Iterable[str] | None = None,
    spplus: str | Iterable[str] | None = None,
    q: str = "",
) -> str:
    """The query string (without ``?``) of a filtered catalogue view."""
    pairs: list[tuple[str, str]] = []
    for name, value in zip(FACET_PARAMS, (canal, categorie, engagement, spplus), strict=True):
        pairs += [(name, item) for item in _values(value)]
    if q.strip():
        pairs.append((QUERY_PARAM, q.strip()))
    return urlencode(pairs)


def catalogue_url(
    from_docname: str,
    *,
    canal: str | Iterable[str] | None = None,
    categorie: str | Iterable[str] | None = None,
    engagement: str | Iterable[str] | None = None,
    spplus: str | Iterable[str] | None = None,
    q: str = "",
    suffix: str = ".html",
) -> str:
    """A link from page ``from_docname`` to the catalogue filtered as given.

    ``catalogue_url("commitments/eng-12", canal="telephonique", engagement="ENG-12")``
    is ``"../catalogue.html?canal=telephonique&engagement=ENG-12"``. Relative, so
    the site works from ``file://`` and from any sub-path of a web server.
    """
    here = posixpath.dirname(from_docname)
    target = posixpath.relpath(CATALOGUE_DOCNAME + suffix, here or ".")
    query = catalogue_query(
        canal=canal, categorie=categorie, engagement=engagement, spplus=spplus, q=q
    )
    return f"{target}?{query}" if query else target
