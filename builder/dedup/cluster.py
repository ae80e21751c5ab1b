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

from collections.abc import Callable, Iterator, Sequence

import numpy as np
import polars as pl

from builder.dedup.candidates import candidate_pairs
from builder.dedup.config import DedupConfig
from builder.dedup.openings import Openings
from builder.dedup.verify import NONE, Overlap, Shingles, by_containment, is_duplicate, overlap

TextLoader = Callable[[list[str]], dict[str, str]]
BATCH_IDS = 4096  # texts held in memory at once while verifying

_NO_LINES = np.empty(0, dtype=np.uint64)

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
    find_pairs: Callable[[pl.Series, pl.Series], pl.DataFrame] = candidate_pairs,
    progress: bool = False,
) -> pl.DataFrame:
    """One row per input document: its cluster and, for a removed one, why it was removed.

    `find_pairs` gives the candidate pairs from band keys; the Ray engine passes its shuffle.
    `progress` shows a bar of the candidate pairs verified.
    """
    if features.height == 0:
        return pl.DataFrame(schema=RESULT_SCHEMA)
    ranked = rank(features, pinned)
    nodes = np.arange(ranked.height, dtype=np.int64)
    if cfg.exact:
        heads = ranked.select(pl.col("node").min().over("exact_key")).to_series().to_numpy()
        heads = heads.astype(np.int64)
    else:
        heads = nodes.copy()
    forest = UnionFind(heads)
    similarity = np.full(ranked.height, np.nan)
    if cfg.near:
        texts = ShingleCache(ranked["id"], load_texts, cfg, progress)
        is_head = heads == nodes
        # Each features row's node when it heads its exact group, else null: the band keys are
        # read in place, one band at a time, never copied whole.
        row_node = np.zeros(ranked.height, dtype=np.uint32)
        row_node[ranked["position"].to_numpy()] = nodes
        row_head = np.zeros(ranked.height, dtype=bool)
        row_head[ranked["position"].to_numpy()] = is_head
        head_nodes = pl.Series(row_node).set(pl.Series(~row_head), None)
        pairs = find_pairs(head_nodes, features["bands"])
        openings = Openings(head_nodes, features["bands"], cfg.bands, pairs)
        edges = _by_component(pairs["a"].to_list(), pairs["b"].to_list(), ranked.height)
        measured: dict[tuple[int, int], float] = {}
        for edge, (found, lines) in zip(edges, texts.overlaps(edges), strict=True):
            if not is_duplicate(found, cfg):
                continue
            larger = edge[0] if found.a_larger else edge[1]
            if by_containment(found, cfg) and openings.quotes_others(larger, lines):
                continue
            measured[edge] = found.containment
            forest.union(*edge)
        roots = forest.roots()
        # How much each removed head shares with the representative it is reported against.
        removed = [(int(roots[h]), int(h)) for h in np.flatnonzero(is_head & (roots != nodes))]
        unmeasured = [pair for pair in removed if pair not in measured]
        measured.update(
            (pair, found.containment)
            for pair, (found, _) in zip(unmeasured, texts.overlaps(unmeasured), strict=True)
        )
        for root, head in removed:
            similarity[head] = measured[(root, head)]
    roots = forest.roots()
    return _result(ranked, roots, similarity[heads])


def _by_component(a: list[int], b: list[int], n: int) -> list[tuple[int, int]]:
    """The pairs grouped by the connected component of candidates they lie in, then by node.

    Verification loads a batch of texts at a time; grouped, a document's component is mostly
    verified in one batch, so its text is read and shingled once rather than once for every
    batch one of its pairs falls into (3.6x at 100,000 documents). Verdicts do not depend on
    the order pairs are verified in.
    """
    candidates = UnionFind(np.arange(n, dtype=np.int64))
    for x, y in zip(a, b, strict=True):
        candidates.union(x, y)
    roots = candidates.roots()
    order = np.lexsort((np.asarray(b), np.asarray(a), roots[np.asarray(a, dtype=np.int64)]))
    return [(a[i], b[i]) for i in order.tolist()]


