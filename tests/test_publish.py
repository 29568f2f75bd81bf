"""Ready to publish: one base URL for canonical links, sitemap.xml and robots.txt; the 404 page.

Expected addresses are built here from the sources (``docs/**/*.md``) and literal
URLs, and the files are read with the standard library's XML parser and
BeautifulSoup, never with the extension's own functions.
"""

from __future__ import annotations

import json
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from conftest import PROJECT_ROOT, BuildResult, build_site
from marianne_kit.publish.base_url import (
    SITEMAP_EXCLUDES,
    base_url,
    normalise_base_url,
    publish_settings,
)
from marianne_kit.publish.permalinks import permalink_body, permalink_targets
from marianne_kit.publish.sitemap import sitemap_locations, sitemap_xml
from sphinx.errors import ConfigError

#: What README « Publier le site » documents: the build's address without MARIANNE_BASE_URL.
PLACEHOLDER = "https://banque-leviers-marianne.invalid/"
SITEMAP_NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def source_pages() -> list[str]:
    """Every page written from a source file, as a path relative to the site's root."""
    docs = PROJECT_ROOT / "docs"
    pages = [
        p.relative_to(docs).with_suffix(".html").as_posix()
        for p in docs.rglob("*.md")
        if p.name != "README.md"
    ]
    assert len(pages) > 50
    return sorted(pages)


def sitemap_locs(outdir: Path) -> list[str]:
    root = ElementTree.parse(outdir / "sitemap.xml").getroot()
    assert root.tag == "{http://www.sitemaps.org/schemas/sitemap/0.9}urlset"
    return [str(loc.text) for loc in root.findall("s:url/s:loc", SITEMAP_NS)]


def canonical(outdir: Path, page: str) -> list[str]:
    soup = BeautifulSoup((outdir / page).read_text(encoding="utf-8"), "html.parser")
    return [str(link["href"]) for link in soup.select('link[rel="canonical"]')]


# --------------------------------------------------------------------------- plain logic


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("https://leviers.example.gouv.fr", "https://leviers.example.gouv.fr/"),
        ("  https://leviers.example.gouv.fr/kit  ", "https://leviers.example.gouv.fr/kit/"),
        ("http://127.0.0.1:8000/a/b/", "http://127.0.0.1:8000/a/b/"),
    ],
)
def test_base_url_is_absolute_and_ends_with_a_slash(given: str, expected: str) -> None:
    assert normalise_base_url(given) == expected


@pytest.mark.parametrize(
    "given",
    [
        "leviers.example.gouv.fr",
        "/kit/",
        "ftp://leviers.example.gouv.fr/",
        "https://",
        "https://leviers.example.gouv.fr/?v=1",
        "https://leviers.example.gouv.fr/#haut",
        "https://moi:secret@leviers.example.gouv.fr/",
    ],
)
def test_malformed_base_url_is_refused_in_one_line(given: str) -> None:
    with pytest.raises(ConfigError) as refused:
        base_url({"MARIANNE_BASE_URL": given})
    message = str(refused.value)
    assert message.startswith(f"MARIANNE_BASE_URL: {given.strip()!r}") and "\n" not in message


def test_without_the_variable_the_placeholder_is_used() -> None:
    assert base_url({}) == base_url({"MARIANNE_BASE_URL": "  "}) == PLACEHOLDER
    assert PLACEHOLDER.split("/")[2].endswith(".invalid")  # RFC 2606: never resolves


def test_every_setting_follows_the_one_base_url() -> None:
    settings = publish_settings({"MARIANNE_BASE_URL": "https://leviers.example.gouv.fr/kit"})
    assert settings["html_baseurl"] == "https://leviers.example.gouv.fr/kit/"
    assert settings["notfound_urls_prefix"] == "/kit/"
    body = BeautifulSoup(settings["notfound_context"]["body"], "html.parser")
    targets = [str(a["href"]) for a in body.find_all("a")] + [str(body.form["action"])]
    assert targets == ["/kit/index.html", "/kit/catalogue.html", "/kit/search.html"]


def test_sitemap_is_sorted_escaped_and_without_duplicates() -> None:
    root = ElementTree.fromstring(
        sitemap_xml(["https://x.fr/b.html", "https://x.fr/a&b.html", "https://x.fr/b.html"])
    )
    locs = [loc.text for loc in root.findall("s:url/s:loc", SITEMAP_NS)]
    assert locs == ["https://x.fr/a&b.html", "https://x.fr/b.html"]


def test_sitemap_leaves_out_search_index_404_and_private_pages() -> None:
    links = ["index.html", "search.html", "genindex.html", "404.html", "_shell.html"]
    links += ["checklists/_page.html", "levers/eng-01.html"]
    assert sitemap_locations("https://x.fr/", links, SITEMAP_EXCLUDES) == [
        "https://x.fr/index.html",
        "https://x.fr/levers/eng-01.html",
    ]


