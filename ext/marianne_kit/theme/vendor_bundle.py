"""One stylesheet and one script for the DSFR modules the theme uses (vendoring time).

Served one file per module, the DSFR costs the kit's pages 22 stylesheets and 12
scripts: 76.8 KB of gzipped CSS and 28.9 KB of JS in 1.15.3, plus a response header
each. The same files concatenated in the DSFR's cascade order gzip to 65 KB and
24 KB, in two requests. Nothing else changes in their text except:

- ``url()`` references are rewritten relative to the bundle, which sits at the top
  of the vendored tree (``../fonts/x`` from ``core/`` becomes ``fonts/x``);
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

from .vendor import css_file_urls, module_css, module_js, resolve

CSS_BUNDLE = "dsfr-kit.min.css"
JS_BUNDLE = "dsfr-kit.module.min.js"

_FONT_FACE_RE = re.compile(r"@font-face\{[^}]*\}")
_SRC_RE = re.compile(r"src:([^;}]*)")
_SRC_ENTRY_RE = re.compile(r"url\(([^)]*)\)(?:\s*format\(\"[^\"]*\"\))?")
_URL_RE = re.compile(r"url\((['\"]?)([^'\")]+)\1\)")
_CSS_MAP_RE = re.compile(r"/\*# sourceMappingURL=[^*]*\*/\s*")
_JS_MAP_RE = re.compile(r"^//# sourceMappingURL=.*$\n?", re.MULTILINE)


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
    """Files the bundled stylesheet points to (fonts and icons), in order."""
    return [PurePosixPath(url) for url in css_file_urls(css)]
