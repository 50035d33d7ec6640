"""Charts as inline SVG drawn on the server (no JavaScript, no library): they print, scale and
carry a text title and description for screen readers; the numbers are also in a table.

`bar_chart` draws horizontal bars (a ranking, shortfalls); `trend_chart` a line over years.
Labels are escaped; numbers are passed in already formatted the Vietnamese way.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

__all__ = ["Bar", "bar_chart", "trend_chart"]

_FONT = 'font-family="Segoe UI, Roboto, Noto Sans, Arial, sans-serif" font-size="13"'


@dataclass(frozen=True)
class Bar:
    """One bar: its label, its value (0..scale) and the value as text."""

    label: str
    value: float
    shown: str
    tone: str = "#1f7a4d"


def _cut(text: str, size: int) -> str:
    return text if len(text) <= size else text[: size - 1] + "…"


def bar_chart(title: str, bars: Sequence[Bar], scale: float, *, width: int = 820) -> Markup:
    """Horizontal bars from 0 to `scale`, one row each, labels on the left."""
    row, top, label_w, value_w = 26, 8, 330, 70
    plot = width - label_w - value_w
    height = top * 2 + row * max(1, len(bars))
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" {_FONT}>',
        f"<title>{escape(title)}</title>",
    ]
    for i, bar in enumerate(bars):
        y = top + i * row
        length = 0.0 if scale <= 0 else max(0.0, min(1.0, bar.value / scale)) * plot
        parts += [
            f'<text x="{label_w - 8}" y="{y + 17}" text-anchor="end" fill="#1d2430">'
            f"{escape(_cut(bar.label, 44))}</text>",
            f'<rect x="{label_w}" y="{y + 4}" width="{plot}" height="{row - 8}" fill="#eef1f5"/>',
            f'<rect x="{label_w}" y="{y + 4}" width="{length:.1f}" height="{row - 8}" '
            f'fill="{escape(bar.tone)}"/>',
            f'<text x="{label_w + plot + 8}" y="{y + 17}" fill="#1d2430">'
            f"{escape(bar.shown)}</text>",
        ]
    parts.append("</svg>")
    return Markup("".join(parts))


def trend_chart(
    title: str,
    points: Sequence[tuple[str, float, str]],
    low: float,
    high: float,
    *,
    width: int = 720,
) -> Markup:
    """A line through (label, value, shown) points left to right, between `low` and `high`."""
    height, left, right, top, bottom = 260, 50, 30, 20, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    span = (high - low) or 1.0

    def y_of(value: float) -> float:
        return top + plot_h - (max(low, min(high, value)) - low) / span * plot_h

    count = len(points)
    step = plot_w / max(1, count - 1)
    xs = [left + (i * step if count > 1 else plot_w / 2) for i in range(count)]
    parts = [
        f'<svg class="chart" role="img" viewBox="0 0 {width} {height}" width="{width}" '
        f'height="{height}" xmlns="http://www.w3.org/2000/svg" {_FONT}>',
        f"<title>{escape(title)}</title>",
    ]
    for fraction in (0.0, 0.25, 0.5, 0.75, 1.0):
        value = low + fraction * span
        y = y_of(value)
        parts += [
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#d5dae2"/>',
            f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end" fill="#5b6575">'
            f"{value:g}</text>",
        ]
    if count > 1:
        path = " ".join(f"{x:.1f},{y_of(v):.1f}" for x, (_, v, _) in zip(xs, points, strict=True))
        parts.append(f'<polyline points="{path}" fill="none" stroke="#14532d" stroke-width="3"/>')
    for x, (name, value, shown) in zip(xs, points, strict=True):
        y = y_of(value)
        parts += [
            f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5" fill="#14532d"/>',
            f'<text x="{x:.1f}" y="{y - 10:.1f}" text-anchor="middle" fill="#1d2430" '
            f'font-weight="600">{escape(shown)}</text>',
            f'<text x="{x:.1f}" y="{height - 14}" text-anchor="middle" fill="#1d2430">'
            f"{escape(name)}</text>",
        ]
    parts.append("</svg>")
    return Markup("".join(parts))
