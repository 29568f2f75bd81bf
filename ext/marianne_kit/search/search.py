"""Sphinx glue of the site search: the folded French language, the ``kit`` domain, the
folded section titles of ``searchindex.js`` and its split copy (:mod:`.split_index`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from sphinx.application import Sphinx
from sphinx.builders.html import StandaloneHTMLBuilder
from sphinx.search import js_index

from ..atomic import remove_unlisted, write_atomically, write_if_changed
from ..events import connect_static_dir
from .kit_ids import KitIds
from .search_language import FoldedFrench
from .split_index import index_files
from .title_index import with_folded_titles

STATIC_DIR: Final = Path(__file__).parent / "static"
#: The split index's folder in the output, beside ``searchindex.js``.
SPLIT_DIR: Final = "_searchindex"


def _write_split_index(folder: Path, index: dict[str, Any]) -> None:
    """Write the head and shards that changed; remove the shards of words gone since."""
    files = index_files(index)
    for name, data in files.items():
        write_if_changed(folder / name, data)
    remove_unlisted(folder, files, owned=lambda name: name.endswith(".js"))


def _fold_and_split(app: Sphinx, exception: BaseException | None) -> None:
    """The index is written in the builder's ``finish``, before ``build-finished``."""
    builder = app.builder
    if exception is not None or not isinstance(builder, StandaloneHTMLBuilder):
        return
    path = Path(app.outdir, builder.searchindex_filename)
    if not path.is_file():
        return
    text = path.read_text(encoding="utf-8")
    index = with_folded_titles(js_index.loads(text))
    folded = js_index.dumps(index)
    if folded != text:
        write_atomically(path, folded.encode("utf-8"))
    _write_split_index(Path(app.outdir, SPLIT_DIR), index)


def setup_search(app: Sphinx) -> None:
    app.add_search_language(FoldedFrench)
    app.add_domain(KitIds)
    connect_static_dir(app, STATIC_DIR)
    app.connect("build-finished", _fold_and_split)
