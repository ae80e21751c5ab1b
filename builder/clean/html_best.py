"""The `best` HTML mode: trafilatura (precision mode) checked against our fast pass.

trafilatura is the strongest single extractor we measured; its precision mode, without comment
sections, is better still on our dev set. Our fast pass renders the same page and votes: a line
trafilatura kept is dropped when the fast pass is sure it is furniture, or when it comes after a
"Related stories" heading that follows the article. Then the furniture rules take out what both
let through (captions and credits, cookie and newsletter boxes, the headline again). When
trafilatura finds nothing, the fast pass answers instead of an empty page.
"""

from __future__ import annotations

import re

import numpy as np

from builder.clean import rules
from builder.clean.features import own_features
from builder.clean.html_fast import article_lines, parse
from builder.clean.htmlmeta import html_metadata
from builder.clean.lineclean import keep_mask
from builder.clean.linemodel import html_extras, load_model
from builder.clean.render import render_blocks
from builder.clean.stopwords import guess_stoplist
from builder.clean.text import split_lines

_WORD = re.compile(r"\w+")
VETO = 0.1  # fast-pass probability under which a trafilatura line is dropped


def _key(line: str) -> str:
    return " ".join(_WORD.findall(line.casefold()))


def _trafilatura(html: str) -> str | None:
    import trafilatura

    try:
        return trafilatura.extract(
            html,
            include_comments=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception:  # trafilatura raises on some malformed pages; fall back, never crash
        return None


def vote(lines: list[str], tree) -> list[str]:
    """trafilatura's lines, less those the fast render shows to be furniture or after the end."""
    blocks = render_blocks(tree, main_content=True)
    if not blocks:
        return lines
    texts = [b.text for b in blocks]
    p = load_model("html").predict(
        own_features(texts, guess_stoplist("\n".join(texts))), html_extras(blocks)
    )
    where: dict[str, int] = {}
    for i, text in enumerate(texts):
        where.setdefault(_key(text), i)
    ends = [
        i
        for i, text in enumerate(texts)
        if len(text.split()) <= 8 and rules.SECTION_END.match(text.lstrip("*+o- "))
    ]
    out, words, cut = [], 0, None
    for line in lines:
        i = where.get(_key(line))
        if cut is None and i is not None:
            cut = next((e for e in ends if e < i and words >= 50), None)
        if cut is not None:
            break
        if i is not None and p[i] < VETO:
            continue
        out.append(line)
        words += len(line.split())
    return out


def clean_html_best(html: str, threshold: float = 0.5, dates: bool = True) -> tuple[list, dict]:
    """(article paragraphs, metadata) of an HTML page, the careful way."""
    tree = parse(html)
    meta = html_metadata(tree, html, use_htmldate=dates)
    lines = split_lines(_trafilatura(html) or "")
    if not lines:
        return article_lines(tree, threshold, meta["title"]), meta
    lines = vote(lines, tree)
    # trafilatura already chose these lines: every one starts as article text.
    keep = keep_mask(lines, np.ones(len(lines)), threshold, None, meta["title"], None)
    return [line for line, k in zip(lines, keep, strict=True) if k], meta
