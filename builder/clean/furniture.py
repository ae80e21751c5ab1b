"""Per-source page furniture: lines that recur across many pages of one source.

A build sees many pages of one source, so it can learn that source's navigation, footers and
"Top stories" blocks by counting on how many pages each line occurs. Only 64-bit hashes of lines
are kept, and the table is capped (lines seen once are pruned first), so memory stays small.
Learning is deterministic for a given page order; decisions depend only on counts.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import xxhash

from builder.clean.text import split_lines


def line_key(line: str) -> int:
    """The hash a line is counted under (case and digits folded: "3 hours ago" ~ "5 hours ago")."""
    folded = "".join("0" if c.isdigit() else c for c in line.casefold())
    return xxhash.xxh64_intdigest(folded.encode("utf-8", "surrogatepass"))


@dataclass(frozen=True)
class Furniture:
    keys: frozenset[int]
    pages: int  # how many pages it was learned from

    @classmethod
    def learn(
        cls,
        pages: Iterable[str],
        min_share: float = 0.1,
        min_pages: int = 3,
        max_lines: int = 200_000,
    ) -> Furniture:
        """Lines on at least `min_pages` pages and at least `min_share` of all pages."""
        learner = FurnitureLearner(min_share, min_pages, max_lines)
        for page in pages:
            learner.add(page)
        return learner.result()

    def __contains__(self, line: str) -> bool:
        return bool(self.keys) and line_key(line) in self.keys

    def __len__(self) -> int:
        return len(self.keys)


class FurnitureLearner:
    """Furniture.learn a page at a time, for a reader that meets a source's pages one by one."""

    def __init__(self, min_share: float = 0.1, min_pages: int = 3, max_lines: int = 200_000):
        self.min_share, self.min_pages, self.max_lines = min_share, min_pages, max_lines
        self.counts: dict[int, int] = {}
        self.pages = 0

    def add(self, page: str) -> None:
        self.pages += 1
        counts = self.counts
        for key in {line_key(line) for line in split_lines(page)}:
            counts[key] = counts.get(key, 0) + 1
        if len(counts) > self.max_lines:
            self.counts = _prune(counts, self.max_lines)

    def result(self) -> Furniture:
        need = max(self.min_pages, self.min_share * self.pages)
        return Furniture(frozenset(k for k, c in self.counts.items() if c >= need), self.pages)


def _prune(counts: dict[int, int], max_lines: int) -> dict[int, int]:
    """Drop the rarest lines until the table is at most half full (ties: smaller hash stays)."""
    keep = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))[: max_lines // 2]
    return dict(keep)
