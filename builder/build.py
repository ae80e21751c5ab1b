"""The main job: raw folder in, one immutable release folder out.

The release is written to a hidden staging folder beside its target and renamed into place at
the very end, under a lock, so no reader ever sees half a release and two builds of one version
cannot both win. Finished work shards stay in a hidden work folder until the release exists, so
a killed build started again with the same command resumes from its last finished shard.
"""

from __future__ import annotations

import fcntl
import hashlib
import importlib
import json
import os
import re
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

import builder
from builder.clean.furniture import FurnitureLearner
from builder.config import BuildConfig
from builder.dedup_pass import find_decisions
from builder.document import Document
from builder.engines.forkserver import default_workers, start_forkserver
from builder.engines.local import run_shards
from builder.ingest.readers import RawFile, read_file, text_dumps
from builder.ingest.sources import Source, Unsafe, find_sources, raw_files
from builder.parent import Parent
from builder.pipeline import ShardTask, shards
from builder.release.writer import write_release
from builder.workdir import finished_shards

SEMVER = re.compile(r"^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(-[0-9A-Za-z.-]+)?$")


class BuildError(Exception):
    """A build that cannot go ahead; the message says why and what to do."""


@dataclass
class BuildOptions:
    raw: Path
    out: Path
    version: str
    config: BuildConfig = field(default_factory=BuildConfig)
    parent: Path | None = None
    workers: int = 0
    engine: str = "local"
    ray_address: str | None = None
    progress: bool = True


@dataclass
class BuildResult:
    release: Path
    manifest: dict
    seconds: dict[str, float]
    resumed_shards: int = 0  # finished work shards found from an interrupted run of this build


def build(opts: BuildOptions) -> BuildResult:
    if not SEMVER.match(opts.version):
        raise BuildError(f"--version {opts.version!r} is not a semantic version like 0.1.0")
    if not opts.raw.is_dir():
        raise BuildError(f"raw folder {opts.raw} does not exist")
    opts.out.mkdir(parents=True, exist_ok=True)
    target = opts.out / f"v{opts.version}"
    _refuse_existing(target)
    with _lock(opts.out / f".v{opts.version}.lock", opts.version):
        _refuse_existing(target)
        return _build_locked(opts, target)


def _refuse_existing(target: Path) -> None:
    if target.exists():
        raise BuildError(
            f"{target} already exists, and a release is never overwritten; "
            "build a new --version (or --out elsewhere)"
        )


