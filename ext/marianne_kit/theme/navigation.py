"""The side menu, the breadcrumb and the DSFR asset list, as plain data.

Sphinx hands the templates its toctree as rendered HTML, whose markup (``toctree-l1``
lists, captions as paragraphs) is not the DSFR side menu's. The menu is built here
from the toctree *nodes* instead, so the template writes the DSFR markup itself and
marks the current page with ``aria-current="page"``. No Sphinx import: plain data
in, plain data out.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from docutils import nodes
from sphinx.errors import ExtensionError


@dataclass(frozen=True)
class MenuItem:
    """One page of the side menu; ``active`` when it is the current page or one of
    its ancestors (its sub-list is then open)."""

    title: str
    url: str
    current: bool
    active: bool
    children: tuple[MenuItem, ...] = ()
    #: The page's document name: templates link with ``pathto(docname)``, which a
    #: page served at another depth (the 404 page) makes absolute.
    docname: str = ""


@dataclass(frozen=True)
class MenuGroup:
    """The pages of one toctree caption (« Engagements », « Leviers »…)."""

    caption: str
    items: tuple[MenuItem, ...]

    @property
    def active(self) -> bool:
        return any(item.active for item in self.items)


def docname_of(url: str, here: str, suffix: str = ".html") -> str:
    """The document a menu URL relative to page ``here`` points to (``#``: ``here``)."""
    if url in ("", "#"):
        return here
    path = posixpath.normpath(posixpath.join(posixpath.dirname(here), url.partition("#")[0]))
    return path.removesuffix(suffix)


def _item(list_item: nodes.list_item, here: str) -> MenuItem | None:
    reference = next(iter(list_item.findall(nodes.reference)), None)
    if reference is None:
        return None
    children = tuple(
        child
        for sub_list in list_item.children
        if isinstance(sub_list, nodes.bullet_list)
        for child in _items(sub_list, here)
    )
    # Sphinx marks the current page's own link (not its ancestors' links) "current",
    # and gives it an empty relative URI.
    current = "current" in reference.get("classes", [])
    url = str(reference.get("refuri", "")) or "#"
    return MenuItem(
        title=reference.astext().strip(),
        url=url,
        current=current,
        active="current" in list_item.get("classes", []),
        children=children,
        docname=docname_of(url, here),
    )


def _items(bullet_list: nodes.bullet_list, here: str) -> list[MenuItem]:
    found = (
        _item(child, here) for child in bullet_list.children if isinstance(child, nodes.list_item)
    )
    return [item for item in found if item is not None]


def menu_groups(toctree: nodes.Node | None, here: str = "") -> list[MenuGroup]:
    """The side menu from Sphinx's global toctree: each caption with its pages.

    Sphinx's global toctree is a flat run of ``title`` (the caption) and
    ``bullet_list`` nodes; a list without caption joins a group named « Pages ».
    ``here`` is the page's document name (URLs in the toctree are relative to it).
    """
    if toctree is None:
        return []
    groups: list[MenuGroup] = []
    caption = "Pages"
    for child in toctree.children:
        if isinstance(child, nodes.title):
            caption = child.astext().strip()
        elif isinstance(child, nodes.bullet_list):
            groups.append(MenuGroup(caption, tuple(_items(child, here))))
    return groups


def _marked(item: MenuItem, here: str) -> MenuItem:
    children = tuple(_marked(child, here) for child in item.children)
    current = item.docname == here
    return MenuItem(
        title=item.title,
        url=item.url,
        current=current,
        active=current or any(child.active for child in children),
        children=children,
        docname=item.docname,
    )


def menu_for_page(groups: list[MenuGroup], here: str) -> list[MenuGroup]:
    """The side menu of page ``here``, from the menu of any other page.

    The global toctree is the same on every page but for which entry is current,
    and resolving it is most of a page's writing time (as much on plain Sphinx):
    it is resolved once a build, and each page only marks its own entry and that
    entry's ancestors, as Sphinx does (``current`` on the page's entry, ``active``
    on it and every list holding it). The URLs stay those of the page the menu was
    built on; the templates link with ``pathto(docname)``.
    """
    return [
        MenuGroup(group.caption, tuple(_marked(item, here) for item in group.items))
        for group in groups
    ]


#: The vendored DSFR (``nox -s vendor-dsfr``): the modules of ``dsfr-modules.txt`` joined,
#: in the DSFR's cascade order, into one stylesheet and one script.
DSFR_STYLESHEET: Final = "dsfr/dsfr-kit.min.css"
DSFR_SCRIPT: Final = "dsfr/dsfr-kit.module.min.js"
#: The DSFR's favicon, which ``layout.html`` names: SVG first choice, ICO for the others.
DSFR_FAVICONS: Final = ("dsfr/favicon/favicon.svg", "dsfr/favicon/favicon.ico")


def dsfr_assets(static: Path) -> tuple[list[str], list[str]]:
    """The stylesheets and scripts (paths under ``_static``) every page loads.

    A missing file means a broken checkout, not a lighter theme: unstyled pages
    would build without a word, so the build stops instead.
    """
    required = (DSFR_STYLESHEET, DSFR_SCRIPT, *DSFR_FAVICONS)
    missing = [name for name in required if not (static / name).is_file()]
    if missing:
        raise ExtensionError(
            f"vendored DSFR file missing: {', '.join(missing)} under {static} "
            "(restore it with git or run nox -s vendor-dsfr)"
        )
    return [DSFR_STYLESHEET], [DSFR_SCRIPT]
