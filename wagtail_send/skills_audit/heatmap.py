"""The gap analysis as a server-rendered SVG heatmap (no script, no external service).

Every cell carries its figure as text, so colour is never the only way the meaning is
given; the same figures are in the accessible table beside it.
"""

from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

LABEL_WIDTH = 330
CELL_WIDTH = 112
ROW_HEIGHT = 40
HEADER_HEIGHT = 64
DASH = "—"


def _shade(hue, strength):
    """A light fill for ``strength`` 0..1, light enough for dark text (contrast ≥ 4.5:1)."""
    strength = max(0.0, min(1.0, strength))
    return f"hsl({hue}, 70%, {round(96 - 28 * strength)}%)"


def _percent(value):
    return DASH if value is None else f"{round(value * 100)}%"


def _rating(value):
    return DASH if value is None else f"{value:.1f}"


def _wrap(text, width=16):
    words, lines, line = text.split(), [], ""
    for word in words:
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return lines[:3]


def columns(analysis):
    """(heading, value function, format, colour function) for each heatmap column."""
    max_share = max([r.share or 0 for r in analysis.needs] + [0.01])
    max_priority = max([r.priority or 0 for r in analysis.needs] + [0.01])

    def confidence_colour(value):
        # Low confidence warm, high confidence cool; the number is printed in the cell.
        return (
            "#eeeeee" if value is None else f"hsl({round(15 + (value - 1) / 3 * 185)}, 65%, 82%)"
        )

    cols = [
        (
            _("Pupils (share)"),
            lambda r: r.share,
            _percent,
            lambda v: "#f4f4f4" if v is None else _shade(275, v / max_share),
        ),
        (_("Confidence, all staff (1–4)"), lambda r: r.confidence, _rating, confidence_colour),
    ]
    for group in analysis.groups:
        cols.append(
            (
                _("Confidence: %(group)s") % {"group": group},
                lambda r, g=group: r.groups.get(g).confidence if r.groups.get(g) else None,
                _rating,
                confidence_colour,
            )
        )
    cols += [
        (
            _("Asking for training"),
            lambda r: r.training_share,
            _percent,
            lambda v: "#eeeeee" if v is None else _shade(45, v),
        ),
        (
            _("Priority"),
            lambda r: r.priority,
            lambda v: DASH if v is None else f"{v:.2f}",
            lambda v: "#eeeeee" if v is None else _shade(0, v / max_priority),
        ),
    ]
    return cols


def render(analysis, rows, title):
    """Return the SVG heatmap of ``rows`` (need or area rows of ``analysis``)."""
    cols = columns(analysis)
    width = LABEL_WIDTH + CELL_WIDTH * len(cols)
    height = HEADER_HEIGHT + ROW_HEIGHT * max(len(rows), 1)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="skills-heatmap" role="img" '
        f'viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
        f'font-family="Verdana, Arial, sans-serif" font-size="13">',
        f"<title>{escape(title)}</title>",
        "<desc>{}</desc>".format(
            escape(
                _(
                    "Each row is a need; each cell shows its figure. A dash means fewer "
                    "answers than the minimum, or no data. The same figures are in the table."
                )
            )
        ),
    ]
    for index, (heading, *_rest) in enumerate(cols):
        x = LABEL_WIDTH + index * CELL_WIDTH + CELL_WIDTH // 2
        for line_no, line in enumerate(_wrap(heading)):
            parts.append(
                f'<text x="{x}" y="{18 + line_no * 16}" text-anchor="middle" '
                f'font-weight="bold" fill="#1b1b1b">{escape(line)}</text>'
            )
    for row_no, row in enumerate(rows):
        y = HEADER_HEIGHT + row_no * ROW_HEIGHT
        label = row.label if len(row.label) <= 44 else row.label[:42] + "…"
        parts.append(
            f'<text x="6" y="{y + ROW_HEIGHT // 2 + 5}" fill="#1b1b1b">{escape(label)}</text>'
        )
        for index, (_heading, value_of, fmt, colour) in enumerate(cols):
            value = value_of(row)
            x = LABEL_WIDTH + index * CELL_WIDTH
            parts.append(
                f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_WIDTH - 2}" '
                f'height="{ROW_HEIGHT - 2}" '
                f'fill="{colour(value)}" stroke="#767676" stroke-width="0.5"/>'
            )
            parts.append(
                f'<text x="{x + CELL_WIDTH // 2}" y="{y + ROW_HEIGHT // 2 + 5}" '
                f'text-anchor="middle" fill="#1b1b1b">{escape(fmt(value))}</text>'
            )
    parts.append("</svg>")
    # Every piece of text above is escaped; the markup itself is ours.
    return mark_safe("".join(parts))  # noqa: S308