@contextmanager
def _lock(path: Path, version: str) -> Iterator[None]:
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(
                f"another build of v{version} is running (lock {path}); wait for it to finish"
            ) from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _build_locked(opts: BuildOptions, target: Path) -> BuildResult:
    began = time.perf_counter()
    config = opts.config
    seconds: dict[str, float] = {}
    from builder.ingest.sources import SourceError

    try:
        sources = find_sources(opts.raw)
    except SourceError as exc:
        raise BuildError(str(exc)) from None
    if not sources:
        raise BuildError(f"no source.toml in {opts.raw}: every source folder needs one")
    if config.ingest.sources:
        unknown = sorted(set(config.ingest.sources) - {s.name for s in sources})
        if unknown:
            raise BuildError(f"[ingest] sources names {unknown}, which {opts.raw} does not have")
    selected = set(config.ingest.sources or [s.name for s in sources]) | {"(none)"}
    files = [f for f in raw_files(opts.raw, sources) if f.source in selected]
    sources = [s for s in sources if s.name in selected]
    parent = Parent.load(opts.parent, opts.version) if opts.parent else None
    fingerprint = input_fingerprint(files, config, parent)
    work = opts.out / f".v{opts.version}.work"
    _prepare_work(work, fingerprint)
    resumed = len(finished_shards(work))

    workers = opts.workers or config.engine.workers or default_workers()
    start = time.perf_counter()
    if opts.engine == "ray":
        from builder.engines.ray import run_ray

        furniture = (
            _learn_furniture(sources, files, config, opts.progress)
            if config.clean.cross_page
            else None
        )
        seconds["furniture"] = time.perf_counter() - start
        start = time.perf_counter()
        stage_seconds = run_ray(files, config, furniture, work, opts.ray_address, opts.progress)
    else:
        if workers > 1:
            start_forkserver()  # it warms up while the first shards are read
        stage_seconds = _run_local(files, sources, config, work, workers, opts.progress)
    seconds.update(stage_seconds)
    seconds["process (wall)"] = time.perf_counter() - start

    start = time.perf_counter()
    decisions = find_decisions(work, config, parent, opts.progress, ray=opts.engine == "ray")
    seconds["dedup"] = time.perf_counter() - start

    start = time.perf_counter()
    staging = opts.out / f".v{opts.version}.staging"
    shutil.rmtree(staging, ignore_errors=True)
    try:
        manifest = write_release(
            staging,
            work,
            decisions,
            sources,
            config,
            opts.version,
            parent,
            fingerprint,
            opts.progress,
        )
        _fsync_tree(staging)
        _refuse_existing(target)
        os.rename(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)  # never leave half a release behind
        raise
    seconds["write"] = time.perf_counter() - start
    seconds["total (wall)"] = time.perf_counter() - began
    _fsync_dir(opts.out)
    shutil.rmtree(work, ignore_errors=True)
    return BuildResult(target, manifest, seconds, resumed)


def _run_local(
    files: list,
    sources: list[Source],
    config: BuildConfig,
    work: Path,
    workers: int,
    progress: bool,
) -> dict:
    """Pass B, with pass A folded into its read of the raw files.

    A shard with no plain-text dump goes to the workers as soon as it is read. A shard with
    dumps needs its sources' furniture, known only once every page has been read: it waits,
    pickled in the work folder, and goes last. Past [engine] held_bytes of waiting shards, the
    rest are not kept but read again at the end. A corpus of HTML pages reads its files once;
    one of many dumps reads them twice, as a separate pass A would.

    With several workers every shard travels through the work folder (a file in the page cache
    is cheaper to hand over than a pipe), so this process never holds more than one shard.
    """
    clean = config.clean
    learners = {
        s.name: FurnitureLearner(
            clean.furniture_min_share, clean.furniture_min_pages, clean.furniture_max_lines
        )
        for s in sources
        if clean.cross_page
    }
    done = {p.name for p in finished_shards(work)}
    seconds: dict[str, float] = {"furniture": 0.0}
    reading = tqdm(desc="read", unit=" rec", disable=not progress, leave=False)

    def read(learn: bool) -> Iterator[tuple[ShardTask, set[str]]]:
        """Each shard and the sources of its dumps, learning their lines on the way."""
        stream = _records(files, config, reading)
        size = config.engine.shard_records, config.engine.shard_bytes
        for task in shards(stream, size[0], work, size[1]):
            start = time.perf_counter()
            found = task.dumps(learners)
            if learn:
                for doc in found:
                    learners[doc.source].add(doc.content)
            dumps = {doc.source for doc in found}
            seconds["furniture"] += time.perf_counter() - start
            if Path(task.path).name not in done:
                yield task, dumps

    def tasks() -> Iterator[ShardTask]:
        held, later, held_chars = [], set(), 0
        for task, dumps in read(learn=True):
            if not dumps:
                yield task.hold() if workers > 1 else task
            elif held_chars < config.engine.held_bytes:
                held_chars += sum(len(doc.content) for doc in task.docs)
                held.append((task.hold(), dumps))
            else:
                later.add(task.index)
        # Every record is read: while the workers finish, load what passes C and D import.
        threading.Thread(target=importlib.import_module, args=("datasets",), daemon=True).start()
        furniture = {name: learner.result() for name, learner in learners.items()}
        for task, dumps in held:
            task.furniture = {name: furniture[name] for name in sorted(dumps)}
            yield task
        if later:
            for task, dumps in read(learn=False):
                if task.index in later:
                    task.furniture = {name: furniture[name] for name in sorted(dumps)}
                    yield task.hold() if workers > 1 else task

    with tqdm(desc="clean+label", unit=" doc", disable=not progress, leave=False) as bar:
        for result in run_shards(tasks(), workers, (config, None)):
            add_stage_seconds(seconds, result.seconds, bar, result.records)
    reading.close()
    return seconds


