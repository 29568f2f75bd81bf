"""The DSFR theme's plain logic: side menu from the toctree, asset list, site map,
callouts, download-link sizes. Expected values are written out here."""

from __future__ import annotations

from pathlib import Path

import pytest
from docutils import nodes
from marianne_kit.download_links import download_link_html, size_label
from marianne_kit.theme.components import mark_callouts
from marianne_kit.theme.navigation import dsfr_assets, menu_for_page, menu_groups
from marianne_kit.theme.sitemap import caption_sections
from sphinx import addnodes
from sphinx.errors import ExtensionError


def _entry(title: str, uri: str, *children: nodes.list_item, current: str = "") -> nodes.list_item:
    reference = nodes.reference(title, title, refuri=uri)
    item = nodes.list_item("", addnodes.compact_paragraph("", "", reference))
    if current:
        item["classes"].append("current")
        if current == "page":
            reference["classes"].append("current")
    if children:
        item += nodes.bullet_list("", *children)
    return item


def _toctree() -> addnodes.compact_paragraph:
    """What Sphinx's global toctree looks like on page « eng-02 » (relative URIs)."""
    engagements = _entry(
        "Les engagements",
        "index.html",
        _entry("Engagement 1", "eng-01.html"),
        _entry("Engagement 2", "", current="page"),
        current="branch",
    )
    tree = addnodes.compact_paragraph("", "", toctree=True)
    tree += nodes.title("", "Engagements")
    tree += nodes.bullet_list("", engagements)
    tree += nodes.title("", "À propos")
    tree += nodes.bullet_list("", _entry("Mentions légales", "../mentions-legales.html"))
    return tree


def test_menu_groups_follow_captions_and_mark_the_current_page() -> None:
    groups = menu_groups(_toctree(), "commitments/eng-02")
    assert [(g.caption, g.active) for g in groups] == [("Engagements", True), ("À propos", False)]
    top = groups[0].items[0]
    assert (top.title, top.url, top.active, top.current) == (
        "Les engagements", "index.html", True, False,
    )  # fmt: skip
    assert [(c.title, c.url, c.current) for c in top.children] == [
        ("Engagement 1", "eng-01.html", False),
        ("Engagement 2", "#", True),
    ]
    assert groups[1].items[0].children == ()
    docnames = [top.docname, *(c.docname for c in top.children), groups[1].items[0].docname]
    assert docnames == ["commitments/index", "commitments/eng-01", "commitments/eng-02",
                        "mentions-legales"]  # fmt: skip


def _marks(groups: list) -> list[tuple[str, bool, bool]]:
    def walk(items: tuple) -> list[tuple[str, bool, bool]]:
        return [m for i in items for m in [(i.docname, i.current, i.active), *walk(i.children)]]

    return [(g.caption, g.active, False) for g in groups] + [
        mark for g in groups for mark in walk(g.items)
    ]


def test_menu_for_page_marks_the_page_and_its_ancestors_only() -> None:
    built_on_eng_02 = menu_groups(_toctree(), "commitments/eng-02")
    assert _marks(menu_for_page(built_on_eng_02, "commitments/eng-02")) == _marks(built_on_eng_02)
    assert _marks(menu_for_page(built_on_eng_02, "commitments/eng-01")) == [
        ("Engagements", True, False),
        ("À propos", False, False),
        ("commitments/index", False, True),
        ("commitments/eng-01", True, True),
        ("commitments/eng-02", False, False),
        ("mentions-legales", False, False),
    ]
    assert _marks(menu_for_page(built_on_eng_02, "mentions-legales"))[1] == (
        "À propos",
        True,
        False,
    )
    unlisted = menu_for_page(built_on_eng_02, "404")
    assert not any(active for _, _, active in _marks(unlisted))
    assert [c.title for c in unlisted[0].items[0].children] == ["Engagement 1", "Engagement 2"]


def test_menu_groups_without_toctree() -> None:
    assert menu_groups(None) == []


def test_dsfr_assets_are_the_vendored_bundle(tmp_path: Path) -> None:
    for name in ("dsfr-kit.min.css", "dsfr-kit.module.min.js", "favicon/a", "favicon/b"):
        (tmp_path / "dsfr" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "dsfr" / name).write_text("x")
    with pytest.raises(
        ExtensionError, match=r"missing: dsfr/favicon/favicon.svg, dsfr/favicon/favicon.ico under"
    ):
        dsfr_assets(tmp_path)
    for name in ("favicon.svg", "favicon.ico"):
        (tmp_path / "dsfr" / "favicon" / name).write_text("x")
    assert dsfr_assets(tmp_path) == (["dsfr/dsfr-kit.min.css"], ["dsfr/dsfr-kit.module.min.js"])


def test_a_missing_dsfr_file_stops_the_build(tmp_path: Path) -> None:
    (tmp_path / "dsfr").mkdir()
    (tmp_path / "dsfr" / "dsfr-kit.min.css").write_text("x")
    with pytest.raises(ExtensionError, match=r"vendored DSFR file missing: dsfr/dsfr-kit.module"):
        dsfr_assets(tmp_path)


def test_site_map_sections_per_caption() -> None:
    sections = caption_sections(_toctree(), "plan")
    assert [s["ids"] for s in sections] == [["plan-1"], ["plan-2"]]
    assert [s[0].astext() for s in sections] == ["Engagements", "À propos"]
    links = [r["refuri"] for r in sections[0].findall(nodes.reference)]
    assert links == ["index.html", "eng-01.html", ""]


def test_admonitions_become_callouts() -> None:
    document = nodes.document(None, None)  # type: ignore[arg-type]
    document += nodes.note("", nodes.paragraph("", "Modèle"))
    document += nodes.paragraph("", "texte")
    assert mark_callouts(document) == 1
    assert next(iter(document.findall(nodes.note)))["classes"] == ["fr-callout"]


@pytest.mark.parametrize(
    ("size", "label"),
    [(0, "0\u00a0octet"), (1, "1\u00a0octet"), (999, "999\u00a0octets"), (1000, "1\u00a0Ko"),
     (75_400, "75\u00a0Ko"), (144_600, "145\u00a0Ko"), (999_499, "999\u00a0Ko"),
     (1_234_567, "1,2\u00a0Mo")],
)  # fmt: skip
def test_size_label(size: int, label: str) -> None:
    assert size_label(size) == label


def test_size_label_refuses_a_negative_size() -> None:
    with pytest.raises(ValueError, match="negative"):
        size_label(-1)


def test_download_link_escapes_and_details() -> None:
    html = download_link_html("Télécharger « a<b »", "x&y.pdf", "pdf", 75_000)
    assert html == (
        '<a class="fr-link fr-link--download" href="x&amp;y.pdf" download>'
        "Télécharger « a&lt;b » "
        '<span class="fr-link__detail">PDF, 75\u00a0Ko</span></a>'
    )
