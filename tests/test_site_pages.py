"""The pages a French public site must carry, and the French of the catalogue's interface.

« Accessibilité » and « Mentions légales » are templates: what only the publisher
can state is a visible placeholder, never an invented fact. Their text, the
catalogue page and the strings of the catalogue's form and script are spelled
and spaced like the kit's own text (same hunspell check, same typography).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from conftest import PROJECT_ROOT, BuildResult, build_site, run_sphinx
from test_lever_bank import TYPOGRAPHY_RULES, WORDLIST, hunspell_unknown, load_wordlist, prose_lines

PAGES = ("catalogue", "accessibilite", "mentions-legales", "donnees-personnelles")
PLACEHOLDER = "à compléter par l’éditeur"
SCRIPT = PROJECT_ROOT / "ext" / "marianne_kit" / "catalogue" / "static" / "marianne-catalogue.js"

#: Words of these pages hunspell fr_FR does not know, each reviewed.
ALLOWED = {
    "AA": "WCAG conformance level",
    "CSV": "file format of the checklists",
    "Chromium": "the browser the checks run in",
    "HTML5": "technology list of the accessibility statement",
    "SGMAP": "acronym of the kit's 2013 publisher, spelled out next to it",
    "axe-core": "the accessibility testing engine",
}


BLOCKS = ["p", "li", "h1", "h2", "h3", "caption", "label", "legend", "summary", "button"]


def _blocks(element: Tag) -> str:
    """The text of each block on its own line, inline markup joined without spaces."""
    return "\n".join(block.get_text("") for block in element.find_all(BLOCKS))


def _article_text(site: BuildResult, page: str) -> str:
    html = (site.outdir / f"{page}.html").read_text(encoding="utf-8")
    article = BeautifulSoup(html, "html.parser").select_one("article")
    assert article is not None
    return _blocks(article)


def _script_strings(path: Path) -> list[str]:
    """The script's French strings: one-line literals of lowercase words with an accent."""
    found = re.findall(r'"([^"\n]*)"|`([^`\n]*)`', path.read_text(encoding="utf-8"))
    texts = [re.sub(r"\$\{[^}]*\}", " ", a or b) for a, b in found]
    return [t for t in texts if re.fullmatch(r"[a-zà-ÿ’ ·]*[à-ÿ][a-zà-ÿ’ ·]*", t)]


def _interface_texts(site: BuildResult) -> list[str]:
    html = (site.outdir / "catalogue.html").read_text(encoding="utf-8")
    catalogue = BeautifulSoup(html, "html.parser").select_one("#mk-catalogue")
    assert catalogue is not None
    for body in catalogue.select("tbody"):
        body.decompose()  # lever text: checked with the kit's text
    chrome = [_blocks(catalogue)]
    chrome += [str(tag["aria-label"]) for tag in catalogue.select("[aria-label]")]
    # The facets' « N sélectionné(e)s », shown by the script in the words the HTML gives.
    chrome += [
        str(tag[a]) for tag in catalogue.select("[data-one]") for a in ("data-one", "data-many")
    ]
    return chrome + _script_strings(SCRIPT)


@pytest.mark.parametrize("page", [*PAGES, "plan-du-site"])
def test_page_is_in_the_navigation(site: BuildResult, page: str) -> None:
    home = BeautifulSoup((site.outdir / "index.html").read_text(encoding="utf-8"), "html.parser")
    assert home.select_one(f'nav.fr-sidemenu a[href="{page}.html"]') is not None


@pytest.mark.parametrize("page", ["accessibilite", "mentions-legales"])
def test_templates_mark_what_the_publisher_must_write(site: BuildResult, page: str) -> None:
    text = _article_text(site, page)
    assert text.count(PLACEHOLDER) >= 3
    assert text.count("[") == text.count("]")


def test_accessibility_statement_leaves_the_conformance_status_open(site: BuildResult) -> None:
    text = " ".join(_article_text(site, "accessibilite").split())
    status = text[text.index("État de conformité") : text.index("Résultats des tests")]
    assert "[totalement conforme, partiellement conforme ou non conforme" in status
    assert PLACEHOLDER in status
    assert "RGAA" in status


def test_script_strings_are_found() -> None:
    strings = _script_strings(SCRIPT)
    assert {"levier affiché", "leviers affichés"} <= set(strings)


def test_new_french_text_is_spelled_correctly(site: BuildResult) -> None:
    texts = [
        re.sub(r"`[^`]*`", " ", line)  # code: a search typed without accents, on purpose
        for page in PAGES
        for _, line in prose_lines(PROJECT_ROOT / "docs" / f"{page}.md")
    ]
    texts += _interface_texts(site)
    allowed = set(ALLOWED) | set(load_wordlist(WORDLIST))  # category labels are the kit's
    assert hunspell_unknown(texts) - allowed == set()


def test_new_french_text_follows_the_typography(site: BuildResult) -> None:
    texts = {page: _article_text(site, page) for page in PAGES}
    texts["interface"] = "\n".join(_interface_texts(site))
    faults = [
        f"{where}: {rule}: «{match.group(0)}»"
        for where, text in texts.items()
        for rule, pattern in {
            **TYPOGRAPHY_RULES,
            "ordinary space before high punctuation or inside guillemets": re.compile(
                r"\w [:;?!»]|« \w"
            ),
        }.items()
        if rule != "doubled space"  # get_text(" ") joins elements with spaces
        for match in pattern.finditer(text)
    ]
    assert faults == []


def test_retitled_page_is_retitled_in_every_sidebar_and_only_then(tmp_path: Path) -> None:
    first = build_site(tmp_path)
    legal = first.outdir / "mentions-legales.html"
    page = first.srcdir / "accessibilite.md"
    text = page.read_text(encoding="utf-8")

    page.write_text(text.replace("Si vous n’arrivez", "Si vous ne parvenez"), encoding="utf-8")
    written = legal.stat().st_mtime_ns
    assert run_sphinx(first.srcdir, first.srcdir.parent, first.outdir, fresh=False).status == 0
    assert legal.stat().st_mtime_ns == written, "a body edit must not rewrite the whole site"

    page.write_text(text.replace("# Accessibilité", "# Accessibilité du site"), encoding="utf-8")
    assert run_sphinx(first.srcdir, first.srcdir.parent, first.outdir, fresh=False).status == 0
    assert "Accessibilité du site" in legal.read_text(encoding="utf-8")
