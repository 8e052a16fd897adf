"""Server-rendered SVG charts of the dashboard, the reports and the kassabon (DESIGN §9, §4).

Pure functions: data in, SVG markup out (a SafeString), no JavaScript, the same in the browser
and in WeasyPrint. Every chart:

- has a fixed `viewBox` (640 wide, the height follows the number of rows) and explicit fonts and
  font sizes, and uses presentation attributes only (the CSP forbids inline styles);
- is `role="img"` labelled by its `<title>`; the table next to it is the accessible version;
- draws with colours of at least 3:1 against white and adds a pattern per series (solid,
  hatched, dotted, ...) and a legend, and writes the value on every bar, so colour is never the
  only cue;
- escapes every label.

`publiek=True` masks counts of 1 and 2 (kind "aantal"): the label reads "< 3" and the bar is drawn
at a fixed length with a dashed outline, so neither the text nor the length gives the number
away. Money, days and percentages are never masked.

A value can also arrive masked already, as a `Gemaskeerd`: `GEHEIM_KLEIN` ("< 3") or `GEHEIM`
("×", a cell hidden so that a small count cannot be worked back from a total, see
`rapportage.onthulling`). Every chart draws it like a masked count, whatever `publiek` says,
leaves it out of the scale, and explains the marks it shows in the note under the chart.
"""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from omo.templatetags.omo_format import format_euro

WIDTH = 640
FONT = 'font-family="DejaVu Sans, Arial, Helvetica, sans-serif"'
TEXT = "#212529"
MASK = "#495057"
# Colours with contrast >= 5.9:1 against white, in the order the series use them.
COLOURS = ("#1d3557", "#b02a37", "#146c43", "#6f42c1", "#8a5a00", "#495057")
# The white texture laid over the colour of series i (i modulo the count): solid, hatched,
# dotted, cross-hatched, horizontal lines, vertical lines.
TEXTURES = (
    "",
    '<path d="M0,8 L8,0 M-2,2 L2,-2 M6,10 L10,6" stroke="#ffffff" stroke-width="1.6"/>',
    '<circle cx="4" cy="4" r="1.6" fill="#ffffff"/>',
    '<path d="M0,4 H8 M4,0 V8" stroke="#ffffff" stroke-width="1.4"/>',
    '<path d="M0,2 H8 M0,6 H8" stroke="#ffffff" stroke-width="1.2"/>',
    '<path d="M2,0 V8 M6,0 V8" stroke="#ffffff" stroke-width="1.2"/>',
)
MASK_LENGTH = 32  # the fixed length of a masked bar
MASKED = "< 3"
HIDDEN = "×"


@dataclass(frozen=True)
class Gemaskeerd:
    """A count that is not shown: only `tekst` is, on a bar of the fixed masked length."""

    tekst: str

    def __str__(self):
        return self.tekst


GEHEIM_KLEIN = Gemaskeerd(MASKED)  # a count of 1 or 2
GEHEIM = Gemaskeerd(HIDDEN)  # hidden so that a count of 1 or 2 cannot be worked back from a total

COUNT, MONEY, DAYS, PERCENT = "aantal", "geld", "dagen", "procent"


# --- Numbers as the Dutch read them ------------------------------------------------------------


def dutch_number(value, decimals: int = 0) -> str:
    """1234 → '1.234'; 23.45 with 1 decimal → '23,5'; None → ''; a masked value → its mark."""
    if value is None or value == "":
        return ""
    if isinstance(value, Gemaskeerd):
        return value.tekst
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return ""
    text = f"{abs(number):,.{decimals}f}".replace(",", "\u2009").replace(".", ",").replace("\u2009", ".")
    return f"-{text}" if number < 0 else text


def is_masked(value, publiek: bool) -> bool:
    """A `Gemaskeerd` value always; a count of 1 or 2 in the public version."""
    if isinstance(value, Gemaskeerd):
        return True
    return bool(publiek) and value in (1, 2)


