"""Pages showing an input read beside the sources (the network file) follow it
(``site/inputs.py``): read again when it changes, left alone when it does not, even
when there is no such file (a dependency on a missing file would read them every time).
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import ROOTS, BuildResult, run_sphinx

#: A page of the fixture project that shows the network's name, as the network pages do.
EXTENSION = """
from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from marianne_kit.network.network import build_hierarchy_of
from marianne_kit.site.inputs import note_shown_input


class NetworkName(SphinxDirective):
    def run(self):
        note_shown_input(self.env, "network")
        name = build_hierarchy_of(self.config).network.name
        return [nodes.paragraph(text=f"Nom du réseau : [{name}]")]


def setup(app):
    app.add_directive("network-name", NetworkName)
"""


def _project(tmp_path: Path) -> Path:
    kit = tmp_path / "kit"
    shutil.copytree(ROOTS / "checklists-kit", kit)
    (kit / "shows_network.py").write_text(EXTENSION, encoding="utf-8")
    with (kit / "conf.py").open("a", encoding="utf-8") as conf:
        conf.write(
            "\nimport sys\nsys.path.insert(0, str(__import__('pathlib').Path(__file__).parent))"
            '\nextensions.append("shows_network")\n'
        )
    (kit / "reseau.md").write_text(
        "---\norphan: true\n---\n# Réseau\n\n```{network-name}\n```\n", encoding="utf-8"
    )
    return kit


def _build(kit: Path, fresh: bool = False) -> BuildResult:
    result = run_sphinx(kit, kit, kit / "_build" / "html", fresh=fresh)
    assert (result.status, result.warning_lines()) == (0, [])
    return result


def _page(kit: Path) -> tuple[str, int]:
    path = kit / "_build" / "html" / "reseau.html"
    return path.read_text(encoding="utf-8"), path.stat().st_mtime_ns


def test_a_page_showing_the_network_follows_the_network_file(tmp_path: Path) -> None:
    kit = _project(tmp_path)
    _build(kit, fresh=True)
    text, written = _page(kit)
    assert "Nom du réseau : [Ensemble du réseau]" in text, "no network file: the default name"

    _build(kit)
    assert _page(kit)[1] == written, "nothing changed, no network file: page left alone"

    network = kit / "network.toml"
    network.write_text('name = "Réseau de Gironde"\n', encoding="utf-8")
    _build(kit)
    text, written = _page(kit)
    assert "Nom du réseau : [Réseau de Gironde]" in text

    _build(kit)
    assert _page(kit)[1] == written, "nothing changed: page left alone"

    network.write_text('name = "Réseau girondin"\n', encoding="utf-8")
    _build(kit)
    assert "Nom du réseau : [Réseau girondin]" in _page(kit)[0]