def add_stage_seconds(total: dict, shard: dict, bar: tqdm, records: int) -> None:
    """Add a finished shard's stage times, and show each stage's records per worker-second."""
    for name, s in shard.items():
        total[name] = total.get(name, 0.0) + s
    bar.update(records)
    if not bar.disable:
        rates = (f"{name} {bar.n / s:,.0f}/s" for name, s in total.items() if s > 0.01)
        bar.set_postfix_str(", ".join(rates), refresh=False)


def _records(files: list, config: BuildConfig, bar: tqdm) -> Iterator[Document]:
    for item in files:
        if isinstance(item, Unsafe):
            doc = Document(source=item.source, raw_path=item.rel)
            doc.reject("ingest", item.reason, item.detail)
            bar.update(1)
            yield doc
            continue
        for doc in read_file(item, config.ingest):
            bar.update(1)
            yield doc


def _learn_furniture(
    sources: list[Source], files: list, config: BuildConfig, progress: bool = False
) -> dict:
    """Pass A: each source's recurring lines, learned from its plain-text dumps."""
    from builder.clean import Furniture

    learned = {}
    bar = tqdm(desc="furniture", unit=" page", disable=not progress, leave=False)
    for source in sources:
        own = [f for f in files if isinstance(f, RawFile) and f.source == source.name]
        pages = (bar.update(1) or page for f in own for page in text_dumps(f, config.ingest))
        learned[source.name] = Furniture.learn(
            pages,
            config.clean.furniture_min_share,
            config.clean.furniture_min_pages,
            config.clean.furniture_max_lines,
        )
    bar.close()
    return learned


def input_fingerprint(files: list, config: BuildConfig, parent) -> str:
    """What the release is a function of: raw bytes and paths, config, builder and parent."""
    digest = hashlib.sha256()
    digest.update(
        json.dumps(
            {
                "builder": builder.__version__,
                "config": config.to_dict(),
                "parent": parent.manifest_sha256 if parent else None,
            },
            sort_keys=True,
            default=list,
        ).encode()
    )
    for item in files:
        if isinstance(item, Unsafe):
            digest.update(f"unsafe\x00{item.rel}\x00".encode())
            continue
        digest.update(f"file\x00{item.source}\x00{item.rel}\x00".encode())
        for side in (item.path, item.path.with_name(item.path.name + ".meta.json")):
            if side.is_file():
                with open(side, "rb") as f:
                    digest.update(hashlib.file_digest(f, "sha256").digest())
    return digest.hexdigest()


def _prepare_work(work: Path, fingerprint: str) -> None:
    """Reuse finished shards only when they came from the very same input and config."""
    plan = work / "plan.json"
    if work.exists():
        try:
            same = json.loads(plan.read_text())["fingerprint"] == fingerprint
        except (OSError, ValueError, KeyError):
            same = False
        if not same:
            shutil.rmtree(work)
    work.mkdir(parents=True, exist_ok=True)
    if not plan.exists():
        plan.write_text(json.dumps({"fingerprint": fingerprint}))


def _fsync_tree(folder: Path) -> None:
    """Flush every file of the release to disk before it becomes visible."""
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            with open(path, "rb") as f:
                os.fsync(f.fileno())
    for path in [folder, *sorted(p for p in folder.rglob("*") if p.is_dir())]:
        _fsync_dir(path)


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
