"""Wires the stages, and runs one work shard through them.

A build has four passes: (A) learn each source's page furniture from its text dumps, (B) clean,
filter and label shard by shard in worker processes, writing each finished shard to the work
folder, (C) cluster duplicates from the shards' compact features, (D) write the release. Only
(B) is parallel; (C) holds a few hundred bytes per document; (D) streams. The local engine does
(A) during (B)'s read of the raw files (builder/build.py: shards of dumps wait for it).
"""

from __future__ import annotations

import os
import pickle
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from builder.clean import CleanStage, Furniture, QualityStage
from builder.config import BuildConfig
from builder.dedup.features import band_keys, exact_key
from builder.document import Document
from builder.ids import document_id
from builder.label.language import LanguageStage
from builder.label.pii import PiiStage
from builder.rows import WORK_SCHEMA, work_row
from builder.stage import Stage
from builder.textstore import write_texts
from builder.workdir import held_path, shard_path, texts_path


class IdStage(Stage):
    name = "id"

    def process(self, doc: Document) -> None:
        doc.id = document_id(doc)


def make_stages(config: BuildConfig, furniture: dict[str, Furniture] | None) -> list[Stage]:
    """The per-document stages, in order. Rejections by earlier stages pass through later ones."""
    stages: list[Stage] = [IdStage(), CleanStage(config.clean, furniture)]
    if config.quality.enabled:
        stages.append(QualityStage(config.quality))
    if config.pii.enabled:
        stages.append(PiiStage(config.pii))
    stages.append(LanguageStage(config.language))
    return stages


@dataclass
class ShardTask:
    index: int
    first: int  # the build-wide order number of the shard's first record
    docs: list[Document]
    path: str
    # A shard of plain-text dumps waits, pickled at `held`, until its sources' furniture is
    # learned; it then comes back with `docs` empty and the furniture it needs.
    held: str | None = None
    furniture: dict[str, Furniture] | None = None

    def hold(self) -> ShardTask:
        """Pickle the documents beside the shard's path; the task left holds none of them."""
        held = held_path(Path(self.path))
        tmp = held.with_name(f".{held.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as f:
            pickle.dump(self.docs, f, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, held)
        return ShardTask(self.index, self.first, [], self.path, str(held), self.furniture)

    def dumps(self, sources: Iterable[str]) -> list[Document]:
        """The shard's kept plain-text dumps of the given sources: what furniture is for."""
        wanted = set(sources)
        return [d for d in self.docs if d.kept and d.content_type == "text" and d.source in wanted]


@dataclass
class ShardResult:
    index: int
    records: int
    seconds: dict[str, float] = field(default_factory=dict)
    rejected: Counter = field(default_factory=Counter)


_context: dict = {}


def init_worker(config: BuildConfig, furniture: dict[str, Furniture] | None) -> None:
    """Build the stages once per worker process."""
    _context["config"] = config
    _context["stages"] = make_stages(config, furniture)


def process_shard(task: ShardTask) -> ShardResult:
    """Run one shard through every stage and write it, atomically, to the work folder."""
    config: BuildConfig = _context["config"]
    docs = task.docs
    if task.held:
        with open(task.held, "rb") as f:
            docs = pickle.load(f)
    if task.furniture is not None:
        for stage in _context["stages"]:
            if isinstance(stage, CleanStage):
                stage.furniture = task.furniture
    result = ShardResult(task.index, len(docs))
    for stage in _context["stages"]:
        start = time.perf_counter()
        docs = list(stage.run(docs))
        result.seconds[stage.name] = time.perf_counter() - start
    start = time.perf_counter()
    rows = []
    for order, doc in enumerate(docs, start=task.first):
        key = bands = None
        if doc.kept:
            key = exact_key(doc.text)
            bands = band_keys(doc.text, config.dedup) if config.dedup.near else None
        else:
            result.rejected[doc.rejected] += 1
        rows.append(work_row(order, doc, key, bands))
    result.seconds["signature"] = time.perf_counter() - start
    kept = [(row["order"], row["text"]) for row in rows if row["text"] is not None]
    # The text file first: a shard whose Parquet file exists is finished, texts included.
    write_texts(texts_path(Path(task.path)), [o for o, _ in kept], [t for _, t in kept])
    write_table(pa.Table.from_pylist(rows, schema=WORK_SCHEMA), Path(task.path))
    if task.held:
        os.remove(task.held)
    return result


def write_table(table: pa.Table, path: Path) -> None:
    """Write a Parquet file so that it either exists whole or not at all."""
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    pq.write_table(table, tmp, compression="zstd")
    os.replace(tmp, path)


def shards(
    records: Iterable[Document], size: int, folder: Path, max_chars: int | None = None
) -> Iterator[ShardTask]:
    """Cut the record stream into shards of `size` records, or fewer where their raw pages reach
    `max_chars` characters: the same input gives the same shards."""
    batch: list[Document] = []
    index = first = chars = 0
    for doc in records:
        batch.append(doc)
        chars += len(doc.content)
        if len(batch) == size or (max_chars is not None and chars >= max_chars):
            yield ShardTask(index, first, batch, str(shard_path(folder, index)))
            index, first, batch, chars = index + 1, first + len(batch), [], 0
    if batch:
        yield ShardTask(index, first, batch, str(shard_path(folder, index)))
