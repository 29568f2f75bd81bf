"""The lever catalogue as server-rendered HTML: filter form, live count, table.

The table is complete without JavaScript (progressive enhancement); the form
ships ``hidden`` and ``static/marianne-catalogue.js`` reveals it, so a reader
without scripts never meets controls that do nothing. Rows carry the facet
values as ``data-`` attributes named like the URL parameters. The table is the
DSFR's (``site.dsfr_table``), its scrolling box a named tab stop. Plain functions:
the caller passes ``uri(docname)``, the relative link from the catalogue page.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from html import escape

from ..kit.grouping import count_label
from ..kit.model import commitment_number
from ..site.dsfr_table import TABLE_END, table_start
from .catalogue_data import CatalogueRow, Facet, Ref

Uri = Callable[[str], str]

ROOT_ID = "mk-catalogue"
#: The text right after the ID: on a phone the table scrolls sideways, and the first
#: screen must show what each lever says, not only its facets.
_COLUMNS = ("Levier", "Texte", "Engagement", "Canal", "Catégorie", "Bonne pratique")
#: The DSFR table, small paddings (the first lever stays on a phone's first screen),
#: lines that wrap (the lever's text; the DSFR keeps cells on one line by default).
TABLE_MODIFIERS = ("sm", "multiline")
#: « N sélectionné(e)s » in a folded facet's summary agrees with its noun (default masculine).
_SELECTED_WORDS = {"categorie": ("sélectionnée", "sélectionnées")}
_MASCULINE = ("sélectionné", "sélectionnés")


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _link(href: str, text: str, hidden_prefix: str = "") -> str:
    prefix = ""
    if hidden_prefix:
        prefix = f'<span class="mk-sr-only">{escape(hidden_prefix)}</span>'
    return f'<a href="{_attr(href)}">{prefix}{escape(text)}</a>'


def _need_href(uri: Uri, ref: Ref) -> str:
    return f"{uri(ref.docname)}#{ref.need_id}" if ref.docname else ""


def render_row(row: CatalogueRow, uri: Uri) -> str:
    """One lever: the ID links to its block on its engagement's lever page."""
    commitments = " ".join(ref.need_id for ref in row.commitments)
    spplus = " ".join(ref.need_id for ref in row.spplus)
    commitment_cells = ", ".join(
        _link(uri(ref.docname), str(commitment_number(ref.need_id)), "Engagement ")
        if ref.docname
        else escape(ref.need_id)
        for ref in row.commitments
    )
    practice_cells = "<br>".join(
        _link(href, ref.title) if (href := _need_href(uri, ref)) else escape(ref.title)
        for ref in row.practices
    )
    lever = _link(f"{uri(row.docname)}#{row.lever_id}", row.lever_id)
    return (
        # A space between cells: the search index reads the text without the tags, and
        # « LEV-12-05 » must not run into the next cell's « Engagement ».
        f'<tr data-canal="{_attr(row.channel)}" data-categorie="{_attr(row.category)}"'
        f' data-engagement="{_attr(commitments)}" data-spplus="{_attr(spplus)}">'
        f'<th scope="row">{lever}</th> '
        f"<td>{escape(row.text)}</td> "
        f"<td>{commitment_cells}</td> "
        f"<td>{escape(row.channel_label)}</td> "
        f"<td>{escape(row.category_label)}</td> "
        f"<td>{practice_cells}</td></tr>"
    )


def _checkbox(param: str, value: str, label: str) -> str:
    control_id = f"mk-{param}-{value}"
    return (
        f'<li><input type="checkbox" id="{_attr(control_id)}" name="{param}"'
        f' value="{_attr(value)}"><label for="{_attr(control_id)}">{escape(label)}</label></li>'
    )


def render_facet(facet: Facet) -> str:
    """A fieldset of checkboxes inside a native disclosure, folded at first (even when
    the URL selects values: its summary says how many), so that the count and the first
    levers come up on the first screen whatever the number of facets and options.
    The summary's selection text is written by the script, in the words given here."""
    options = "".join(_checkbox(facet.param, value, label) for value, label in facet.options)
    one, many = _SELECTED_WORDS.get(facet.param, _MASCULINE)
    return (
        f'<details class="mk-facet-disclosure" data-param="{facet.param}">'
        f"<summary>{escape(facet.legend)}"
        f'<span class="mk-facet-selected" data-param="{facet.param}"'
        f' data-one="{_attr(one)}" data-many="{_attr(many)}"></span></summary>'
        f'<fieldset class="mk-facet" data-param="{facet.param}">'
        f'<legend class="mk-sr-only">{escape(facet.legend)}</legend>'
        f'<ul class="mk-facet-options">{options}</ul></fieldset></details>'
    )


def render_form(facets: Iterable[Facet], total: int) -> str:
    all_shown = f"{count_label(total, 'levier affiché', 'leviers affichés')} sur {total}"
    return (
        f'<form class="mk-catalogue-filters" id="{ROOT_ID}-filters" hidden autocomplete="off"'
        ' aria-label="Filtrer les leviers">'
        '<div class="mk-catalogue-search">'
        f'<label for="{ROOT_ID}-q">Rechercher dans les leviers</label>'
        f'<p class="mk-hint" id="{ROOT_ID}-q-hint">Accents et majuscules ignorés.</p>'
        f'<input type="search" id="{ROOT_ID}-q" name="q" spellcheck="false"'
        f' aria-describedby="{ROOT_ID}-q-hint"></div>'
        '<div class="mk-catalogue-facets">'
        + "".join(render_facet(facet) for facet in facets)
        + "</div>"
        '<div class="mk-catalogue-actions">'
        f'<button type="button" id="{ROOT_ID}-reset">Réinitialiser les filtres</button>'
        # The page's address keeps the filters: this button hands it over for sharing.
        f'<button type="button" id="{ROOT_ID}-copy">Copier le lien</button>'
        f'<p class="mk-catalogue-count" id="{ROOT_ID}-count" role="status">{all_shown}</p>'
        f'<p class="mk-catalogue-copied" id="{ROOT_ID}-copied" role="status"></p>'
        "</div></form>"
    )


def render_catalogue(rows: list[CatalogueRow], facets: Iterable[Facet], uri: Uri) -> str:
    """The whole catalogue block; ``uri(docname)`` links from the catalogue page."""
    total = len(rows)
    head = "".join(f'<th scope="col">{escape(column)}</th>' for column in _COLUMNS)
    body = "\n".join(render_row(row, uri) for row in rows)
    # True whatever the filters: the live region says how many rows are shown.
    caption = (
        f"Leviers du kit dans l’ordre des engagements ({count_label(total, 'levier', 'leviers')}"
        " en tout)"
    )
    return (
        f'<div class="mk-catalogue" id="{ROOT_ID}" data-total="{total}">'
        + render_form(facets, total)
        + table_start(labelledby=f"{ROOT_ID}-caption", modifiers=TABLE_MODIFIERS)
        + '<table class="mk-catalogue-table">'
        f'<caption id="{ROOT_ID}-caption">{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead>\n<tbody>\n{body}\n</tbody></table>"
        + TABLE_END
        + f'<p class="mk-catalogue-empty" id="{ROOT_ID}-empty" hidden>'
        "Aucun levier ne correspond à ces critères.</p></div>"
    )
