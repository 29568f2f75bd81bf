"""The site's results page and action-plan page, as HTML bodies for the theme's page shell.

Built as strings (generated pages have no source document); every value from a
profile, a results file or the kit goes through :func:`html.escape`, so text a
referent typed into a checklist stays text. Tables sit in keyboard-scrollable
regions so the pages fit a 375 px screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from html import escape

from ..checklists.checklist_text import french_date
from ..download_links import download_link_html
from ..kit.grouping import channel_label, count_label
from ..kit.model import commitment_number
from ..results.model import STATUSES
from .action_plan import NO_OWNER, PLAN_HEADERS, ActionPlan
from .charts import BarGroup, bar_chart
from .scores import Changes, Tally, YearSummary

EXAMPLE_LABEL = "Données d’exemple"
#: How many years the charts compare (the tables list every year).
CHART_YEARS = 3


def _percent(value: int | None) -> str:
    return "non calculé" if value is None else f"{value}\u00a0%"


def _score_text(tally: Tally) -> str:
    if tally.total == 0:
        return "—"
    if not tally.complete:
        return "non calculé (grille incomplète)"
    return _percent(tally.score)


def example_banner(example: bool) -> str:
    """The label every page showing example data carries, in words (not a colour)."""
    if not example:
        return ""
    return (
        f'<p class="mk-example"><strong>{EXAMPLE_LABEL}</strong>\u00a0: ces résultats sont '
        "fictifs, fournis avec le kit pour montrer le tableau de bord et le plan d’action.</p>"
    )


def _table(caption: str, headers: Sequence[str], rows: Sequence[Sequence[str]]) -> str:
    head = "".join(f'<th scope="col">{escape(header)}</th>' for header in headers)
    body = "".join(
        "<tr>"
        + f'<th scope="row">{escape(row[0])}</th>'
        + "".join(f"<td>{escape(cell)}</td>" for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f'<div class="mk-table-scroll" role="region" tabindex="0" aria-label="{escape(caption)}">'
        f'<table class="mk-results-table"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
    )


def _years_table(summaries: Sequence[YearSummary]) -> str:
    rows = [
        (
            str(summary.year),
            f"{summary.grid.filled} / {summary.grid.total} ({summary.grid.completion}\u00a0%)",
            _score_text(summary.grid),
            f"{summary.commitments_met} / {summary.commitments_judged}",
            *(str(summary.statuses.get(status, 0)) for status in STATUSES),
            str(summary.unreviewed),
        )
        for summary in summaries
    ]
    headers = (
        "Année", "Statuts renseignés", "Leviers applicables en place", "Engagements tenus",
        *STATUSES, "Repris sans revue",
    )  # fmt: skip
    return _table("Résultats par année", headers, rows)


def _breakdown(
    chart_id: str,
    noun: str,
    summaries: Sequence[YearSummary],
    groups: Mapping[str, str],
    pick: str,
) -> str:
    """A chart and its table: % of applicable levers in place per group, per year."""
    shown = summaries[-CHART_YEARS:]
    series = [str(summary.year) for summary in shown]

    def tally(summary: YearSummary, key: str) -> Tally:
        source = summary.by_commitment if pick == "commitment" else summary.by_channel
        return source.get(key, Tally())

    bars = [
        BarGroup(label, tuple(tally(summary, key).score for summary in shown))
        for key, label in groups.items()
    ]
    title = f"Part des leviers applicables en place par {noun}"
    description = (
        (
            f"Pourcentage des leviers applicables « En place » par {noun}, pour "
            + ", ".join(series)
            + "\u00a0; non calculé quand la grille est incomplète. Les valeurs sont dans le "
            "tableau qui suit."
        )
        .replace("« ", "«\u00a0")
        .replace(" »", "\u00a0»")
    )
    chart = bar_chart(chart_id, title, description, series, bars)
    rows = []
    for key, label in groups.items():
        scores = [tally(summary, key).score for summary in summaries]
        trend = ""
        if len(scores) >= 2 and scores[-1] is not None and scores[-2] is not None:
            delta = scores[-1] - scores[-2]
            trend = f"{delta:+d}\u00a0points" if delta else "stable"
        rows.append((label, *(_percent(score) for score in scores), trend or "—"))
    headers = (noun.capitalize(), *(str(s.year) for s in summaries), "Évolution")
    return f'<figure class="mk-chart-figure">{chart}</figure>' + _table(
        title + " (données du graphique)", headers, rows
    )


def _lever_list(ids: Sequence[str], titles: Mapping[str, str]) -> str:
    if not ids:
        return "<p>Aucun.</p>"
    items = "".join(
        f"<li>{escape(lever_id)}\u00a0: {escape(titles.get(lever_id, ''))}</li>" for lever_id in ids
    )
    return f"<ul>{items}</ul>"


def _changes(change: Changes, titles: Mapping[str, str]) -> str:
    return (
        f"<h2>Ce qui a changé de {change.before} à {change.after}</h2>"
        f"<h3>Leviers nouvellement en place ({len(change.newly_in_place)})</h3>"
        + _lever_list(change.newly_in_place, titles)
        + f"<h3>Régressions ({len(change.regressions)})</h3>"
        "<p>Leviers «\u00a0En place\u00a0» l’année précédente et plus maintenant.</p>"
        + _lever_list(change.regressions, titles)
    )


def dashboard_body(
    site_name: str,
    summaries: Sequence[YearSummary],
    change: Changes | None,
    commitment_titles: Mapping[str, str],
    lever_titles: Mapping[str, str],
    links: Mapping[str, str],
) -> str:
    """The results page: one table per year, charts per commitment and channel, changes.

    ``links`` maps link texts (action plan, checklist) to URLs.
    """
    latest = summaries[-1]
    commitments = sorted({key for summary in summaries for key in summary.by_commitment})
    channels = sorted({key for summary in summaries for key in summary.by_channel})
    commitment_labels = {
        key: f"Engagement {commitment_number(key)}" if key.startswith("ENG-") else key
        for key in commitments
    }
    nav = "".join(
        f'<li><a href="{escape(url)}">{escape(text)}</a></li>' for text, url in links.items()
    )
    unreviewed = (
        f"<p>{escape(count_label(latest.unreviewed, 'statut repris', 'statuts repris'))} de "
        f"{latest.year - 1} sans revue en {latest.year}.</p>"
    )
    incomplete = (
        ""
        if latest.grid.complete
        else f"<p>La grille {latest.year} est incomplète ({latest.grid.completion}\u00a0% des "
        "statuts renseignés)\u00a0: aucun score n’est calculé tant que tous les leviers n’ont "
        "pas de statut.</p>"
    )
    named = "".join(
        f"<li>{escape(commitment_labels[key])}\u00a0: {escape(commitment_titles.get(key, ''))}</li>"
        for key in commitments
    )
    return (
        '<section class="mk-dashboard">'
        f"<h1>Résultats de l’autoévaluation\u00a0: {escape(site_name)}</h1>"
        + example_banner(any(summary.example for summary in summaries))
        + f'<nav aria-label="Pages du site"><ul>{nav}</ul></nav>'
        + "<p>Le score est la part des leviers applicables «\u00a0En place\u00a0» "
        "(«\u00a0Non applicable\u00a0» hors du calcul), donnée seulement pour une grille "
        "complète.</p>"
        + incomplete
        + unreviewed
        + _years_table(summaries)
        + "<h2>Par engagement</h2>"
        + _breakdown(
            "graphique-engagements", "engagement", summaries, commitment_labels, "commitment"
        )  # fmt: skip
        + f"<details><summary>Intitulés des engagements</summary><ul>{named}</ul></details>"
        + "<h2>Par canal</h2>"
        + _breakdown(
            "graphique-canaux",
            "canal",
            summaries,
            {key: channel_label(key) for key in channels},
            "channel",
        )  # fmt: skip
        + (_changes(change, lever_titles) if change is not None else "")
        + "</section>"
    )


def plan_body(
    site_name: str,
    plan: ActionPlan,
    downloads: Mapping[str, tuple[str, str, int]],
    links: Mapping[str, str],
) -> str:
    """The action-plan page: counts, downloads, then every open line by due date.

    ``downloads`` maps each download's label to its URL, suffix and size in bytes.
    """
    rows = []
    for line in plan.lines:
        cells = list(line.cells)
        cells[5] = line.owner or NO_OWNER.capitalize()
        cells[7] = "En retard" if line.overdue else "—"
        rows.append(cells)
    files = "".join(
        f"<li>{download_link_html(label, url, suffix, size)}</li>"
        for label, (url, suffix, size) in downloads.items()
    )
    nav = "".join(
        f'<li><a href="{escape(url)}">{escape(text)}</a></li>' for text, url in links.items()
    )
    summary = (
        f"{count_label(len(plan.lines), 'levier', 'leviers')} «\u00a0À engager\u00a0» ou "
        f"«\u00a0En cours\u00a0» en {plan.year}, par échéance\u00a0: "
        f"{count_label(plan.overdue, 'en retard', 'en retard')} au "
        f"{french_date(plan.today)}, "
        f"{count_label(plan.without_owner, 'sans responsable', 'sans responsable')}."
    )
    return (
        '<section class="mk-action-plan">'
        f"<h1>Plan d’action {plan.year}\u00a0: {escape(site_name)}</h1>"
        + example_banner(plan.example)
        + f'<nav aria-label="Pages du site"><ul>{nav}</ul></nav>'
        + f"<p>{escape(summary)}</p>"
        + '<nav class="mk-checklist-downloads" aria-label="Télécharger ce plan d’action">'
        f"<p>Télécharger ce plan d’action\u00a0:</p><ul>{files}</ul></nav>"
        + _table(f"Plan d’action {plan.year}", PLAN_HEADERS, rows)
        + "</section>"
    )
