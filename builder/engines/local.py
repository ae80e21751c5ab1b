"""The local engine: work shards through a pool of worker processes, in order, never all in memory.

At most two shards per worker are in flight, so memory stays flat however large the input.
Results come back in shard order, which keeps the build deterministic.
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import forkserver

from builder.pipeline import ShardResult, ShardTask, init_worker, process_shard


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def start_forkserver() -> None:
    """Start the process the workers are forked from, and let it load what every worker needs
    (builder/engines/warm.py), while this process goes on with pass A. Once per process."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["builder.engines.warm"])
    forkserver.ensure_running()


def run_shards(tasks: Iterable[ShardTask], workers: int, init_args: tuple) -> Iterator[ShardResult]:
    if workers <= 1:
        init_worker(*init_args)
        for task in tasks:
            yield process_shard(task)
        return
    start_forkserver()
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(
        workers, mp_context=context, initializer=init_worker, initargs=init_args
    ) as pool:
        pending: deque = deque()
        for task in tasks:
            pending.append(pool.submit(process_shard, task))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()
