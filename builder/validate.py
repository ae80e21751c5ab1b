"""`validate`: check every source and raw record against schemas/ without building anything."""

from __future__ import annotations

from pathlib import Path

from builder.config import BuildConfig
from builder.ingest.readers import read_file
from builder.ingest.sources import SourceError, Unsafe, find_sources, raw_files


def validate_raw(raw: Path, config: BuildConfig) -> tuple[list[str], int]:
    """Problems as 'path[:record]: reason: detail' lines, and how many records were checked."""
    try:
        sources = find_sources(raw)
    except SourceError as exc:
        return [str(exc)], 0
    if not sources:
        return [f"{raw}: no source.toml found"], 0
    problems, records = [], 0
    for item in raw_files(raw, sources):
        if isinstance(item, Unsafe):
            records += 1
            problems.append(f"{item.rel}: {item.reason}: {item.detail}")
            continue
        for doc in read_file(item, config.ingest):
            records += 1
            if not doc.kept:
                where = item.rel if doc.raw_offset is None else f"{item.rel}:{doc.raw_offset}"
                problems.append(f"{where}: {doc.rejected[1]}: {doc.detail}")
    return problems, records
