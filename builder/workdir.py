"""The hidden work folder's layout: finished shards are `shard-<n>.parquet` (with their texts
beside them in `shard-<n>.texts.arrow`), and they are read back in the order of n; a shard on
its way to a worker waits in `shard-<n>.held.pickle`."""

from __future__ import annotations

import re
from pathlib import Path

_NUMBER = re.compile(r"shard-(\d+)\.")


def shard_path(folder: Path, index: int) -> Path:
    return folder / f"shard-{index:06d}.parquet"


def texts_path(shard: Path) -> Path:
    """`shard-000007.parquet` -> `shard-000007.texts.arrow`."""
    return shard.with_suffix(".texts.arrow")


def held_path(shard: Path) -> Path:
    """`shard-000007.parquet` -> `shard-000007.held.pickle`."""
    return shard.with_suffix(".held.pickle")


def finished_shards(folder: Path, suffix: str = ".parquet") -> list[Path]:
    """Finished shard files (or their `.texts.arrow` files) in input order: by number, since
    names sort wrongly past shard 999999."""
    paths = [p for p in folder.glob(f"shard-*{suffix}") if p.name.count(".") == suffix.count(".")]
    return sorted(paths, key=lambda p: int(_NUMBER.match(p.name).group(1)))
