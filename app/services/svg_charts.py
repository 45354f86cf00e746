"""Charts for the impact report page, drawn by the server as inline SVG: no script, no
external file, the same in a browser, a screen reader and a printed PDF.

Each chart is `role="img"` labelled by its own <title> and described by its <desc>, and
the page follows each with a table of the same figures. Colours are presentation
attributes, not `style` attributes, so the page's Content-Security-Policy needs no
'unsafe-inline'. A suppressed value (None with `suppressed`) is drawn as no bar, with a
short mark on the axis whose tooltip says why, never as a number."""

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from html import escape

from markupsafe import Markup

INK = "#1b1b1b"
MUTED = "#4a4a4a"
GRID = "#d0d4d9"
EARNED = "#0b5394"  # 8.4:1 on white
SPENT = "#b45309"  # 5.0:1 on white
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"


@dataclass(frozen=True)
class Series:
    name: str
    colour: str
    values: Sequence[Decimal | None]  # None: suppressed (or nothing), per the suppressed flags
    suppressed: Sequence[bool]


def _nice_max(top: Decimal) -> tuple[Decimal, Decimal]:
    """A round axis maximum at or above `top`, and its tick step (4-5 ticks)."""
    if top <= 0:
        return Decimal(4), Decimal(1)
    raw = top / 4
    magnitude = Decimal(10) ** (len(str(int(raw))) - 1) if raw >= 1 else Decimal(1)
    for m in (1, 2, 2.5, 5, 10):
        step = magnitude * Decimal(str(m))
        if step * 4 >= top:
            return step * 4, step
    return magnitude * 40, magnitude * 10  # pragma: no cover


def _label(value: Decimal) -> str:
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.1f}"


def _text(x: float, y: float, body: str, **attrs: str) -> str:
    extra = "".join(f' {k.rstrip("_").replace("_", "-")}="{escape(v)}"' for k, v in attrs.items())
    return f'<text x="{x:.1f}" y="{y:.1f}"{extra}>{escape(body)}</text>'


def grouped_bars(
    chart_id: str,
    title: str,
    description: str,
    categories: Sequence[str],
    series: Sequence[Series],
    *,
    unit: str,
    suppressed_note: str,
) -> Markup:
    """Vertical bars, one group per category (a month), one bar per series, with a legend,
    a y axis of round ticks and the categories thinned to at most 12 labels."""
    width, height = 720, 300
    left, right, top, bottom = 56, 12, 40, 44
    plot_w, plot_h = width - left - right, height - top - bottom
    values = [v for s in series for v in s.values if v is not None]
    axis_max, step = _nice_max(max(values, default=Decimal(0)))
    n = max(len(categories), 1)
    group_w = plot_w / n
    bar_w = min(28.0, group_w * 0.8 / max(len(series), 1))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{escape(FONT)}" class="chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    # Legend
    x = float(left)
    for s in series:
        parts.append(f'<rect x="{x:.1f}" y="12" width="12" height="12" fill="{s.colour}"/>')
        parts.append(_text(x + 18, 22.5, s.name, font_size="13", fill=INK))
        x += 30 + 8 * len(s.name)
    parts.append(_text(width - right, 22.5, unit, font_size="12", fill=MUTED, text_anchor="end"))
    # Grid and y axis
    tick = Decimal(0) if values else axis_max + 1  # nothing shown: no scale to read
    while tick <= axis_max:
        y = top + plot_h - float(tick / axis_max) * plot_h
        parts.append(
            f'<line x1="{left}" x2="{width - right}" y1="{y:.1f}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        parts.append(
            _text(left - 6, y + 4, _label(tick), font_size="11", fill=MUTED, text_anchor="end")
        )
        tick += step
    base = top + plot_h
    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{base}" y2="{base}" stroke="{INK}" '
        'stroke-width="1"/>'
    )
    every = max(1, -(-len(categories) // 12))
    for i, category in enumerate(categories):
        gx = left + i * group_w
        start = gx + (group_w - bar_w * len(series)) / 2
        for j, s in enumerate(series):
            bx = start + j * bar_w
            value = s.values[i]
            if s.suppressed[i]:
                parts.append(
                    f'<rect x="{bx + 1:.1f}" y="{base - 3:.1f}" width="{bar_w - 2:.1f}" '
                    f'height="3" fill="{MUTED}"><title>{escape(category)}, '
                    f"{escape(s.name.lower())}: {escape(suppressed_note)}</title></rect>"
                )
            elif value is not None and value > 0:
                h = float(value / axis_max) * plot_h
                parts.append(
                    f'<rect x="{bx + 1:.1f}" y="{base - h:.1f}" width="{bar_w - 2:.1f}" '
                    f'height="{h:.1f}" fill="{s.colour}"><title>{escape(category)}, '
                    f"{escape(s.name.lower())}: {escape(_label(value))}</title></rect>"
                )
        if i % every == 0:
            parts.append(
                _text(
                    gx + group_w / 2,
                    base + 18,
                    category,
                    font_size="11",
                    fill=INK,
                    text_anchor="middle",
                )
            )
    parts.append("</svg>")
    return Markup("".join(parts))


def percent_bars(
    chart_id: str,
    title: str,
    description: str,
    rows: Sequence[tuple[str, int | None, bool]],
    *,
    colour: str = EARNED,
    suppressed_note: str,
    empty_note: str,
) -> Markup:
    """Horizontal bars on a 0-100 % scale, one per (label, percent, suppressed) row, the
    label above its bar and the percentage at its end."""
    width, row_h, top = 720, 44, 8
    left, right = 4, 56
    plot_w = width - left - right
    height = top + row_h * max(len(rows), 1) + 8
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'width="100%" role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" '
        f'font-family="{escape(FONT)}" class="chart">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for i, (label, percent, suppressed) in enumerate(rows):
        y = top + i * row_h
        parts.append(_text(left, y + 14, label, font_size="13", fill=INK))
        bar_y = y + 20
        parts.append(f'<rect x="{left}" y="{bar_y}" width="{plot_w}" height="14" fill="#eef1f4"/>')
        if suppressed or percent is None:
            note = suppressed_note if suppressed else empty_note
            parts.append(_text(left + 6, bar_y + 11, note, font_size="11", fill=MUTED))
            continue
        w = plot_w * percent / 100
        parts.append(f'<rect x="{left}" y="{bar_y}" width="{w:.1f}" height="14" fill="{colour}"/>')
        parts.append(
            _text(
                left + plot_w + 8,
                bar_y + 12,
                f"{percent}%",
                font_size="13",
                fill=INK,
                font_weight="bold",
            )
        )
    parts.append("</svg>")
    return Markup("".join(parts))
