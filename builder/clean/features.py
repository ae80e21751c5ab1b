"""Per-line features of a page rendered as lines (a dump, or our own render of the HTML).

Only signals that survive without a DOM: length, punctuation, stop-word density, letter case,
bullets, boilerplate vocabulary, repetition within the page, position, and the same for the
neighbouring lines (a short line between two long article lines is likely article).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from itertools import repeat

import numpy as np

_WORD = re.compile(r"\w+")
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


def furniture_words(line: str) -> int:
    """How many of the classifier's furniture words and pairs ("subscribe", "sign in") a line
    holds: the vocabulary behind its furniture_words feature."""
    words = _WORD.findall(line.lower())
    pairs = zip(words, words[1:], strict=False)
    return sum(map(_FURNITURE_WORDS.__contains__, words)) + sum(
        map(_FURNITURE_PAIRS.__contains__, pairs)
    )


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


# One byte per character: the character classes the features count, one bit each.
_BITS = ("alpha", "upper", "digit", "word", "cjk", "space", "comma", "pipe")
_ALPHA, _UPPER, _DIGIT, _WORDCHAR, _CJKCHAR, _SPACE, _COMMA, _PIPE = (1 << i for i in range(8))
_HEAD = 160  # character shares are stable after a sentence or two: read only a line's head


def _char_flags(c: str) -> int:
    """The character's classes as _BITS (the str methods and regexes the features mean)."""
    return (
        (_ALPHA if c.isalpha() else 0)
        | (_UPPER if c.isupper() else 0)
        | (_DIGIT if c.isdigit() else 0)
        | (_WORDCHAR if c.isalnum() or c == "_" else 0)  # what the regex \w matches
        | (_CJKCHAR if _CJK.match(c) else 0)
        | (_SPACE if c == " " else 0)
        | (_COMMA if c == "," else 0)
        | (_PIPE if c == "|" else 0)
    )


@lru_cache(maxsize=1)
def _bmp_flags() -> np.ndarray:
    """_char_flags of every character of the Basic Multilingual Plane (built once, ~30 ms)."""
    return np.fromiter((_char_flags(chr(i)) for i in range(0x10000)), np.uint8, 0x10000)


def _flags(codes: np.ndarray) -> np.ndarray:
    """_char_flags per code point: a table lookup, and str methods for the rare astral ones."""
    flags = np.take(_bmp_flags(), codes, mode="clip")
    if len(codes) and codes.max() > 0xFFFF:
        astral = np.flatnonzero(codes > 0xFFFF)
        flags[astral] = [_char_flags(chr(c)) for c in codes[astral].tolist()]
    return flags


@lru_cache(maxsize=64)
def _word_bits(stop: frozenset[str]) -> dict[str, int]:
    """Lowercased word -> bits: 1 stop word, 2 furniture word, 4/8 first/second of a pair."""
    bits = dict.fromkeys(stop, 1)
    for word in _FURNITURE_WORDS:
        bits[word] = bits.get(word, 0) | 2
    for first, second in _FURNITURE_PAIRS:
        bits[first] = bits.get(first, 0) | 4
        bits[second] = bits.get(second, 0) | 8
    return bits


def own_features(lines: list[str], stop: frozenset[str]) -> np.ndarray:
    """One row of N_OWN features per line."""
    return page_features(lines, stop)[0]


