"""Pass C: decide, from the work shards' compact features, which documents are duplicates.

Only ids, hashes and band keys are held in memory; texts are read back from the shards for
the few candidate pairs that need verifying.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import polars as pl

from builder.config import BuildConfig
from builder.dedup.cluster import find_duplicates

FEATURES = ["order", "id", "exact_key", "bands", "n_chars", "fetched_at"]


@dataclass(frozen=True)
class Decision:
    cluster: str
    duplicate_of: str | None = None
    similarity: float | None = None
    kind: str | None = None  # "exact", "near" or "id"


def kept_features(work: Path) -> pl.DataFrame:
    files = sorted(work.glob("shard-*.parquet"))
    if not files:
        return pl.DataFrame(
            schema={
                "order": pl.Int64,
                "id": pl.String,
                "exact_key": pl.String,
                "bands": pl.List(pl.UInt64),
                "n_chars": pl.Int64,
                "fetched_at": pl.String,
            }
        )
    return (
        pl.scan_parquet(files)
        .filter(pl.col("reason").is_null())
        .select(FEATURES)
        .sort("order")
        .collect()
    )


def find_decisions(
    work: Path, config: BuildConfig, parent, progress: bool = False, ray: bool = False
) -> dict[int, Decision]:
    """A Decision for every kept document, keyed by its build-wide order number."""
    features = kept_features(work)
    decisions: dict[int, Decision] = {}
    # The same page twice (same source and URL or id): the first one stands.
    first = features.unique("id", keep="first", maintain_order=True)
    repeated = features.join(first.select("order"), on="order", how="anti")
    for order, doc_id in repeated.select("order", "id").iter_rows():
        decisions[order] = Decision(doc_id, duplicate_of=doc_id, similarity=1.0, kind="id")
    features = first
    if parent is not None:
        extra = parent.features(config).join(features.select("id"), on="id", how="anti")
        features = pl.concat([features, extra], how="vertical_relaxed")
    pinned = frozenset(parent.ids) if parent is not None else frozenset()
    if config.dedup.exact or config.dedup.near:
        texts = _TextLoader(work, parent)
        if ray:
            from builder.engines.ray import find_duplicates_ray

            found = find_duplicates_ray(features.drop("order"), texts, config.dedup, pinned)
        else:
            found = find_duplicates(features.drop("order"), texts, config.dedup, pinned)
        by_id = {row["id"]: row for row in found.iter_rows(named=True)}
    else:
        by_id = {}
    for order, doc_id in (
        features.filter(pl.col("order").is_not_null()).select("order", "id").iter_rows()
    ):
        row = by_id.get(doc_id)
        if row is None:
            decisions[order] = Decision(doc_id)
        else:
            decisions[order] = Decision(
                row["cluster"], row["duplicate_of"], row["similarity"], row["kind"]
            )
    return decisions


class _TextLoader:
    """Texts of candidate documents, read back on demand from the shards (and the parent)."""

    def __init__(self, work: Path, parent) -> None:
        self.files = sorted(work.glob("shard-*.parquet"))
        self.parent = parent

    def __call__(self, ids: list[str]) -> dict[str, str]:
        wanted = list(ids)
        found: dict[str, str] = {}
        if self.files:
            rows = (
                pl.scan_parquet(self.files)
                .filter(pl.col("id").is_in(wanted) & pl.col("reason").is_null())
                .select("id", "text")
                .collect()
            )
            found.update(zip(rows["id"], rows["text"], strict=True))
        missing = [i for i in ids if i not in found]
        if missing and self.parent is not None:
            found.update(self.parent.texts(missing))
        return found
