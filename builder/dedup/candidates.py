"""Candidate pairs from LSH band keys: a shuffle of band keys, never an all-pairs loop.

Two documents are candidates when they share a band key. Inside a small bucket every pair is a
candidate; a large bucket (a story copied hundreds of times, a template) contributes only the
pairs of each member with the bucket's first member and with its predecessor, so the number of
pairs grows linearly with the bucket. Union-find later joins what these pairs connect.
"""

from __future__ import annotations

import polars as pl

SMALL_BUCKET = 16


def candidate_pairs(nodes: pl.DataFrame) -> pl.DataFrame:
    """Distinct candidate pairs `a < b` from a frame of `node` (u32) and `bands` (list[u64]).

    `node` numbers follow the representative order, so `a` is always the better-ranked one.
    """
    keys = (
        nodes.select("node", "bands")
        .explode("bands")
        .drop_nulls("bands")
        .unique(maintain_order=False)
        .rename({"bands": "key"})
        .with_columns(size=pl.len().over("key"))
        .filter(pl.col("size") >= 2)
    )
    small = keys.filter(pl.col("size") <= SMALL_BUCKET).select("key", "node")
    every = (
        small.join(small, on="key", suffix="_b")
        .filter(pl.col("node") < pl.col("node_b"))
        .select(a=pl.col("node"), b=pl.col("node_b"))
    )
    large = keys.filter(pl.col("size") > SMALL_BUCKET).sort("key", "node")
    linked = large.with_columns(
        head=pl.col("node").first().over("key"), prev=pl.col("node").shift(1).over("key")
    )
    star = linked.filter(pl.col("node") != pl.col("head")).select(
        a=pl.col("head"), b=pl.col("node")
    )
    chain = linked.filter(pl.col("prev").is_not_null() & (pl.col("prev") != pl.col("head")))
    chain = chain.select(a=pl.col("prev"), b=pl.col("node"))
    return pl.concat([every, star, chain]).unique().sort("a", "b")
