"""The `[clean]` and `[quality]` sections of the build config.

Extraction and quality filtering are separate stages with separate sections, so that quality
thresholds can change without anyone touching the extractors.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CleanConfig:
    # "fast": resiliparse DOM pass + our line cleaner (about 6.5x trafilatura's pages/s).
    # "best": trafilatura (precision mode) + our post-filters, voted against the fast pass.
    # Default is "fast": extraction is most of a build's time, and fast is already better than
    # trafilatura alone on the dev set (see bench/RESULTS.md).
    html_mode: str = "fast"
    cross_page: bool = True  # learn per-source furniture from many dump pages (pass A)
    # A line is furniture of a source when it occurs on at least this share of the source's
    # pages and on at least `furniture_min_pages` of them.
    furniture_min_share: float = 0.1
    furniture_min_pages: int = 3
    furniture_max_lines: int = 200_000  # cap on the hash table learned per source
    # Line classifier decision threshold (probability that a dump line is article text).
    line_threshold: float = 0.5
    # Dates: declared metadata (meta tags, JSON-LD, <time>) always; htmldate's heuristics as a
    # fallback for pages that declare none. htmldate costs more than the whole fast pass on such
    # pages, so by default only `best` mode uses it.
    htmldate_fallback: str = "best"  # "best" | "always" | "never"


@dataclass(frozen=True)
class QualityConfig:
    enabled: bool = True
    # Gopher (Rae et al. 2021) and C4 (Raffel et al. 2020) style rules; a rule is off when its
    # threshold is 0 (for minimums) or 1.0 (for maximum shares).
    min_words: int = 50
    max_words: int = 100_000
    min_mean_word_length: float = 2.0  # Gopher: 3; lower for languages with short words
    max_mean_word_length: float = 12.0  # Gopher: 10; higher for agglutinative languages
    max_symbol_word_ratio: float = 0.1  # "#" and "..." per word
    min_alpha_word_share: float = 0.7  # Gopher: 80% of words hold a letter
    max_bullet_line_share: float = 0.9  # Gopher: lines starting with a bullet
    max_ellipsis_line_share: float = 0.3  # Gopher: lines ending with an ellipsis
    max_duplicate_line_share: float = 0.3  # Gopher: share of lines that repeat
    max_duplicate_line_char_share: float = 0.2
    max_top_2gram_char_share: float = 0.20  # Gopher: share of chars in the top 2-gram
    max_top_3gram_char_share: float = 0.18
    max_top_4gram_char_share: float = 0.16
    max_dup_5gram_char_share: float = 0.15  # Gopher: chars in repeated 5-grams
    max_dup_10gram_char_share: float = 0.10
    min_stop_words: int = 2  # Gopher: at least 2 English stop words (only for languages we know)
    reject_lorem_ipsum: bool = True  # C4: drop pages with "lorem ipsum"
