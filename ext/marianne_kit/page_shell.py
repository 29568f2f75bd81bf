"""The theme's page shell that generated pages (checklists, dashboards, network) are made from.

Pages written after Sphinx (one per site or group, thousands of them) are not
rendered through Sphinx one by one: Sphinx renders one page with two tokens
for the title and the body (``html-collect-pages``), and each feature fills
that shell in ``build-finished``, then deletes it: the shell is no page of
the site. A failed build deletes it and makes nothing from it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx

from .checklists.checklist_html import BODY_TOKEN, TITLE_TOKEN
from .kit.links import page_suffix
from .user_errors import build_failed


def shell_page(app: Sphinx, docname: str) -> Iterator[tuple[str, dict[str, Any], str]]:
    """What ``html-collect-pages`` yields for the shell at ``docname`` (HTML builds only)."""
    if app.builder.format == "html":
        context = {"title": TITLE_TOKEN, "body": BODY_TOKEN, "display_toc": False}
        yield docname, context, "page.html"


def take_shell(app: Sphinx, docname: str, exception: Exception | None) -> str | None:
    """The shell's HTML, removed from the output; None when the build failed (nothing is
    to be made from content the build refused)."""
    path = Path(app.outdir, docname + page_suffix(app.config))
    if exception is not None or build_failed(app):
        path.unlink(missing_ok=True)
        return None
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text
