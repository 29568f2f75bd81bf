"""Bar charts as hand-written inline SVG: no library, no script, the same bytes every build.

Each chart is an ``<svg role="img">`` labelled by its own ``<title>`` and
``<desc>`` (``aria-labelledby``), and the page puts a table of the same
numbers beside it. Information never rests on colour alone: every series has
its own fill pattern (solid, hatched) shown in the legend, and every bar
carries its value as text, so the chart reads on a black-and-white printout.
Numbers are written as integers, so output depends on nothing but the input.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from typing import Final

WIDTH: Final = 640
LABEL_WIDTH: Final = 150
VALUE_ROOM: Final = 90
BAR_HEIGHT: Final = 14
BAR_GAP: Final = 2
GROUP_GAP: Final = 10
TOP: Final = 34
INK: Final = "#000091"


@dataclass(frozen=True)
class BarGroup:
    """One row of the chart: a label and one percentage per series (None = no score)."""

    label: str
    values: tuple[int | None, ...]
    #: What a ``None`` value's bar says instead, per series (default « non calculé »).
    missing: tuple[str, ...] = ()


def _fill(series: int, count: int, chart_id: str) -> str:
    """The latest series is solid; earlier ones hatched, each with its own angle."""
    if series == count - 1:
        return INK
    return f"url(#{chart_id}-motif-{series})"


def _patterns(count: int, chart_id: str) -> str:
    angles = (45, 135, 90, 0)
    return "".join(
        f'<pattern id="{chart_id}-motif-{index}" width="6" height="6" '
        f'patternUnits="userSpaceOnUse" patternTransform="rotate({angles[index % len(angles)]})">'
        f'<rect width="6" height="6" fill="#ffffff"/>'
        f'<line x1="0" y1="0" x2="0" y2="6" stroke="{INK}" stroke-width="3"/></pattern>'
        for index in range(count - 1)
    )


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    series: Sequence[str],
    groups: Sequence[BarGroup],
) -> str:
    """A horizontal grouped bar chart of percentages (0–100), one bar per series and group."""
    count = len(series)
    group_height = count * (BAR_HEIGHT + BAR_GAP) + GROUP_GAP
    height = TOP + len(groups) * group_height + 4
    scale = WIDTH - LABEL_WIDTH - VALUE_ROOM
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="mk-chart" role="img" '
        f'viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'aria-labelledby="{chart_id}-titre {chart_id}-desc" '
        # Scaled down on a phone; its own white ground and dark text in any theme.
        'style="max-width:100%;height:auto" fill="#161616">',
        f'<title id="{chart_id}-titre">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        f"<defs>{_patterns(count, chart_id)}</defs>",
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>',
    ]
    # Legend: a swatch in the series' pattern, then its name.
    x = LABEL_WIDTH
    for index, name in enumerate(series):
        parts.append(
            f'<rect x="{x}" y="8" width="16" height="12" fill="{_fill(index, count, chart_id)}" '
            f'stroke="{INK}"/><text x="{x + 22}" y="18" font-size="12">{escape(name)}</text>'
        )
        x += 22 + 9 * len(name) + 24
    for row, group in enumerate(groups):
        y = TOP + row * group_height
        label_y = y + (count * (BAR_HEIGHT + BAR_GAP)) // 2 + 4
        parts.append(
            f'<text x="{LABEL_WIDTH - 8}" y="{label_y}" font-size="12" '
            f'text-anchor="end">{escape(group.label)}</text>'
        )
        for index, value in enumerate(group.values):
            bar_y = y + index * (BAR_HEIGHT + BAR_GAP)
            text_y = bar_y + BAR_HEIGHT - 3
            if value is None:
                missing = group.missing[index] if index < len(group.missing) else "non calculé"
                parts.append(
                    f'<text x="{LABEL_WIDTH + 4}" y="{text_y}" font-size="11">'
                    f"{escape(series[index])}\u00a0: {escape(missing)}</text>"
                )
                continue
            length = scale * max(0, min(value, 100)) // 100
            parts.append(
                f'<rect x="{LABEL_WIDTH}" y="{bar_y}" width="{length}" height="{BAR_HEIGHT}" '
                f'fill="{_fill(index, count, chart_id)}" stroke="{INK}"/>'
                f'<text x="{LABEL_WIDTH + length + 4}" y="{text_y}" font-size="11">'
                f"{value}\u00a0% ({escape(series[index])})</text>"
            )
    parts.append(
        f'<line x1="{LABEL_WIDTH}" y1="{TOP - 4}" x2="{LABEL_WIDTH}" y2="{height - 4}" '
        'stroke="#161616"/></svg>'
    )
    return "".join(parts)
