"""The real site: clean, reproducible, offline, and correct after incremental builds."""

from __future__ import annotations

import filecmp
import json
import re
from pathlib import Path

from conftest import BuildResult, build_site, run_sphinx
from marianne_kit.french_ui import UI_STRINGS

#: Attributes and CSS that make a browser fetch something.
_LOADING = re.compile(
    r"""<(?:script|img|iframe|source|audio|video|embed)\b[^>]*\bsrc\s*=\s*["']?(?P<src>[^"'\s>]+)"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?P<href>[^"'\s>]+)"""
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
    assert 'placeholder="Recherche"' in html
    assert (site.outdir / "_static" / "translations.js").is_file()


def test_every_commitment_is_on_the_home_page(site: BuildResult) -> None:
    html = (site.outdir / "index.html").read_text(encoding="utf-8")
    for need in site.needs().values():
        if need["type"] == "commitment":
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


def test_interface_speaks_french_on_every_page(site: BuildResult) -> None:
    english = [*UI_STRINGS, "Toggle navigation of"]
    leftovers = {
        str(page.relative_to(site.outdir)): found
        for page in site.outdir.rglob("*.html")
        if (
            found := [
                e
                for e in english
                if re.search(rf'[>"]\s*{re.escape(e)}', page.read_text(encoding="utf-8"))
            ]
        )
    }
    assert leftovers == {}


def test_french_punctuation_is_spaced_with_no_break_spaces(site: BuildResult) -> None:
    """French typography: a no-break space before « : ; ? ! » and inside guillemets."""
    wrong = re.compile(r"\w+ [:;?!»]|« \w+")
    pages = ["index.html", "notes-texte-source.html"] + [
        str(p.relative_to(site.outdir))
        for folder in ("commitments", "levers", "best-practices")
        for p in (site.outdir / folder).glob("*.html")
    ]
    found = {}
    for name in pages:
        html = (site.outdir / name).read_text(encoding="utf-8")
        article = html[html.index("<article") : html.index("</article>")]
        text = re.sub(r"<[^>]+>", "", article)
        if hits := wrong.findall(text):
            found[name] = hits
    assert found == {}
