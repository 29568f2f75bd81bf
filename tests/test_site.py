"""The real site: clean, reproducible, offline, and correct after incremental builds."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT, BuildResult, build_site, run_sphinx

#: Attributes and CSS that make a browser fetch something (a canonical link names the
#: page's published address and fetches nothing).
_LOADING = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)"""
    r"""|<link\b(?![^>]*\brel\s*=\s*["']?canonical\b)[^>]*\bhref\s*=\s*["']?(?P<href>[^"'\s>]+)"""
    r"""|url\(\s*["']?(?P<url>[^"')\s]+)""",
    re.IGNORECASE,
)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:)?//", re.IGNORECASE)


def test_real_docs_build_without_warnings(site: BuildResult) -> None:
    assert site.warning_lines() == []
    assert site.status == 0
    assert (site.outdir / "index.html").is_file()


def test_needs_json_is_published_at_the_site_root(site: BuildResult) -> None:
    needs = site.needs()
    assert sum(1 for n in needs.values() if n["type"] == "commitment") == 19
    data = json.loads((site.outdir / "needs.json").read_text(encoding="utf-8"))
    assert "created" not in data, "needs.json must carry no build timestamp"


def test_site_is_french(site: BuildResult) -> None:
    html = (site.outdir / "index.html").read_text(encoding="utf-8")
    assert re.search(r'<html[^>]* lang="fr"', html)
    assert 'placeholder="Rechercher"' in html
    assert (site.outdir / "_static" / "translations.js").is_file()


def test_every_commitment_is_on_the_home_page(site: BuildResult) -> None:
    html = (site.outdir / "index.html").read_text(encoding="utf-8")
    commitments = [n for n in site.needs().values() if n["type"] == "commitment"]
    assert len(commitments) == 19
    for need in commitments:
        assert need["title"].replace("’", "&#8217;") in html or need["title"] in html


def _loaded_resources(outdir: Path) -> list[tuple[Path, str]]:
    found = []
    for path in outdir.rglob("*"):
        if path.suffix not in {".html", ".css", ".js", ".svg"}:
            continue
        for match in _LOADING.finditer(path.read_text(encoding="utf-8", errors="replace")):
            found.append((path, next(g for g in match.groups() if g)))
    return found


def test_nothing_is_loaded_from_another_host(site: BuildResult) -> None:
    resources = _loaded_resources(site.outdir)
    assert len(resources) > 100, "the scan must see the site's own scripts and styles"
    external = [(str(p.relative_to(site.outdir)), r) for p, r in resources if _EXTERNAL.match(r)]
    assert external == []


def test_two_clean_builds_are_byte_identical(site: BuildResult, tmp_path: Path) -> None:
    again = build_site(tmp_path)
    comparison = filecmp.dircmp(site.outdir, again.outdir)
    differing: list[str] = []

    def walk(cmp: filecmp.dircmp[str], prefix: str) -> None:
        differing.extend(prefix + name for name in cmp.left_only + cmp.right_only)
        _, mismatch, errors = filecmp.cmpfiles(cmp.left, cmp.right, cmp.common_files, shallow=False)
        differing.extend(prefix + name for name in mismatch + errors)
        for name, sub in cmp.subdirs.items():
            walk(sub, f"{prefix}{name}/")

    walk(comparison, "")
    assert differing == []
    compared = {p.name for p in (again.outdir / "checklists").iterdir()}
    assert {"kit-complet.pdf", "kit-complet.ods", "kit-complet.xlsx", "kit-complet.csv"} <= compared


def test_incremental_build_updates_every_page_showing_a_commitment(tmp_path: Path) -> None:
    """A retitled commitment is a retitled page: every sidebar shows it (``nav_titles.py``).

    The title change rewrites every page, which hides whether needs alone update the
    pages showing them: ``test_incremental.py`` edits a lever's text only.
    """
    first = build_site(tmp_path)
    assert first.status == 0
    # A title with ’: OCR quotations on the source-notes page cannot contain it.
    old = "S’adapter aux personnes en difficulté"
    new = "S’adapter aux personnes en grande difficulté"
    page = first.srcdir / "commitments" / "eng-05.md"
    page.write_text(page.read_text(encoding="utf-8").replace(old, new), encoding="utf-8")

    second = run_sphinx(first.srcdir, first.srcdir.parent, first.outdir, fresh=False)

    assert second.warning_lines() == []
    pages = {
        str(path.relative_to(first.outdir)): path.read_text(encoding="utf-8")
        for path in first.outdir.rglob("*.html")
    }
    updated = sorted(name for name, html in pages.items() if new in html)
    stale = sorted(name for name, html in pages.items() if old in html)
    assert stale == []
    assert {"index.html", "commitments/eng-05.html", "levers/eng-05.html"} <= set(updated)
    # Pages that show no need: only their sidebar names the commitment.
    assert {"accessibilite.html", "mentions-legales.html"} <= set(updated)


