"""`verify`: is this release exactly what its manifest says, and does every row fit its schema?

Catches a changed, missing or extra file, a row that breaks `schema.json`, and row counts that
disagree with the manifest. Returns the problems, one line each, naming the file.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
from jsonschema import Draft202012Validator

from builder.release.manifest import MANIFEST, MANIFEST_SUM, file_sha256, release_files


def verify_release(folder: Path, rows: bool = True) -> list[str]:
    manifest_path = folder / MANIFEST
    try:
        expected = (folder / MANIFEST_SUM).read_text(encoding="ascii").split()[0]
    except (OSError, IndexError, UnicodeDecodeError):
        return [f"{MANIFEST_SUM}: missing or unreadable"]
    if not manifest_path.is_file() or file_sha256(manifest_path) != expected:
        return [f"{MANIFEST}: checksum mismatch (or {MANIFEST_SUM} changed)"]
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed = manifest["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [f"{MANIFEST}: unreadable ({exc})"]
    from builder.schema import errors as schema_errors

    problems = [f"{MANIFEST}: {p}" for p in schema_errors("manifest", manifest)]
    present = {p.relative_to(folder).as_posix(): p for p in release_files(folder)}
    for name in sorted(set(listed) - set(present)):
        problems.append(f"{name}: missing")
    for name in sorted(set(present) - set(listed)):
        problems.append(f"{name}: not in the manifest")
    for name in sorted(set(listed) & set(present)):
        entry, path = listed[name], present[name]
        if path.stat().st_size != entry.get("bytes") or file_sha256(path) != entry.get("sha256"):
            problems.append(f"{name}: checksum mismatch")
    if problems or not rows:
        return problems
    return _check_counts(manifest) + _check_rows(folder, manifest)


def _check_counts(manifest: dict) -> list[str]:
    """The manifest must agree with itself: split sizes, file rows, ledger rows."""
    problems = []
    files, counts = manifest["files"], manifest["counts"]
    for split, n in manifest["splits"].items():
        rows = sum(
            e.get("rows", 0) for name, e in files.items() if name.startswith(f"data/{split}-")
        )
        if rows != n:
            problems.append(f"{MANIFEST}: split {split} has {rows} rows in its files, not {n}")
    if files.get("ledger.parquet", {}).get("rows") != counts.get("records"):
        problems.append(f"{MANIFEST}: ledger rows differ from counts.records")
    if sum(manifest["splits"].values()) != counts.get("kept"):
        problems.append(f"{MANIFEST}: splits do not add up to counts.kept")
    return problems


def _check_rows(folder: Path, manifest: dict) -> list[str]:
    problems = []
    try:
        schema = json.loads((folder / "schema.json").read_text(encoding="utf-8"))
        validator = Draft202012Validator(schema)
    except (OSError, ValueError) as exc:
        return [f"schema.json: unusable ({exc})"]
    for name, entry in manifest["files"].items():
        if not (name.startswith("data/") and name.endswith(".parquet")):
            continue
        try:
            table = pq.read_table(folder / name)
        except Exception as exc:  # noqa: BLE001 - any unreadable Parquet is a finding
            problems.append(f"{name}: not readable as Parquet ({exc})")
            continue
        if table.num_rows != entry.get("rows"):
            problems.append(f"{name}: {table.num_rows} rows, the manifest says {entry.get('rows')}")
        for i, row in enumerate(table.to_pylist()):
            row = {k: v for k, v in row.items()}
            error = next(iter(validator.iter_errors(row)), None)
            if error is not None:
                where = "/".join(map(str, error.path)) or "(row)"
                problems.append(f"{name}: row {i}: {where}: {error.message[:200]}")
                break
    return problems
