"""Two small SVG bar charts for the datasheet: document lengths and the language mix.

Plain SVG written by hand: no plotting library, and the same numbers give the same bytes.
"""

from __future__ import annotations

from html import escape
from pathlib import Path


def bar_chart(title: str, bars: list[tuple[str, int]], width: int = 480) -> str:
    """Horizontal bars, one per (label, value), scaled to the largest value."""
    row, left, top = 22, 110, 34
    height = top + row * max(len(bars), 1) + 12
    peak = max((v for _, v in bars), default=0) or 1
    span = width - left - 70
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="12">',
        f'<text x="8" y="20" font-size="14" font-weight="bold">{escape(title)}</text>',
    ]
    for i, (label, value) in enumerate(bars):
        y = top + i * row
        length = round(span * value / peak)
        parts.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{escape(label)}</text>')
        parts.append(
            f'<rect x="{left}" y="{y + 3}" width="{length}" height="{row - 6}" fill="#4c72b0"/>'
        )
        parts.append(f'<text x="{left + length + 4}" y="{y + 14}">{value:,}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def write_figures(folder: Path, summary: dict) -> list[str]:
    """figures/lengths.svg and figures/languages.svg; returns their release-relative paths."""
    out = folder / "figures"
    out.mkdir(exist_ok=True)
    edges = list(summary["length_words"].items())
    lengths = []
    for i, (edge, n) in enumerate(edges):
        upper = edges[i + 1][0] if i + 1 < len(edges) else None
        lengths.append((f"{edge}-{int(upper) - 1}" if upper else f"{edge}+", n))
    languages = list(summary["languages"].items())
    if len(languages) > 15:
        languages = languages[:14] + [("other", sum(n for _, n in languages[14:]))]
    (out / "lengths.svg").write_text(bar_chart("Documents by length (words)", lengths))
    (out / "languages.svg").write_text(bar_chart("Documents by language", languages))
    return ["figures/lengths.svg", "figures/languages.svg"]