#: English interface strings of Sphinx's basic templates and of furo 2025.12 (the theme
#: before the DSFR one), and the toctree toggles: none may reach a French reader, as a
#: text node or an ``aria-label``/``title``/``alt``.
THEME_ENGLISH = [
    "Skip to content",
    "Back to top",
    "Toggle Light / Dark / Auto color theme",
    "Toggle site navigation sidebar",
    "Toggle table of contents sidebar",
    "Auto light/dark, in dark mode",
    "Auto light/dark, in light mode",
    "Dark mode",
    "Light mode",
    "Next",
    "Previous",
    "On this page",
    "Contents",
    "Made with",
    "and",
    "Navigation",
    "Search",
    "Quick search",
    "Link to this heading",
    "Please activate JavaScript to enable the search functionality.",
]
#: The French every page built by the theme must show (spaces compared as plain
#: spaces: French typography is checked elsewhere): skip links, bloc-marque, service
#: name, side menu, search, footer links, display settings.
FRENCH_ON_EVERY_PAGE = [
    "Contenu",
    "Menu",
    "Recherche",
    "Pied de page",
    "Accès rapide",
    "République",
    "française",
    "Banque de leviers Marianne",
    "Menu du site",
    "Rechercher dans le site",
    "Plan du site",
    "Accessibilité : non conforme",
    "Mentions légales",
    "Données personnelles",
    "Paramètres d’affichage",
    "Thème clair",
    "Thème sombre",
    "Système",
    "Fermer",
]
#: French shown only on some pages: page -> strings.
FRENCH_ON_SOME_PAGES = {
    "commitments/eng-01.html": ["Suivant", "Précédent", "vous êtes ici :"],
    "levers/eng-07.html": ["Suivant", "Précédent", "Voir le fil d’Ariane"],
    "search.html": [
        "Une recherche de plusieurs mots ne trouve que les pages qui contiennent tous ces mots."
    ],
}
#: Pages outside the theme (none: the kit replaces sphinx-needs' permalink page).
NOT_THEMED: set[str] = set()


def _interface_strings(html: str) -> set[str]:
    """Every whole text node and aria-label, title and alt value of a page, no-break
    spaces as plain spaces."""
    soup = BeautifulSoup(html, "html.parser")
    texts = {text.strip() for text in soup.find_all(string=True)}
    attributes = {
        str(element[name])
        for element in soup.find_all(True)
        for name in ("aria-label", "title", "alt")
        if element.has_attr(name)
    }
    return {text.replace("\u00a0", " ") for text in texts | attributes} - {""}


def test_interface_speaks_french_on_every_page(site: BuildResult) -> None:
    pages = {
        str(path.relative_to(site.outdir)): _interface_strings(path.read_text(encoding="utf-8"))
        for path in sorted(site.outdir.rglob("*.html"))
    }
    themed = {name: found for name, found in pages.items() if name not in NOT_THEMED}
    assert len(themed) >= 60 and set(FRENCH_ON_SOME_PAGES) <= set(themed)
    english = {
        name: sorted(
            text
            for text in found
            if text in THEME_ENGLISH or text.startswith("Toggle navigation of")
        )
        for name, found in pages.items()
    }
    assert {name: found for name, found in english.items() if found} == {}
    missing = {
        name: [text for text in FRENCH_ON_EVERY_PAGE if text not in found]
        for name, found in themed.items()
    }
    assert {name: texts for name, texts in missing.items() if texts} == {}
    missing_here = {
        name: [text for text in texts if text not in themed[name]]
        for name, texts in FRENCH_ON_SOME_PAGES.items()
    }
    assert missing_here == {name: [] for name in FRENCH_ON_SOME_PAGES}


def test_french_punctuation_is_spaced_with_no_break_spaces(site: BuildResult) -> None:
    """French typography: a no-break space before « : ; ? ! » and inside guillemets."""
    wrong = re.compile(r"\w+ [:;?!»]|« \w+")
    pages = ["index.html", "notes-texte-source.html"] + [
        str(p.relative_to(site.outdir))
        for folder in ("commitments", "levers", "best-practices")
        for p in (site.outdir / folder).glob("*.html")
    ]
    assert len(pages) == 2 + (19 + 1) + (19 + 1) + (9 + 1), "each folder has an index page"
    found = {}
    for name in pages:
        html = (site.outdir / name).read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        text = re.sub(r"<[^>]+>", "", article)
        if hits := wrong.findall(text):
            found[name] = hits
    assert found == {}


def test_every_page_names_the_dsfr_favicon_and_it_is_served(site: BuildResult) -> None:
    """The DSFR's Marianne icon, SVG first, the ICO for browsers without SVG icons;
    each link resolves to the vendored file, copied into the build as it is."""
    pages = sorted(site.outdir.rglob("*.html"))
    assert len(pages) > 60
    vendored = PROJECT_ROOT / "ext/marianne_kit/theme/static/dsfr/favicon"
    wrong = {}
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        icons = [(link.get("type"), link.get("sizes"), link["href"])
                 for link in soup.select("head link[rel=icon]")]  # fmt: skip
        found = [
            (kind, sizes, (site.outdir / href.lstrip("/") if href.startswith("/")
                           else page.parent / href).resolve())
            for kind, sizes, href in icons
        ]  # fmt: skip
        expected = [
            (None, "32x32", (site.outdir / "_static/dsfr/favicon/favicon.ico").resolve()),
            ("image/svg+xml", None, (site.outdir / "_static/dsfr/favicon/favicon.svg").resolve()),
        ]
        if found != expected:
            wrong[str(page.relative_to(site.outdir))] = icons
    assert wrong == {}
    for name in ("favicon.svg", "favicon.ico"):
        built = site.outdir / "_static/dsfr/favicon" / name
        assert built.read_bytes() == (vendored / name).read_bytes()
