"""Refresh of the vendored DSFR from an unpacked npm package: ``nox -s vendor-dsfr``.

The nox session downloads the pinned tarball (``npm pack``), unpacks it with
``npm install --ignore-scripts`` (the package's install script refuses to run outside
a DSFR project) and runs this module on the result. It checks the tarball against the
pinned integrity, then rebuilds ``theme/static/dsfr/`` from scratch in a sibling
folder and swaps it in, so a failed refresh leaves the committed files as they were.
Re-running it on the same package and sources gives the same bytes.

The tree holds the two bundles, the subset fonts, the site's favicon (SVG and ICO, as
in the package) and the records (``VERSION``, ``LICENSE``, ``CHARACTERS``,
``MANIFEST.sha256``), but no icon file for the components: the stylesheet
carries them as ``data:`` URIs (``vendor_bundle.inline_icons``), because Chromium
fetches CSS mask images in CORS mode and refuses them to a page opened from disk
(``file://``). A stylesheet URL that is neither a served font nor an icon stops the
refresh, so no file the pages need can be left out.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
from collections.abc import Sequence
from pathlib import Path, PurePosixPath

from .vendor import (
    CHARACTERS_NAME,
    DEFAULT_FONT_FILES,
    DEFAULT_MODULES,
    DSFR_INTEGRITY,
    DSFR_VERSION,
    FAVICON_FILES,
    FAVICON_FOLDER,
    LICENSE_NAME,
    MANIFEST_NAME,
    VERSION_NAME,
    PackageInfo,
    component_order,
    expand_modules,
    manifest_text,
    read_module_list,
    tarball_info,
    version_text,
)
from .vendor_bundle import (
    CSS_BUNDLE,
    JS_BUNDLE,
    bundle_files,
    css_bundle,
    inline_icons,
    js_bundle,
)
from .vendor_fonts import characters_listing, subset_font, wanted_characters
from .vendor_prune import accent_colours, prune_for_kit, undefined_properties

THEME = Path(__file__).resolve().parent
TARGET = THEME / "static" / "dsfr"
MODULE_LIST = THEME / "dsfr-modules.txt"
#: Where the package lists its illustrative (accent) colours, which the kit leaves out.
COLOUR_DOC = "src/dsfr/core/_part/doc/color/index.md"


def package_problems(info: PackageInfo) -> list[str]:
    """Why a tarball is not the pinned one, one line each (none if it is)."""
    problems = []
    if info.version != DSFR_VERSION:
        problems.append(f"tarball is version {info.version}, pinned {DSFR_VERSION}")
    if info.integrity != DSFR_INTEGRITY:
        problems.append(f"tarball integrity {info.integrity} differs from the pinned one")
    return problems


def module_problems(listed: dict[str, int], order: Sequence[str], source: str) -> list[str]:
    """One line per listed module the package does not have, with its line."""
    known = {"core", "scheme", *order}
    return [
        f"{source}:{line}: ERROR: '{name}' is not a DSFR module of {DSFR_VERSION}"
        for name, line in listed.items()
        if name not in known
    ]


def build_tree(
    package: Path,
    info: PackageInfo,
    modules: Sequence[str],
    fonts: Sequence[str],
    text_folders: Sequence[Path],
    target: Path,
    exclude: Sequence[Path] = (),
) -> None:
    """Write the vendored tree into ``target`` (an empty or absent folder)."""
    dist = package / "dist"
    order = component_order((package / "src/dsfr/component/main.scss").read_text("utf-8"))
    taken = expand_modules(modules, order)
    raw_css = css_bundle(dist, taken, fonts)
    colours = accent_colours((package / COLOUR_DOC).read_text(encoding="utf-8"))
    pruned = prune_for_kit(raw_css, colours)
    lost = undefined_properties(pruned) - undefined_properties(raw_css)
    if lost:
        raise ValueError(f"pruning left var() without a value: {', '.join(sorted(lost))}")
    css = inline_icons(pruned, dist)
    target.mkdir(parents=True, exist_ok=True)
    (target / CSS_BUNDLE).write_text(css, encoding="utf-8")
    (target / JS_BUNDLE).write_text(js_bundle(dist, taken), encoding="utf-8")
    wanted = wanted_characters(text_folders, [target, *exclude])
    kept: set[str] = set()
    for relative in bundle_files(css):
        if relative.parts[0] != "fonts":
            raise ValueError(f"the stylesheet points to {relative}: neither a font nor an SVG icon")
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        kept |= subset_font(dist / relative, destination, wanted)
    unused = [name for name in fonts if PurePosixPath("fonts", name) not in bundle_files(css)]
    if unused:
        raise ValueError(f"no stylesheet uses the font(s) {', '.join(unused)}")
    (target / CHARACTERS_NAME).write_text(characters_listing(wanted, kept), encoding="utf-8")
    shutil.copyfile(package / "LICENSE.md", target / LICENSE_NAME)
    favicons = [f"{FAVICON_FOLDER}/{name}" for name in FAVICON_FILES]
    (target / FAVICON_FOLDER).mkdir()
    for name in favicons:
        shutil.copyfile(dist / name, target / name)
    (target / VERSION_NAME).write_text(
        version_text(info, taken, fonts, [CSS_BUNDLE, JS_BUNDLE], colours, favicons),
        encoding="utf-8",
    )
    (target / MANIFEST_NAME).write_text(manifest_text(target), encoding="utf-8")


def replace_tree(new: Path, target: Path) -> None:
    """Put ``new`` in the place of ``target`` with renames (no half-refreshed tree)."""
    old = target.with_name(f".{target.name}.old")
    shutil.rmtree(old, ignore_errors=True)
    if target.exists():
        os.replace(target, old)
    os.replace(new, target)
    shutil.rmtree(old, ignore_errors=True)


def refresh(package: Path, tarball: Path, project: Path, target: Path = TARGET) -> list[str]:
    """Rebuild ``target`` from the unpacked ``package``; return the problems that stopped it."""
    info = tarball_info(tarball)
    problems = package_problems(info)
    if MODULE_LIST.is_file():
        listed = read_module_list(MODULE_LIST.read_text(encoding="utf-8"))
        source = MODULE_LIST.relative_to(project).as_posix()
    else:
        listed = {name: 0 for name in DEFAULT_MODULES}
        source = "vendor.py DEFAULT_MODULES"
    order = component_order((package / "src/dsfr/component/main.scss").read_text("utf-8"))
    problems += module_problems(listed, order, source)
    if problems:
        return problems
    new = target.with_name(f".{target.name}.partial")
    shutil.rmtree(new, ignore_errors=True)
    folders = [project / name for name in ("docs", "checklists", "results", "ext/marianne_kit")]
    try:
        build_tree(package, info, list(listed), DEFAULT_FONT_FILES, folders, new, [target])
    except (OSError, ValueError) as error:
        shutil.rmtree(new, ignore_errors=True)
        return [str(error)]
    replace_tree(new, target)
    return []


def main(argv: Sequence[str] | None = None) -> int:
    """Command line of the nox session; prints problems one a line, no traceback."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--package", type=Path, required=True, help="unpacked @gouvfr/dsfr")
    parser.add_argument("--tarball", type=Path, required=True, help="the npm tarball")
    parser.add_argument("--project", type=Path, default=THEME.parents[2])
    args = parser.parse_args(argv)
    problems = refresh(args.package, args.tarball, args.project)
    for problem in problems:
        print(f"vendor-dsfr: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
