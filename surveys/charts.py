"""Charts drawn on the server as accessible SVG (issue 20). Pure: no Django.

Every chart has a title and a description (`role="img"`, `aria-labelledby`), says in words which values are
hidden, draws no value that is not also in the data table the page shows beside it, and uses a text label on
each value, so nothing is said by colour alone. Sizes are in a viewBox: the chart scales to a phone and prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

WIDTH = 640
BAR_HEIGHT = 28
GAP = 10
LABEL_WIDTH = 260
VALUE_WIDTH = 70
HIDDEN = "Not shown"


def _fmt(value: float, unit: str) -> str:
    text = f"{value:.1f}" if unit == "score" else f"{int(round(value))}"
    if unit == "%":
        return text + "%"
    if unit == "points":
        return ("+" if value > 0 else "") + text + " points"
    return text


def _frame(chart_id: str, title: str, description: str, height: int, body: list[str]) -> str:
    return (
        f'<svg class="app-chart" id="{escape(chart_id)}" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" xmlns="http://www.w3.org/2000/svg" '
        f'focusable="false">'
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>'
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>' + "".join(body) + "</svg>"
    )


def bar_chart(
    chart_id: str, title: str, items: Sequence[tuple[str, float | None]], *, unit: str = "%", low: float = 0,
    high: float = 100,
) -> str:
    """Horizontal bars, one per (label, value); a value of None is drawn as the words "Not shown". Values below
    `low` (e.g. negative differences) are drawn to the left of a zero line."""
    shown = [(label, value) for label, value in items if value is not None]
    hidden = [label for label, value in items if value is None]
    description = "; ".join(f"{label}: {_fmt(value, unit)}" for label, value in shown)
    if hidden:
        description += ("; " if description else "") + "not shown to protect confidentiality: " + ", ".join(hidden)
    height = len(items) * (BAR_HEIGHT + GAP) + GAP
    plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH
    span = (high - low) or 1
    zero = LABEL_WIDTH + plot * (0 - low) / span if low < 0 else LABEL_WIDTH
    body = []
    for index, (label, value) in enumerate(items):
        y = GAP + index * (BAR_HEIGHT + GAP)
        middle = y + BAR_HEIGHT / 2 + 5
        body.append(f'<text x="{LABEL_WIDTH - 8}" y="{middle}" text-anchor="end" class="app-chart__label">'
                    f"{escape(label[:40])}</text>")  # fmt: skip
        if value is None:
            body.append(f'<text x="{LABEL_WIDTH + 4}" y="{middle}" class="app-chart__hidden">{HIDDEN}</text>')
            continue
        end = LABEL_WIDTH + plot * (min(max(value, low), high) - low) / span
        x, width = (min(zero, end), abs(end - zero))
        body.append(f'<rect x="{x:.1f}" y="{y}" width="{max(width, 1):.1f}" height="{BAR_HEIGHT}" '
                    f'class="app-chart__bar{" app-chart__bar--negative" if value < 0 else ""}"/>')  # fmt: skip
        body.append(f'<text x="{WIDTH - VALUE_WIDTH + 6}" y="{middle}" class="app-chart__value">'
                    f"{escape(_fmt(value, unit))}</text>")  # fmt: skip
    if low < 0:
        body.append(f'<line x1="{zero:.1f}" x2="{zero:.1f}" y1="0" y2="{height}" class="app-chart__axis"/>')
    return _frame(chart_id, title, description or "No values can be shown.", height, body)


def line_chart(
    chart_id: str, title: str, points: Sequence[tuple[str, float | None]], *, unit: str = "%", low: float = 0,
    high: float = 100,
) -> str:
    """A line across rounds: (round name, value); a hidden value breaks the line and is labelled "Not shown"."""
    height, top, bottom, left, right = 260, 20, 60, 50, 20
    plot_w, plot_h = WIDTH - left - right, height - top - bottom
    span = (high - low) or 1
    step = plot_w / max(len(points) - 1, 1)
    description = "; ".join(f"{name}: {_fmt(value, unit) if value is not None else HIDDEN}" for name, value in points)
    body = [f'<line x1="{left}" x2="{WIDTH - right}" y1="{top + plot_h}" y2="{top + plot_h}" class="app-chart__axis"/>',
            f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" class="app-chart__label">{escape(_fmt(low, unit))}</text>',
            f'<text x="{left - 6}" y="{top + 10}" text-anchor="end" class="app-chart__label">{escape(_fmt(high, unit))}</text>']  # fmt: skip
    previous = None
    for index, (name, value) in enumerate(points):
        x = left + index * step if len(points) > 1 else left + plot_w / 2
        body.append(f'<text x="{x:.1f}" y="{height - 30}" text-anchor="middle" class="app-chart__label">'
                    f"{escape(name[:24])}</text>")  # fmt: skip
        if value is None:
            body.append(f'<text x="{x:.1f}" y="{top + plot_h - 8}" text-anchor="middle" class="app-chart__hidden">'
                        f"{HIDDEN}</text>")  # fmt: skip
            previous = None
            continue
        y = top + plot_h - plot_h * (min(max(value, low), high) - low) / span
        if previous is not None:
            body.append(f'<line x1="{previous[0]:.1f}" y1="{previous[1]:.1f}" x2="{x:.1f}" y2="{y:.1f}" '
                        'class="app-chart__line"/>')  # fmt: skip
        body.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" class="app-chart__point"/>')
        body.append(f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" class="app-chart__value">'
                    f"{escape(_fmt(value, unit))}</text>")  # fmt: skip
        previous = (x, y)
    return _frame(chart_id, title, description or "No values can be shown.", height, body)
