"""Sphinx glue of the site search: the folded French language, the ``kit`` domain and
the folded section titles of ``searchindex.js``."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search import js_index

from ..atomic import write_atomically
from .kit_ids import KitIds
from .search_language import FoldedFrench
from .title_index import with_folded_titles


def _fold_titles(app: Sphinx, exception: BaseException | None) -> None:
    """The index is written in the builder's ``finish``, before ``build-finished``."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    path = Path(app.outdir, builder.searchindex_filename)
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    folded = js_index.dumps(with_folded_titles(js_index.loads(text)))
    if folded != text:
        write_atomically(path, folded.encode("utf-8"))


def setup_search(app: Sphinx) -> None:
    app.add_search_language(FoldedFrench)
    app.add_domain(KitIds)
    app.connect("build-finished", _fold_titles)
