"""manifest.json: what a release is, how it was built, and the SHA-256 of every other file in it."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from builder.config import BuildConfig
from builder.schema import errors as schema_errors

MANIFEST = "manifest.json"
MANIFEST_SUM = "manifest.json.sha256"  # the manifest's own checksum, in `sha256sum` format


def file_sha256(path: Path) -> str:
    with open(path, "rb") as f:
        return hashlib.file_digest(f, "sha256").hexdigest()


def release_files(folder: Path) -> list[Path]:
    """Every file of a release except the manifest itself, in a fixed order."""
    return sorted(
        (p for p in folder.rglob("*") if p.is_file() and p.name not in (MANIFEST, MANIFEST_SUM)),
        key=lambda p: p.relative_to(folder).as_posix(),
    )


def write_manifest(
    folder: Path,
    meta: dict,
    summary: dict,
    data_files: dict,
    fingerprint: str,
    config: BuildConfig,
    parent,
) -> dict:
    rows = {name: n for files in data_files.values() for name, n in files}
    rows["ledger.parquet"] = summary["records"]
    files = {}
    for path in release_files(folder):
        rel = path.relative_to(folder).as_posix()
        files[rel] = {"sha256": file_sha256(path), "bytes": path.stat().st_size}
        if rel in rows:
            files[rel]["rows"] = rows[rel]
    manifest = {
        "name": meta["name"],
        "version": meta["version"],
        "parent": (
            {"version": parent.version, "manifest_sha256": parent.manifest_sha256}
            if parent is not None
            else None
        ),
        "builder_version": meta["builder_version"],
        "created": meta["date"],
        "config": config.to_dict(),
        "input_fingerprint": fingerprint,
        "files": files,
        "splits": summary["splits"],
        "counts": summary,
    }
    problems = schema_errors("manifest", manifest)
    if problems:
        raise ValueError(f"the manifest breaks schemas/manifest: {problems}")
    text = json.dumps(manifest, indent=2, sort_keys=False, ensure_ascii=False, default=list)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")
    (folder / MANIFEST_SUM).write_text(f"{file_sha256(folder / MANIFEST)}  {MANIFEST}\n")
    return manifest
