"""The local engine: work shards through a pool of worker processes, in order, never all in memory.

At most two shards per worker are in flight, and one more read ahead, so memory stays flat
however large the input. Results come back in shard order, which keeps the build deterministic.
The raw files are read in a thread of their own, so that reading goes on while this thread
waits: for a worker to be forked (the forkserver answers only once it has warmed up) or for
the oldest shard's result.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import queue
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor

from builder.engines.forkserver import start_forkserver
from builder.pipeline import ShardResult, ShardTask, init_worker, process_shard


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
        for task in read_ahead(tasks):
            pending.append(pool.submit(process_shard, task))
            if len(pending) >= 2 * workers:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()


_END = object()


def read_ahead(items: Iterable, size: int = 1) -> Iterator:
    """The items, produced by a thread of their own up to `size` ahead; its error is raised
    here. Stopping early (an error downstream) stops the thread at its next item."""
    ahead: queue.Queue = queue.Queue(size)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in items:
                if stop.is_set():
                    return
                ahead.put(item)
            ahead.put(_END)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            ahead.put(exc)

    thread = threading.Thread(target=produce, name="read-ahead", daemon=True)
    thread.start()
    try:
        while (item := ahead.get()) is not _END:
            if isinstance(item, BaseException):
                raise item
            yield item
    finally:
        stop.set()
        while thread.is_alive():  # let a producer blocked on a full queue see the stop
            with contextlib.suppress(queue.Empty):
                ahead.get(timeout=0.1)