def count_text(value, publiek: bool = False) -> str:
    """A count for display: '< 3' for 1 and 2 in the public version, the mark of a masked
    value, otherwise '1.234'."""
    if isinstance(value, Gemaskeerd):
        return value.tekst
    return MASKED if is_masked(value, publiek) else dutch_number(value)


def value_text(value, kind: str = COUNT, publiek: bool = False) -> str:
    """The label of a bar: counts (maskable), money (whole euros), days or percentages."""
    if value is None:
        return "–"
    if isinstance(value, Gemaskeerd):
        return value.tekst
    if kind == MONEY:
        return format_euro(value, 0)
    if kind == DAYS:
        return _("%(n)s d") % {"n": dutch_number(value, 1)}
    if kind == PERCENT:
        return f"{dutch_number(value, 1)}%"
    return count_text(value, publiek)


def _number(value) -> float:
    try:
        return float(value) if value is not None else 0.0
    except (TypeError, ValueError):
        return 0.0


# --- Building blocks -----------------------------------------------------------------------------


def _shorten(label: str, limit: int) -> str:
    label = str(label)
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"


def _fill(chart_id: str, index: int) -> str:
    return f"url(#{chart_id}-s{index % len(TEXTURES)})" if index % len(TEXTURES) else COLOURS[index % len(COLOURS)]


def _defs(chart_id: str, series_count: int) -> str:
    patterns = []
    for i in range(1, min(series_count, len(TEXTURES))):
        colour = COLOURS[i % len(COLOURS)]
        patterns.append(
            f'<pattern id="{chart_id}-s{i}" patternUnits="userSpaceOnUse" width="8" height="8">'
            f'<rect width="8" height="8" fill="{colour}"/>{TEXTURES[i]}</pattern>'
        )
    return f"<defs>{''.join(patterns)}</defs>" if patterns else ""


def _text(x, y, content, size=12, anchor="start", weight="normal", fill=TEXT) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" font-weight="{weight}" '
        f'text-anchor="{anchor}" fill="{fill}">{escape(content)}</text>'
    )


def _masked(x, y, width, height) -> str:
    """A masked count: a dashed outline of a fixed length that tells nothing of the value."""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{round(width, 1):g}" height="{round(height, 1):g}" fill="#ffffff" '
        f'stroke="{MASK}" stroke-width="1.5" stroke-dasharray="4 3"/>'
    )


def _bar(x, y, width, height, chart_id, index, masked=False) -> str:
    if masked:
        return _masked(x, y, MASK_LENGTH, height)
    colour = COLOURS[index % len(COLOURS)]
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(width, 0):.1f}" height="{height}" '
        f'fill="{_fill(chart_id, index)}" stroke="{colour}" stroke-width="1"/>'
    )


def _column(x, y, width, height, chart_id, index, masked=False) -> str:
    if masked:
        return _masked(x, y, width, MASK_LENGTH)
    return _bar(x, y, width, height, chart_id, index)


def _svg(chart_id: str, title: str, height: float, body: str, series_count: int = 1, desc: str = "") -> str:
    height = int(height)
    beschrijving = f'<desc id="{chart_id}-desc">{escape(desc)}</desc>' if desc else ""
    described = f' aria-describedby="{chart_id}-desc"' if desc else ""
    return mark_safe(
        f'<svg xmlns="http://www.w3.org/2000/svg" class="omo-grafiek" role="img" '
        f'aria-labelledby="{chart_id}-titel"{described} viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" '
        f'height="{height}" preserveAspectRatio="xMinYMin meet">'
        f'<title id="{chart_id}-titel">{escape(title)}</title>{beschrijving}{_defs(chart_id, series_count)}'
        f'<rect width="{WIDTH}" height="{height}" fill="#ffffff"/>{body}</svg>'
    )


def _legend(chart_id: str, series, y: float, x0: float = 8) -> str:
    parts, x = [], x0
    for i, label in enumerate(series):
        parts.append(_bar(x, y - 10, 14, 12, chart_id, i))
        parts.append(_text(x + 20, y, label, size=11))
        x += 20 + 7 * len(str(label)) + 22
    return "".join(parts)


