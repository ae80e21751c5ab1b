"""Pass C: decide, from the work shards' compact features, which documents are duplicates.

Only ids, hashes and band keys are held in memory; texts are read back from the shards for
the few candidate pairs that need verifying.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl

from builder.config import BuildConfig
from builder.dedup.cluster import find_duplicates
from builder.textstore import TextStore
from builder.workdir import finished_shards


@dataclass(frozen=True)
class Decision:
    cluster: str
    duplicate_of: str | None = None
    similarity: float | None = None
    kind: str | None = None  # "exact", "near" or "id"


DECISION_SCHEMA = {
    "order": pl.Int64,
    "cluster": pl.String,
    "duplicate_of": pl.String,
    "similarity": pl.Float64,
    "kind": pl.String,
}


class Decisions:
    """The Decision of every kept document, held as columns (about 40 bytes a document, where
    a dict of Python objects took kilobytes) and handed out one work shard at a time."""

    def __init__(self, frame: pl.DataFrame) -> None:
        self.frame = frame.select(list(DECISION_SCHEMA)).sort("order")
        self._orders = self.frame["order"].to_numpy()

    def between(self, first: int, last: int) -> dict[int, Decision]:
        """Decisions of the documents numbered first..last (inclusive), by order number."""
        lo, hi = np.searchsorted(self._orders, [first, last + 1])
        rows = self.frame.slice(int(lo), int(hi - lo)).iter_rows()
        return {order: Decision(*rest) for order, *rest in rows}


FEATURE_SCHEMA = {
    "order": pl.Int64,
    "id": pl.String,
    "exact_key": pl.String,
    "bands": pl.List(pl.UInt64),
    "n_chars": pl.Int64,
    "fetched_at": pl.String,
}
FEATURES = list(FEATURE_SCHEMA)


def kept_features(work: Path) -> pl.DataFrame:
    """The features of the kept documents, in input order, read a shard at a time and left in
    chunks: reading all shards at once, or rechunking, held the frame two or three times over."""
    parts = [
        pl.read_parquet(path, columns=[*FEATURES, "reason"])
        .filter(pl.col("reason").is_null())
        .select(FEATURES)
        .cast(FEATURE_SCHEMA)
        for path in finished_shards(work)
    ]
    if not parts:
        return pl.DataFrame(schema=FEATURE_SCHEMA)
    return pl.concat(parts, rechunk=False)  # shards are in input order: no sort needed


def find_decisions(
    work: Path, config: BuildConfig, parent, progress: bool = False, ray: bool = False
) -> Decisions:
    """A Decision for every kept document, by its build-wide order number."""
    features = kept_features(work)
    # The same page twice (same source and URL or id): the first one stands.
    first = features["id"].is_first_distinct()
    repeated = features.filter(~first).select(
        "order",
        cluster="id",
        duplicate_of="id",
        similarity=pl.lit(1.0),
        kind=pl.lit("id"),
    )
    if not first.all():
        features = features.filter(first)
    del first
    own = features.select("order", "id")
    if parent is not None:
        extra = parent.features(config).join(features.select("id"), on="id", how="anti")
        features = pl.concat([features, extra], how="vertical_relaxed")
    pinned = frozenset(parent.ids) if parent is not None else frozenset()
    if config.dedup.exact or config.dedup.near:
        texts = _TextLoader(work, own, parent)
        if ray:
            from builder.engines.ray import find_duplicates_ray

            found = find_duplicates_ray(features.drop("order"), texts, config.dedup, pinned)
        else:
            found = find_duplicates(
                features.drop("order"), texts, config.dedup, pinned, progress=progress
            )
    else:
        found = pl.DataFrame(schema={"id": pl.String, "cluster": pl.String})
    del features
    decided = own.join(found, on="id", how="left").with_columns(
        pl.col("cluster").fill_null(pl.col("id"))
    )
    decided = decided.select(
        [
            pl.col(c).cast(t) if c in decided.columns else pl.lit(None, t).alias(c)
            for c, t in DECISION_SCHEMA.items()
        ]
    )
    return Decisions(pl.concat([decided, repeated.cast(DECISION_SCHEMA)]))


class _TextLoader:
    """Texts of candidate documents by id: from the work shards' text files (and the parent)."""

    def __init__(self, work: Path, own: pl.DataFrame, parent) -> None:
        self.store = TextStore(work)
        self.orders = own.select("id", "order")
        self.parent = parent

    def __call__(self, ids: list[str]) -> dict[str, str]:
        wanted = pl.DataFrame({"id": ids}, schema={"id": pl.String})
        located = wanted.join(self.orders, on="id", how="inner")
        texts = self.store.get(located["order"].to_numpy())
        found = {i: t for i, t in zip(located["id"], texts, strict=True) if t is not None}
        missing = [i for i in ids if i not in found]
        if missing and self.parent is not None:
            found.update(self.parent.texts(missing))
        return found
