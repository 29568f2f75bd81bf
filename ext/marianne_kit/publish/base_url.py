"""The one base URL the site is published under, and the settings derived from it.

Canonical links, ``sitemap.xml`` and ``robots.txt`` need absolute URLs, and the
404 page needs the URL path of the site's root (a missing page can sit at any
depth). All of them come from one value: the environment variable
``MARIANNE_BASE_URL`` (README « Publier le site »), so the same sources build
for a test server and for production. Without it the build uses
:data:`PLACEHOLDER_BASE_URL`, under the ``.invalid`` top-level domain that RFC 2606
reserves for names that never resolve: a preview build works and cannot be
mistaken for a publication. Plain logic, no Sphinx import except ConfigError,
which Sphinx reports as one line when ``conf.py`` raises it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, Final
from urllib.parse import urlsplit

from sphinx.errors import ConfigError

ENVIRONMENT_VARIABLE: Final = "MARIANNE_BASE_URL"
PLACEHOLDER_BASE_URL: Final = "https://banque-leviers-marianne.invalid/"
NOT_FOUND_PAGE: Final = "404"
#: Pages of no use to a search engine: the search page, the index, the 404 page, and
#: the build's private pages (a name starting with « _ », e.g. the checklists' page shell).
SITEMAP_EXCLUDES: Final = (
    "search.html",
    "genindex.html",
    f"{NOT_FOUND_PAGE}.html",
    "_*",
    "*/_*",
)


def is_private_page(pagename: str) -> bool:
    """A page the build writes for its own use (its last segment starts with « _ »)."""
    return pagename.rsplit("/", 1)[-1].startswith("_")


def normalise_base_url(value: str) -> str:
    """``value`` as an absolute http(s) URL ending in ``/``; ValueError says what is wrong."""
    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        msg = f"{text!r} is not an absolute http(s) URL (e.g. https://leviers.example.gouv.fr/)"
        raise ValueError(msg)
    if parts.query or parts.fragment or parts.username or parts.password:
        msg = f"{text!r}: give the site's root only, without ?query, #fragment or user name"
        raise ValueError(msg)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return f"{parts.scheme}://{parts.netloc}{path}"


def base_url(environ: Mapping[str, str]) -> str:
    """The base URL ``environ`` asks for, else the placeholder; ConfigError if malformed."""
    value = environ.get(ENVIRONMENT_VARIABLE, "").strip()
    if not value:
        return PLACEHOLDER_BASE_URL
    try:
        return normalise_base_url(value)
    except ValueError as error:
        raise ConfigError(f"{ENVIRONMENT_VARIABLE}: {error}") from None


def not_found_body(prefix: str) -> str:
    """The 404 page's text. Links are absolute paths: the page answers at any depth."""
    return (
        "<h1>Page introuvable</h1>"
        "<p>L’adresse demandée ne correspond à aucune page de la banque de leviers. "
        "Elle a peut-être été mal recopiée, ou la page a changé de nom.</p>"
        "<ul>"
        f'<li><a href="{prefix}index.html">Revenir à l’accueil</a></li>'
        f'<li><a href="{prefix}catalogue.html">Parcourir le catalogue des leviers</a></li>'
        "</ul>"
        f'<form action="{prefix}search.html" method="get" role="search">'
        '<p><label for="mk-notfound-q">Rechercher un levier (identifiant ou mots)'
        "\u00a0:</label> "
        '<input type="search" id="mk-notfound-q" name="q"> '
        '<button type="submit">Rechercher</button></p></form>'
    )


def publish_settings(environ: Mapping[str, str]) -> dict[str, Any]:
    """Configuration values of sphinx-notfound-page and canonical links,
    for ``globals().update(...)`` in ``conf.py``."""
    url = base_url(environ)
    prefix = urlsplit(url).path
    return {
        "html_baseurl": url,
        "notfound_pagename": NOT_FOUND_PAGE,
        "notfound_urls_prefix": prefix,
        "notfound_context": {"title": "Page introuvable", "body": not_found_body(prefix)},
    }


def robots_txt(url: str) -> str:
    """Every page may be crawled; the sitemap is named in full, as robots.txt requires."""
    return f"User-agent: *\nAllow: /\n\nSitemap: {url}sitemap.xml\n"
