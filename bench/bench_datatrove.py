"""Throughput against DataTrove: the same pages through DataTrove's pipeline and through ours.

Why: issue 7 promises a build several times faster than DataTrove's local executor on one
machine, keeping the same languages. This script measures both in one run, so that the ratio
is not spoiled by a neighbour's load changing between two separate runs.

    .venv/bin/python bench/bench_datatrove.py [--repeats 3] [--pages N]

It creates `bench/.venv-datatrove` on first use (datatrove 0.10 with its processing and io
extras, spaCy for DataTrove's default word tokenizer, seeded langdetect; see
datatrove_pipeline.py for why nothing is downloaded at run time), splits the bench pages into
two JSONL files (DataTrove gives each task whole files, so one file would leave one of its two
tasks idle), then for each repeat runs DataTrove (2 tasks, 2 workers) and
`corpus-builder build --workers 2` one after the other, and prints documents per second of each,
their ratio (medians over the repeats) and the languages each pipeline kept. Wall time is what
the issue asks for; CPU time of the whole process tree (proctree.py) is printed beside it
because on a shared machine it moves far less with the neighbours' load. Peak memory comes from
separate runs (--memory-runs) under the PSS poller, which would slow the timed runs down.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import gzip
import io
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import pyarrow.parquet as pq
from proctree import Usage, run_measured

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
PAGES = ROOT.parent / "shared" / "data" / "bench-pages" / "pages.jsonl.gz"
DT_VENV = BENCH / ".venv-datatrove"
DT_REQUIREMENTS = [
    "datatrove[processing,io]==0.10.*",
    "spacy>=3.8",  # DataTrove's default English word tokenizer is spacy.blank("en"): no model
    "langdetect==1.0.9",
    "lxml_html_clean",  # trafilatura 1.x imports lxml.html.clean, split out of lxml 5.2+
]
SOURCE_TOML = """\
name = "bench"
publisher = "various"
license = "LicenseRef-test-fixtures"
collected = "bench pages"
description = "benchmark pages"
"""
# Our build set up like DataTrove's pipeline: fast extraction, quality rules, exact + near dedup.
BUILD_CONFIG = """\
[clean]
html_mode = "fast"

[quality]
enabled = true

