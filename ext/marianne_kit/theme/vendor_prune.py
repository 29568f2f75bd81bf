"""What the kit's stylesheet leaves out of the DSFR's own rules (vendoring time).

Two parts of the DSFR's stylesheets can never apply to the kit's pages, whatever its
templates, and weigh 23 of the 65 KB of gzipped CSS the modules make:

- **Internet Explorer rules**: ``@media`` blocks whose every query tests
  ``-ms-high-contrast``, a media feature only Internet Explorer and the old EdgeHTML
  engine know (9 KB). The kit serves the DSFR's ES-module scripts, which those
  browsers cannot run, and no other browser ever matches such a query.
- **Illustrative colours** (« couleurs illustratives », the accent variants such as
  ``fr-tag--green-emeraude``): selectors naming an accent modifier, and the
  declarations that set or read the accent palettes' custom properties, light and
  dark (14 KB). The kit's components
  keep the State's primary, neutral and system colours; a page asking for an accent
  fails ``tests/test_dsfr_vendor.py``.

Nothing else is touched. A pruned declaration block is re-joined as it was written;
``undefined_properties`` lets the refresh check that no remaining ``var()`` lost the
custom property it reads.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable

#: ``@media`` preludes, selectors and declarations are looked at, never rewritten.
Predicate = Callable[[str], bool]

_ACCENT_LINE_RE = re.compile(r"Les couleurs illustratives sont : ([a-z, -]+)\.")
_VAR_RE = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")
_DECLARED_RE = re.compile(r"(?:^|[{;])\s*(--[A-Za-z0-9_-]+)\s*:")


def accent_colours(colour_doc: str) -> list[str]:
    """Accent colour names from the package's ``src/dsfr/core/_part/doc/color/index.md``."""
    match = _ACCENT_LINE_RE.search(colour_doc)
    if match is None:
        raise ValueError("the DSFR colour documentation no longer lists the illustrative colours")
    return [name.strip() for name in match.group(1).split(",")]


def _skip_string(css: str, start: int) -> int:
    """Index just after the quoted string that starts at ``start``."""
    quote, index = css[start], start + 1
    while css[index] != quote:
        index += 2 if css[index] == "\\" else 1
    return index + 1


def _block_end(css: str, start: int) -> int:
    """Index just after the ``}`` closing the block whose ``{`` is at ``start``."""
    depth, index = 0, start
    while True:
        char = css[index]
        if char in "\"'":
            index = _skip_string(css, index)
            continue
        if char == "{":
            depth += 1
        elif char == "}":
            depth -= 1
            if depth == 0:
                return index + 1
        index += 1


def css_items(css: str) -> list[tuple[str, str | None]]:
    """Top-level items of a stylesheet: (prelude, block body), or (statement, None).

    Strings are skipped whole, so a brace or semicolon inside ``content:"…"`` or a
    quoted data URI does not end anything.
    """
    items: list[tuple[str, str | None]] = []
    start = index = 0
    while index < len(css):
        char = css[index]
        if char in "\"'":
            index = _skip_string(css, index)
        elif char == "{":
            end = _block_end(css, index)
            items.append((css[start:index], css[index + 1 : end - 1]))
            start = index = end
        elif char == ";":
            items.append((css[start : index + 1], None))
            start = index = index + 1
        else:
            index += 1
    if css[start:]:
        items.append((css[start:], None))  # trailing text (a newline) is kept too
    return items


def split_top_level(text: str, separator: str) -> list[str]:
    """``text`` split on ``separator`` outside parentheses and strings."""
    parts: list[str] = []
    depth = start = index = 0
    while index < len(text):
        char = text[index]
        if char in "\"'":
            index = _skip_string(text, index)
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == separator and depth == 0:
            parts.append(text[start:index])
            start = index + 1
        index += 1
    parts.append(text[start:])
    return parts


def prune(
    css: str, drop_media: Predicate, drop_selector: Predicate, drop_declaration: Predicate
) -> str:
    """``css`` without the media blocks, selectors and declarations the predicates name.

    ``@media``, ``@supports`` and ``@layer`` blocks are pruned inside and dropped when
    empty; other at-rules (``@font-face``, ``@keyframes``) are kept whole. A rule
    left with no selector or no declaration is dropped.
    """
    out: list[str] = []
    for prelude, body in css_items(css):
        head = prelude.strip()
        if body is None:
            out.append(prelude)
        elif head.startswith(("@media", "@supports", "@layer")):
            if head.startswith("@media") and drop_media(head):
                continue
            inner = prune(body, drop_media, drop_selector, drop_declaration)
            if inner.strip():
                out.append(f"{prelude}{{{inner}}}")
        elif head.startswith("@"):
            out.append(f"{prelude}{{{body}}}")
        else:
            selectors = [s for s in split_top_level(prelude, ",") if not drop_selector(s)]
            declarations = split_top_level(body, ";")
            kept = [d for d in declarations if not drop_declaration(d)]
            if selectors and any(d.strip() for d in kept):
                out.append(f"{','.join(selectors)}{{{';'.join(kept)}}}")
    return "".join(out)


def is_ie_only_media(prelude: str) -> bool:
    """Whether every query of an ``@media`` prelude tests ``-ms-high-contrast``."""
    queries = split_top_level(prelude.removeprefix("@media"), ",")
    return all("-ms-high-contrast" in query for query in queries)


def accent_selector(colours: Iterable[str]) -> Predicate:
    """Predicate: the selector names a class modifier ``--<accent colour>``."""
    names = "|".join(re.escape(name) for name in colours)
    pattern = re.compile(rf"\.[A-Za-z0-9_-]*--(?:{names})(?![A-Za-z0-9_])")
    return lambda selector: pattern.search(selector) is not None


def accent_declaration(colours: Iterable[str]) -> Predicate:
    """Predicate: the declaration sets or reads a custom property of an accent palette.

    Reading matters too: a few rules for other components (the purple weather
    notice) take their colour from an accent palette, and a ``var()`` left without
    its property would make the whole declaration invalid at computed-value time.
    """
    names = "|".join(re.escape(name) for name in colours)
    sets = re.compile(rf"^\s*--[A-Za-z0-9_-]*(?:{names})[A-Za-z0-9_-]*\s*:")
    reads = re.compile(rf"var\(\s*--[A-Za-z0-9_-]*(?:{names})")
    return lambda declaration: bool(sets.search(declaration) or reads.search(declaration))


def prune_for_kit(css: str, colours: Iterable[str]) -> str:
    """The kit's pruning: Internet Explorer blocks and illustrative colours."""
    names = list(colours)
    return prune(css, is_ie_only_media, accent_selector(names), accent_declaration(names))


def undefined_properties(css: str) -> set[str]:
    """Custom properties read through ``var()`` that no declaration of ``css`` sets.

    The DSFR's scripts set a few at run time (``--collapse``, ``--tabs-height``…):
    the refresh compares the set before and after pruning, not against nothing.
    """
    return set(_VAR_RE.findall(css)) - set(_DECLARED_RE.findall(css))
