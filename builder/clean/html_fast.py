"""The `fast` HTML mode: one resiliparse DOM pass feeding the same line cleaner as the dumps.

resiliparse's main-content render drops most navigation in C; our line classifier (trained
with link share and block kind as extra signals) and the furniture rules take out what is left.
"""

from __future__ import annotations

import numpy as np

from builder.clean.features import NAMES, page_features
from builder.clean.htmlmeta import html_metadata
from builder.clean.lineclean import keep_mask
from builder.clean.linemodel import html_extras, load_model
from builder.clean.render import render_blocks
from builder.clean.stopwords import declared_stoplist, guess_stoplist

N_WORDS = NAMES.index("log_words")


def parse(html: str):
    from resiliparse.parse.html import HTMLTree

    return HTMLTree.parse(html)


def article_lines(
    tree, threshold: float = 0.5, title: str | None = None, stop: frozenset[str] | None = None
) -> list[str]:
    """The article's lines of a parsed page (`stop`: the page's stop-list, guessed if None)."""
    blocks = render_blocks(tree, main_content=True)
    if not blocks:
        return []
    lines = [b.text for b in blocks]
    if stop is None:
        stop = guess_stoplist("\n".join(lines), 1000)
    own, lowered = page_features(lines, stop)
    p = load_model("html").predict(own, html_extras(blocks))
    words = np.rint(np.expm1(own[:, N_WORDS])).astype(int).tolist()
    keep = keep_mask(lines, p, threshold, None, title, end_ratio=None, words=words, lowered=lowered)
    return [line for line, k in zip(lines, keep, strict=True) if k]


def clean_html_fast(html: str, threshold: float = 0.5, dates: bool = True) -> tuple[list, dict]:
    """(article paragraphs, metadata) of an HTML page, the fast way."""
    tree = parse(html)
    meta = html_metadata(tree, html, use_htmldate=dates)
    stop = declared_stoplist(html)
    return article_lines(tree, threshold, meta["title"], stop), meta