# --------------------------------------------------------------------------- the real site


def test_sitemap_lists_every_page_but_search_index_and_404(site: BuildResult) -> None:
    locs = sitemap_locs(site.outdir)
    assert locs == [PLACEHOLDER + page for page in source_pages()]
    for page in ("search.html", "genindex.html", "404.html"):
        assert (site.outdir / page).is_file() and PLACEHOLDER + page not in locs


def test_robots_txt_allows_all_and_names_the_sitemap(site: BuildResult) -> None:
    robots = (site.outdir / "robots.txt").read_text(encoding="utf-8")
    assert robots == f"User-agent: *\nAllow: /\n\nSitemap: {PLACEHOLDER}sitemap.xml\n"


def test_every_page_names_its_canonical_address(site: BuildResult) -> None:
    pages = source_pages()
    wrong = {
        page: found
        for page in pages
        if (found := canonical(site.outdir, page)) != [PLACEHOLDER + page]
    }
    assert wrong == {}
    # A checklist page is made from a private shell page the build deletes: no canonical
    # link may name that shell.
    checklist = site.outdir / "checklists" / "kit-complet.html"
    assert "_page-shell" not in checklist.read_text(encoding="utf-8")


def test_not_found_page_is_french_and_works_at_any_depth(site: BuildResult) -> None:
    soup = BeautifulSoup((site.outdir / "404.html").read_text(encoding="utf-8"), "html.parser")
    assert soup.html is not None and soup.html["lang"] == "fr"
    assert soup.title is not None and soup.title.get_text().startswith("Page introuvable")
    assert [h1.get_text() for h1 in soup.find_all("h1")] == ["Page introuvable"]
    # A missing page can be asked for at any depth: every link and resource of the site
    # is an absolute path from the root.
    local = [
        str(tag.get("href") or tag.get("src") or tag.get("action"))
        for tag in soup.find_all(["a", "link", "script", "form", "img"])
        if tag.get("href") or tag.get("src") or tag.get("action")
    ]
    # A data: URI is content, not an address: it has no depth.
    local = [u for u in local if not u.startswith(("#", "https://", "http://", "data:"))]
    assert len(local) > 20
    assert [u for u in local if not u.startswith("/")] == []
    assert {"/index.html", "/catalogue.html", "/search.html"} <= set(local)


def test_the_base_url_comes_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARIANNE_BASE_URL", "https://leviers.example.gouv.fr/kit")
    built = build_site(tmp_path)
    assert built.status == 0 and built.warning_lines() == []
    base = "https://leviers.example.gouv.fr/kit/"
    assert sitemap_locs(built.outdir) == [base + page for page in source_pages()]
    robots = (built.outdir / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith(f"\nSitemap: {base}sitemap.xml\n")
    assert canonical(built.outdir, "levers/eng-12.html") == [base + "levers/eng-12.html"]
    not_found = (built.outdir / "404.html").read_text(encoding="utf-8")
    assert 'href="/kit/index.html"' in not_found and 'src="/kit/_static/' in not_found


def test_a_malformed_base_url_stops_the_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MARIANNE_BASE_URL", "leviers.example.gouv.fr")
    with pytest.raises(ConfigError, match="MARIANNE_BASE_URL: 'leviers.example.gouv.fr' is not"):
        build_site(tmp_path)


# --------------------------------------------------------------------------- permalinks


def test_permalink_map_gives_each_id_its_page_and_survives_a_closing_tag() -> None:
    needs = [
        {"id": "LEV-01-02", "docname": "levers/eng-01"},
        {"id": "ENG-01", "docname": "commitments/eng-01"},
        {"id": "X</script>", "docname": "odd"},
        {"id": "NOWHERE", "docname": ""},
    ]
    targets = permalink_targets(needs)
    assert targets == {
        "ENG-01": "commitments/eng-01.html#ENG-01",
        "LEV-01-02": "levers/eng-01.html#LEV-01-02",
        "X</script>": "odd.html#X</script>",
    }
    body = BeautifulSoup(permalink_body(targets), "html.parser")
    data = body.find("script", id="mk-permalinks")
    assert data is not None and json.loads(data.string or "") == targets
    assert "</script>" not in (data.string or "")


def test_permalink_page_is_the_kits_and_every_target_exists(site: BuildResult) -> None:
    page = BeautifulSoup((site.outdir / "permalink.html").read_text("utf-8"), "html.parser")
    assert page.find("html")["lang"] == "fr" and page.find("h1").get_text() == "Lien permanent"
    data = page.find("script", id="mk-permalinks")
    assert data is not None
    targets = json.loads(data.string or "")
    needs = site.needs()
    assert set(targets) == set(needs) and len(targets) > 400
    for need_id, target in targets.items():
        path, _, anchor = target.partition("#")
        assert anchor == need_id
        html = (site.outdir / path).read_text("utf-8")
        assert f'id="{need_id}"' in html, target
