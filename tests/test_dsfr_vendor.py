"""The vendored DSFR (ext/marianne_kit/theme/static/dsfr/): its records, its fonts, its refresh.

Offline: the committed files are checked against their manifest, version and licence;
the subset fonts against the characters the kit's text uses (sources and built site);
the refresh logic against small packages made here from the vendored fonts and from
icons written here.
Expected values are literals or computed here with the standard library.
"""

from __future__ import annotations

import base64
import hashlib
import io
import json
import re
import shutil
import struct
import tarfile
import urllib.parse
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup
from marianne_kit.theme import vendor, vendor_bundle, vendor_fonts, vendor_prune, vendor_refresh

PROJECT = Path(__file__).resolve().parents[1]
VENDORED = PROJECT / "ext" / "marianne_kit" / "theme" / "static" / "dsfr"
FONTS = ("Marianne-Regular.woff2", "Marianne-Bold.woff2")

#: Characters the site shows that Marianne has never had (in 1.15.3's full fonts):
#: the traceability matrices' marks. They are drawn by a fallback font whatever the
#: subset; any other character missing from the fonts fails the tests below.
NOT_IN_MARIANNE = {"\u25c6", "\u2713"}  # ◆ ✓


def font_cmap(path: Path) -> set[str]:
    """Characters a font maps, read with fontTools (not with the module under test)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path)) as font:
        return {chr(code) for code in font.getBestCmap()}


# --- The committed files ---------------------------------------------------------------


def test_manifest_lists_exactly_the_vendored_files_with_their_sha256() -> None:
    lines = (VENDORED / "MANIFEST.sha256").read_text(encoding="utf-8").splitlines()
    listed = dict(reversed(line.split("  ", 1)) for line in lines)
    present = {
        path.relative_to(VENDORED).as_posix()
        for path in VENDORED.rglob("*")
        if path.is_file() and path.name != "MANIFEST.sha256"
    }
    assert set(listed) == present
    assert {"VERSION", "LICENSE", "CHARACTERS", *(f"fonts/{name}" for name in FONTS)} <= present
    assert {"favicon/favicon.svg", "favicon/favicon.ico"} <= present
    wrong = [
        name
        for name, digest in listed.items()
        if hashlib.sha256((VENDORED / name).read_bytes()).hexdigest() != digest
    ]
    assert wrong == []


def test_version_records_the_pinned_package_and_its_tarball() -> None:
    pairs = dict(
        line.split(" = ", 1) for line in (VENDORED / "VERSION").read_text("utf-8").splitlines()
    )
    assert pairs["package"] == "@gouvfr/dsfr"
    assert pairs["version"] == "1.15.3"
    # npm's dist.integrity and dist.shasum of @gouvfr/dsfr@1.15.3 (npm view, 2026-12-02).
    assert pairs["integrity"] == (
        "sha512-R9AALZc1LfZjtytWZMOaUIOHWTkllBZ/sZlsL8TpKZVgF3qUKXt/uNYh+L1D1Fh4p92ZqWxbtNcebsigBZe5pQ=="
    )
    assert pairs["shasum"] == "5a97c0f017324770321dae4bb1db0ac4bbe92942"
    assert pairs["bundles"] == "dsfr-kit.min.css dsfr-kit.module.min.js"
    assert pairs["modules"].split()[:2] == ["core", "scheme"]
    assert pairs["left out"].startswith("@media blocks for Internet Explorer only")
    assert pairs["favicon"] == "favicon/favicon.svg favicon/favicon.ico (as in dist/favicon/)"


def test_favicons_are_the_dsfr_marianne_icon() -> None:
    """The SVG draws on a white square in the DSFR's blue France (#000091); the ICO is a
    Windows icon file (reserved 0, type 1) holding a 32 × 32 image."""
    svg = (VENDORED / "favicon" / "favicon.svg").read_text(encoding="utf-8")
    assert svg.startswith("<svg") and 'viewBox="0 0 1080 1080"' in svg and "#000091" in svg
    ico = (VENDORED / "favicon" / "favicon.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", ico[:6])
    assert (reserved, kind) == (0, 1) and count >= 1
    sizes = {(ico[6 + 16 * i] or 256, ico[7 + 16 * i] or 256) for i in range(count)}
    assert (32, 32) in sizes


def test_licence_is_the_etalab_open_licence_text() -> None:
    text = (VENDORED / "LICENSE").read_text(encoding="utf-8")
    assert "LICENCE OUVERTE 2.0 / OPEN LICENCE 2.0" in text
    assert "Etalab" in text


def stylesheet_urls(css: str) -> list[str]:
    """Every ``url(…)`` of a stylesheet, unquoted, read by a scan rather than a pattern.

    A quoted URL runs to its closing quote, whatever it holds (a data URI may hold
    parentheses and the other quote); an unquoted one to the first ``)``.
    """
    urls: list[str] = []
    start = css.find("url(")
    while start != -1:
        position = start + len("url(")
        quote = css[position]
        if quote in "'\"":
            end = css.index(quote, position + 1)
            urls.append(css[position + 1 : end])
        else:
            end = css.index(")", position)
            urls.append(css[position:end])
        start = css.find("url(", end)
    return urls


def test_stylesheet_points_to_the_served_fonts_and_data_uris_only() -> None:
    # Mask images (the icons) are fetched in CORS mode, which Chromium refuses on
    # file://: any icon left as a file vanishes from a page opened from disk.
    css = (VENDORED / "dsfr-kit.min.css").read_text(encoding="utf-8")
    urls = stylesheet_urls(css)
    files = sorted(url for url in urls if not url.startswith("data:"))
    assert files == ["fonts/Marianne-Bold.woff2", "fonts/Marianne-Regular.woff2"]
    assert css.count("url(") == len(urls) > 80  # the scan saw every url(…) (88 in 1.15.3)
    assert not (VENDORED / "icons").exists()
    assert "sourceMappingURL" not in css
    assert re.search(r"url\((['\"]?)(https?:)?//", css) is None


def test_header_search_icon_is_in_the_stylesheet() -> None:
    css = (VENDORED / "dsfr-kit.min.css").read_text(encoding="utf-8")
    # The header's search button (an empty square when the icon does not load).
    rule = re.search(r"\.fr-search-bar \.fr-btn:before\{([^}]*)\}", css)
    assert rule is not None
    masks = re.findall(r'mask-image:url\("data:image/svg\+xml,([^"]*)"\)', rule.group(1))
    assert len(masks) == 2  # -webkit-mask-image and mask-image
    # The magnifier of Remix Icon's search-line (DSFR 1.15.3), decoded by the standard library.
    svg = urllib.parse.unquote(masks[0])
    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"')
    assert 'd="m18.031 16.617 4.283 4.282' in svg
    assert ElementTree.fromstring(svg).tag == "{http://www.w3.org/2000/svg}svg"


def test_only_served_weights_have_a_font_face() -> None:
    css = (VENDORED / "dsfr-kit.min.css").read_text(encoding="utf-8")
    faces = re.findall(r"@font-face\{[^}]*\}", css)
    sources = sorted(src for face in faces for src in re.findall(r"url\(([^)]*)\)", face))
    assert sources == ["fonts/Marianne-Bold.woff2", "fonts/Marianne-Regular.woff2"]


def test_script_has_no_source_map_and_loads_nothing_from_another_host() -> None:
    script = (VENDORED / "dsfr-kit.module.min.js").read_text(encoding="utf-8")
    assert "sourceMappingURL" not in script
    assert re.search(r"\bimport\s*\(|^import\s", script, re.MULTILINE) is None
    assert script.count("{\n/*! DSFR v1.15.3") >= 2  # one block per module


# --- The subset fonts and the kit's text ------------------------------------------------


def source_characters() -> dict[str, str]:
    """Character → first source file using it: Markdown and TOML under docs/ and checklists/."""
    found: dict[str, str] = {}
    for folder in ("docs", "checklists"):
        for path in sorted((PROJECT / folder).rglob("*")):
            if path.suffix in {".md", ".toml"}:
                for char in path.read_text(encoding="utf-8"):
                    if char not in "\n\r\t":
                        found.setdefault(char, path.relative_to(PROJECT).as_posix())
    return found


@pytest.mark.parametrize("font", FONTS)
def test_fonts_have_every_character_of_the_sources(font: str) -> None:
    used = source_characters()
    assert {"é", "’", "«", "\u00a0"} <= used.keys()  # the scan reads real French text
    missing = {
        f"U+{ord(char):04X} ({where})"
        for char, where in used.items()
        if char not in font_cmap(VENDORED / "fonts" / font) and char not in NOT_IN_MARIANNE
    }
    assert missing == set()


def site_characters(outdir: Path) -> dict[str, str]:
    """Character → first page drawing it: body text and placeholders of every built page."""
    found: dict[str, str] = {}
    pages = sorted(outdir.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for hidden in soup(["script", "style", "template", "noscript"]):
            hidden.decompose()
        if soup.body is None:
            continue
        texts = [soup.body.get_text()]
        texts += [str(tag["placeholder"]) for tag in soup.body.find_all(placeholder=True)]
        for char in "".join(texts):
            if char not in "\n\r\t":
                found.setdefault(char, page.relative_to(outdir).as_posix())
    return found


def test_fonts_have_every_character_the_built_site_shows(site: Any) -> None:
    assert site.status == 0, site.warnings
    used = site_characters(site.outdir)
    assert {"é", "’", "œ", "«"} <= used.keys()
    for font in FONTS:
        cmap = font_cmap(VENDORED / "fonts" / font)
        missing = sorted(
            f"U+{ord(char):04X} {char!r} ({where})"
            for char, where in used.items()
            if char not in cmap and char not in NOT_IN_MARIANNE
        )
        assert missing == [], font


def test_fonts_keep_the_safe_set_beyond_todays_text() -> None:
    # French letters and typography no source uses today, but the next lever may.
    tomorrow = set("ŒŸÆæ‘“”„€‹›−≤≥") | {"\u202f", "\u2009", "\u2060"}
    for font in FONTS:
        assert tomorrow - font_cmap(VENDORED / "fonts" / font) == set(), font


def test_characters_file_lists_the_kept_set() -> None:
    lines = (VENDORED / "CHARACTERS").read_text(encoding="utf-8").splitlines()
    assert "U+202F NARROW NO-BREAK SPACE" in lines
    assert "U+0153 LATIN SMALL LIGATURE OE" in lines
    assert "U+2713 CHECK MARK  (not in Marianne: drawn by a fallback font)" in lines


# --- Plain logic ------------------------------------------------------------------------


def test_module_list_reads_names_with_their_lines() -> None:
    text = "# DSFR modules\ncore\n\nheader  # bloc-marque\ntable\nheader\n"
    assert vendor.read_module_list(text) == {"core": 2, "header": 4, "table": 5}


def test_component_order_follows_the_imports() -> None:
    scss = "@import 'upload/main';\n@import 'logo/main';\n@import 'button/main';\n"
    assert vendor.component_order(scss) == ["upload", "logo", "button"]


def test_modules_expand_to_their_dependencies_in_cascade_order() -> None:
    order = ["logo", "button", "form", "link", "radio", "input", "modal", "search", "display"]
    assert vendor.expand_modules(["display", "logo"], order) == [
        "core",
        "scheme",
        "logo",
        "button",
        "form",
        "radio",
        "modal",
        "display",
    ]
    with pytest.raises(ValueError, match="unknown DSFR module.*: headr"):
        vendor.expand_modules(["headr"], order)


def test_unknown_modules_are_reported_with_file_and_line() -> None:
    listed = {"core": 1, "headr": 2, "table": 3, "tabel": 4}
    assert vendor_refresh.module_problems(listed, ["table"], "theme/dsfr-modules.txt") == [
        "theme/dsfr-modules.txt:2: ERROR: 'headr' is not a DSFR module of 1.15.3",
        "theme/dsfr-modules.txt:4: ERROR: 'tabel' is not a DSFR module of 1.15.3",
    ]


@pytest.mark.parametrize(
    ("base", "url", "expected"),
    [
        ("core/core.min.css", "../fonts/Marianne-Bold.woff2", "fonts/Marianne-Bold.woff2"),
        ("component/tag/tag.min.css", "../../icons/system/x.svg", "icons/system/x.svg"),
        ("component/tag/tag.min.css", "./a/../b.svg#frag", "component/tag/b.svg"),
    ],
)
def test_urls_resolve_inside_the_package(base: str, url: str, expected: str) -> None:
    assert vendor.resolve(vendor.PurePosixPath(base), url).as_posix() == expected


@pytest.mark.parametrize(
    "url", ["../../x.svg", "https://cdn.example/x.svg", "//cdn.example/x", "/x.svg"]
)
def test_urls_leaving_the_package_are_refused(url: str) -> None:
    with pytest.raises(ValueError):
        vendor.resolve(vendor.PurePosixPath("core/core.min.css"), url)


def test_font_faces_keep_only_served_woff2_sources() -> None:
    css = (
        "a{color:red}"
        '@font-face{font-family:M;font-weight:300;src:url(../fonts/M-Light.woff2) format("woff2"),'
        'url(../fonts/M-Light.woff) format("woff")}'
        "@font-face{font-family:M;font-weight:400;"
        'src:url(../fonts/M-Regular.woff2) format("woff2"),'
        'url(../fonts/M-Regular.woff) format("woff")}'
        "b{color:blue}"
    )
    served = {vendor.PurePosixPath("fonts/M-Regular.woff2")}
    kept = vendor_bundle.keep_served_font_faces(css, vendor.PurePosixPath("core/c.css"), served)
    assert kept == (
        "a{color:red}"
        "@font-face{font-family:M;font-weight:400;"
        'src:url(../fonts/M-Regular.woff2) format("woff2")}'
        "b{color:blue}"
    )


def test_urls_are_rebased_to_the_bundle_and_data_uris_kept() -> None:
    css = (
        ".a{mask-image:url(../../icons/system/x.svg)}"
        ".b{background:url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'%3E\")}"
    )
    assert vendor_bundle.rebase_urls(css, vendor.PurePosixPath("component/a/a.min.css")) == (
        ".a{mask-image:url(icons/system/x.svg)}"
        ".b{background:url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'%3E\")}"
    )


def test_manifest_problems_name_each_difference(tmp_path: Path) -> None:
    (tmp_path / "a.css").write_text("a", encoding="utf-8")
    (tmp_path / "b.js").write_text("b", encoding="utf-8")
    (tmp_path / "MANIFEST.sha256").write_text(vendor.manifest_text(tmp_path), encoding="utf-8")
    assert vendor.manifest_problems(tmp_path) == []
    (tmp_path / "a.css").write_text("changed", encoding="utf-8")
    (tmp_path / "b.js").unlink()
    (tmp_path / "c.svg").write_text("c", encoding="utf-8")
    assert vendor.manifest_problems(tmp_path) == [
        "a.css: SHA-256 differs from MANIFEST.sha256",
        "b.js: listed in MANIFEST.sha256 but absent",
        "c.svg: present but not in MANIFEST.sha256",
    ]


def test_manifest_is_sha256sum_format(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "x.txt").write_bytes(b"abc")
    expected = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  sub/x.txt\n"
    assert vendor.manifest_text(tmp_path) == expected


def test_characters_listing_marks_what_the_font_lacks() -> None:
    listing = vendor_fonts.characters_listing({"a", "é", "\u2713"}, {"a", "é"})
    assert listing.splitlines()[2:] == [
        "U+00E9 LATIN SMALL LETTER E WITH ACUTE",
        "U+2713 CHECK MARK  (not in Marianne: drawn by a fallback font)",
    ]


def make_tarball(tmp_path: Path, version: str) -> Path:
    """A minimal npm tarball: ``package/package.json`` only."""
    data = json.dumps({"name": "@gouvfr/dsfr", "version": version}).encode()
    tarball = tmp_path / "package.tgz"
    with tarfile.open(tarball, "w:gz") as archive:
        member = tarfile.TarInfo("package/package.json")
        member.size = len(data)
        archive.addfile(member, io.BytesIO(data))
    return tarball


def test_tarball_digests_are_npm_integrity_and_shasum(tmp_path: Path) -> None:
    tarball = make_tarball(tmp_path, "1.15.3")
    data = tarball.read_bytes()
    info = vendor.tarball_info(tarball)
    assert info.version == "1.15.3"
    assert info.integrity == "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()
    assert info.shasum == hashlib.sha1(data).hexdigest()
    assert vendor_refresh.package_problems(info) == [
        f"tarball integrity {info.integrity} differs from the pinned one"
    ]
    other = vendor.PackageInfo("1.16.0", vendor.DSFR_INTEGRITY, info.shasum)
    assert vendor_refresh.package_problems(other) == ["tarball is version 1.16.0, pinned 1.15.3"]


# --- The refresh, end to end on a small package ----------------------------------------


#: Icons of the small package, written here: one on a single line, one ending with a
#: line break and holding every character the data URI must encode (and a non-ASCII one).
CLOSE_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M0 0h24v24z"/></svg>'
)
TRICKY_SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg"><!-- 100% «x» \\ -->\n'
    '<path fill="url(#g)" d="M1 1h2"/></svg>\n'
)


def make_package(root: Path) -> Path:
    """A package laid out like @gouvfr/dsfr, made of the vendored fonts and icons written here."""
    dist = root / "dist"
    (dist / "core").mkdir(parents=True)
    (dist / "core" / "core.min.css").write_text(
        '@font-face{font-weight:300;src:url(../fonts/Marianne-Light.woff2) format("woff2")}'
        '@font-face{font-weight:400;src:url(../fonts/Marianne-Regular.woff2) format("woff2"),'
        'url(../fonts/Marianne-Regular.woff) format("woff")}'
        '@font-face{font-weight:700;src:url(../fonts/Marianne-Bold.woff2) format("woff2")}'
        "body{font-family:Marianne}"
        ":root{--green-menthe-sun-373:#009081;--grey-50:#161616}"
        ".fr-tag--green-menthe{color:var(--green-menthe-sun-373)}"
        "@media screen and (-ms-high-contrast:active),screen and (-ms-high-contrast:none){a{b:c}}"
        "\n/*# sourceMappingURL=core.min.css.map */",
        encoding="utf-8",
    )
    (dist / "core" / "core.module.min.js").write_text(
        "const e=1;window.dsfr={core:e};\n//# sourceMappingURL=core.module.min.js.map\n",
        encoding="utf-8",
    )
    for module in ("scheme", "tag"):
        folder = dist / ("scheme" if module == "scheme" else f"component/{module}")
        folder.mkdir(parents=True)
        icon = f"url({'..' if module == 'scheme' else '../..'}/icons/system/close-line.svg)"
        css = f".fr-{module}{{mask:{icon}}}"
        if module == "tag":
            css += ".fr-tag--x{-webkit-mask:url('../../icons/system/tricky.svg')}"
        (folder / f"{module}.min.css").write_text(css, "utf-8")
        (folder / f"{module}.module.min.js").write_text(f"const e=window.dsfr.{module};\n", "utf-8")
    shutil.copytree(VENDORED / "fonts", dist / "fonts")
    (dist / "favicon").mkdir()
    (dist / "favicon" / "favicon.svg").write_text(CLOSE_SVG, encoding="utf-8")
    (dist / "favicon" / "favicon.ico").write_bytes(b"\0\0\1\0")
    (dist / "favicon" / "apple-touch-icon.png").write_bytes(b"left out")
    (dist / "icons" / "system").mkdir(parents=True)
    (dist / "icons/system/close-line.svg").write_text(CLOSE_SVG, encoding="utf-8")
    (dist / "icons/system/tricky.svg").write_bytes(TRICKY_SVG.encode("utf-8"))
    (root / "src/dsfr/component").mkdir(parents=True)
    (root / "src/dsfr/component/main.scss").write_text("@import 'tag/main';\n", "utf-8")
    (root / "LICENSE.md").write_text("LICENCE OUVERTE 2.0\n", encoding="utf-8")
    doc = root / "src/dsfr/core/_part/doc/color/index.md"
    doc.parent.mkdir(parents=True)
    doc.write_text("Les couleurs illustratives sont : green-menthe, blue-ecume.\n", "utf-8")
    return root


#: The icons as data URIs, written out by hand: ``"`` ``#`` ``%`` ``\\`` ``(`` ``)``,
#: line breaks and non-ASCII (UTF-8) percent-encoded, the rest as in the file.
CLOSE_URI = (
    "<svg xmlns=%22http://www.w3.org/2000/svg%22 viewBox=%220 0 24 24%22>"
    "<path d=%22M0 0h24v24z%22/></svg>"
)
TRICKY_URI = (
    "<svg xmlns=%22http://www.w3.org/2000/svg%22><!-- 100%25 %C2%ABx%C2%BB %5C -->%0A"
    "<path fill=%22url%28%23g%29%22 d=%22M1 1h2%22/></svg>%0A"
)


def refresh_into(tmp_path: Path, target: Path) -> None:
    package = make_package(tmp_path / "package")
    texts = tmp_path / "texts"
    texts.mkdir(exist_ok=True)
    (texts / "lever.md").write_text("Niveau ≥ 2 ✓\n", encoding="utf-8")
    info = vendor.PackageInfo("1.15.3", vendor.DSFR_INTEGRITY, "0" * 40)
    vendor_refresh.build_tree(package, info, ["tag", "scheme"], FONTS, [texts], target)


def test_refresh_builds_the_tree_and_is_byte_identical_when_rerun(tmp_path: Path) -> None:
    refresh_into(tmp_path / "one", tmp_path / "first")
    refresh_into(tmp_path / "two", tmp_path / "second")
    first = tmp_path / "first"
    names = sorted(p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file())
    assert names == [
        "CHARACTERS",
        "LICENSE",
        "MANIFEST.sha256",
        "VERSION",
        "dsfr-kit.min.css",
        "dsfr-kit.module.min.js",
        "favicon/favicon.ico",
        "favicon/favicon.svg",
        "fonts/Marianne-Bold.woff2",
        "fonts/Marianne-Regular.woff2",
    ]
    for name in names:
        assert (first / name).read_bytes() == (tmp_path / "second" / name).read_bytes(), name
    assert (first / "dsfr-kit.min.css").read_text("utf-8") == (
        '@font-face{font-weight:400;src:url(fonts/Marianne-Regular.woff2) format("woff2")}'
        '@font-face{font-weight:700;src:url(fonts/Marianne-Bold.woff2) format("woff2")}'
        "body{font-family:Marianne}:root{--grey-50:#161616}\n"
        f'.fr-scheme{{mask:url("data:image/svg+xml,{CLOSE_URI}")}}\n'
        f'.fr-tag{{mask:url("data:image/svg+xml,{CLOSE_URI}")}}'
        f'.fr-tag--x{{-webkit-mask:url("data:image/svg+xml,{TRICKY_URI}")}}\n'
    )
    assert (first / "dsfr-kit.module.min.js").read_text("utf-8") == (
        "{\nconst e=1;window.dsfr={core:e};\n}\n"
        "{\nconst e=window.dsfr.scheme;\n}\n"
        "{\nconst e=window.dsfr.tag;\n}\n"
    )
    assert vendor.manifest_problems(first) == []
    assert (first / "favicon/favicon.svg").read_text("utf-8") == CLOSE_SVG
    assert (first / "favicon/favicon.ico").read_bytes() == b"\0\0\1\0"
    assert "≥" in font_cmap(first / "fonts" / "Marianne-Regular.woff2")


def test_a_data_uri_decodes_to_the_icon_byte_for_byte() -> None:
    for svg in (CLOSE_SVG, TRICKY_SVG):
        uri = vendor_bundle.svg_data_uri(svg.encode("utf-8"))
        assert uri.startswith("data:image/svg+xml,<svg ")
        assert urllib.parse.unquote(uri.removeprefix("data:image/svg+xml,")) == svg
        assert [char for char in uri if char in '"#\\()\n' or not char.isascii()] == []


def test_inlining_leaves_fonts_and_data_uris_alone(tmp_path: Path) -> None:
    (tmp_path / "icons").mkdir()
    (tmp_path / "icons/a.svg").write_text(CLOSE_SVG, encoding="utf-8")
    css = (
        '@font-face{src:url(fonts/M.woff2) format("woff2")}'
        ".a{mask-image:url(icons/a.svg)}"
        ".b{background:url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'%3E\")}"
    )
    assert vendor_bundle.inline_icons(css, tmp_path) == (
        '@font-face{src:url(fonts/M.woff2) format("woff2")}'
        f'.a{{mask-image:url("data:image/svg+xml,{CLOSE_URI}")}}'
        ".b{background:url(\"data:image/svg+xml;charset=utf-8,%3Csvg xmlns='x'%3E\")}"
    )


def test_refresh_stops_on_a_file_that_is_neither_font_nor_icon(tmp_path: Path) -> None:
    package = make_package(tmp_path / "package")
    (package / "dist/component/tag/tag.min.css").write_text(
        ".fr-tag{background:url(../../img/flag.png)}", encoding="utf-8"
    )
    (package / "dist/img").mkdir()
    (package / "dist/img/flag.png").write_bytes(b"\x89PNG")
    info = vendor.PackageInfo("1.15.3", vendor.DSFR_INTEGRITY, "0" * 40)
    with pytest.raises(ValueError, match="points to img/flag.png: neither a font nor an SVG"):
        vendor_refresh.build_tree(package, info, ["tag"], FONTS, [], tmp_path / "tree")


def test_subset_keeps_the_source_timestamps(tmp_path: Path) -> None:
    from fontTools.ttLib import TTFont

    source = VENDORED / "fonts" / "Marianne-Regular.woff2"
    vendor_fonts.subset_font(source, tmp_path / "a.woff2", "Marianne")
    with TTFont(str(source)) as original, TTFont(str(tmp_path / "a.woff2")) as subset:
        assert subset["head"].modified == original["head"].modified
        assert subset["head"].created == original["head"].created
    assert font_cmap(tmp_path / "a.woff2") == {"M", "a", "r", "i", "n", "e"}


# --- Pruning: Internet Explorer blocks and illustrative colours ------------------------

#: The DSFR's illustrative colours, as its colour documentation lists them (1.15.3).
ACCENTS = (
    "green-tilleul-verveine green-bourgeon green-emeraude green-menthe green-archipel "
    "blue-ecume blue-cumulus purple-glycine pink-macaron pink-tuile yellow-tournesol "
    "yellow-moutarde orange-terre-battue brown-cafe-creme brown-caramel brown-opera "
    "beige-gris-galet"
).split()


def test_vendored_stylesheet_has_no_internet_explorer_block_nor_accent() -> None:
    css = (VENDORED / "dsfr-kit.min.css").read_text(encoding="utf-8")
    assert "-ms-high-contrast" not in css
    assert [name for name in ACCENTS if name in css] == []
    assert ".fr-tag--sm" in css and "--blue-france-sun-113-625:" in css  # the rest is there


def test_every_var_of_the_vendored_stylesheet_has_a_value() -> None:
    css = (VENDORED / "dsfr-kit.min.css").read_text(encoding="utf-8")
    read = set(re.findall(r"var\((--[\w-]+)", css))
    declared = set(re.findall(r"[{;](--[\w-]+):", css))
    # State variants that DSFR 1.15.3 itself reads without ever declaring them.
    upstream = {
        f"--{name}-{state}"
        for name in (
            "background-disabled-grey",
            "background-flat-error",
            "background-flat-grey",
            "border-active-blue-france",
            "border-default-grey",
            "text-label-grey",
        )
        for state in ("active", "hover")
    }
    assert read - declared == upstream


def test_built_pages_use_no_illustrative_colour(site: Any) -> None:
    classes = {
        name
        for page in site.outdir.rglob("*.html")
        for attribute in re.findall(r'class="([^"]*)"', page.read_text(encoding="utf-8"))
        for name in attribute.split()
    }
    assert [c for c in classes if any(c.endswith(f"--{a}") for a in ACCENTS)] == []


def test_accent_colours_are_read_from_the_colour_documentation() -> None:
    doc = "## Couleurs\n\nLes couleurs illustratives sont : green-menthe, blue-ecume, pink-tuile.\n"
    assert vendor_prune.accent_colours(doc) == ["green-menthe", "blue-ecume", "pink-tuile"]
    with pytest.raises(ValueError, match="no longer lists"):
        vendor_prune.accent_colours("Couleurs : bleu, blanc, rouge.")


def never(_: str) -> bool:
    return False


TRICKY_CSS = (
    '@charset "UTF-8";'
    '.a::before{content:"{;}"}'
    '.b{background:url("data:image/svg+xml;charset=utf-8,%3Csvg%3E")}'
    ".c,.d:is(.e,.f){color:red;margin:0}"
    "@media (min-width:48em){.g{color:blue}@supports (display:grid){.h{display:grid}}}"
    "@font-face{font-family:M;src:url(m.woff2)}"
    "@keyframes k{0%{opacity:0}to{opacity:1}}\n"
)


def test_pruning_nothing_gives_the_stylesheet_back_byte_for_byte() -> None:
    assert vendor_prune.prune(TRICKY_CSS, never, never, never) == TRICKY_CSS


def test_pruning_drops_selectors_declarations_and_emptied_blocks() -> None:
    pruned = vendor_prune.prune(
        TRICKY_CSS,
        lambda media: "48em" in media,
        lambda selector: selector == ".c",
        lambda declaration: declaration.startswith("margin"),
    )
    assert pruned == (
        '@charset "UTF-8";'
        '.a::before{content:"{;}"}'
        '.b{background:url("data:image/svg+xml;charset=utf-8,%3Csvg%3E")}'
        ".d:is(.e,.f){color:red}"
        "@font-face{font-family:M;src:url(m.woff2)}"
        "@keyframes k{0%{opacity:0}to{opacity:1}}\n"
    )


@pytest.mark.parametrize(
    ("prelude", "dropped"),
    [
        ("@media screen and (-ms-high-contrast:active),screen and (-ms-high-contrast:none)", True),
        ("@media screen and (min-width:48em) and (-ms-high-contrast:active)", True),
        ("@media (forced-colors:active)", False),
        ("@media (min-width:48em),screen and (-ms-high-contrast:none)", False),
    ],
)
def test_only_media_blocks_for_internet_explorer_alone_are_dropped(
    prelude: str, dropped: bool
) -> None:
    assert vendor_prune.is_ie_only_media(prelude) is dropped


def test_accent_predicates_name_modifiers_and_palette_properties() -> None:
    selector = vendor_prune.accent_selector(["green-menthe", "blue-ecume"])
    assert selector(".fr-tag--green-menthe")
    assert selector(".fr-card--blue-ecume .fr-card__title")
    assert not selector(".fr-tag--green")
    assert not selector(".fr-tag--green-menthex")
    declaration = vendor_prune.accent_declaration(["green-menthe"])
    assert declaration("--green-menthe-sun-373:#009081")
    assert declaration("--text-label-green-menthe:var(--x)")
    assert declaration("color:var(--text-label-green-menthe)")
    assert not declaration("color:var(--text-label-grey)")


def test_undefined_properties_are_those_read_and_never_set() -> None:
    css = ":root{--a:1;--b:var(--c)}.x{width:var(--a);height:var(--d, 2px)}"
    assert vendor_prune.undefined_properties(css) == {"--c", "--d"}
