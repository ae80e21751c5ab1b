"""Pass D: stream the work shards into a release folder: data, ledger, card, datasheet, manifest.

Rows come out in raw-input order (the order the readers met them), split by the hash of their
dedup cluster; every raw record gets exactly one ledger row.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from tqdm import tqdm

import builder
from builder.config import BuildConfig
from builder.dedup.paragraphs import ParagraphDeduper
from builder.dedup_pass import Decision, Decisions
from builder.ingest.sources import Source
from builder.release.card import write_card
from builder.release.citation import write_citation
from builder.release.croissant import write_croissant
from builder.release.datasheet import write_datasheet
from builder.release.figures import write_figures
from builder.release.stats import Stats
from builder.rows import LEDGER_SCHEMA, RELEASE_SCHEMA, ledger_row, release_row
from builder.schema import load_schema
from builder.split import assign_split, split_names
from builder.workdir import finished_shards

ROW_GROUP = 10_000  # rows of a Parquet row group at most...
ROW_GROUP_BYTES = 8 << 20  # ...and bytes of Arrow data at most, so memory stays flat
BATCH = 256  # rows held as Python dicts before they become a compact Arrow batch


class SplitWriter:
    """Rows of one split into data/<split>-0000i-of-0000N.parquet, N known only at the end.

    Buffered rows are held as Arrow batches (UTF-8, where a Python str of non-Latin-1 text
    takes two or four bytes a character), and a row group is written at ROW_GROUP rows or
    ROW_GROUP_BYTES, whichever comes first.
    """

    def __init__(self, folder: Path, split: str, shard_rows: int) -> None:
        self.folder, self.split, self.shard_rows = folder, split, shard_rows
        self.parts: list[Path] = []
        self.rows_per_part: list[int] = []
        self.pending: list[dict] = []
        self.batches: list[pa.RecordBatch] = []
        self.buffered_rows = self.buffered_bytes = 0
        self.writer: pq.ParquetWriter | None = None

    def add(self, row: dict) -> None:
        self.pending.append(row)
        if len(self.pending) >= BATCH:
            self._batch()
        if (
            self.buffered_rows + len(self.pending) >= ROW_GROUP
            or self.buffered_bytes >= ROW_GROUP_BYTES
            or self._part_full()
        ):
            self._flush()

    def _batch(self) -> None:
        if self.pending:
            batch = pa.RecordBatch.from_pylist(self.pending, schema=RELEASE_SCHEMA)
            self.batches.append(batch)
            self.buffered_rows += batch.num_rows
            self.buffered_bytes += batch.nbytes
            self.pending = []

    def _part_full(self) -> bool:
        return (
            bool(self.rows_per_part)
            and self.rows_per_part[-1] + self.buffered_rows + len(self.pending) >= self.shard_rows
        )

    def _flush(self) -> None:
        self._batch()
        if not self.batches:
            return
        # One contiguous table, as if built at once: the bytes do not depend on batching.
        buffer = pa.Table.from_batches(self.batches, RELEASE_SCHEMA).combine_chunks()
        self.batches, self.buffered_rows, self.buffered_bytes = [], 0, 0
        while buffer.num_rows:
            if self.writer is None:
                path = self.folder / f".{self.split}-part{len(self.parts):05d}.parquet"
                self.parts.append(path)
                self.rows_per_part.append(0)
                self.writer = _parquet_writer(path, RELEASE_SCHEMA)
            room = self.shard_rows - self.rows_per_part[-1]
            chunk, buffer = buffer.slice(0, room), buffer.slice(room)
            self.writer.write_table(chunk)
            self.rows_per_part[-1] += chunk.num_rows
            if self.rows_per_part[-1] >= self.shard_rows:
                self.writer.close()
                self.writer = None

    def close(self) -> list[tuple[str, int]]:
        """Finish the files and give them their final names; returns (name, rows) pairs."""
        self._flush()
        if self.writer is not None:
            self.writer.close()
        # An empty split gets no file: `datasets` cannot load an empty split, so the card
        # lists only the splits that hold documents (the manifest still counts it as 0).
        total = len(self.parts)
        names = []
        for i, (path, rows) in enumerate(zip(self.parts, self.rows_per_part, strict=True)):
            name = f"{self.split}-{i:05d}-of-{total:05d}.parquet"
            os.replace(path, self.folder / name)
            names.append((f"data/{name}", rows))
        return names


def _parquet_writer(path: Path, schema: pa.Schema) -> pq.ParquetWriter:
    return pq.ParquetWriter(path, schema, compression="zstd", write_statistics=True)


def write_release(
    folder: Path,
    work: Path,
    decisions: Decisions,
    sources: list[Source],
    config: BuildConfig,
    version: str,
    parent,
    fingerprint: str,
    progress: bool = False,
) -> dict:
    (folder / "data").mkdir(parents=True)
    splits = split_names(config.split)
    writers = {s: SplitWriter(folder / "data", s, config.release.shard_rows) for s in splits}
    ledger = _parquet_writer(folder / "ledger.parquet", LEDGER_SCHEMA)
    stats = Stats(splits)
    paragraphs = ParagraphDeduper() if config.dedup.paragraphs else None
    pinned = parent.splits if parent is not None else {}
    salt = config.release.name
    ledger_rows: list[dict] = []
    with tqdm(desc="write", unit=" doc", disable=not progress, leave=False) as bar:
        for shard in finished_shards(work):
            work_rows = pq.read_table(shard).to_pylist()
            if not work_rows:
                continue
            decided = decisions.between(work_rows[0]["order"], work_rows[-1]["order"])
            for work_row in work_rows:
                bar.update(1)
                fate = _fate(work_row, decided, paragraphs, pinned, salt, config)
                row = ledger_row(work_row, **fate)
                ledger_rows.append(row)
                if row["status"] == "kept":
                    doc = release_row(work_row, decided[work_row["order"]].cluster)
                    writers[row["split"]].add(doc)
                    stats.add_document(doc, row["split"])
                stats.add_ledger(row)
                if len(ledger_rows) >= ROW_GROUP:
                    ledger.write_table(pa.Table.from_pylist(ledger_rows, schema=LEDGER_SCHEMA))
                    ledger_rows = []
    if ledger_rows:
        ledger.write_table(pa.Table.from_pylist(ledger_rows, schema=LEDGER_SCHEMA))
    ledger.close()
    data_files = {s: files for s in splits if (files := writers[s].close())}
    if parent is not None:
        from builder.release.diff import diff_releases, render_diff

        changes = render_diff(diff_releases(parent.path, folder, f"v{version}"), limit=1000)
        (folder / "CHANGES.md").write_text(changes, encoding="utf-8")
    (folder / "schema.json").write_text(json.dumps(load_schema("document"), indent=2) + "\n")
    summary = stats.summary()
    meta = _release_meta(config, version, parent, sources)
    write_card(folder, meta, summary, data_files)
    write_figures(folder, summary)
    write_datasheet(folder, meta, summary, sources)
    write_citation(folder, meta)
    write_croissant(folder, meta, data_files)
    from builder.release.manifest import write_manifest

    return write_manifest(folder, meta, summary, data_files, fingerprint, config, parent)


def _fate(
    work_row: dict,
    decisions: dict[int, Decision],
    paragraphs,
    pinned: dict,
    salt: str,
    config: BuildConfig,
) -> dict:
    if work_row["reason"]:
        return {}
    decision = decisions[work_row["order"]]
    if decision.duplicate_of is not None:
        kind = decision.kind
        return {
            "status": "rejected",
            "stage": "dedup",
            "reason": "duplicate_id" if kind == "id" else "duplicate",
            "duplicate_of": decision.duplicate_of,
            "similarity": decision.similarity,
            "duplicate_kind": kind,
            "detail": f"{kind} duplicate of {decision.duplicate_of}",
        }
    if paragraphs is not None:
        work_row["text"] = paragraphs.dedup(work_row["source"], work_row["text"])
        if not work_row["text"].strip():
            return {
                "status": "rejected",
                "stage": "dedup",
                "reason": "repeated_paragraphs",
                "detail": "every paragraph already appeared earlier in this source",
            }
    split = (
        pinned.get(work_row["id"])
        or pinned.get(decision.cluster)
        or assign_split(decision.cluster, salt, config.split)
    )
    return {"split": split, "stage": None, "reason": None}


def _release_meta(config: BuildConfig, version: str, parent, sources: list[Source]) -> dict:
    from builder.release.dates import release_date

    return {
        "name": config.release.name,
        "pretty_name": config.release.pretty_name,
        "description": config.release.description,
        "license": config.release.license,
        "version": version,
        "date": release_date(config.release.date),
        "authors": list(config.release.authors),
        "doi": config.release.doi,
        "homepage": config.release.homepage,
        "task_categories": list(config.release.task_categories),
        "builder_version": builder.__version__,
        "parent": parent.version if parent is not None else None,
        "sources": [s.info for s in sources],
        "methods": _methods(config),
    }


def _methods(config: BuildConfig) -> list[str]:
    """Which rule made which label, by name and setting, so a reader can reproduce it."""
    from builder.label import pii

    d = config.dedup
    return [
        f"main text: `{config.clean.html_mode}` HTML mode; plain-text dumps by the line "
        f"classifier{' with per-source furniture' if config.clean.cross_page else ''}",
        "quality rules: "
        + ("on (rule names in the table below)" if config.quality.enabled else "off"),
        f"language: backend `{config.language.backend}`, `und` below score "
        f"{config.language.min_score}",
        f"PII: rules `{pii.VERSION}`, "
        + (("redacted" if config.pii.redact else "counted") if config.pii.enabled else "off"),
        f"dedup: exact {'on' if d.exact else 'off'}; near {'on' if d.near else 'off'} "
        f"(MinHash {d.num_perm} permutations, {d.bands}x{d.rows} bands, word {d.shingle}-grams, "
        f"containment >= {d.containment}); paragraphs {'on' if d.paragraphs else 'off'}",
    ]