def page_features(lines: list[str], stop: frozenset[str]) -> tuple[np.ndarray, list[list[str]]]:
    """own_features, and each line's lowercased words (lower_words), which the rules read too.

    Computed for the whole page at once, so that Python does not loop over characters or
    words: the page is one array of code points whose classes come from a table, counted per
    line by cumulative sums; its words are found in one regex pass and looked up in one map.
    """
    n = len(lines)
    x = np.zeros((n, N_OWN))
    if n == 0:
        return x, []
    text = "\n".join(lines) + "\n"
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    lens = np.fromiter(map(len, lines), np.int64, n)
    first = np.cumsum(lens + 1) - (lens + 1)  # where each line starts in `codes`
    flags = _flags(codes)
    bits = np.unpackbits(flags[None, :], axis=0, bitorder="little").view(bool)  # (8, chars)
    word = bits[3]
    starts = word.copy()  # first characters of words
    starts[1:] &= ~word[:-1]
    spaced = np.zeros(len(codes), dtype=bool)  # " · " and " / ": menu and byline separators
    mid = codes[1:-1]
    spaced[:-2] = (codes[:-2] == 32) & ((mid == 0xB7) | (mid == 0x2F)) & (codes[2:] == 32)
    cols = np.vstack([bits, starts, starts & bits[1], spaced])
    # Sums over each line's head and over the rest of it (the head ends before the "\n").
    bounds = np.empty(2 * n, dtype=np.int64)
    bounds[0::2] = first
    bounds[1::2] = first + np.minimum(lens, _HEAD)
    parts = np.add.reduceat(cols, bounds, axis=1, dtype=np.int64).astype(np.float64)
    head = parts[:, 0::2]
    whole = head + parts[:, 1::2]
    n_raw, titled = whole[8], whole[9]  # len(_WORD.findall(line)), words starting upper case
    n_cjk = whole[4]
    n_words = n_raw + n_cjk / 2.0
    words, per_line = _lowered_words(text, lines, word, n_raw.astype(np.int64))
    stops, furniture = _word_counts(words, per_line, stop)
    has_words = n_raw > 0
    per_word = np.where(has_words, n_raw, 1.0)
    letters = np.maximum(head[0], 1.0)
    upper, digits, spaces = head[1], head[2], head[5]
    n_head = np.minimum(lens, _HEAD).astype(np.float64)
    counts = Counter(lines)
    log_words = np.log1p(n_words)
    x[:, 0] = 1.0
    x[:, 1] = log_words
    x[:, 2] = np.log1p(lens)
    x[:, 3] = [line[-1] in _TERMINAL for line in lines]
    x[:, 4] = [line[-1] == ":" for line in lines]
    x[:, 5] = np.where(has_words, stops / per_word, 0.0)
    x[:, 6] = np.log1p(stops)
    x[:, 7] = [m is not None for m in map(_BULLET.match, lines)]
    x[:, 8] = digits / n_head
    x[:, 9] = upper / letters
    x[:, 10] = np.where(has_words, titled / per_word, 0.0)
    x[:, 11] = np.maximum(n_head - (letters + digits + spaces), 0.0) / n_head
    x[:, 12] = whole[6] / np.where(n_words == 0, 1.0, n_words)
    x[:, 13] = np.minimum(furniture, 3.0) / (1.0 + log_words)
    x[:, 14] = (whole[7] + whole[10]) > 0
    x[:, 15] = [counts[line] > 1 for line in lines]
    for i in np.flatnonzero((n_words < 12) & (digits > 0)).tolist():
        x[i, 16] = 1.0 if _DATE.search(lines[i]) else 0.0
    x[:, 17] = n_cjk > lens / 3
    x[:, 18] = np.where(has_words, whole[3] / per_word / 10, 0.0)  # mean word length / 10
    pos = np.arange(n) / max(n - 1, 1)
    x[:, 19] = pos
    x[:, 20] = pos**4
    x[:, 21] = n_words <= 3
    x[:, 22] = n_words >= 25
    ends = np.cumsum(per_line).tolist()
    return x, [words[end - k : end] for end, k in zip(ends, per_line.tolist(), strict=True)]


def _keep_only(text: str, keep: np.ndarray) -> str:
    """`text` with the characters not in `keep` (a mask per character) made spaces."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    return np.where(keep, codes, np.uint32(32)).tobytes().decode("utf-32-le", "surrogatepass")


def lower_words(lines: list[str]) -> list[list[str]]:
    """_WORD.findall(line.lower()) of each line, in one pass over the page (see _lowered_words)."""
    text = "\n".join(lines)
    lower = text.lower()
    if not lines or len(lower) != len(text) or text.count("\n") != len(lines) - 1:
        return [_WORD.findall(line.lower()) for line in lines]
    codes = np.frombuffer(lower.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    keep = ((_flags(codes) & _WORDCHAR) > 0) | (codes == 10)
    return [line.split() for line in _keep_only(lower, keep).split("\n")]


def _lowered_words(
    text: str, lines: list[str], word: np.ndarray, n_raw: np.ndarray
) -> tuple[list[str], np.ndarray]:
    """The page's lowercased words in order, and how many each line holds.

    Lowercasing never turns a word character into a non-word one or back, so when it keeps
    the text's length the lowercased words sit where the words do (`word`, per character):
    blank out the rest and split. Otherwise (a rare "İ" that becomes two characters) each line
    is lowercased and split by the regex on its own.
    """
    lower = text.lower()
    if len(lower) == len(text):
        return _keep_only(lower, word).split(), n_raw
    per_line = [_WORD.findall(line.lower()) for line in lines]
    return [w for ws in per_line for w in ws], np.array([len(ws) for ws in per_line], np.int64)


def _word_counts(
    words: list[str], per_line: np.ndarray, stop: frozenset[str]
) -> tuple[np.ndarray, np.ndarray]:
    """Stop words and furniture words (and pairs) per line, over the lowercased words."""
    n = len(per_line)
    word_line = np.repeat(np.arange(n), per_line)
    table = _word_bits(stop)
    bits = np.fromiter(map(table.get, words, repeat(0)), np.uint8, len(words))
    stops = np.bincount(word_line, weights=bits & 1, minlength=n)
    furniture = np.bincount(word_line, weights=(bits >> 1) & 1, minlength=n)
    maybe = ((bits[:-1] & 4) > 0) & ((bits[1:] & 8) > 0) & (word_line[:-1] == word_line[1:])
    for i in np.flatnonzero(maybe).tolist():  # a pair counts within one line, on its line
        if (words[i], words[i + 1]) in _FURNITURE_PAIRS:
            furniture[word_line[i]] += 1
    return stops, furniture


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
