"""Vendoring of the State's design system (DSFR) from its npm package, as plain functions.

The site must build on a machine without Node, so the DSFR files the theme serves are
committed under ``theme/static/dsfr/``; ``nox -s vendor-dsfr`` refreshes them from the
pinned npm package (``vendor_refresh.py``). Only the modules the theme lists are taken
(the full DSFR is 94 KB of gzipped CSS; the core alone is 26 KB), bundled into one
stylesheet and one script (``vendor_bundle.py``), the icons the stylesheets point to
written into the stylesheet as ``data:`` URIs (Chromium refuses CSS mask images to a
page opened from disk otherwise), with the Marianne weights the kit uses, cut down to
the characters it can show (``vendor_fonts.py``). A page loads no file it does not
need and nothing from another host.

This module holds what the refresh and the tests share: the module list and its
order, the paths inside the package's ``dist/`` folder, and the records kept next to
the files: ``VERSION`` (package version, the tarball's npm integrity and SHA-1, what
was taken), ``LICENSE`` (the package's licence text) and ``MANIFEST.sha256`` (every
vendored file with its SHA-256, ``sha256sum -c`` format), so a test can check that the
committed files are exactly what the refresh produced.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tarfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

DSFR_PACKAGE = "@gouvfr/dsfr"
DSFR_VERSION = "1.15.3"

#: Modules used when ``theme/dsfr-modules.txt`` (the theme's own list, which the
#: refresh reads when present) is absent: the theme's list as of its first version.
DEFAULT_MODULES: tuple[str, ...] = (
    "core",
    "scheme",
    "skiplink",
    "logo",
    "header",
    "search",
    "input",
    "button",
    "sidemenu",
    "breadcrumb",
    "footer",
    "modal",
    "form",
    "radio",
    "display",
    "table",
    "tag",
    "card",
    "tab",
    "link",
    "callout",
    "notice",
)

#: Modules that are not components: they live at the top of ``dist/``.
TOP_LEVEL_MODULES = frozenset({"core", "scheme", "utility"})

#: The display settings (light / dark / system) draw radio buttons in a form and
#: switch the colour scheme: the DSFR documents ``form``, ``radio`` and ``scheme``
#: as its dependencies. Added whenever ``display`` is listed, so the theme's list
#: can name what it uses rather than what the DSFR needs behind it.
IMPLIED_MODULES: dict[str, tuple[str, ...]] = {
    "display": ("form", "radio", "scheme", "modal", "button"),
    "search": ("input", "button"),
    "input": ("form",),
}

#: Marianne weights served by default: body text (400) and bold (700). The DSFR
#: also asks for 300, 500 and italics; without their ``@font-face`` rule the browser
#: draws them with the nearest served weight of Marianne (CSS Fonts 4, §5.2)
#: instead of downloading another 58 KB font.
DEFAULT_FONT_FILES: tuple[str, ...] = ("Marianne-Regular.woff2", "Marianne-Bold.woff2")

#: The site's icon: the DSFR's favicon (Marianne on white), copied as it is from the
#: package's ``dist/favicon/`` into ``favicon/``. The SVG for browsers that draw one
#: (2.6 KB gzip), the 32 × 32 ICO for the others; the PNGs and the web manifest of
#: installable apps are left out.
FAVICON_FOLDER = "favicon"
FAVICON_FILES: tuple[str, ...] = ("favicon.svg", "favicon.ico")

#: SHA-512 of the npm tarball (its ``dist.integrity``): a refresh stops if the
#: registry serves other bytes under the pinned version.
DSFR_INTEGRITY = (
    "sha512-"
    "R9AALZc1LfZjtytWZMOaUIOHWTkllBZ/sZlsL8TpKZVgF3qUKXt/uNYh+L1D1Fh4p92ZqWxbtNcebsigBZe5pQ=="
)

MANIFEST_NAME = "MANIFEST.sha256"
VERSION_NAME = "VERSION"
LICENSE_NAME = "LICENSE"
CHARACTERS_NAME = "CHARACTERS"

_URL_RE = re.compile(r"url\(\s*(['\"]?)([^'\")]+)\1\s*\)")


@dataclass(frozen=True)
class PackageInfo:
    """What identifies the npm tarball the files come from."""

    version: str
    integrity: str
    shasum: str


def tarball_info(tarball: Path) -> PackageInfo:
    """Version (from its ``package/package.json``) and digests of an npm tarball.

    The integrity is computed the way npm writes ``dist.integrity`` (``sha512-`` and
    the base64 digest), so it can be compared with the registry's and the lock file's.
    """
    data = tarball.read_bytes()
    with tarfile.open(tarball, "r:gz") as archive:
        member = archive.extractfile("package/package.json")
        if member is None:
            raise ValueError(f"{tarball}: no package/package.json")
        version = str(json.load(member)["version"])
    integrity = "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode("ascii")
    return PackageInfo(version, integrity, hashlib.sha1(data).hexdigest())


def read_module_list(text: str) -> dict[str, int]:
    """Module name → line number, one name a line; ``#`` starts a comment."""
    names: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        name = line.split("#", 1)[0].strip()
        if name and name not in names:
            names[name] = number
    return names


def component_order(main_scss: str) -> list[str]:
    """Components in the order the full DSFR stylesheet imports them.

    ``main_scss`` is ``src/dsfr/component/main.scss`` of the package: its
    ``@import '<name>/main'`` lines give the cascade order of the full
    ``dsfr.min.css``, which the per-module files keep only if loaded in that order.
    """
    return re.findall(r"@import '([a-z-]+)/main';", main_scss)


