"""Candidate pairs from LSH band keys: a shuffle of band keys, never an all-pairs loop.

Two documents are candidates when they share a band key. Inside a small bucket every pair is a
candidate; a large bucket (a story copied hundreds of times, a template) contributes only the
pairs of each member with the bucket's first member and with its predecessor, so the number of
pairs grows linearly with the bucket. Union-find later joins what these pairs connect.

Bands are grouped one at a time, so the transient memory is one key per document, not one per
band and document.
"""

from __future__ import annotations

import polars as pl

SMALL_BUCKET = 16
PAIRS = {"a": pl.UInt32, "b": pl.UInt32}


def candidate_pairs(nodes: pl.Series, bands: pl.Series) -> pl.DataFrame:
    """Distinct candidate pairs `a < b` of node numbers (u32), given each node's band keys.

    Node numbers follow the representative order, so `a` is always the better-ranked one; a
    null node (an exact copy of another document) takes no part.
    """
    found = pl.DataFrame(schema=PAIRS)
    width = int(bands.list.len().max() or 0)
    for band in range(width):
        keys = pl.DataFrame(
            {"node": nodes.cast(pl.UInt32), "key": bands.list.get(band, null_on_oob=True)}
        )
        found = pl.concat([found, bucket_pairs(keys.drop_nulls())]).unique()
    return found.sort("a", "b")


def bucket_pairs(keys: pl.DataFrame) -> pl.DataFrame:
    """Pairs of nodes sharing a key in one band."""
    keys = keys.with_columns(size=pl.len().over("key")).filter(pl.col("size") >= 2)
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
    star = linked.filter(pl.col("node") != pl.col("head")).select(a="head", b="node")
    chain = linked.filter(pl.col("prev").is_not_null() & (pl.col("prev") != pl.col("head")))
    return pl.concat([every, star, chain.select(a="prev", b="node")])
