"""Settings of the dedup stage: the TOML section `[dedup]`.

`exact` and `near` are public names (the engine and the lead's config read them). The LSH shape
(`bands` x `rows` = the permutations used) decides which pairs become candidates; the
containment floors decide which candidates are duplicates (see `builder/dedup/verify.py`).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DedupConfig:
    exact: bool = True  # same text after normalisation (case, whitespace, Unicode form)
    near: bool = True  # MinHash LSH candidates, verified by shingle containment
    paragraphs: bool = False  # drop paragraphs already seen in the same source (pass D)
    num_perm: int = 128  # MinHash permutations; bands * rows must not exceed it
    bands: int = 42  # 42 x 3: a pair with Jaccard 0.4 (a half-length teaser) meets with p 0.94
    rows: int = 3
    shingle: int = 5  # words per shingle (single characters for CJK and Thai)
    seed: int = 1  # MinHash seed: changing it changes every band key
    containment: float = 0.6  # shared shingles / the smaller document's shingles
    coverage: float = 0.35  # shared shingles / the larger document's shingles
    partial: float = 0.6  # below this coverage, the shared text must lead the larger document
    offset: float = 0.4  # at most this share of the larger one's own text may precede it
    jaccard: float = 0.8  # or: shared / union at least this (same-size rewrites)
    lead_words: int = 20  # a document's opening: its first line of at least this many words

    def __post_init__(self) -> None:
        if self.bands * self.rows > self.num_perm:
            raise ValueError(
                f"[dedup] bands * rows = {self.bands * self.rows} exceeds num_perm {self.num_perm}"
            )
        for name in ("containment", "coverage", "partial", "offset", "jaccard"):
            if not 0.0 <= getattr(self, name) <= 1.0:
                raise ValueError(f"[dedup] {name} must be between 0 and 1")