def _result(ranked: pl.DataFrame, roots: np.ndarray, similarity: np.ndarray) -> pl.DataFrame:
    """Rows in input order; `similarity` is each node's head's containment in its root."""
    rep = pl.col("id").gather(pl.col("root"))
    removed = (pl.col("root") != pl.col("node")) & ~pl.col("pinned")
    exact = pl.col("exact_key") == pl.col("exact_key").gather(pl.col("root"))
    return (
        ranked.with_columns(root=pl.Series(roots, dtype=pl.UInt32), sim=pl.Series(similarity))
        .select(
            "position",
            "id",
            cluster=rep,
            duplicate_of=pl.when(removed).then(rep),
            similarity=pl.when(removed & exact)
            .then(1.0)
            .when(removed)
            .then(pl.col("sim").round(4)),
            kind=pl.when(removed & exact).then(pl.lit("exact")).when(removed).then(pl.lit("near")),
        )
        .sort("position")
        .drop("position")
    )


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
    """Disjoint sets over nodes 0..n-1 whose root is always the smallest member.

    Starts from a parent array (each node's exact-group head, never larger than the node).
    """

    def __init__(self, parent: np.ndarray) -> None:
        self.parent = parent.astype(np.int64)

    def find(self, node: int) -> int:
        parent = self.parent
        while parent[node] != node:
            parent[node] = parent[parent[node]]
            node = int(parent[node])
        return node

    def union(self, a: int, b: int) -> None:
        a, b = self.find(a), self.find(b)
        if a != b:
            self.parent[max(a, b)] = min(a, b)

    def roots(self) -> np.ndarray:
        """Every node's root, by pointer jumping over the whole array at once."""
        parent = self.parent
        while True:
            jumped = parent[parent]
            if np.array_equal(jumped, parent):
                return parent.copy()
            parent = self.parent = jumped


class ShingleCache:
    """Shingle sets of the documents of a batch of pairs, read through the engine's loader."""

    def __init__(
        self, ids: pl.Series, load_texts: TextLoader, cfg: DedupConfig, progress: bool = False
    ) -> None:
        self.ids = ids
        self.load_texts = load_texts
        self.cfg = cfg
        self.progress = progress

    def overlaps(self, pairs: Sequence[tuple[int, int]]) -> Iterator[tuple[Overlap, np.ndarray]]:
        """Overlap of every pair and the larger one's line keys, BATCH_IDS texts at a time
        (a generator: only one batch's results are held)."""
        from tqdm import tqdm

        batch: list[tuple[int, int]] = []
        wanted: set[int] = set()
        bar = tqdm(desc="dedup", unit=" pair", disable=not self.progress, leave=False)
        for pair in pairs:
            if len(wanted) + sum(n not in wanted for n in pair) > BATCH_IDS:
                yield from self._measure(batch, wanted)
                bar.update(len(batch))
                batch, wanted = [], set()
            batch.append(pair)
            wanted.update(pair)
        yield from self._measure(batch, wanted)
        bar.update(len(batch))
        bar.close()

    def _measure(
        self, batch: list[tuple[int, int]], wanted: set[int]
    ) -> list[tuple[Overlap, np.ndarray]]:
        if not batch:
            return []
        nodes = sorted(wanted)
        ids = self.ids.gather(nodes).to_list()
        texts = self.load_texts(ids)
        size, lead = self.cfg.shingle, self.cfg.lead_words
        shingles = {
            n: Shingles.of(texts[i], size, lead)
            for n, i in zip(nodes, ids, strict=True)
            if i in texts
        }
        results = []
        for a, b in batch:
            if a not in shingles or b not in shingles:
                results.append((NONE, _NO_LINES))
                continue
            found = overlap(shingles[a], shingles[b])
            results.append((found, shingles[a if found.a_larger else b].lines))
        return results
