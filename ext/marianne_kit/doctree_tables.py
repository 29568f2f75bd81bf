"""Docutils tables as the kit's placeholder directives fill them in the write phase.

The notes page, the editions history, the open-data page and the site listings
all build captioned tables of the same shape; building them in one place
keeps their markup (caption, head, one paragraph per cell) identical, so the
theme styles and the scroll regions name them all alike.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes


def cell(*children: nodes.Node) -> nodes.entry:
    """One table cell holding one paragraph of ``children``."""
    return nodes.entry("", nodes.paragraph("", "", *children))


def row(contents: Sequence[nodes.Node]) -> nodes.row:
    """One row; a paragraph is used as is, any other node is wrapped in one."""
    result = nodes.row()
    for content in contents:
        entry = nodes.entry()
        entry += (
            content if isinstance(content, nodes.paragraph) else nodes.paragraph("", "", content)
        )
        result += entry
    return result


def captioned_table(
    table_id: str,
    caption: str,
    headers: Sequence[str],
    rows: Sequence[Sequence[nodes.entry]],
    css_class: str,
) -> nodes.table:
    """A table with a caption (its accessible name), a head row of ``headers`` and ``rows``."""
    table = nodes.table(classes=[css_class], ids=[table_id])
    table += nodes.title(caption, caption)
    group = nodes.tgroup(cols=len(headers))
    table += group
    group.extend(nodes.colspec(colwidth=1) for _ in headers)
    head = nodes.thead()
    head += nodes.row("", *(cell(nodes.Text(header)) for header in headers))
    group += head
    body = nodes.tbody()
    body.extend(nodes.row("", *cells) for cells in rows)
    group += body
    return table
