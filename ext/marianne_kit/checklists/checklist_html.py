"""The checklist as a web page body: readable on screen, printable on A4.

Built as an HTML string (the page is generated, it has no source document);
every value from a profile or the kit goes through :func:`html.escape`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from ..download_links import download_link_html
from ..kit.grouping import category_label, channel_label, count_label
from . import checklist_text as text
from .checklist_formats import BUILTIN_FORMATS, ChecklistFormat
from .prefill import Prefill, carried_line, carried_text
from .scope import Checklist, ChecklistItem, CommitmentSection

LeverHref = Callable[[str], str]
#: Placeholders in the page shell, replaced by each site's title and body.
TITLE_TOKEN = "MK-CHECKLIST-TITLE-3f9c"
BODY_TOKEN = "MK-CHECKLIST-BODY-3f9c"


def _boxes(labels: tuple[str, ...]) -> str:
    return "".join(
        f'<li><span class="mk-box" aria-hidden="true"></span>{escape(label)}</li>'
        for label in labels
    )


def _follow_up() -> str:
    return "".join(
        f'<li>{escape(label)}<span class="mk-rule" aria-hidden="true"></span></li>'
        for label in ("Responsable", "Échéance", "Commentaire / preuve")
    )


def _carried_statuses(prefill: Prefill, item: ChecklistItem) -> str:
    """Pre-fill: last year's status ticked (a ✓, and said in words), then what was carried."""
    line = carried_line(prefill, item.lever_ids)
    boxes = "".join(
        f'<li><span class="mk-box" aria-hidden="true">✓</span>{escape(label)} '
        f"(repris de {prefill.year})</li>"
        if label == line.status
        else f'<li><span class="mk-box" aria-hidden="true"></span>{escape(label)}</li>'
        for label in text.STATUSES
    )
    carried = escape(carried_text(prefill, item.lever_ids))
    return f'<ul class="mk-statuses">{boxes}</ul><p class="mk-carried">{carried}</p>'


def _item_row(item: ChecklistItem, lever_href: LeverHref, prefill: Prefill | None = None) -> str:
    ids = "<br>".join(
        f'<a href="{escape(lever_href(lever_id))}">{escape(lever_id)}</a>'
        for lever_id in item.lever_ids
    )
    note = text.shared_note(item)
    note_html = f'<p class="mk-shared">{escape(note)}</p>' if note else ""
    return (
        f'<tr id="ligne-{escape(item.key)}"><th scope="row">{ids}</th>'
        f"<td>{escape(item.text)}{note_html}</td>"
        + (
            f'<td><ul class="mk-statuses">{_boxes(text.STATUSES)}</ul></td>'
            if prefill is None
            else f"<td>{_carried_statuses(prefill, item)}</td>"
        )
        + f'<td><ul class="mk-follow-up">{_follow_up()}</ul></td></tr>'
    )


def _section(
    section: CommitmentSection, lever_href: LeverHref, prefill: Prefill | None = None
) -> str:
    heading = escape(text.commitment_heading(section))
    anchor = escape(text.section_anchor(section))
    parts = [
        f'<section class="mk-checklist-engagement" id="{anchor}" aria-labelledby="titre-{anchor}">',
        f'<h2 id="titre-{anchor}">{heading}</h2>',
        '<div class="mk-verdict"><p>Engagement tenu\u00a0?</p>'
        f'<ul class="mk-statuses mk-inline">{_boxes(text.VERDICTS)}</ul>'
        '<p class="mk-indicator">Indicateur / preuve\u00a0:'
        '<span class="mk-rule" aria-hidden="true"></span></p></div>',
    ]
    for group in section.channels:
        parts.append(f"<h3>Canal\u00a0: {escape(channel_label(group.channel))}</h3>")
        for category in group.categories:
            caption = escape(category_label(category.category))
            rows = "".join(_item_row(item, lever_href, prefill) for item in category.items)
            parts.append(
                # The DSFR table (1.15: wrapper > container > content); its container scrolls
                # sideways, so it is the named tab stop; lines wrap (--multiline).
                '<div class="fr-table fr-table--multiline fr-table--sm mk-checklist-frame">'
                '<div class="fr-table__wrapper">'
                f'<div class="fr-table__container" role="region" tabindex="0" '
                f'aria-label="{caption}"><div class="fr-table__content">'
                f'<table class="mk-checklist-table"><caption>{caption}</caption>'
                '<thead><tr><th scope="col">ID</th><th scope="col">Levier</th>'
                '<th scope="col">Statut</th><th scope="col">Suivi</th></tr></thead>'
                f"<tbody>{rows}</tbody></table></div></div></div></div>"
            )
    note = text.elsewhere_note(section)
    if note:
        parts.append(f'<p class="mk-elsewhere">{escape(note)}</p>')
    parts.append("</section>")
    return "".join(parts)