def _marks(values, publiek: bool) -> list[str]:
    """The marks of the masked values among `values`, '< 3' first."""
    marks = {count_text(v, publiek) for v in values if is_masked(v, publiek)}
    return sorted(marks, key=lambda mark: (mark != MASKED, mark))


def _masked_note(y: float, marks=(MASKED,)) -> tuple[str, int]:
    """The note under a chart with masked bars: a dashed swatch and a line per mark shown.
    Returns the markup and the height of the lines after the first."""
    lines = []
    for mark in marks:
        if mark == MASKED:
            lines.append(_("minder dan 3: niet op schaal getekend"))
        elif mark == HIDDEN:
            lines.append(_("×: niet getoond, zodat een klein aantal niet uit een totaal is terug te rekenen"))
        else:
            lines.append(mark)
    swatch = (
        f'<rect x="8" y="{y - 10:.1f}" width="{MASK_LENGTH}" height="12" fill="#ffffff" stroke="{MASK}" '
        f'stroke-width="1.5" stroke-dasharray="4 3"/>'
    )
    texts = "".join(_text(8 + MASK_LENGTH + 6, y + 15 * i, line, size=11) for i, line in enumerate(lines))
    return swatch + texts, 15 * (len(lines) - 1)


def _note(parts: list, y: float, marks) -> int:
    """Append the masked note at `y` when there are marks; the extra height it needs."""
    if not marks:
        return 0
    note, extra = _masked_note(y, marks)
    parts.append(note)
    return extra


def _chart_id(chart_id: str) -> str:
    return "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in str(chart_id)) or "grafiek"


# --- The charts --------------------------------------------------------------------------------


