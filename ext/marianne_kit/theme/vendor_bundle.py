"""One stylesheet and one script for the DSFR modules the theme uses (vendoring time).

Served one file per module, the DSFR costs the kit's pages 22 stylesheets and 12
scripts: 76.8 KB of gzipped CSS and 28.9 KB of JS in 1.15.3, plus a response header
each. The same files concatenated in the DSFR's cascade order gzip to 65 KB and
24 KB, in two requests. Nothing else changes in their text except:

- ``url()`` references are rewritten relative to the bundle, which sits at the top
  of the vendored tree (``../fonts/x`` from ``core/`` becomes ``fonts/x``);
- the icons (SVG files the rules use as ``mask-image``) are written into the
  stylesheet as ``data:`` URIs (``inline_icons``), so the tree holds no icon file.
  Chromium fetches mask images in CORS mode, and a page opened from disk
  (``file://``, which the kit supports) may not read another ``file://`` URL that
  way: the icons would vanish (the header's search button an empty square) with a
  CORS error each in the console. Fonts stay files, since ``@font-face`` loads
  them over ``file://``;
- ``@font-face`` rules for fonts the kit does not serve are dropped (so the
  browser draws those weights with the nearest served Marianne instead of
  failing on a missing file and falling back to Arial), and so are the ``woff``
  sources next to the ``woff2`` ones (every browser that runs ES modules reads
  woff2);
- ``sourceMappingURL`` comments are dropped, since the maps are not vendored;
- each script is wrapped in a block, so the ``const`` each module declares at its
  top level stays its own once the modules share one file (they talk to each
  other through ``window.dsfr`` only).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path, PurePosixPath
from urllib.parse import quote

from .vendor import css_file_urls, module_css, module_js, resolve

CSS_BUNDLE = "dsfr-kit.min.css"
JS_BUNDLE = "dsfr-kit.module.min.js"

_FONT_FACE_RE = re.compile(r"@font-face\{[^}]*\}")
_SRC_RE = re.compile(r"src:([^;}]*)")
_SRC_ENTRY_RE = re.compile(r"url\(([^)]*)\)(?:\s*format\(\"[^\"]*\"\))?")
_URL_RE = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")
_CSS_MAP_RE = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")
_JS_MAP_RE = re.compile(r"^//# sourceMappingURL=.*$\n?", re.MULTILINE)
#: Characters an SVG keeps as they are in a ``url("data:…")``: printable ASCII but
#: ``%`` (it starts an escape), ``#`` (it would end the URL's body at a fragment),
#: ``"`` (it would end the CSS string), ``\`` (a CSS escape) and the parentheses
#: (so that an SVG's own ``url(#id)`` does not read as a file reference to the
#: regular expressions here and in the tests). Everything else (line breaks, which
#: a CSS string may not hold, other controls, non-ASCII) is percent-encoded, so the
#: URI decodes to the file byte for byte. Measured on 1.15.3's 27 icons (78 uses) in
#: the kit's bundle: 3.4 KB more gzipped CSS, against 3.7 KB when every reserved
#: character is encoded and 5.2 KB in base64 (swapping the SVG's quotes for ``'``
#: would save 0.07 KB more, at the cost of changing the files).
_DATA_URI_SAFE = "".join(chr(code) for code in range(0x20, 0x7F) if chr(code) not in '%#"\\()')


def keep_served_font_faces(css: str, base: PurePosixPath, served: set[PurePosixPath]) -> str:
    """``css`` (the file ``base``) without the font sources the kit does not serve.

    A ``@font-face`` rule keeps the sources whose file is in ``served``; a rule
    left with none is removed.
    """

    def rewrite(rule: re.Match[str]) -> str:
        src = _SRC_RE.search(rule.group(0))
        if src is None:
            return rule.group(0)
        kept = [
            entry.group(0)
            for entry in _SRC_ENTRY_RE.finditer(src.group(1))
            if resolve(base, entry.group(1).strip("'\"")) in served
        ]
        if not kept:
            return ""
        start, end = src.span(1)  # within the rule's text, which was searched
        return rule.group(0)[:start] + ",".join(kept) + rule.group(0)[end:]

    return _FONT_FACE_RE.sub(rewrite, css)


def rebase_urls(css: str, base: PurePosixPath) -> str:
    """``css`` of the file ``base`` with its file URLs made relative to the tree's top."""

    def rewrite(match: re.Match[str]) -> str:
        url = match.group(2)
        if url.startswith("data:"):
            return match.group(0)
        return f"url({resolve(base, url)})"

    return _URL_RE.sub(rewrite, css)


def svg_data_uri(svg: bytes) -> str:
    """A ``data:`` URI holding the SVG file ``svg`` byte for byte, to write in ``url("…")``."""
    return "data:image/svg+xml," + quote(svg.decode("utf-8"), safe=_DATA_URI_SAFE)


def inline_icons(css: str, dist: Path) -> str:
    """``css`` (at the top of ``dist``) with every SVG it points to written into it.

    Each ``url(x.svg)`` becomes ``url("data:image/svg+xml,…")`` with the file's
    text; other URLs (the fonts, data URIs already there) are left as they are.
    """
    icons: dict[str, str] = {}

    def rewrite(match: re.Match[str]) -> str:
        url = match.group(2)
        if url.startswith("data:") or not url.endswith(".svg"):
            return match.group(0)
        if url not in icons:
            icons[url] = svg_data_uri((dist / url).read_bytes())
        return f'url("{icons[url]}")'

    return _URL_RE.sub(rewrite, css)


def css_bundle(dist: Path, modules: Sequence[str], served_fonts: Iterable[str]) -> str:
    """The modules' stylesheets, in order, as one stylesheet at the top of the tree."""
    served = {PurePosixPath("fonts") / name for name in served_fonts}
    parts: list[str] = []
    for module in modules:
        base = module_css(module)
        css = (dist / base).read_text(encoding="utf-8")
        css = _CSS_MAP_RE.sub("", css)
        css = keep_served_font_faces(css, base, served)
        parts.append(rebase_urls(css, base).strip() + "\n")
    return "".join(parts)


def js_bundle(dist: Path, modules: Sequence[str]) -> str:
    """The modules' ES module scripts (those that have one), in order, as one module."""
    parts: list[str] = []
    for module in modules:
        path = dist / module_js(module)
        if path.is_file():
            script = _JS_MAP_RE.sub("", path.read_text(encoding="utf-8")).strip()
            parts.append(f"{{\n{script}\n}}\n")
    return "".join(parts)


def bundle_files(css: str) -> list[PurePosixPath]:
    """Files the bundled stylesheet points to (the fonts, once icons are inlined), in order."""
    return [PurePosixPath(url) for url in css_file_urls(css)]
