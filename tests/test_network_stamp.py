"""The network folder is rendered again when, and only when, its inputs or its files changed."""

from __future__ import annotations

import datetime
import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOTS, run_sphinx
from marianne_kit.network.aggregates import NetworkAggregates
from marianne_kit.network.network_pages import RECORDS
from marianne_kit.network.network_render import NetworkInput
from marianne_kit.network.network_stamp import (
    RECORD,
    network_fingerprint,
    write_network_when_stale,
)
from test_network_aggregates import compute, hierarchy

DAY = datetime.date(2026, 3, 1)
NEEDS = [
    {"id": "LEV-01-01", "type": "lever", "channel": "physique", "title": "Afficher les horaires"},
    {"id": "ENG-01", "type": "commitment", "title": "Accueillir"},
]


def test_the_fingerprint_follows_every_input(tmp_path: Path) -> None:
    figures = compute(tmp_path, 2)
    base = NetworkInput(hierarchy(), lambda: figures, NEEDS, {})

    def fingerprint(data: NetworkInput = base, figures_from: str = "r|2", shell: str = "<p>",
                    day: datetime.date = DAY, generator: str = "g") -> str:  # fmt: skip
        return network_fingerprint(data, figures_from, shell, day, generator)

    # Computed again from the same inputs: the same (no address, no set order in it).
    assert fingerprint(NetworkInput(hierarchy(), lambda: figures, NEEDS, {})) == fingerprint()
    renamed = {**base.hierarchy.sites, "prefecture-landes": "Préfecture des Landes"}
    variants = [
        fingerprint(figures_from="r|3"),
        fingerprint(shell="<p> "),
        fingerprint(day=DAY + datetime.timedelta(days=1)),
        fingerprint(generator="h"),
        fingerprint(replace(base, hierarchy=replace(base.hierarchy, sites=renamed))),
        fingerprint(replace(base, needs=[{**NEEDS[0], "title": "Afficher les horaires d’été"}])),
        fingerprint(replace(base, needs=[{**NEEDS[0], "channel": "courrier"}])),
        fingerprint(replace(base, dashboards=frozenset({"prefecture-landes"}))),
        fingerprint(replace(base, internal=True)),
        fingerprint(replace(base, rule_page="regle")),
        fingerprint(replace(base, page_suffix="/")),
    ]
    assert len({fingerprint(), *variants}) == 1 + len(variants)

    def no_figures() -> NetworkAggregates:
        raise AssertionError("the fingerprint computed the figures")

    assert fingerprint(replace(base, aggregates_of=no_figures)) == fingerprint()


def test_the_folder_is_rendered_only_when_its_stamp_or_its_files_disagree(tmp_path: Path) -> None:
    outdir, records = tmp_path / "html", tmp_path / "records"
    files = {"reseau/gironde.html": b"<p>Gironde</p>", "reseau/gironde-leviers.csv": b"1;2\n"}
    renders: list[str] = []

    def render() -> Iterator[dict[str, bytes]]:
        renders.append("rendered")
        yield files

    def write(fingerprint: str = "f1") -> list[str] | None:
        return write_network_when_stale(outdir, records, fingerprint, render)

    assert write() == ["reseau/gironde-leviers.csv", "reseau/gironde.html"]
    (outdir / "reseau" / "_page-shell.html").write_text("la page du thème")  # Sphinx's
    assert write() is None and len(renders) == 1
    assert (records / f"{RECORD}.json").is_file()
    (outdir / "reseau" / "gironde-leviers.csv").write_bytes(b"1;2;3\n")  # edited by hand
    assert write() == ["reseau/gironde-leviers.csv"]
    (outdir / "reseau" / "gironde.html").unlink()
    assert write() == ["reseau/gironde.html"]
    (outdir / "reseau" / "ancien-groupe.html").write_text("parti")
    assert write() == [] and not (outdir / "reseau" / "ancien-groupe.html").exists()
    assert write("f2") == [] and len(renders) == 5
    assert write("f2") is None and len(renders) == 5
    assert {path.name: path.read_bytes() for path in (outdir / "reseau").iterdir()} == {
        "_page-shell.html": "la page du thème".encode(),
        "gironde.html": files["reseau/gironde.html"],
        "gironde-leviers.csv": files["reseau/gironde-leviers.csv"],
    }


def test_a_rebuild_renders_the_network_only_when_what_it_shows_changed(tmp_path: Path) -> None:
    target = tmp_path / "network-kit"
    shutil.copytree(ROOTS / "network-kit", target)
    outdir = target / "_build" / "html"
    stamp = target / "_build" / "doctrees" / RECORDS / f"{RECORD}.json"
    assert run_sphinx(target, target, outdir).status == 0

    def states() -> dict[str, int]:
        files = [stamp, *(outdir / "reseau").iterdir()]
        return {path.name: path.stat().st_mtime_ns for path in files}

    before = states()
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    assert states() == before  # not rendered: the stamp itself was left alone
    index = target / "index.md"
    old = ":::{lever} Afficher les horaires d’ouverture à l’extérieur du bâtiment"
    index.write_text(index.read_text(encoding="utf-8").replace(old, old + " et en ligne"))
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    assert states()[stamp.name] != before[stamp.name]
    page = BeautifulSoup((outdir / "reseau" / "ensemble.html").read_text("utf-8"), "html.parser")
    titles = [cell.get_text(strip=True) for cell in page.select("td")]
    assert "Afficher les horaires d’ouverture à l’extérieur du bâtiment et en ligne" in titles
    edited = states()
    whole = (outdir / "reseau" / "ensemble.html").read_bytes()
    (target / "results" / "sgar-nouvelle-aquitaine" / "2026.toml").unlink()
    assert run_sphinx(target, target, outdir, fresh=False).status == 0
    assert states()[stamp.name] != edited[stamp.name]
    assert (outdir / "reseau" / "ensemble.html").read_bytes() != whole