def expand_modules(modules: Iterable[str], order: Sequence[str]) -> list[str]:
    """The listed modules plus those they imply, in the DSFR's cascade order.

    ``core`` and ``scheme`` (colour schemes) come first, then the components in
    ``order`` (see ``component_order``). Raises ValueError for a name the
    package does not have, so a typo in the theme's list stops the refresh.
    """
    wanted: set[str] = {"core"}

    def add(name: str) -> None:
        for implied in IMPLIED_MODULES.get(name, ()):
            add(implied)
        wanted.add(name)

    for name in modules:
        add(name)
    unknown = sorted(wanted - TOP_LEVEL_MODULES - set(order))
    if unknown:
        raise ValueError(f"unknown DSFR module(s): {', '.join(unknown)}")
    ranks = {name: rank for rank, name in enumerate(["core", "scheme", "utility", *order])}
    return sorted(wanted, key=ranks.__getitem__)


def module_dir(module: str) -> PurePosixPath:
    """Folder of a module inside ``dist/``."""
    if module in TOP_LEVEL_MODULES:
        return PurePosixPath(module)
    return PurePosixPath("component") / module


def module_css(module: str) -> PurePosixPath:
    """Minified stylesheet of a module (screen and print rules), relative to ``dist/``."""
    return module_dir(module) / f"{module}.min.css"


def module_js(module: str) -> PurePosixPath:
    """Minified ES module script of a module, relative to ``dist/``."""
    return module_dir(module) / f"{module}.module.min.js"


def css_file_urls(css: str) -> list[str]:
    """Relative file URLs a stylesheet points to (data URIs left out), in order, once each."""
    urls: list[str] = []
    for match in _URL_RE.finditer(css):
        url = match.group(2).strip()
        if url.startswith("data:") or url in urls:
            continue
        urls.append(url)
    return urls


def resolve(base: PurePosixPath, url: str) -> PurePosixPath:
    """Path, relative to ``dist/``, of ``url`` written in the file ``base``.

    Raises ValueError for a URL that leaves ``dist/`` or names another host: the
    site must load nothing from elsewhere.
    """
    if "://" in url or url.startswith("//") or url.startswith("/"):
        raise ValueError(f"{base}: {url!r} is not a relative URL")
    parts = list(base.parent.parts)
    for part in PurePosixPath(url.split("#", 1)[0].split("?", 1)[0]).parts:
        if part == "..":
            if not parts:
                raise ValueError(f"{base}: {url!r} leaves the package")
            parts.pop()
        elif part != ".":
            parts.append(part)
    return PurePosixPath(*parts)


def sha256_file(path: Path) -> str:
    """Hex SHA-256 of a file's bytes."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def vendored_files(root: Path) -> list[str]:
    """Every file under ``root`` but the manifest itself, as sorted POSIX paths."""
    return sorted(
        path.relative_to(root).as_posix()
        for path in root.rglob("*")
        if path.is_file() and path.relative_to(root).as_posix() != MANIFEST_NAME
    )


def manifest_text(root: Path) -> str:
    """``sha256sum``-compatible listing of the vendored files (``sha256sum -c`` checks it)."""
    return "".join(f"{sha256_file(root / name)}  {name}\n" for name in vendored_files(root))


def parse_manifest(text: str) -> dict[str, str]:
    """File name → SHA-256 from a manifest; raises ValueError on a malformed line."""
    entries: dict[str, str] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        match = re.fullmatch(r"([0-9a-f]{64})  (\S.*)", line)
        if match is None:
            raise ValueError(f"{MANIFEST_NAME}:{number}: not '<sha256>  <path>': {line!r}")
        entries[match.group(2)] = match.group(1)
    return entries


def manifest_problems(root: Path) -> list[str]:
    """Differences between the files under ``root`` and its manifest, one line each."""
    try:
        listed = parse_manifest((root / MANIFEST_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [str(error)]
    present = set(vendored_files(root))
    problems = [f"{name}: listed in {MANIFEST_NAME} but absent" for name in listed.keys() - present]
    problems += [f"{name}: present but not in {MANIFEST_NAME}" for name in present - listed.keys()]
    problems += [
        f"{name}: SHA-256 differs from {MANIFEST_NAME}"
        for name in sorted(present & listed.keys())
        if sha256_file(root / name) != listed[name]
    ]
    return sorted(problems)


def version_text(
    info: PackageInfo,
    modules: Sequence[str],
    fonts: Sequence[str],
    bundles: Sequence[str],
    accents: Sequence[str],
    favicons: Sequence[str] = (),
) -> str:
    """Contents of ``VERSION``: where the files come from, what was taken and how."""
    favicon = [f"favicon = {' '.join(favicons)} (as in dist/{FAVICON_FOLDER}/)\n"]
    return "".join(
        [
            f"package = {DSFR_PACKAGE}\n",
            f"version = {info.version}\n",
            f"integrity = {info.integrity}\n",
            f"shasum = {info.shasum}\n",
            "licence = etalab-2.0 (see LICENSE)\n",
            f"modules = {' '.join(modules)}\n",
            f"fonts = {' '.join(fonts)} (subset to CHARACTERS, unhinted)\n",
            f"bundles = {' '.join(bundles)}\n",
            f"icons = written into {bundles[0]} as data: URIs (no file: CORS on file://)\n",
            *(favicon if favicons else []),
            "left out = @media blocks for Internet Explorer only (-ms-high-contrast); "
            f"illustrative colours {' '.join(accents)}\n",
            "refresh = nox -s vendor-dsfr\n",
        ]
    )


def parse_version(text: str) -> dict[str, str]:
    """Key → value pairs of a ``VERSION`` file."""
    pairs: dict[str, str] = {}
    for line in text.splitlines():
        key, sep, value = line.partition(" = ")
        if sep:
            pairs[key.strip()] = value.strip()
    return pairs