def bar_chart(rows, *, chart_id: str, title: str, kind: str = COUNT, publiek: bool = False,
              label_width: int = 220) -> str:
    """Horizontal bars: `rows` is a list of (label, value)."""
    chart_id = _chart_id(chart_id)
    publiek = publiek and kind == COUNT
    rows = list(rows)
    row_h, bar_h, top = 26, 16, 8
    x0 = label_width + 10
    plot = WIDTH - x0 - 90
    scale_max = max((_number(v) for _l, v in rows if not is_masked(v, publiek)), default=0) or 1
    marks = _marks((v for _l, v in rows), publiek)
    parts = []
    for i, (label, value) in enumerate(rows):
        y = top + i * row_h
        masked = is_masked(value, publiek)
        width = MASK_LENGTH if masked else plot * _number(value) / scale_max
        parts.append(f"<g><title>{escape(label)}: {escape(value_text(value, kind, publiek))}</title>")
        parts.append(_text(label_width, y + 12.5, _shorten(label, label_width // 7), anchor="end"))
        if value is not None:
            parts.append(_bar(x0, y, width, bar_h, chart_id, 0, masked))
        parts.append(_text(x0 + width + 6, y + 12.5, value_text(value, kind, publiek), weight="bold"))
        parts.append("</g>")
    height = top + len(rows) * row_h + 4
    parts.append(f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" y2="{height - 4}" stroke="{TEXT}" stroke-width="1"/>')
    if marks:
        height += 24 + _note(parts, height + 14, marks)
    return _svg(chart_id, title, height, "".join(parts))


def column_chart(rows, *, chart_id: str, title: str, publiek: bool = False) -> str:
    """Vertical columns, one per period (month): `rows` is a list of (label, count). A label
    with a space ('jul 2026') is written on two lines. Over more than two years there is no room
    for every month: the columns then carry no value label (the table and each column's tooltip
    have them) and only the first month of each year is named, by its year."""
    chart_id = _chart_id(chart_id)
    rows = list(rows)
    top, plot_h, bottom = 24, 180, 40
    x0, plot_w = 40, WIDTH - 48
    n = max(len(rows), 1)
    step = plot_w / n
    col_w = min(step * 0.7, 48)
    size = 11 if n <= 12 else 9
    long = n > 24
    scale_max = max((_number(v) for _l, v in rows if not is_masked(v, publiek)), default=0) or 1
    base = top + plot_h
    parts = [f'<line x1="{x0}" y1="{base}" x2="{x0 + plot_w}" y2="{base}" stroke="{TEXT}" stroke-width="1"/>']
    for i, (label, value) in enumerate(rows):
        masked = is_masked(value, publiek)
        h = MASK_LENGTH if masked else plot_h * _number(value) / scale_max
        x = x0 + i * step + (step - col_w) / 2
        text = value_text(value, COUNT, publiek)
        first, _sep, second = str(label).rpartition(" ")
        if not first:
            first, second = second, ""
        parts.append(f"<g><title>{escape(label)}: {escape(text)}</title>")
        parts.append(_column(x, base - h, col_w, h, chart_id, 0, masked))
        if not long:
            parts.append(_text(x + col_w / 2, base - h - 5, text, size=size, anchor="middle", weight="bold"))
            if n <= 12 or i % 2 == 0:
                parts.append(_text(x + col_w / 2, base + 15, first, size=size, anchor="middle"))
                if second:
                    parts.append(_text(x + col_w / 2, base + 28, second, size=size, anchor="middle"))
        elif i == 0 or first.lower() in ("jan", "januari"):
            parts.append(f'<line x1="{x - (step - col_w) / 2:.1f}" y1="{base}" x2="{x - (step - col_w) / 2:.1f}" '
                         f'y2="{base + 6}" stroke="{TEXT}" stroke-width="1"/>')
            parts.append(_text(x, base + 18, second or first, size=size))
        parts.append("</g>")
    height = top + plot_h + bottom
    marks = _marks((v for _l, v in rows), publiek)
    if marks:
        height += 16 + _note(parts, height + 4, marks)
    return _svg(chart_id, title, height, "".join(parts))


def grouped_bar_chart(groups, series, *, chart_id: str, title: str, kind: str = MONEY,
                      publiek: bool = False, label_width: int = 170, desc: str = "") -> str:
    """Horizontal bars in groups: `groups` is a list of (label, [value per series]), `series`
    the names of the series (e.g. huidig, dreigend, doorbraak), drawn with colour, pattern and a
    legend. `desc` becomes the chart's <desc> (e.g. where the table with the figures is)."""
    chart_id = _chart_id(chart_id)
    publiek = publiek and kind == COUNT
    groups = [(label, list(values)) for label, values in groups]
    series = list(series)
    bar_h, gap, group_gap, top = 14, 3, 14, 32
    x0 = label_width + 10
    plot = WIDTH - x0 - 100
    values = [v for _l, vs in groups for v in vs if not is_masked(v, publiek)]
    scale_max = max((_number(v) for v in values), default=0) or 1
    parts = [_legend(chart_id, series, 16)]
    y = top
    for label, vals in groups:
        group_h = len(series) * (bar_h + gap) - gap
        parts.append(f"<g><title>{escape(label)}</title>")
        parts.append(_text(label_width, y + group_h / 2 + 4, _shorten(label, label_width // 7), anchor="end",
                           weight="bold"))
        for i, value in enumerate(vals):
            by = y + i * (bar_h + gap)
            masked = is_masked(value, publiek)
            width = MASK_LENGTH if masked else plot * _number(value) / scale_max
            text = value_text(value, kind, publiek)
            parts.append(f"<g><title>{escape(label)}, {escape(series[i])}: {escape(text)}</title>")
            if value is not None:
                parts.append(_bar(x0, by, width, bar_h, chart_id, i, masked))
            parts.append(_text(x0 + width + 6, by + 11, text, size=11))
            parts.append("</g>")
        parts.append("</g>")
        y += group_h + group_gap
    height = y - group_gap + 8
    parts.append(f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" y2="{height - 4}" stroke="{TEXT}" stroke-width="1"/>')
    marks = _marks((v for _l, vs in groups for v in vs), publiek)
    if marks:
        height += 24 + _note(parts, height + 14, marks)
    return _svg(chart_id, title, height, "".join(parts), len(series), desc)


def stacked_bar_chart(rows, series, *, chart_id: str, title: str, publiek: bool = False,
                      label_width: int = 170, totals=None) -> str:
    """Horizontal bars split into segments: `rows` is a list of (label, [count per series]).
    Each segment carries its count when it is wide enough; the total follows the bar.

    `totals` (one per row, a count or a `Gemaskeerd`) is the text after each bar. Without it the
    segments are added up, except in a row with a `Gemaskeerd` segment: its sum would give the
    segment away (the sum minus the shown segments), so that row's total reads "×"."""
    chart_id = _chart_id(chart_id)
    rows = [(label, list(values)) for label, values in rows]
    if totals is not None:
        totals = list(totals)
        if len(totals) != len(rows):
            raise ValueError("stacked_bar_chart: one total per row")
    series = list(series)
    row_h, bar_h, top = 30, 20, 32
    x0 = label_width + 10
    plot = WIDTH - x0 - 70
    # One scale for every row such that the longest bar (masked segments at their fixed length)
    # fits the plot.
    scale = None
    for _label, values in rows:
        shown = sum(_number(v) for v in values if not is_masked(v, publiek))
        fixed = MASK_LENGTH * sum(1 for v in values if is_masked(v, publiek))
        if shown:
            candidate = (plot - fixed) / shown
            scale = candidate if scale is None else min(scale, candidate)
    scale = scale or 1
    parts = [_legend(chart_id, series, 16)]
    for r, (label, values) in enumerate(rows):
        y = top + r * row_h
        if totals is not None:
            total = totals[r]
        elif any(isinstance(v, Gemaskeerd) for v in values):
            total = GEHEIM
        else:
            total = sum(int(_number(v)) for v in values)
        parts.append(f"<g><title>{escape(label)}: {escape(count_text(total, publiek))}</title>")
        parts.append(_text(label_width, y + 14.5, _shorten(label, label_width // 7), anchor="end"))
        x = x0
        for i, value in enumerate(values):
            if not value:
                continue
            masked = is_masked(value, publiek)
            width = MASK_LENGTH if masked else _number(value) * scale
            text = count_text(value, publiek)
            parts.append(f"<g><title>{escape(series[i])}: {escape(text)}</title>")
            parts.append(_bar(x, y, width, bar_h, chart_id, i, masked))
            if masked:
                parts.append(_text(x + width / 2, y + 14.5, text, size=11, anchor="middle", weight="bold"))
            elif width >= 8 * len(text) + 10:
                # The count on a white badge: readable on every colour and pattern.
                badge = 7 * len(text) + 6
                parts.append(
                    f'<rect x="{x + width / 2 - badge / 2:.1f}" y="{y + 3}" width="{badge}" height="14" '
                    f'rx="3" fill="#ffffff"/>'
                )
                parts.append(_text(x + width / 2, y + 14, text, size=11, anchor="middle", weight="bold"))
            parts.append("</g>")
            x += width
        parts.append(_text(x + 6, y + 14.5, count_text(total, publiek), weight="bold"))
        parts.append("</g>")
    height = top + len(rows) * row_h + 4
    parts.append(f'<line x1="{x0}" y1="{top - 4}" x2="{x0}" y2="{height - 4}" stroke="{TEXT}" stroke-width="1"/>')
    shown_totals = totals if totals is not None else []
    if totals is None:
        shown_totals = [GEHEIM for _l, vs in rows if any(isinstance(v, Gemaskeerd) for v in vs)]
    marks = _marks([v for _l, vs in rows for v in vs] + shown_totals, publiek)
    if marks:
        height += 24 + _note(parts, height + 14, marks)
    return _svg(chart_id, title, height, "".join(parts), len(series))
