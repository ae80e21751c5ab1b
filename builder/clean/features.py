"""Per-line features of a page rendered as lines (a dump, or our own render of the HTML).

Only signals that survive without a DOM: length, punctuation, stop-word density, letter case,
bullets, boilerplate vocabulary, repetition within the page, position, and the same for the
neighbouring lines (a short line between two long article lines is likely article).
"""

from __future__ import annotations

import math
import re
from operator import itemgetter

import numpy as np

_WORD = re.compile(r"\w+")
_FIRST = itemgetter(0)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_BULLET = re.compile(r"^(?:[*+o•·▪◦‣–-]|\d{1,2}[.)])\s")
_TERMINAL = frozenset('.!?。！？…"”’»)')
_DATE = re.compile(
    r"\b(?:\d{1,2}[./-]\d{1,2}[./-]\d{2,4}|\d{4}-\d{2}-\d{2}|"
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2},? \d{4}|"
    r"\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*,? \d{4})\b",
    re.IGNORECASE,
)
# Words that mark page furniture in most sites; English first, as most of the web is.
_FURNITURE_WORDS = frozenset(
    (
        "cookie",
        "cookies",
        "subscribe",
        "subscription",
        "newsletter",
        "register",
        "share",
        "tweet",
        "advertisement",
        "advertising",
        "advertise",
        "sponsored",
        "copyright",
        "privacy",
        "related",
        "recommended",
        "trending",
        "comment",
        "comments",
        "reply",
        "download",
        "javascript",
        "menu",
        "search",
        "home",
        "sitemap",
        "rss",
        "podcast",
        "podcasts",
        "video",
        "videos",
        "photo",
        "photos",
        "image",
        "images",
        "credit",
        "getty",
        "reuters",
        "afp",
        "shutterstock",
        "login",
    )
)
_FURNITURE_PAIRS = frozenset(
    tuple(pair.split())
    for pair in (
        "sign in",
        "sign up",
        "log in",
        "follow us",
        "all rights",
        "rights reserved",
        "terms of",
        "read more",
        "most read",
        "most popular",
        "click here",
        "app store",
        "google play",
        "skip to",
        "contact us",
        "about us",
    )
)


def _furniture_words(lower: list[str]) -> int:
    n = sum(map(_FURNITURE_WORDS.__contains__, lower))
    if len(lower) > 1:
        n += sum(map(_FURNITURE_PAIRS.__contains__, zip(lower, lower[1:], strict=False)))
    return n


NAMES = (
    "bias",
    "log_words",
    "log_chars",
    "terminal",
    "colon_end",
    "stop_share",
    "log_stops",
    "bullet",
    "digit_share",
    "upper_share",
    "title_share",
    "punct_share",
    "commas_per_word",
    "furniture_words",
    "pipes",
    "repeats",
    "date",
    "cjk",
    "mean_word_len",
    "position",
    "position_end",
    "short",
    "long",
)
N_OWN = len(NAMES)


def _own(line: str, stop: frozenset[str], counts: dict[str, int]) -> list[float]:
    words = _WORD.findall(line)
    n_chars = len(line)
    cjk = len(_CJK.findall(line)) if not line.isascii() else 0
    n_words = len(words) + cjk / 2.0 if cjk else len(words)
    lower = _WORD.findall(line.lower()) if not line.islower() else words
    stops = sum(map(stop.__contains__, lower)) if stop else 0
    head = line[:160]  # character shares are stable after a sentence or two: save the time
    letters = sum(map(str.isalpha, head)) or 1
    upper = sum(map(str.isupper, head))
    digits = sum(map(str.isdigit, head))
    alnum_space = letters + digits + head.count(" ")
    n_head = len(head)
    titled = sum(map(str.isupper, map(_FIRST, words)))
    last = line[-1]
    return [
        1.0,
        math.log1p(n_words),
        math.log1p(n_chars),
        1.0 if last in _TERMINAL else 0.0,
        1.0 if last == ":" else 0.0,
        stops / len(words) if words else 0.0,
        math.log1p(stops),
        1.0 if _BULLET.match(line) else 0.0,
        digits / n_head,
        upper / letters,
        titled / len(words) if words else 0.0,
        max(n_head - alnum_space, 0) / n_head,
        line.count(",") / (n_words or 1),
        min(_furniture_words(lower), 3) / (1.0 + math.log1p(n_words)),
        1.0 if ("|" in line or " · " in line or " / " in line) else 0.0,
        1.0 if counts.get(line, 0) > 1 else 0.0,
        1.0 if n_words < 12 and digits and _DATE.search(line) else 0.0,
        1.0 if cjk > n_chars / 3 else 0.0,
        (sum(map(len, words)) / len(words)) / 10 if words else 0.0,
        0.0,  # position, filled in by the caller
        0.0,
        1.0 if n_words <= 3 else 0.0,
        1.0 if n_words >= 25 else 0.0,
    ]


def own_features(lines: list[str], stop: frozenset[str]) -> np.ndarray:
    """One row of N_OWN features per line."""
    counts: dict[str, int] = {}
    for line in lines:
        counts[line] = counts.get(line, 0) + 1
    rows = [_own(line, stop, counts) for line in lines]
    x = np.array(rows, dtype=np.float64).reshape(len(lines), N_OWN)
    if len(lines):
        pos = np.arange(len(lines)) / max(len(lines) - 1, 1)
        x[:, NAMES.index("position")] = pos
        x[:, NAMES.index("position_end")] = pos**4
    return x


def window_mean(values: np.ndarray, radius: int) -> np.ndarray:
    """Mean of each row's neighbours within `radius` lines (itself excluded), edges padded 0."""
    n = len(values)
    if n == 0:
        return values
    pad = np.zeros((radius,) + values.shape[1:])
    padded = np.concatenate([pad, values, pad])
    csum = np.concatenate([np.zeros((1,) + values.shape[1:]), np.cumsum(padded, axis=0)])
    total = csum[2 * radius + 1 : 2 * radius + 1 + n] - csum[:n]
    return (total - values) / (2 * radius)


def shift(values: np.ndarray, by: int) -> np.ndarray:
    """Row i gets row i-by (zeros off the edge): the previous (by=1) or next (by=-1) line."""
    out = np.zeros_like(values)
    if by > 0:
        out[by:] = values[:-by]
    elif by < 0:
        out[:by] = values[-by:]
    return out
