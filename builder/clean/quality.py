"""The `quality` stage: Gopher/C4-style rules over the cleaned text, each with its own name.

Separate from extraction so that thresholds can change without re-extracting. A rejected page
carries the rule's name as its reason and the measured value as detail, for the ledger.
Rules follow Rae et al. 2021 (Gopher, appendix A) and Raffel et al. 2020 (C4).

Rules run in order and each measures only when the rules before it pass, so a page pays for the
costly n-gram rules only when it gets that far. Those count n-grams as integer ids in numpy
rather than as tuples of strings in a Counter: the same counts, with no Python object per
n-gram.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from functools import cache, partial
from itertools import count, repeat

import numpy as np

from builder.clean.config import QualityConfig
from builder.clean.stopwords import guess_stoplist
from builder.document import Document
from builder.stage import Stage

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_BULLET = re.compile(r"^\s*(?:[*+•·▪◦‣–-]|\d{1,2}[.)])\s")
_ALPHA = re.compile(r"[^\W\d_]")
_ELLIPSES = ("...", "…")
_QUOTES = ".,;:!?\"'()“”«»"

_Rule = Callable[[], tuple[bool, str]]


class _Words:
    """A page's words counted once, as ids into its distinct words, for every word-level rule.

    Rules then test each distinct word once (a page repeats most of its words) and count the
    lowercased words' n-grams as integer ids in numpy.
    """

    def __init__(self, words: list[str]):
        first: dict[str, int] = {}  # word -> where it first occurs
        seen = np.fromiter(map(first.setdefault, words, count()), np.int64, len(words))
        rank = np.empty(len(words), np.int64)
        rank[np.fromiter(first.values(), np.int64, len(first))] = np.arange(len(first))
        self.distinct = list(first)
        self.ids = rank[seen]  # word -> its rank among the distinct words
        self.counts = np.bincount(self.ids, minlength=len(first))
        self.lower = list(map(str.lower, self.distinct))
        lower_first: dict[str, int] = {}  # lowercased word -> the first distinct word's rank
        lower_ids = map(lower_first.setdefault, self.lower, count())
        self._grams = {1: (np.fromiter(lower_ids, np.int64, len(self.lower))[self.ids], len(first))}
        self.lens = np.fromiter(map(len, self.lower), np.int64, len(self.lower))[self.ids]
        self.chars = int(self.lens.sum()) or 1

    def how_many(self, passed: Iterable[object]) -> int:
        """How many words pass, from one truth value per distinct word (each tested once)."""
        mask = np.fromiter(map(bool, passed), bool, len(self.distinct))
        return int(self.counts[mask].sum())

    def grams(self, n: int) -> tuple[np.ndarray, int]:
        """Per start, an id of the lowercased n-gram there, below the bound returned.

        An n-gram is the pair (its first half, its second half), so its id is the rank of that
        pair among the pairs seen: exact, with no hashing and no collisions.
        """
        if n not in self._grams:
            head, tail = (n + 1) // 2, n // 2
            left, _ = self.grams(head)
            right, bound = self.grams(tail)
            starts = len(self.ids) - n + 1
            pairs = left[:starts] * bound + right[head : head + starts]  # below len(words) ** 2
            unique, ids = np.unique(pairs, return_inverse=True)
            self._grams[n] = ids, len(unique)
        return self._grams[n]

    def repeats(self, n: int) -> np.ndarray:
        """Per start, how often the n-gram there occurs in the text."""
        ids, bound = self.grams(n)
        return np.bincount(ids, minlength=bound)[ids]

    def top_share(self, n: int) -> float:
        """Chars in the most frequent n-gram (times its count) / chars; ties: the first seen."""
        repeats = self.repeats(n)
        top = int(repeats.max())
        if top < 2:
            return 0.0
        start = int(np.argmax(repeats == top))  # the first occurrence of the first one seen
        return int(self.lens[start : start + n].sum()) * top / self.chars

    def dup_share(self, n: int) -> float:
        """Chars in words that belong to some n-gram occurring more than once / chars."""
        repeated = (self.repeats(n) > 1).astype(np.int64)
        covered = np.convolve(repeated, np.ones(n, np.int64)) > 0  # any of its n n-grams
        return int(self.lens[covered].sum()) / self.chars


def check(text: str, cfg: QualityConfig) -> tuple[str, str] | None:
    """(rule name, detail) of the first rule the text breaks, or None when it passes."""
    words = text.split()
    cjk = len(_CJK.findall(text))
    n_words = len(words) + (cjk // 2 if cjk > len(text) / 4 else 0)
    counted = cache(lambda: _Words(words))
    rules: list[tuple[str, _Rule]] = [
        ("too_few_words", lambda: (n_words < cfg.min_words, f"{n_words} words")),
        ("too_many_words", lambda: (n_words > cfg.max_words, f"{n_words} words")),
    ]
    if cjk <= len(text) / 4 and words:
        rules.append(("mean_word_length", lambda: _mean_word_length(words, cfg)))
    if words:  # then some line holds more than whitespace too
        rules += _word_rules(text, words, counted, cfg) + _line_rules(text, cfg)
    for n, limit in (
        (2, cfg.max_top_2gram_char_share),
        (3, cfg.max_top_3gram_char_share),
        (4, cfg.max_top_4gram_char_share),
    ):
        over = partial(_ngram_share, words, counted, n, limit, top=True)
        rules.append((f"top_{n}gram", over))
    for n, limit in ((5, cfg.max_dup_5gram_char_share), (10, cfg.max_dup_10gram_char_share)):
        over = partial(_ngram_share, words, counted, n, limit, top=False)
        rules.append((f"duplicate_{n}grams", over))
    if cfg.min_stop_words:
        rules.append(("few_stop_words", lambda: _few_stops(text, counted, cfg.min_stop_words)))
    if cfg.reject_lorem_ipsum:
        rules.append(("lorem_ipsum", lambda: ("lorem ipsum" in text.lower(), "")))
    for name, rule in rules:
        broken, detail = rule()
        if broken:
            return name, detail
    return None


def _mean_word_length(words: list[str], cfg: QualityConfig) -> tuple[bool, str]:
    mean = sum(map(len, words)) / len(words)
    broken = not cfg.min_mean_word_length <= mean <= cfg.max_mean_word_length
    return broken, f"mean {mean:.1f} chars"


def _word_rules(
    text: str, words: list[str], counted: Callable[[], _Words], cfg: QualityConfig
) -> list[tuple[str, _Rule]]:
    def symbols() -> tuple[bool, str]:
        # A "#" is never whitespace, so counting it in the text counts it in the words.
        found = text.count("#") + text.count("...") + text.count("…")
        return found / len(words) > cfg.max_symbol_word_ratio, ""

    def alpha() -> tuple[bool, str]:
        share = counted().how_many(map(_ALPHA.search, counted().distinct)) / len(words)
        return share < cfg.min_alpha_word_share, f"{share:.2f} alpha"

    return [("symbol_ratio", symbols), ("non_alpha_words", alpha)]


def _line_rules(text: str, cfg: QualityConfig) -> list[tuple[str, _Rule]]:
    lines = [line for line in text.split("\n") if line.strip()]
    counts = cache(lambda: Counter(lines))

    def bullets() -> tuple[bool, str]:
        share = len(list(filter(_BULLET.match, lines))) / len(lines)
        return share > cfg.max_bullet_line_share, f"{share:.2f}"

    def ellipses() -> tuple[bool, str]:
        share = sum(map(str.endswith, map(str.rstrip, lines), repeat(_ELLIPSES))) / len(lines)
        return share > cfg.max_ellipsis_line_share, f"{share:.2f}"

    def dup_lines() -> tuple[bool, str]:
        share = sum(c for c in counts().values() if c > 1) / len(lines)
        return share > cfg.max_duplicate_line_share, ""

    def dup_chars() -> tuple[bool, str]:
        chars = sum(len(x) * c for x, c in counts().items() if c > 1)
        return chars / max(len(text), 1) > cfg.max_duplicate_line_char_share, ""

    return [
        ("bullet_lines", bullets),
        ("ellipsis_lines", ellipses),
        ("duplicate_lines", dup_lines),
        ("duplicate_line_chars", dup_chars),
    ]


def _ngram_share(
    words: list[str], counted: Callable[[], _Words], n: int, limit: float, top: bool
) -> tuple[bool, str]:
    if limit >= 1.0 or len(words) < n:
        return False, ""
    share = counted().top_share(n) if top else counted().dup_share(n)
    return share > limit, f"{share:.2f} of chars"


def _few_stops(text: str, counted: Callable[[], _Words], minimum: int) -> tuple[bool, str]:
    stop = guess_stoplist(text)
    if not stop:  # no list for this language (CJK, rare languages): the rule cannot judge
        return False, ""
    stripped = map(str.strip, counted().lower, repeat(_QUOTES))
    hits = counted().how_many(map(stop.__contains__, stripped))
    return hits < minimum, f"{hits} stop words"


class QualityStage(Stage):
    name = "quality"

    def __init__(self, cfg: QualityConfig):
        self.cfg = cfg

    def process(self, doc: Document) -> None:
        if not self.cfg.enabled:
            return
        broken = check(doc.text, self.cfg)
        if broken:
            doc.reject(self.name, broken[0], broken[1] or None)
