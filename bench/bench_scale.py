"""Scale: peak memory and throughput of `corpus-builder build` at 10,000 and 100,000 documents,
and the speed-up from `--workers 1` to `--workers 2` on the same input.

Why: issue 7 promises a streaming engine (peak RSS at 100,000 documents at most 1.5 GB, growing
from 10,000 to 100,000 documents no more than the dedup index) and a measured worker scaling.

    .venv/bin/python bench/bench_scale.py [--sizes 10000 100000] [--format text]
        [--scaling-docs 10000] [--scaling-format html] [--repeats 3] [--skip-memory]

Inputs come from make_scale_input.py (cached under bench/out/scale/). 100,000 full HTML pages
would take hours on two cores, so the memory runs read `{"id", "text"}` records by default
(`--format html` makes small pages of a few KB instead); the worker scaling runs on small HTML
pages, where the CPU time is (extraction).

Memory and CPU are measured by polling /proc every 0.1 s for the whole process tree of the
build, the command and every worker it starts (proctree.py): the peak of the summed PSS (shared
pages split between the processes sharing them: the honest total for forked workers), of the
summed RSS, and of the largest single process. /usr/bin/time -v would give only the last: its
"maximum resident set size" is the largest single process, not the tree.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

import make_scale_input
import pyarrow.parquet as pq
from bench_datatrove import BUILD_CONFIG, machine
from proctree import run_measured

BENCH = Path(__file__).resolve().parent
WORK = BENCH / "out" / "scale"


def make_input(docs: int, fmt: str) -> Path:
    """The raw folder for `docs` documents of format `fmt`, made once and reused."""
    raw = WORK / f"input-{docs}-{fmt}"
    stamp = WORK / f"input-{docs}-{fmt}.json"  # beside the raw folder: the build reads all of it
    want = {
        "docs": docs,
        "format": fmt,
        "generator": Path(make_scale_input.__file__).stat().st_size,
    }
    if stamp.exists() and json.loads(stamp.read_text()) == want:
        return raw
    shutil.rmtree(raw, ignore_errors=True)
    start = time.perf_counter()
    make_scale_input.write(raw, docs, fmt, seed=0, exact=0.05, near=0.10, per_file=5_000)
    stamp.write_text(json.dumps(want))
    print(f"made {docs} {fmt} documents in {time.perf_counter() - start:.0f} s", flush=True)
    return raw


def build(raw: Path, workers: int, label: str, memory: bool = True) -> dict:
    """One build from scratch; wall time, CPU, kept rows and (under the PSS poller, which takes
    a fifth of a core itself, so not for timing) peak memory."""
    out = WORK / f"release-{label}"
    shutil.rmtree(out, ignore_errors=True)
    config = WORK / "build.toml"
    config.write_text(BUILD_CONFIG)
    exe = Path(sys.executable).with_name("corpus-builder")
    cmd = [str(exe), "build", str(raw), "--version", "0.0.1", "--out", str(out)]
    cmd += ["--config", str(config), "--workers", str(workers), "--quiet"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    log = WORK / f"{label}.log"
    try:
        usage = run_measured(cmd, log, env, memory=memory)
    except subprocess.CalledProcessError as exc:
        tail = log.read_text()[-3000:]
        raise SystemExit(f"build failed ({exc.returncode}), see {log}:\n{tail}") from None
    rows = sum(pq.read_metadata(p).num_rows for p in (out / "v0.0.1" / "data").glob("*.parquet"))
    shutil.rmtree(out, ignore_errors=True)  # 100k releases are large; the numbers are kept
    return {**dataclasses.asdict(usage), "kept_rows": rows}


def mib(n: float) -> str:
    return f"{n / 2**20:,.0f} MiB"


def memory_runs(sizes: list[int], fmt: str, workers: int) -> list[dict]:
    results = []
    for docs in sizes:
        raw = make_input(docs, fmt)
        r = build(raw, workers, f"mem-{docs}-{fmt}-w{workers}")
        r.update(docs=docs, format=fmt, workers=workers)
        results.append(r)
        print(
            f"{docs:>7} {fmt}: {r['wall_s']:7.1f} s  {docs / r['wall_s']:7.1f} docs/s  "
            f"CPU {r['cpu_s']:7.1f} s  peak PSS {mib(r['peak_pss'])}  "
            f"RSS sum {mib(r['peak_rss'])}  largest process {mib(r['peak_largest'])}  "
            f"main process {mib(r['peak_root'])}  kept {r['kept_rows']}",
            flush=True,
        )
    if len(results) >= 2:
        small, large = results[0], results[-1]
        extra = large["docs"] - small["docs"]
        for key in ("peak_pss", "peak_root"):
            growth = large[key] - small[key]
            print(
                f"growth of {key} {small['docs']} -> {large['docs']}: {mib(growth)}, "
                f"{growth / extra:,.0f} bytes per extra document",
                flush=True,
            )
    return results


def scaling_runs(docs: int, fmt: str, repeats: int, counts: list[int]) -> dict:
    """Interleaved builds with each worker count on one input; medians and speed-up."""
    raw = make_input(docs, fmt)
    walls: dict[int, list[float]] = {w: [] for w in counts}
    for rep in range(repeats):
        for w in counts:
            r = build(raw, w, f"scale-{docs}-{fmt}-w{w}", memory=False)
            walls[w].append(r["wall_s"])
            print(f"run {rep + 1}: --workers {w}: {r['wall_s']:6.1f} s", flush=True)
    medians = {w: statistics.median(v) for w, v in walls.items()}
    base = medians[counts[0]]
    for w in counts:
        print(
            f"--workers {w}: median {medians[w]:.1f} s, {docs / medians[w]:.1f} docs/s, "
            f"speed-up {base / medians[w]:.2f}x over --workers {counts[0]}",
            flush=True,
        )
    return {"docs": docs, "format": fmt, "walls": walls, "medians": medians}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    parser.add_argument("--format", choices=("text", "html"), default="text")
    parser.add_argument("--workers", type=int, default=2, help="workers of the memory runs")
    parser.add_argument("--scaling-docs", type=int, default=10_000)
    parser.add_argument("--scaling-format", choices=("text", "html"), default="html")
    parser.add_argument("--scaling-workers", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--skip-scaling", action="store_true")
    args = parser.parse_args()

    WORK.mkdir(parents=True, exist_ok=True)
    print(f"{machine()}; {time.strftime('%Y-%m-%d %H:%M')}", flush=True)
    summary: dict = {"machine": machine(), "date": time.strftime("%Y-%m-%d")}
    if not args.skip_memory:
        summary["memory"] = memory_runs(args.sizes, args.format, args.workers)
    if not args.skip_scaling:
        summary["scaling"] = scaling_runs(
            args.scaling_docs, args.scaling_format, args.repeats, args.scaling_workers
        )
    (WORK / f"summary-{time.strftime('%Y%m%d-%H%M%S')}.json").write_text(
        json.dumps(summary, indent=2)
    )


if __name__ == "__main__":
    main()
