"""The Ray engine: the same stages, run by Ray Data on a cluster, producing the same bytes.

The driver reads raw records and cuts them into the same shards as the local engine; Ray Data
runs `process_shard` on them in windows (so the object store holds a bounded number of shards),
and the workers write the finished shards to the work folder, which must be on storage that
every node sees. Near-dedup candidates come from a Ray Data group-by over (band, hash) keys, a
shuffle rather than one global dictionary; the verification and clustering that follow are the
same functions the local engine uses, so the release is byte-identical.

Ray is an optional extra: `pip install corpus-builder[ray]`.
"""

from __future__ import annotations

import time
from pathlib import Path

from builder.pipeline import ShardTask, init_worker, process_shard
from builder.workdir import finished_shards


def _start(address: str | None) -> None:
    import ray

    if not ray.is_initialized():
        ray.init(
            address=address,
            include_dashboard=False,
            log_to_driver=False,
            ignore_reinit_error=True,
            configure_logging=False,
        )


def _process_row(row: dict) -> dict:
    """Ray Data map function: one shard in, its timings out."""
    from builder import pipeline

    if pipeline._context.get("key") != row["context_key"]:
        init_worker(row["config"], row["furniture"])
        pipeline._context["key"] = row["context_key"]
    result = process_shard(row["task"])
    return {
        "index": result.index,
        "records": result.records,
        "seconds": sorted(result.seconds.items()),
    }


def run_ray(files, config, furniture, work: Path, address: str | None, progress: bool) -> dict:
    import ray

    from builder.build import _records, add_stage_seconds
    from builder.pipeline import shards

    _start(address)
    seconds: dict[str, float] = {}
    key = f"{id(config)}-{time.time_ns()}"
    window = max(2, 4 * int(ray.cluster_resources().get("CPU", 1)))
    from tqdm import tqdm

    done = {p.name for p in finished_shards(work)}
    reading = tqdm(desc="read", unit=" rec", disable=not progress, leave=False)
    tasks = (
        t
        for t in shards(
            _records(files, config, reading),
            config.engine.shard_records,
            work,
            config.engine.shard_bytes,
        )
        if Path(t.path).name not in done
    )
    with tqdm(desc="clean+label (ray)", unit=" doc", disable=not progress, leave=False) as bar:
        for batch in _batches(tasks, window):
            rows = [
                {"task": t, "config": config, "furniture": furniture, "context_key": key}
                for t in batch
            ]
            results = (
                ray.data.from_items(rows, override_num_blocks=len(rows))
                .map(_process_row)
                .take_all()
            )
            for result in sorted(results, key=lambda r: r["index"]):
                add_stage_seconds(seconds, dict(result["seconds"]), bar, result["records"])
    reading.close()
    return seconds


def _batches(items, size: int):
    batch: list[ShardTask] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def candidate_pairs_ray(nodes, bands):
    """The same candidate pairs as `builder.dedup.candidates.candidate_pairs`, found by a Ray
    Data shuffle: (band, key) rows are grouped across the cluster, each bucket emits its pairs."""
    import polars as pl
    import pyarrow as pa
    import ray

    from builder.dedup.candidates import PAIRS, bucket_pairs

    keys = (
        pl.DataFrame({"node": nodes.cast(pl.UInt32), "key": bands})
        .with_columns(band=pl.int_ranges(pl.col("key").list.len(), dtype=pl.UInt32))
        .drop_nulls("node")
        .explode("key", "band")
        .drop_nulls("key")
    )
    if keys.is_empty():
        return pl.DataFrame(schema=PAIRS)

    def pairs_of_bucket(group: pa.Table) -> pa.Table:
        found = bucket_pairs(pl.from_arrow(group).select("node", "key"))
        return found.cast(PAIRS).to_arrow()

    blocks = max(1, min(64, keys.height // 50_000 + 1))
    shuffled = (
        ray.data.from_arrow(keys.to_arrow())
        .repartition(blocks)
        .groupby(["band", "key"])
        .map_groups(pairs_of_bucket, batch_format="pyarrow")
    )
    tables = [pl.from_arrow(ray.get(ref)) for ref in shuffled.to_arrow_refs()]
    found = pl.concat([pl.DataFrame(schema=PAIRS), *[t.cast(PAIRS) for t in tables if t.height]])
    return found.unique().sort("a", "b")


def find_duplicates_ray(features, load_texts, cfg, pinned):
    """`find_duplicates` with its candidate pairs from the Ray shuffle."""
    from builder.dedup.cluster import find_duplicates

    _start(None)
    return find_duplicates(features, load_texts, cfg, pinned, find_pairs=candidate_pairs_ray)
