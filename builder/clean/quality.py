"""The `quality` stage: Gopher/C4-style rules over the cleaned text, each with its own name.

Separate from extraction so that thresholds can change without re-extracting. A rejected page
carries the rule's name as its reason and the measured value as detail, for the ledger.
Rules follow Rae et al. 2021 (Gopher, appendix A) and Raffel et al. 2020 (C4).
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from builder.clean.config import QualityConfig
from builder.clean.stopwords import guess_stoplist
from builder.document import Document
from builder.stage import Stage

_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_BULLET = re.compile(r"^\s*(?:[*+•·▪◦‣–-]|\d{1,2}[.)])\s")
_ALPHA = re.compile(r"[^\W\d_]")


def _ngram_char_shares(words: list[str], n: int) -> tuple[float, float]:
    """(chars in the most frequent n-gram, chars in n-grams that occur more than once) / chars."""
    total = sum(len(w) for w in words) or 1
    grams = [tuple(words[i : i + n]) for i in range(len(words) - n + 1)]
    if not grams:
        return 0.0, 0.0
    counts = Counter(grams)
    top, top_count = counts.most_common(1)[0]
    top_share = sum(len(w) for w in top) * top_count / total if top_count > 1 else 0.0
    covered = [False] * len(words)
    for i, g in enumerate(grams):
        if counts[g] > 1:
            covered[i : i + n] = [True] * n
    dup = sum(len(w) for w, c in zip(words, covered, strict=True) if c) / total
    return top_share, dup


def check(text: str, cfg: QualityConfig) -> tuple[str, str] | None:
    """(rule name, detail) of the first rule the text breaks, or None when it passes."""
    words = text.split()
    cjk = len(_CJK.findall(text))
    n_words = len(words) + (cjk // 2 if cjk > len(text) / 4 else 0)
    lines = [line for line in text.split("\n") if line.strip()]
    rules: list[tuple[str, Callable[[], tuple[bool, str]]]] = [
        ("too_few_words", lambda: (n_words < cfg.min_words, f"{n_words} words")),
        ("too_many_words", lambda: (n_words > cfg.max_words, f"{n_words} words")),
    ]
    if cjk <= len(text) / 4 and words:
        mean = sum(len(w) for w in words) / len(words)
        rules.append(
            (
                "mean_word_length",
                lambda: (
                    not cfg.min_mean_word_length <= mean <= cfg.max_mean_word_length,
                    f"mean {mean:.1f} chars",
                ),
            )
        )
    if words:
        symbols = sum(w.count("#") for w in words) + text.count("...") + text.count("…")
        alpha = sum(1 for w in words if _ALPHA.search(w)) / len(words)
        rules += [
            ("symbol_ratio", lambda: (symbols / len(words) > cfg.max_symbol_word_ratio, "")),
            ("non_alpha_words", lambda: (alpha < cfg.min_alpha_word_share, f"{alpha:.2f} alpha")),
        ]
    if lines:
        bullets = sum(1 for line in lines if _BULLET.match(line)) / len(lines)
        ellipses = sum(1 for line in lines if line.rstrip().endswith(("...", "…"))) / len(lines)
        counts = Counter(lines)
        dup_lines = sum(c for c in counts.values() if c > 1) / len(lines)
        dup_chars = sum(len(x) * c for x, c in counts.items() if c > 1) / max(len(text), 1)
        rules += [
            ("bullet_lines", lambda: (bullets > cfg.max_bullet_line_share, f"{bullets:.2f}")),
            ("ellipsis_lines", lambda: (ellipses > cfg.max_ellipsis_line_share, f"{ellipses:.2f}")),
            ("duplicate_lines", lambda: (dup_lines > cfg.max_duplicate_line_share, "")),
            ("duplicate_line_chars", lambda: (dup_chars > cfg.max_duplicate_line_char_share, "")),
        ]
    lower = [w.lower() for w in words]
    for n, limit in (
        (2, cfg.max_top_2gram_char_share),
        (3, cfg.max_top_3gram_char_share),
        (4, cfg.max_top_4gram_char_share),
    ):
        rules.append((f"top_{n}gram", lambda n=n, limit=limit: _over(lower, n, limit, top=True)))
    for n, limit in ((5, cfg.max_dup_5gram_char_share), (10, cfg.max_dup_10gram_char_share)):
        rules.append(
            (f"duplicate_{n}grams", lambda n=n, limit=limit: _over(lower, n, limit, top=False))
        )
    if cfg.min_stop_words:
        rules.append(("few_stop_words", lambda: _few_stops(text, lower, cfg.min_stop_words)))
    if cfg.reject_lorem_ipsum:
        rules.append(("lorem_ipsum", lambda: ("lorem ipsum" in text.lower(), "")))
    for name, rule in rules:
        broken, detail = rule()
        if broken:
            return name, detail
    return None


def _over(words: list[str], n: int, limit: float, top: bool) -> tuple[bool, str]:
    if limit >= 1.0 or len(words) < n:
        return False, ""
    share = _ngram_char_shares(words, n)[0 if top else 1]
    return share > limit, f"{share:.2f} of chars"


def _few_stops(text: str, lower: list[str], minimum: int) -> tuple[bool, str]:
    stop = guess_stoplist(text)
    if not stop:  # no list for this language (CJK, rare languages): the rule cannot judge
        return False, ""
    hits = sum(1 for w in lower if w.strip(".,;:!?\"'()“”«»") in stop)
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
