"""`extract()`: one raw page (HTML or a plain-text dump) -> main text and metadata.

Pure function of its arguments (no global state besides read-only caches of shipped data), so
it runs the same in any worker process.
"""

from __future__ import annotations

from dataclasses import dataclass

from builder.clean.config import CleanConfig
from builder.clean.furniture import Furniture
from builder.clean.text import join_paragraphs, normalize_lines


@dataclass
class Extracted:
    text: str  # NFC-normalised main text, paragraphs separated by "\n\n"
    title: str | None
    published_at: str | None  # ISO 8601 ("2023-06-14T05:23" or "2023-06-14"); None when absent
    section: str | None
    author: str | None


def extract(
    content: str,
    content_type: str,
    cfg: CleanConfig,
    furniture: Furniture | None = None,
    url: str | None = None,
) -> Extracted:
    """Main text and metadata of one page; `content_type` is "html" or "text" (a dump)."""
    if content_type == "html":
        if cfg.html_mode == "best":
            from builder.clean.html_best import clean_html_best as clean
        elif cfg.html_mode == "fast":
            from builder.clean.html_fast import clean_html_fast as clean
        else:
            raise ValueError(f"[clean] html_mode must be 'fast' or 'best', not {cfg.html_mode!r}")
        dates = cfg.htmldate_fallback == "always" or cfg.htmldate_fallback == cfg.html_mode
        paragraphs, meta = clean(content, cfg.line_threshold, dates)
    else:
        from builder.clean.dump import clean_dump

        paragraphs, meta = clean_dump(content, cfg.line_threshold, furniture)
    return Extracted(
        text=join_paragraphs(normalize_lines(paragraphs)),
        title=meta.get("title"),
        published_at=meta.get("published_at"),
        section=meta.get("section"),
        author=meta.get("author"),
    )
