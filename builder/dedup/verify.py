"""Verification of a candidate pair by shingle overlap that sees containment.

Jaccard cannot see that a teaser holding 60 % of an article is a copy of it: the union is
dominated by the part the teaser lacks. Containment (shared shingles over the smaller set) can.

Containment alone would also call an index page that quotes a short article a copy of it. Two
floors separate them. The share of the larger document covered (`coverage`) must clear a low
floor. And a partial copy (coverage below `partial`) must be a *leading* part of the larger
document: a teaser or truncated copy keeps an article's opening, so what the larger one adds
comes after the shared text; an index page has other articles' openings before and after the
quoted one. `offset` measures that: the share of the larger document's own shingles that come
before the middle of the shared text. Last, a larger document that also holds the opening
lines of documents it was never paired with is a page quoting several articles
(`builder/dedup/openings.py`), not a copy of the one it contains.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from builder.dedup.config import DedupConfig
from builder.dedup.features import opening_keys_of_words, shingles_of_words, words


@dataclass(frozen=True)
class Shingles:
    sequence: np.ndarray  # uint64 shingle hashes in text order
    distinct: np.ndarray  # the same, sorted and distinct
    lines: np.ndarray  # opening keys of the text's long lines

    @classmethod
    def of(cls, text: str, size: int, lead_words: int) -> Shingles:
        # Words never span a line break, so the text's words are its lines' words in a row:
        # one tokenisation serves both the shingles and the opening keys.
        lines = [words(line) for line in text.split("\n")]
        sequence = shingles_of_words([w for line in lines for w in line], size)
        keys = np.array(opening_keys_of_words(lines, lead_words), dtype=np.uint64)
        return cls(sequence, np.unique(sequence), keys)


@dataclass(frozen=True)
class Overlap:
    containment: float  # shared / smaller set
    coverage: float  # shared / larger set
    jaccard: float  # shared / union
    offset: float  # share of the larger one's unshared shingles before the shared middle
    a_larger: bool = True  # which of the two is the larger one


NONE = Overlap(0.0, 0.0, 0.0, 1.0)


def overlap(a: Shingles, b: Shingles) -> Overlap:
    """How much two documents share, and where the shared text sits in the larger one."""
    if len(a.distinct) == 0 or len(b.distinct) == 0:
        return NONE
    small, large = sorted((a, b), key=lambda s: len(s.distinct))
    shared = int(_members(large.distinct, small.distinct).sum())
    n_small, n_large = len(small.distinct), len(large.distinct)
    return Overlap(
        containment=shared / n_small,
        coverage=shared / n_large,
        jaccard=shared / (n_small + n_large - shared),
        offset=_offset(large.sequence, small.distinct),
        a_larger=large is a,
    )


def _offset(sequence: np.ndarray, other: np.ndarray) -> float:
    """Unshared shingles before the middle of the shared text, over all unshared ones.

    The middle (median shared position), not the first shared shingle: a site's header shared by
    an index page and an article would otherwise mark the start of the shared text.
    """
    shared = _members(other, sequence)
    unshared = int((~shared).sum())
    positions = np.flatnonzero(shared)
    if unshared == 0 or len(positions) == 0:
        return 0.0 if unshared == 0 else 1.0
    middle = int(positions[len(positions) // 2])
    return int((~shared[:middle]).sum()) / unshared


def _members(sorted_distinct: np.ndarray, values: np.ndarray) -> np.ndarray:
    """np.isin(values, sorted_distinct), by binary search: no sort of the two together."""
    if len(sorted_distinct) == 0:
        return np.zeros(len(values), dtype=bool)
    at = np.minimum(np.searchsorted(sorted_distinct, values), len(sorted_distinct) - 1)
    return sorted_distinct[at] == values


def is_duplicate(found: Overlap, cfg: DedupConfig) -> bool:
    """The documented rule: a same-size rewrite, or most of one is a leading part of the other."""
    if found.jaccard >= cfg.jaccard:
        return True
    if found.containment < cfg.containment or found.coverage < cfg.coverage:
        return False
    return found.coverage >= cfg.partial or found.offset <= cfg.offset


def by_containment(found: Overlap, cfg: DedupConfig) -> bool:
    """Accepted as a part of the larger one (not as a same-size rewrite): the case in which a
    larger one that quotes other documents' openings is an index page, not a copy."""
    return found.jaccard < cfg.jaccard and is_duplicate(found, cfg)
