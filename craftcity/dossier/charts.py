"""Server-drawn SVG charts: no JavaScript, readable in a browser and in WeasyPrint alike."""

from __future__ import annotations

import math
from html import escape

FONT = "DejaVu Sans, Arial, sans-serif"


def ticks(value: float, *, most: int = 5) -> list[int]:
    """Whole-number gridlines from 0 to at least `value`, at most `most` steps of 1, 2 or 5 × 10ⁿ: counts of
    people never get a tick at 1.2 or 3.8."""
    if value <= 0:
        return [0, 1]
    magnitude = 1
    while True:
        for factor in (1, 2, 5):
            step = factor * magnitude
            steps = math.ceil(value / step)
            if steps <= most:
                return [step * i for i in range(max(steps, 1) + 1)]
        magnitude *= 10


def bar_chart(
    *, title: str, labels: list[str], values: list[float], y_label: str = "", width: int = 560, height: int = 240
) -> str:
    """Vertical bars, one per label (years), each with its value written above it."""
    left, right, top, bottom = 56, 12, 34, 30
    plot_w, plot_h = width - left - right, height - top - bottom
    gridlines = ticks(max(values, default=0))
    top_value = gridlines[-1]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
        f'role="img" aria-label="{escape(title)}" font-family="{FONT}">',
        f"<title>{escape(title)}</title>",
        f'<text x="{left}" y="18" font-size="13" font-weight="bold" fill="#222">{escape(title)}</text>',
    ]
    for value in gridlines:
        y = top + plot_h - plot_h * value / top_value
        parts.append(f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" stroke="#ddd"/>')
        parts.append(
            f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" fill="#555">{_fmt(value)}</text>'
        )
    if y_label:
        parts.append(
            f'<text x="12" y="{top + plot_h / 2:.1f}" font-size="10" fill="#555" text-anchor="middle" '
            f'transform="rotate(-90 12 {top + plot_h / 2:.1f})">{escape(y_label)}</text>'
        )
    slot = plot_w / max(len(values), 1)
    bar_w = min(60, slot * 0.6)
    for i, (label, value) in enumerate(zip(labels, values, strict=True)):
        x = left + slot * i + (slot - bar_w) / 2
        h = plot_h * (value / top_value)
        y = top + plot_h - h
        last = i == len(values) - 1
        colour = "#b5562a" if last else "#6b8fb3"
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" fill="{colour}"/>')
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" font-size="11" text-anchor="middle" fill="#222">'
            f"{_fmt(value)}</text>"
        )
        parts.append(
            f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" font-size="11" text-anchor="middle" fill="#222">'
            f"{escape(str(label))}</text>"
        )
    parts.append(f'<line x1="{left}" x2="{width - right}" y1="{top + plot_h}" y2="{top + plot_h}" stroke="#888"/>')
    parts.append("</svg>")
    return "".join(parts)


def _fmt(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f") if value == int(value) else f"{value:.1f}"
