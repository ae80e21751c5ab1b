"""Pass C: duplicate clusters from the features of every kept document.

1. Rank every document by the representative rule (below); a document's rank is its node number.
2. Exact: documents with one exact key form a group; its best-ranked member is the group's head.
3. Near: heads sharing an LSH band key are candidate pairs; each pair is verified on the texts
   (loaded on demand, a batch at a time) by shingle containment; verified pairs are joined by
   union-find. A component's root is always its best-ranked node, its representative.

Representative rule (deterministic, the same on every run): documents of a parent release
(`pinned`) first, then the longest clean text (`n_chars`), then the earliest `fetched_at` (ISO
strings; missing ones last), then the smallest id. Pinned documents always stay, even when they
duplicate each other; every other member of a cluster names the representative it duplicates.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

import polars as pl

from builder.dedup.candidates import candidate_pairs
from builder.dedup.config import DedupConfig
from builder.dedup.verify import NONE, Overlap, Shingles, is_duplicate, overlap

TextLoader = Callable[[list[str]], dict[str, str]]
BATCH_IDS = 8192  # texts held in memory at once while verifying

RESULT_SCHEMA = {
    "id": pl.String,
    "cluster": pl.String,
    "duplicate_of": pl.String,
    "similarity": pl.Float64,
    "kind": pl.String,
}


def find_duplicates(
    features: pl.DataFrame,
    load_texts: TextLoader,
    cfg: DedupConfig,
    pinned: frozenset[str] = frozenset(),
) -> pl.DataFrame:
    """One row per input document: its cluster and, for a removed one, why it was removed."""
    if features.height == 0:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    ranked = rank(features, pinned)
    ids: list[str] = ranked["id"].to_list()
    keys: list[str | None] = ranked["exact_key"].to_list()
    if cfg.exact:
        heads = ranked.select(pl.col("node").min().over("exact_key")).to_series().to_list()
    else:
        heads = list(range(len(ids)))
    forest = UnionFind(len(ids))
    measured: dict[tuple[int, int], Overlap] = {}
    if cfg.near:
        is_head = pl.Series(heads) == ranked["node"]
        positions = ranked.filter(is_head)["position"]
        pairs = candidate_pairs(ranked.filter(is_head)["node"], features["bands"].gather(positions))
        texts = ShingleCache(ids, load_texts, cfg.shingle)
        edges = list(zip(pairs["a"].to_list(), pairs["b"].to_list(), strict=True))
        for edge, found in zip(edges, texts.overlaps(edges), strict=True):
            if is_duplicate(found, cfg):
                measured[edge] = found
                forest.union(*edge)
    for node, head in enumerate(heads):
        forest.union(head, node)
    roots = [forest.find(node) for node in range(len(ids))]
    if cfg.near:  # similarity of each near-duplicate head to its representative
        missing = sorted(
            {(r, h) for r, h in zip(roots, heads, strict=True) if r != h} - set(measured)
        )
        measured.update(zip(missing, texts.overlaps(missing), strict=True))
    is_pinned = ranked["pinned"].to_list()
    rows = []
    for node, doc_id in enumerate(ids):
        root = roots[node]
        if root == node or is_pinned[node]:
            rows.append((doc_id, ids[root], None, None, None))
        elif keys[node] == keys[root]:
            rows.append((doc_id, ids[root], ids[root], 1.0, "exact"))
        else:
            found = measured[(root, heads[node])]
            rows.append((doc_id, ids[root], ids[root], round(found.containment, 4), "near"))
    result = pl.DataFrame(rows, schema=RESULT_SCHEMA, orient="row")
    order = ranked["position"].arg_sort()
    return result[order]


def rank(features: pl.DataFrame, pinned: frozenset[str]) -> pl.DataFrame:
    """Features (less the band keys) sorted by the representative rule, numbered by `node`.

    Node 0 is the best; `position` is the row in `features`.
    """
    return (
        features.select("id", "exact_key", "n_chars", "fetched_at")
        .with_row_index("position")
        .with_columns(
            pinned=pl.col("id").is_in(list(pinned)),
            n_chars=pl.col("n_chars").fill_null(0),
        )
        .sort(
            ["pinned", "n_chars", "fetched_at", "id"],
            descending=[True, True, False, False],
            nulls_last=True,
            maintain_order=True,
        )
        .with_row_index("node")
    )


class UnionFind:
    """Disjoint sets over 0..n-1 whose root is always the smallest member."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, node: int) -> int:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = parent[node]
        return node

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)


class ShingleCache:
    """Shingle sets of the documents of a batch of pairs, read through the engine's loader."""

    def __init__(self, ids: list[str], load_texts: TextLoader, size: int) -> None:
        self.ids = ids
        self.load_texts = load_texts
        self.size = size

    def overlaps(self, pairs: Iterable[tuple[int, int]]) -> list[Overlap]:
        """Overlap of every pair, loading at most BATCH_IDS texts at a time."""
        results: list[Overlap] = []
        batch: list[tuple[int, int]] = []
        wanted: set[int] = set()
        for pair in pairs:
            if len(wanted) + sum(n not in wanted for n in pair) > BATCH_IDS:
                results.extend(self._measure(batch, wanted))
                batch, wanted = [], set()
            batch.append(pair)
            wanted.update(pair)
        results.extend(self._measure(batch, wanted))
        return results

    def _measure(self, batch: list[tuple[int, int]], wanted: set[int]) -> list[Overlap]:
        if not batch:
            return []
        texts = self.load_texts([self.ids[n] for n in sorted(wanted)])
        shingles = {
            n: Shingles.of(texts[self.ids[n]], self.size) for n in wanted if self.ids[n] in texts
        }
        return [
            overlap(shingles[a], shingles[b]) if a in shingles and b in shingles else NONE
            for a, b in batch
        ]