[dedup]
exact = true
near = true
"""


def ensure_datatrove_venv() -> Path:
    """Create DataTrove's own virtualenv once; its pins must not touch the project's .venv."""
    python = DT_VENV / "bin" / "python"
    stamp = DT_VENV / "requirements.json"
    if python.exists() and stamp.exists() and json.loads(stamp.read_text()) == DT_REQUIREMENTS:
        return python
    print(f"creating {DT_VENV} (a few minutes, once)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", "--clear", str(DT_VENV)], check=True)
    pip = [str(python), "-m", "pip", "install", "--quiet"]
    subprocess.run([*pip, *DT_REQUIREMENTS], check=True)
    stamp.write_text(json.dumps(DT_REQUIREMENTS))
    return python


def prepare_inputs(work: Path, pages: Path, limit: int | None, parts: int = 2) -> int:
    """Write the pages round-robin into `parts` files, used by both pipelines; return the count.

    DataTrove reads `inputs/`, our build reads `raw/bench/` (the same files, hard-linked).
    """
    inputs, source = work / "inputs", work / "raw" / "bench"
    for folder in (inputs, source):
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
    count = 0
    with contextlib.ExitStack() as stack:
        outs = [
            stack.enter_context(  # mtime 0: the same input bytes (and fingerprint) every time
                io.TextIOWrapper(
                    gzip.GzipFile(inputs / f"part-{i}.jsonl.gz", "wb", mtime=0), encoding="utf-8"
                )
            )
            for i in range(parts)
        ]
        lines = stack.enter_context(gzip.open(pages, "rt", encoding="utf-8"))
        for line in lines:
            if limit is not None and count >= limit:
                break
            page = json.loads(line)
            outs[count % parts].write(json.dumps({"id": page["id"], "html": page["html"]}) + "\n")
            count += 1
    for path in inputs.iterdir():
        try:
            os.link(path, source / path.name)
        except OSError:
            shutil.copy(path, source / path.name)
    (source / "source.toml").write_text(SOURCE_TOML)
    (work / "build.toml").write_text(BUILD_CONFIG)
    return count


def run_datatrove(
    python: Path, work: Path, rep: int | str, gopher: str, memory: bool = False
) -> tuple[Usage, Counter, dict]:
    """One DataTrove run from a clean folder: its usage, languages kept, seconds per step."""
    dt_work = work / f"datatrove-{rep}"
    shutil.rmtree(dt_work, ignore_errors=True)
    result = work / f"datatrove-{rep}.json"
    log = work / f"datatrove-{rep}.log"
    cmd = [str(python), str(BENCH / "datatrove_pipeline.py"), str(work / "inputs"), str(dt_work)]
    cmd += ["--tasks", "2", "--workers", "2", "--gopher", gopher, "--result", str(result)]
    usage = run_measured(cmd, log, memory=memory)
    languages: Counter = Counter()
    for path in sorted((dt_work / "output").glob("*.parquet")):
        for meta in pq.read_table(path, columns=["metadata"]).column("metadata").to_pylist():
            languages[meta.get("language") or "?"] += 1
    return usage, languages, json.loads(result.read_text())["steps"]


def run_ours(
    work: Path, rep: int | str, workers: int, memory: bool = False
) -> tuple[Usage, Counter]:
    """One `corpus-builder build` into a fresh folder: its usage and languages kept."""
    out = work / f"ours-{rep}"
    shutil.rmtree(out, ignore_errors=True)
    exe = Path(sys.executable).with_name("corpus-builder")
    cmd = [str(exe), "build", str(work / "raw"), "--version", "0.0.1", "--out", str(out)]
    cmd += ["--config", str(work / "build.toml"), "--workers", str(workers), "--quiet"]
    env = {**os.environ, "SOURCE_DATE_EPOCH": "1700000000"}
    usage = run_measured(cmd, work / f"ours-{rep}.log", env, memory=memory)
    languages: Counter = Counter()
    for path in sorted((out / "v0.0.1" / "data").glob("*.parquet")):
        languages.update(pq.read_table(path, columns=["language"]).column("language").to_pylist())
    return usage, languages


def top(languages: Counter, n: int = 8) -> str:
    total = sum(languages.values())
    shown = ", ".join(f"{lang} {count}" for lang, count in languages.most_common(n))
    return f"{total} kept: {shown}"


def machine() -> str:
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    return f"nproc {os.cpu_count()}, RAM {mem:.0f} GiB, {platform.platform()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--pages", type=int, help="only the first N pages (default: all)")
    parser.add_argument("--workers", type=int, default=2, help="our build's --workers")
    parser.add_argument("--work", type=Path, default=BENCH / "out" / "datatrove")
    parser.add_argument(
        "--gopher",
        choices=("english", "per-language"),
        default="english",
        help="DataTrove's stock Gopher (English stop words) or per-language stop words",
    )
    parser.add_argument("--only", choices=("both", "datatrove", "ours"), default="both")
    parser.add_argument(
        "--memory-runs",
        type=int,
        default=1,
        help="untimed runs of each pipeline under the PSS poller, for peak memory",
    )
    args = parser.parse_args()

    args.work.mkdir(parents=True, exist_ok=True)
    n = prepare_inputs(args.work, PAGES, args.pages)
    python = ensure_datatrove_venv() if args.only != "ours" else None
    print(f"{n} pages; {machine()}; {time.strftime('%Y-%m-%d %H:%M')}", flush=True)

    runs: dict[str, list[Usage]] = {"datatrove": [], "ours": []}
    langs: dict[str, Counter] = {"datatrove": Counter(), "ours": Counter()}
    steps: dict = {}
    for rep in range(args.repeats):
        for name in ("datatrove", "ours"):
            if args.only not in ("both", name):
                continue
            if name == "datatrove":
                usage, langs[name], steps = run_datatrove(python, args.work, rep, args.gopher)
            else:
                usage, langs[name] = run_ours(args.work, rep, args.workers)
            runs[name].append(usage)
            print(
                f"run {rep + 1}: {name:9} {usage.wall_s:6.1f} s  {n / usage.wall_s:6.1f} docs/s  "
                f"CPU {usage.cpu_s:6.1f} s",
                flush=True,
            )
    # Memory apart: the PSS poller costs a fifth of a core, which timed runs should not pay.
    peaks: dict[str, list[Usage]] = {"datatrove": [], "ours": []}
    for rep in range(args.memory_runs):
        for name in ("datatrove", "ours"):
            if args.only not in ("both", name):
                continue
            label = f"memory-{rep}"
            if name == "datatrove":
                usage = run_datatrove(python, args.work, label, args.gopher, memory=True)[0]
            else:
                usage = run_ours(args.work, label, args.workers, memory=True)[0]
            peaks[name].append(usage)
            print(
                f"memory run {rep + 1}: {name:9} peak PSS {usage.peak_pss / 2**20:,.0f} MiB, "
                f"RSS sum {usage.peak_rss / 2**20:,.0f} MiB, "
                f"largest process {usage.peak_largest / 2**20:,.0f} MiB",
                flush=True,
            )

    summary: dict = {"pages": n, "machine": machine(), "date": time.strftime("%Y-%m-%d")}
    print()
    for name, usages in runs.items():
        if not usages:
            continue
        wall = statistics.median(u.wall_s for u in usages)
        cpu = statistics.median(u.cpu_s for u in usages)
        print(
            f"{name}: median {wall:.1f} s over {len(usages)} runs, {n / wall:.1f} docs/s; "
            f"median CPU {cpu:.1f} s ({1000 * cpu / n:.0f} ms a document)"
        )
        if name == "datatrove" and steps:
            total = sum(steps.values()) or 1.0
            for step, seconds in sorted(steps.items(), key=lambda kv: -kv[1])[:5]:
                print(f"  {seconds / total:5.1%} of step time in {step}")
        print(f"  languages: {top(langs[name])}")
        summary[name] = {
            "runs": [dataclasses.asdict(u) for u in usages],
            "memory_runs": [dataclasses.asdict(u) for u in peaks[name]],
            "languages": dict(langs[name]),
        }
    if runs["datatrove"] and runs["ours"]:
        for what in ("wall_s", "cpu_s"):
            dt = statistics.median(getattr(u, what) for u in runs["datatrove"])
            ours = statistics.median(getattr(u, what) for u in runs["ours"])
            print(f"ratio of medians, DataTrove / ours, {what}: {dt / ours:.2f}x")
            summary[f"ratio_{what}"] = dt / ours
        pairs = [d.wall_s / o.wall_s for d, o in zip(runs["datatrove"], runs["ours"], strict=True)]
        print("ratio of each run's wall times: " + ", ".join(f"{r:.2f}x" for r in pairs))
    (args.work / "summary.json").write_text(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
