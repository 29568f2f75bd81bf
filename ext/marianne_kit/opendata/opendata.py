"""Sphinx glue of the open data: files written after the build, the « Données ouvertes » page.

The files are made from the resolved needs (sphinx-needs' view, the same data
as ``needs.json``) once every page is written, into ``<outdir>/donnees/``,
each atomically (:mod:`..atomic`). Their dates come from the changelog (the
first and the current edition), not from the clock, so two builds give the
same bytes. ``homepage`` and the rows' page URLs are absolute when the site
has a real base URL (``html_baseurl``, from ``MARIANNE_BASE_URL``), relative to
the site otherwise: reusers must never be handed the preview placeholder.

``{open-data}`` renders the download table and the columns of each table on
the « Données ouvertes » page from the same :data:`~.tables.TABLES`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.builders import Builder
from sphinx.util.osutil import relative_uri

from ..atomic import remove_partials, write_if_changed
from ..checklists.checklist_text import generation_date
from ..doctree_tables import captioned_table, cell
from ..editions.editions import build_editions
from ..kit.links import need_dicts, page_suffix
from ..kit.placeholders import FillPlaceholders, PlaceholderDirective, add_placeholder
from ..publish.base_url import PLACEHOLDER_BASE_URL
from . import tables as data


def need_pages(builder: Builder, needs: list[dict[str, Any]], base_url: str) -> dict[str, str]:
    """Need ID -> the URL of its anchor, absolute when the site has a base URL."""
    base = base_url.rstrip("/") + "/" if base_url else ""
    return {
        need["id"]: f"{base}{builder.get_target_uri(need['docname'])}#{need['id']}"
        for need in needs
    }


def _base_url(app: Sphinx) -> str:
    """The published address, or "" for a preview build (no base URL, or the placeholder)."""
    url: str = app.config.html_baseurl
    return "" if url == PLACEHOLDER_BASE_URL else url


def package_info(app: Sphinx) -> data.PackageInfo:
    editions = build_editions(app.config)
    if editions:
        created, modified = editions[-1].date, editions[0].date
    else:
        created = modified = generation_date()
    return data.PackageInfo(app.config.marianne_edition, created, modified, _base_url(app))


def open_data_files(app: Sphinx) -> dict[str, bytes]:
    """Path inside ``donnees/`` -> bytes of every open-data file."""
    needs = need_dicts(app.env)
    pages = need_pages(app.builder, needs, _base_url(app))
    edition = app.config.marianne_edition
    files: dict[str, bytes] = {}
    for table in data.TABLES:
        rows = data.table_rows(table, needs, pages)
        files[table.path("csv")] = data.csv_bytes(table, rows)
        files[table.path("json")] = data.json_bytes(table, rows)
        files[table.path("schema")] = data.json_text(data.table_schema(table, edition))
    files["datapackage.json"] = data.json_text(data.datapackage(package_info(app)))
    return files


def _write_open_data(app: Sphinx, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    folder = Path(app.outdir, data.FOLDER)
    remove_partials(folder, recursive=True)
    for relative, content in open_data_files(app).items():
        write_if_changed(folder / relative, content)


class open_data(nodes.General, nodes.Element):  # noqa: N801 - docutils node naming
    """Placeholder for the download table and the columns of each table."""


class OpenDataDirective(PlaceholderDirective):
    node_class = open_data


def _text(value: str) -> nodes.entry:
    return cell(nodes.Text(value))


class FillOpenData(FillPlaceholders):
    placeholder = open_data

    def _file_link(self, path: str, text: str) -> nodes.reference:
        here = self.env.docname + page_suffix(self.config)
        uri = relative_uri(here, f"{data.FOLDER}/{path}")
        return nodes.reference(text, text, refuri=uri, internal=False)

    def fill(self, node: nodes.Element) -> list[nodes.Node]:
        needs = self.need_dicts()
        rows = []
        for table in data.TABLES:
            count = sum(1 for need in needs if need["type"] == table.need_type)
            rows.append(
                [
                    _text(table.title),
                    _text(str(count)),
                    cell(self._file_link(table.path("csv"), f"{table.name}.csv")),
                    cell(self._file_link(table.path("json"), f"{table.name}.json")),
                    cell(self._file_link(table.path("schema"), f"{table.name}/schema.json")),
                ]
            )
        downloads = captioned_table(
            "fichiers-donnees",
            f"Fichiers de l’édition {self.config.marianne_edition}",
            ["Table", "Lignes", "CSV", "JSON", "Schéma (Table Schema)"],
            rows,
            "mk-open-data-table",
        )
        package = nodes.paragraph(
            "",
            "",
            nodes.Text("Description de l’ensemble (Data Package)\u00a0: "),
            self._file_link("datapackage.json", "datapackage.json"),
            nodes.Text("."),
        )
        rendered: list[nodes.Node] = [downloads, package]
        for table in data.TABLES:
            columns = [
                [
                    cell(nodes.literal(column.name, column.name)),
                    _text(column.title),
                    _text(column.type),
                    _text(column.description),
                ]
                for column in table.columns
            ]
            rendered.append(
                captioned_table(
                    f"colonnes-{table.name}",
                    f"Colonnes de la table «\u00a0{table.name}\u00a0»",
                    ["Colonne", "Titre", "Type", "Description"],
                    columns,
                    "mk-open-data-table",
                )
            )
        return rendered


def setup_opendata(app: Sphinx) -> None:
    add_placeholder(app, "open-data", OpenDataDirective, FillOpenData)
    app.connect("build-finished", _write_open_data)
