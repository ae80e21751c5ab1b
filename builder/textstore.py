"""The kept texts of each work shard, in an uncompressed Arrow IPC file read by memory map.

Pass C verifies candidate pairs a batch of a few thousand texts at a time, and those texts lie
in random shards. Read from the zstd-compressed Parquet shards, every batch decompressed every
shard, so dedup time grew with the square of the corpus; here a text is a slice of a mapped
file, and a batch costs only the pages it touches.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pyarrow as pa

from builder.workdir import finished_shards

SCHEMA = pa.schema([("order", pa.int64()), ("text", pa.large_string())])


def write_texts(path: Path, orders: list[int], texts: list[str]) -> None:
    """Write a shard's (order, text) rows, sorted by order, whole or not at all."""
    table = pa.table([pa.array(orders, pa.int64()), pa.array(texts, pa.large_string())], SCHEMA)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with pa.OSFile(str(tmp), "wb") as sink, pa.ipc.new_file(sink, SCHEMA) as writer:
        writer.write_table(table)
    os.replace(tmp, path)


class TextStore:
    """Texts by build-wide order number, from the work folder's text files."""

    def __init__(self, work: Path) -> None:
        # Each shard's order numbers (8 bytes a text), read once rather than for every batch.
        self.paths: list[Path] = []
        self.orders: list[np.ndarray] = []
        for path in finished_shards(work, ".texts.arrow"):
            with pa.memory_map(str(path)) as source:
                orders = pa.ipc.open_file(source).read_all().column("order").to_numpy()
            if len(orders):
                self.paths.append(path)
                self.orders.append(orders)
        # ascending: shards are in input order
        self.firsts = np.array([o[0] for o in self.orders], dtype=np.int64)

    def get(self, orders: np.ndarray) -> list[str | None]:
        """The text of each order number (None where no shard holds it), in the same order."""
        orders = np.asarray(orders, dtype=np.int64)
        out: list[str | None] = [None] * len(orders)
        shard_of = np.searchsorted(self.firsts, orders, side="right") - 1
        for shard in np.unique(shard_of[shard_of >= 0]):
            at = np.flatnonzero(shard_of == shard)
            have = self.orders[shard]
            pos = np.minimum(np.searchsorted(have, orders[at]), len(have) - 1)
            found = have[pos] == orders[at]
            with pa.memory_map(str(self.paths[shard])) as source:
                column = pa.ipc.open_file(source).read_all().column("text")
                # Straight from the mapped pages to Python strings: no Arrow copy in between.
                for i, p in zip(at[found].tolist(), pos[found].tolist(), strict=True):
                    out[i] = column[p].as_py()
        return out
