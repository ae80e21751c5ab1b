"""The process the local engine's workers are forked from, started as early as possible.

Starting it costs this process nothing: it is a new interpreter that loads what every worker
needs (builder/engines/warm.py) while this one goes on. It answers requests for workers only
once it has warmed up, so the sooner it starts, the sooner the first worker runs. This module
imports nothing heavy, so the command line can start it before it imports the build.
"""

from __future__ import annotations

import multiprocessing
import os
from multiprocessing import forkserver


def default_workers() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:
        return os.cpu_count() or 1


def start_forkserver() -> None:
    """Start it (once per process; later calls do nothing)."""
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["builder.engines.warm"])
    forkserver.ensure_running()
