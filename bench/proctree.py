"""Memory and CPU of a whole process tree (a command and every worker it starts), from /proc.

Why: both pipelines fork workers (forkserver), so the command's own figures miss most of the
work. `/usr/bin/time -v` reports the largest single process's peak RSS and only the CPU of the
children that were waited for; polling /proc sees every descendant while it lives.

CPU: the last seen utime + stime of each process (a process's final <0.1 s may be missed).
Memory: peaks of the summed RSS, of the summed PSS (shared pages split between the processes
sharing them: the honest total for forked workers), of the largest single process and of the
command's own process (for our build: the main process, which holds the dedup index).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass

TICKS = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float] | None:
    """(parent pid, CPU seconds) of a process, or None once it is gone."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), (int(fields[11]) + int(fields[12])) / TICKS


def _kib(path: str, field: str) -> int:
    try:
        with open(path) as f:
            for line in f:
                if line.startswith(field):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


@dataclass
class Usage:
    wall_s: float = 0.0
    cpu_s: float = 0.0
    peak_rss: int = 0  # bytes, summed over the tree
    peak_pss: int = 0
    peak_largest: int = 0  # bytes, the largest single process
    peak_root: int = 0  # bytes, the command's own process (the build's main process)
    processes: int = 0  # most processes alive at once


class TreeMonitor(threading.Thread):
    """Poll the tree under `pid` until stopped."""

    def __init__(self, pid: int, interval: float = 0.1, memory: bool = True):
        super().__init__(daemon=True)
        self.pid, self.interval, self.memory = pid, interval, memory
        self.usage = Usage()
        self._cpu: dict[int, float] = {}
        self._stop_event = threading.Event()

    def _tree(self) -> list[int]:
        children: dict[int, list[int]] = {}
        for entry in os.listdir("/proc"):
            if entry.isdigit() and (stat := _stat(int(entry))) is not None:
                children.setdefault(stat[0], []).append(int(entry))
                if int(entry) in self._cpu or entry == str(self.pid):
                    self._cpu[int(entry)] = stat[1]
        found, todo = [], [self.pid]
        while todo:
            pid = todo.pop()
            found.append(pid)
            todo.extend(children.get(pid, []))
        for pid in found:
            if (stat := _stat(pid)) is not None:
                self._cpu[pid] = stat[1]
        return found

    def sample(self) -> None:
        pids = self._tree()
        self.usage.cpu_s = sum(self._cpu.values())
        if not self.memory:
            return
        rss = [_kib(f"/proc/{p}/status", "VmRSS:") * 1024 for p in pids]
        pss = sum(_kib(f"/proc/{p}/smaps_rollup", "Pss:") * 1024 for p in pids)
        u = self.usage
        u.peak_rss = max(u.peak_rss, sum(rss))
        u.peak_pss = max(u.peak_pss, pss)
        u.peak_largest = max(u.peak_largest, max(rss, default=0))
        u.peak_root = max(u.peak_root, rss[0] if rss else 0)
        u.processes = max(u.processes, len(pids))
        u.cpu_s = sum(self._cpu.values())

    def run(self) -> None:
        while not self._stop_event.is_set():
            self.sample()
            self._stop_event.wait(self.interval)

    def stop(self) -> Usage:
        self._stop_event.set()
        self.join()
        return self.usage


def run_measured(cmd: list[str], log_path, env: dict | None = None, memory: bool = True) -> Usage:
    """Run a command to its end under the monitor; raise if it fails.

    memory=False polls CPU times alone: reading every process's smaps_rollup ten times a second
    costs the measuring process a good share of a core, taken from the command measured.
    """
    with open(log_path, "w") as log:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=log, stderr=subprocess.STDOUT, env=env)
        monitor = TreeMonitor(proc.pid, memory=memory)
        monitor.start()
        code = proc.wait()
        usage = monitor.stop()
        usage.wall_s = time.perf_counter() - start
    if code != 0:
        raise subprocess.CalledProcessError(code, cmd)
    return usage
