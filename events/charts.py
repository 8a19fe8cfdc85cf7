"""Accessible bar charts as inline SVG, drawn on the server (no script, no CDN).

Each chart is an image with a title for screen readers; the pages show the same
numbers in a table next to it.
"""

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

BAR_HEIGHT = 22
GAP = 8
LABEL_WIDTH = 320
BAR_WIDTH = 300
VALUE_WIDTH = 80


def bar_chart_svg(
    *, title: str, rows: list[tuple[str, int]], chart_id: str, suffix: str = ""
) -> SafeString:
    """A horizontal bar chart of (label, value) rows; bars scale to the largest value."""
    top = max((value for _, value in rows), default=0) or 1
    height = len(rows) * (BAR_HEIGHT + GAP) + GAP
    width = LABEL_WIDTH + BAR_WIDTH + VALUE_WIDTH
    bars = format_html_join(
        "",
        '<g transform="translate(0 {})">'
        '<text x="{}" y="{}" text-anchor="end" class="chart-label">{}</text>'
        '<rect x="{}" y="0" width="{}" height="{}" rx="3" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}{}</text></g>',
        (
            (
                GAP + index * (BAR_HEIGHT + GAP),
                LABEL_WIDTH - 8,
                BAR_HEIGHT - 6,
                label,
                LABEL_WIDTH,
                max(round(BAR_WIDTH * value / top), 1 if value else 0),
                BAR_HEIGHT,
                LABEL_WIDTH + max(round(BAR_WIDTH * value / top), 0) + 6,
                BAR_HEIGHT - 6,
                value,
                suffix,
            )
            for index, (label, value) in enumerate(rows)
        ),
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title>{bars}</svg>',
        id=chart_id,
        w=width,
        h=height,
        title=title,
        bars=bars,
    )
