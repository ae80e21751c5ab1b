"""Stop-word lists (jusText's, shipped in its wheel) and a guess of a page's stop-list.

Stop-word density is the best language-neutral signal that a line is prose rather than a menu
(jusText's idea). We only need to know which list fits the page, not the language itself, so the
guess is the list with the most hits among the page's words, discounted a little by the list's
size (a 6,000-word Finnish list otherwise out-hits the 450-word English one on English text).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from itertools import repeat

import numpy as np

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class _Index:
    """Every stop word of every list and the lists holding it: list_of[start[w] : start[w + 1]]."""

    names: tuple[str, ...]
    sizes: np.ndarray  # per list: a discount for its size
    word_id: dict[str, int]
    start: np.ndarray
    list_of: np.ndarray


@lru_cache(maxsize=1)
def _index() -> _Index:
    """Built once per process from justext's lists; immutable, so safe in workers."""
    import justext

    names = tuple(sorted(justext.get_stoplists()))
    owners: dict[str, list[int]] = {}
    sizes = []
    for i, name in enumerate(names):
        words = {w.lower() for w in justext.get_stoplist(name)}
        sizes.append(max(len(words), 1) ** 0.15)
        for word in words:
            owners.setdefault(word, []).append(i)
    lists = list(owners.values())
    return _Index(
        names,
        np.array(sizes),
        {w: i for i, w in enumerate(owners)},
        np.cumsum([0] + [len(ix) for ix in lists]),
        np.array([i for ix in lists for i in ix], dtype=np.int64),
    )


@lru_cache(maxsize=128)
def stoplist(name: str) -> frozenset[str]:
    import justext

    return frozenset(w.lower() for w in justext.get_stoplist(name))


def guess_stoplist_name(text: str, max_words: int = 3000) -> str | None:
    """The best-fitting list for the first words of the text; None when none fits (CJK)."""
    index = _index()
    words = _WORD.findall(text[: max_words * 8].lower())[:max_words]
    seen = Counter(words)
    ids = np.fromiter(map(index.word_id.get, seen, repeat(-1)), np.int64, len(seen))
    counts = np.fromiter(seen.values(), np.float64, len(seen))[ids >= 0]
    ids = ids[ids >= 0]
    if not len(ids):
        return None
    # Each word's count goes to every list that holds it.
    first, last = index.start[ids], index.start[ids + 1]
    owned = np.repeat(np.arange(len(ids)), last - first)
    at = np.arange(len(owned)) - np.repeat(np.cumsum(last - first) - (last - first), last - first)
    lists = index.list_of[first[owned] + at]
    hits = np.bincount(lists, weights=counts[owned], minlength=len(index.names))
    score = hits / index.sizes
    best = int(np.flatnonzero(score == score.max())[0])  # ties: the first list by name
    return index.names[best] if hits[best] >= max(3, 0.05 * len(words)) else None


def guess_stoplist(text: str, max_words: int = 3000) -> frozenset[str]:
    name = guess_stoplist_name(text, max_words)
    return stoplist(name) if name else frozenset()


_LANG_ATTR = re.compile(r"<html\b[^>]*?\blang\s*=\s*[\"']?([a-zA-Z]{2,3})", re.I)
_BY_CODE = {
    "en": "English",
    "de": "German",
    "fr": "French",
    "es": "Spanish",
    "pt": "Portuguese",
    "it": "Italian",
    "nl": "Dutch",
    "ru": "Russian",
    "pl": "Polish",
    "sv": "Swedish",
    "da": "Danish",
    "fi": "Finnish",
    "cs": "Czech",
    "sk": "Slovak",
    "hu": "Hungarian",
    "ro": "Romanian",
    "tr": "Turkish",
    "uk": "Ukrainian",
    "el": "Greek",
    "bg": "Bulgarian",
    "hr": "Croatian",
    "sl": "Slovenian",
    "et": "Estonian",
    "lv": "Latvian",
    "lt": "Lithuanian",
    "ca": "Catalan",
    "id": "Indonesian",
    "vi": "Vietnamese",
}


def declared_stoplist(html: str) -> frozenset[str] | None:
    """The stop-list of the page's declared language (<html lang>), None when not declared.

    Cheaper than guessing; pages rarely mis-declare at the language (not region) level.
    """
    m = _LANG_ATTR.search(html, 0, 4000)
    name = _BY_CODE.get(m.group(1).lower()[:2]) if m else None
    return stoplist(name) if name else None
