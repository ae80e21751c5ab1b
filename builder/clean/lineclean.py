"""The line cleaner shared by text dumps and the fast HTML mode.

Input: a page as lines and the classifier's probability per line. Output: the article lines.
The classifier decides most lines; then named furniture rules, cross-page furniture, repeats
within the page (teaser pairs, duplicated "Top stories" blocks), the title, and comment sections
are taken out. A page always yields its most article-like lines rather than nothing.
"""

from __future__ import annotations

import re
from collections import Counter

import numpy as np

from builder.clean import rules
from builder.clean.features import lower_words
from builder.clean.furniture import Furniture

_WORD = re.compile(r"\w+")
_TAIL_TAG = re.compile(r"\s+[A-Z]{3,}$")  # "Headline FEATURE", "Headline VIDEO"
_BULLET = re.compile(r"^[*+o•-]\s+")
_BYLINE = re.compile(r"^(?:by|posted by|von|por|par)\b|\b0 \w+$", re.I)  # "by X 0 Comments"


def _key(line: str) -> str:
    """A line as compared for repeats: without its bullet or a trailing "FEATURE"-like tag."""
    if line[:1] in "*+o•-":
        line = _BULLET.sub("", line)
    if line[-1:].isupper():
        line = _TAIL_TAG.sub("", line)
    return line.casefold()


def keep_mask(
    lines: list[str],
    p: np.ndarray,
    threshold: float = 0.5,
    furniture: Furniture | None = None,
    title: str | None = None,
    end_ratio: float | None = 0.5,
    words: list[int] | None = None,
    lowered: list[list[str]] | None = None,
) -> list[bool]:
    """Which lines are article text.

    `end_ratio`: a "Related stories" heading ends the article only when what follows it is at
    most this share of what precedes it (None: always). Dumps need the guard, since sidebars
    with such headings sit anywhere in them; a main-content HTML render has few sidebars left.
    `words` (word counts) and `lowered` (lowercased words) per line: when the caller has them.
    """
    n = len(lines)
    if n == 0:
        return []
    if words is None:  # word counts per line, when the caller has not counted them already
        words = [len(_WORD.findall(line)) for line in lines]
    # A comment section ("X said:" twice or more) ends the article, however good it reads.
    end = rules.comments_start(lines)
    if end is None or end == 0 or sum(words[:end]) < 20:
        end = n
    probs = p.tolist()[:end]
    keep = [bool(q > threshold) for q in probs]
    if sum(w for w, k in zip(words, keep, strict=False) if k) < 25 and probs:
        # No confident article: keep the page's most article-like lines all the same.
        relative = max(max(probs) * 0.6, 0.03)
        keep = [bool(q >= relative) for q in probs]
    keep += [False] * (n - end)

    keys = [_key(line) for line in lines]
    repeats = Counter(keys)
    title_key = _key(title) if title else None
    kept = [i for i, k in enumerate(keep) if k]
    if lowered is None:  # each line's lowercased words, for the rules
        kept_words = lower_words([lines[i] for i in kept])
    else:
        kept_words = [lowered[i] for i in kept]
    for i, line_words in zip(kept, kept_words, strict=True):
        line = lines[i]
        kind = rules.kind_of(line, words[i], line_words)
        if kind or (title_key and keys[i] == title_key):
            keep[i] = False
        elif repeats[keys[i]] > 1 and words[i] < 30 and not _BULLET.match(line):
            keep[i] = False  # teaser pairs and repeated blocks (list items may repeat)
    for i, line in enumerate(lines):  # the headline next to a "Read more" marker
        if words[i] <= 4 and rules.READ_MORE.match(line):
            for j in (i - 1, i + 1):
                if 0 <= j < n and words[j] < 25 and not lines[j].endswith("."):
                    keep[j] = False

    for i, line in enumerate(lines):  # "Related stories", "You may also like": article over
        if words[i] <= 8 and rules.SECTION_END.match(_BULLET.sub("", line)):
            before = sum(w for w, k in zip(words[:i], keep[:i], strict=True) if k)
            after = sum(w for w, k in zip(words[i:], keep[i:], strict=True) if k)
            if before >= 50 and (end_ratio is None or after <= end_ratio * before):
                keep[i:] = [False] * (n - i)
                break

    for i, line in enumerate(lines):  # "34 responses to ...", "Top Rated Comments"
        if (
            words[i] <= 10
            and rules.COMMENT_SECTION.search(line)
            and not _BYLINE.search(line)
            and sum(1 for j in range(i) if keep[j] and p[j] > 0.8 and words[j] >= 15) >= 2
        ):
            keep[i:] = [False] * (n - i)
            break

    if furniture is not None and len(furniture):
        without = [k and line not in furniture for k, line in zip(keep, lines, strict=True)]
        if any(without):  # a page that is all furniture is a duplicate page, not furniture
            keep = without
    return keep