def checklist_body(
    checklist: Checklist,
    meta: text.ChecklistMeta,
    lever_href: LeverHref,
    downloads: Mapping[str, tuple[str, str, int]],
) -> str:
    """The page body; ``downloads`` maps each download's label to its URL, suffix and size
    in bytes, in the order offered."""
    profile = checklist.profile
    fields = "".join(
        f"<dt>{escape(label)}</dt><dd>{escape(value)}</dd>"
        for label, value in text.header_fields(checklist, meta)
    )
    links = "".join(
        f"<li>{download_link_html(f'Télécharger la liste {label}', url, suffix, size)}</li>"
        for label, (url, suffix, size) in downloads.items()
    )
    example = (
        f'<p class="mk-example"><strong>Données d’exemple</strong>\u00a0: les réponses de '
        f"{checklist.prefill.year} reprises dans cette liste sont fictives.</p>"
        if checklist.prefill is not None and checklist.prefill.example
        else ""
    )
    count = count_label(len(checklist.lever_ids), "levier", "leviers")
    lines = count_label(len(checklist.items), "ligne", "lignes")
    sections = "".join(
        _section(section, lever_href, checklist.prefill) for section in checklist.sections
    )
    return (
        '<section class="mk-checklist">'
        f"<h1>{escape(text.TITLE)}\u00a0: {escape(profile.name)}</h1>"
        f'<dl class="mk-checklist-header">{fields}</dl>'
        f"{example}"
        f'<nav class="mk-checklist-downloads" aria-label="Télécharger cette liste">'
        f"<p>Télécharger cette liste\u00a0:</p><ul>{links}</ul></nav>"
        f"<p>{escape(count)} à examiner, en {escape(lines)} (une action que le kit répète sous "
        "plusieurs engagements n’est évaluée qu’une fois). Pour chaque ligne, cochez un statut et "
        "notez le responsable, l’échéance et la preuve\u00a0; pour chaque engagement, indiquez "
        "s’il est tenu.</p>"
        f"{sections}</section>"
    )


@dataclass(frozen=True)
class PageShell:
    """The theme's page, rendered once by Sphinx with tokens for the title and body.

    Every checklist page sits in the same folder and outside the table of
    contents, so the theme would render the same navigation around each; doing
    it once instead of per site keeps a thousand sites within a minute.
    ``lever_uris`` maps a lever ID to its URL relative to the checklists folder;
    ``formats`` are the registered downloads the page offers.
    """

    html: str
    lever_uris: Mapping[str, str]
    formats: Sequence[ChecklistFormat] = BUILTIN_FORMATS

    def page(
        self, checklist: Checklist, meta: text.ChecklistMeta, sizes: Mapping[str, int]
    ) -> bytes:
        """The site's page; ``sizes`` are the byte counts of its files, by suffix."""
        slug = checklist.profile.slug
        downloads = {
            entry.label: (f"{slug}.{entry.suffix}", entry.suffix, sizes[entry.suffix])
            for entry in self.formats
        }
        body = checklist_body(checklist, meta, self.lever_uris.__getitem__, downloads)
        title = escape(f"{text.TITLE} — {checklist.profile.name}")
        return self.html.replace(TITLE_TOKEN, title).replace(BODY_TOKEN, body).encode("utf-8")
