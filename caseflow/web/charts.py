"""Charts drawn on the server as SVG: no script, no CDN, legible in black and white.

Each chart is an <svg role="img"> with a title; the page prints the same numbers as a table
beside it for screen readers and for anyone who prefers numbers. Labels are escaped. A chart
whose bars are links is a group, not an image: an image's content is hidden from assistive
technology, so links inside it could be reached by Tab but not announced (axe:
nested-interactive). Each such link is named by its label and value.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape

INK = "#1a1a1a"
BAR = "#4a4a4a"
OVER = "#000000"
GRID = "#c8c8c8"


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    href: str | None = None


def bar_chart(
    title: str,
    bars: Sequence[Bar],
    standard: int | None = None,
    standard_label: str = "",
    over_label: str = "",
) -> Markup:
    """Horizontal bars, one per officer, with the standard as a dashed vertical line. Bars
    over the standard are solid black and marked, so the difference survives a photocopier."""
    row, left, right, top = 26, 190, 70, 30
    width = 720
    height = top + row * max(len(bars), 1) + 30
    scale_max = max([b.value for b in bars] + [standard or 0, 1])
    plot = width - left - right

    def x(value: float) -> float:
        return left + plot * value / scale_max

    parts = _opening(title, "chart-title", width, height, any(b.href for b in bars))
    for tick in _ticks(scale_max):
        parts.append(
            f'<line x1="{x(tick):.1f}" y1="{top - 6}" x2="{x(tick):.1f}" '
            f'y2="{height - 24}" stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            f'<text x="{x(tick):.1f}" y="{height - 8}" font-size="11" '
            f'text-anchor="middle" fill="{INK}">{tick}</text>'
        )
    for i, bar in enumerate(bars):
        y = top + i * row
        over = standard is not None and bar.value > standard
        shape = (
            f'<rect x="{left}" y="{y + 4}" width="{max(x(bar.value) - left, 1):.1f}" '
            f'height="{row - 8}" fill="{OVER if over else BAR}"/>'
        )
        text = f"{bar.value}" + (f" {escape(over_label)}" if over else "")
        label = (
            f'<text x="{left - 8}" y="{y + row / 2 + 4}" font-size="12" text-anchor="end" '
            f'fill="{INK}">{escape(_clip(bar.label))}</text>'
        )
        weight = "bold" if over else "normal"
        value = (
            f'<text x="{x(bar.value) + 6:.1f}" y="{y + row / 2 + 4}" font-size="12" '
            f'font-weight="{weight}" fill="{INK}">{text}</text>'
        )
        if bar.href:
            name = escape(f"{bar.label}: {bar.value} {over_label if over else ''}".strip())
            parts.append(
                f'<a href="{escape(bar.href)}" aria-label="{name}">{label}{shape}{value}</a>'
            )
        else:
            parts.append(label + shape + value)
    if standard is not None:
        parts.append(
            f'<line x1="{x(standard):.1f}" y1="{top - 10}" x2="{x(standard):.1f}" '
            f'y2="{height - 24}" stroke="{INK}" stroke-width="2" '
            f'stroke-dasharray="6 4"/>'
        )
        caption = escape(standard_label)
        parts.append(
            f'<text x="{x(standard):.1f}" y="{top - 14}" font-size="11" '
            f'text-anchor="middle" fill="{INK}">{caption}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[int]
    dash: str = ""  # SVG dash pattern: tells the lines apart without colour
    marker: str = "circle"


def line_chart(title: str, labels: Sequence[str], series: Sequence[Series]) -> Markup:
    """A line per series over months, each with its own dash and marker, and a legend."""
    width, height, left, right, top, bottom = 720, 280, 50, 20, 40, 40
    plot_w, plot_h = width - left - right, height - top - bottom
    peak = max([v for s in series for v in s.values] + [1])

    def x(i: int) -> float:
        return left + (plot_w * i / max(len(labels) - 1, 1))

    def y(value: float) -> float:
        return top + plot_h - plot_h * value / peak

    parts = _opening(title, "trend-title", width, height)
    for tick in _ticks(peak):
        parts.append(
            f'<line x1="{left}" y1="{y(tick):.1f}" x2="{width - right}" '
            f'y2="{y(tick):.1f}" stroke="{GRID}"/>'
        )
        parts.append(
            f'<text x="{left - 6}" y="{y(tick) + 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="{INK}">{tick}</text>'
        )
    for i, label in enumerate(labels):
        parts.append(
            f'<text x="{x(i):.1f}" y="{height - bottom + 16}" font-size="11" '
            f'text-anchor="middle" fill="{INK}">{escape(label)}</text>'
        )
    for n, line in enumerate(series):
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(line.values))
        dash = f' stroke-dasharray="{line.dash}"' if line.dash else ""
        if len(line.values) > 1:
            parts.append(
                f'<polyline points="{points}" fill="none" stroke="{INK}" stroke-width="2"{dash}/>'
            )
        for i, v in enumerate(line.values):
            parts.append(_marker(line.marker, x(i), y(v)))
        legend_x = left + 10 + n * 200
        parts.append(
            f'<line x1="{legend_x}" y1="14" x2="{legend_x + 30}" y2="14" '
            f'stroke="{INK}" stroke-width="2"{dash}/>'
        )
        parts.append(_marker(line.marker, legend_x + 15, 14))
        parts.append(
            f'<text x="{legend_x + 38}" y="18" font-size="12" fill="{INK}">'
            f"{escape(line.name)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def _opening(title: str, title_id: str, width: int, height: int, links: bool = False) -> list[str]:
    """The <svg> element and the title screen readers announce."""
    role = "group" if links else "img"
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="{role}" '
        f'viewBox="0 0 {width} {height}" aria-labelledby="{title_id}">',
        f'<title id="{title_id}">{escape(title)}</title>',
    ]


def _marker(kind: str, cx: float, cy: float) -> str:
    if kind == "square":
        return f'<rect x="{cx - 4:.1f}" y="{cy - 4:.1f}" width="8" height="8" fill="{INK}"/>'
    if kind == "open":
        return (
            f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="#ffffff" stroke="{INK}" '
            f'stroke-width="2"/>'
        )
    return f'<circle cx="{cx:.1f}" cy="{cy:.1f}" r="4" fill="{INK}"/>'


def _ticks(peak: float) -> list[int]:
    """About five round steps from zero to the peak."""
    magnitude = 1
    while True:
        for step in (magnitude, 2 * magnitude, 5 * magnitude):
            if peak / step <= 6:
                return list(range(0, int(peak) + step, step))
        magnitude *= 10


def _clip(label: str, length: int = 28) -> str:
    return label if len(label) <= length else label[: length - 1] + "…"
