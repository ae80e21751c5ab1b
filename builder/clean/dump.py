"""Plain-text page dumps (the DOM is gone, only lines remain) -> main text and metadata."""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from builder.clean import rules
from builder.clean.dates import parse_date
from builder.clean.features import furniture_words, page_features
from builder.clean.furniture import Furniture
from builder.clean.lineclean import keep_mask
from builder.clean.linemodel import load_model
from builder.clean.stopwords import guess_stoplist
from builder.clean.text import split_lines

_WORD = re.compile(r"\w+")
_HOME = re.compile(r"^(?:home|startseite|início|inicio|accueil|главная)\s*(?:[>»/|›:]\s*)?", re.I)
_CRUMB = re.compile(r"\s*[>»/|›]\s*")
_BY = re.compile(r"^(?:by|von|por|par|автор:?)\s+(?P<name>\S.{1,60})$", re.I)
_NAME = re.compile(
    r"^[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]*(?:\s+(?:[A-ZÀ-ÖØ-ÞА-Я][\w.'’-]*|de|da|van|von))" r"{0,3}$"
)
_TERMINAL = (".", "!", "?", ":", ";", ",")
# Menus and bylines (" | ", " · ", " / "), links, two sentences ("... advertiser. All ...").
_NOT_HEADLINE = re.compile(r" [|·/] |https?:|www\.|\w@\w|[a-z]{2}\. [A-Z]")


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def find_title(lines: list[str], p: np.ndarray) -> str | None:
    """A headline-shaped line that the page repeats near its top, or that heads the article.

    The second is a guess, so it refuses whatever looks like page furniture (a call to action,
    a subscription, cookie or newsletter prompt, a menu, a byline, a link): when the lines
    before the article hold no clean headline, the page has no title rather than a wrong one.
    """
    top = lines[: max(10, len(lines) // 2)]
    counts = Counter(top)
    for line in top:
        if (
            counts[line] > 1
            and 3 <= _words(line) <= 30
            and not line.endswith(_TERMINAL)
            and not line.startswith(("*", "+ ", "o "))
            and not rules.kind_of(line, _words(line))
            and not rules.CALL_TO_ACTION.search(line)
        ):
            return line
    first = next((i for i, q in enumerate(p.tolist()) if q > 0.5 and _words(lines[i]) > 15), None)
    if first is None:
        return None
    for line in lines[max(first - 5, 0) : first][::-1]:
        if not 4 <= _words(line) <= 25 or line.endswith(_TERMINAL) or not line[:1].isupper():
            continue  # not headline-shaped
        if _BY.match(line) or rules.kind_of(line, _words(line)) == "post_meta" or parse_date(line):
            continue  # a byline or dateline: the headline may sit above it
        return None if _furniture(line) else line  # furniture before the article: unsure
    return None


def _furniture(line: str) -> bool:
    """Page furniture to the rules or to the line classifier's vocabulary, or not one headline."""
    return bool(
        rules.kind_of(line, _words(line))
        or rules.CALL_TO_ACTION.search(line)
        or furniture_words(line)  # "subscribe", "sign in", "menu", "cookies", "trending"...
        or _NOT_HEADLINE.search(line)
    )


def find_section(lines: list[str]) -> str | None:
    """The breadcrumb's last step before the article ("Home > World" or "HomeWorld")."""
    for line in lines[:60]:
        m = _HOME.match(line)
        if not m or len(line) > 80:
            continue
        rest = line[m.end() :].strip()
        glued = m.end() == 4 and rest[:1].isupper()  # "HomeRussia & Former Soviet Union"
        if not rest or not (glued or m.group().strip() != line[:4].strip() or _CRUMB.search(line)):
            continue
        crumbs = [c for c in _CRUMB.split(rest) if c]
        if crumbs:
            return crumbs[-1]
    return None


def find_date(lines: list[str], first_article: int) -> str | None:
    """The first date in the lines around the article's start (bylines, datelines)."""
    lo, hi = max(first_article - 15, 0), min(first_article + 3, len(lines))
    for line in lines[:hi][lo:] + lines[:lo]:
        if _words(line) <= 14:
            iso = parse_date(line)
            if iso:
                return iso
    return None


def find_author(lines: list[str], first_article: int) -> str | None:
    lo, hi = max(first_article - 15, 0), min(first_article + 2, len(lines))
    for i in range(lo, hi):
        m = _BY.match(lines[i])
        name = m.group("name").strip() if m else None
        if lines[i].lower() in ("by", "von", "por", "par") and i + 1 < len(lines):
            name = lines[i + 1]
        if name:
            name = re.split(r"\s*(?:[|,•·]|\band\b|\d)", name)[0].strip()
            if _NAME.match(name):
                return name
    return None


def clean_dump(
    text: str, threshold: float = 0.5, furniture: Furniture | None = None
) -> tuple[list[str], dict]:
    """(article paragraphs, metadata) of a whole-page text dump."""
    lines = split_lines(text)
    if not lines:
        return [], {}
    own, lowered = page_features(lines, guess_stoplist(text))
    p = load_model("dump").predict(own)
    title = find_title(lines, p)
    keep = keep_mask(lines, p, threshold, furniture, title, lowered=lowered)
    first = next((i for i, k in enumerate(keep) if k), 0)
    meta = {
        "title": title,
        "published_at": find_date(lines, first),
        "section": find_section(lines),
        "author": find_author(lines, first),
    }
    return [line for line, k in zip(lines, keep, strict=True) if k], meta
