"""`explain`: the fate of one document or raw record, read from a release's ledger."""

from __future__ import annotations

from pathlib import Path

import polars as pl


def newest_release(root: Path = Path("releases")) -> Path | None:
    from builder.parent import _semver_key

    found = [p for p in root.glob("v*") if (p / "manifest.json").is_file()]
    return max(found, key=lambda p: _semver_key(p.name[1:]), default=None)


def explain(key: str, release: Path | None) -> tuple[str, bool]:
    release = release or newest_release()
    if release is None:
        return "no release found; pass --release", False
    ledger = pl.read_parquet(release / "ledger.parquet")
    rows = ledger.filter(
        (pl.col("id") == key) | (pl.col("raw_id") == key) | (pl.col("raw_path") == key)
    )
    if rows.is_empty():
        return f"{key}: not in {release}/ledger.parquet", False
    out = []
    for row in rows.iter_rows(named=True):
        where = row["raw_path"] + (
            f" record {row['raw_offset']}" if row["raw_offset"] is not None else ""
        )
        head = f"{row['id'] or '(no id)'}  from {where}"
        if row["status"] == "kept":
            out.append(f"{head}\n  kept, in split {row['split']}")
        elif row["duplicate_of"]:
            sim = f"{row['similarity']:.3f}" if row["similarity"] is not None else "?"
            out.append(
                f"{head}\n  removed by {row['stage']}: {row['duplicate_kind']} duplicate of "
                f"{row['duplicate_of']} (similarity {sim}), which was kept"
            )
        else:
            out.append(
                f"{head}\n  rejected by {row['stage']}: {row['reason']}"
                + (f" ({row['detail']})" if row["detail"] else "")
            )
    return "\n".join(out), True
