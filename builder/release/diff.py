"""`diff` and CHANGES.md: what changed between two releases, document by document."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl


@dataclass
class ReleaseDiff:
    old: str
    new: str
    added: list[str] = field(default_factory=list)
    labels: dict[str, str] = field(default_factory=dict)  # id -> "source: title", for reading
    removed: list[tuple[str, str]] = field(default_factory=list)  # (id, reason)
    changed: list[str] = field(default_factory=list)
    moved: list[tuple[str, str, str]] = field(default_factory=list)  # (id, old split, new split)
    by_source: dict[str, tuple[int, int]] = field(default_factory=dict)
    by_language: dict[str, tuple[int, int]] = field(default_factory=dict)


def _documents(release: Path) -> pl.DataFrame:
    frames = []
    for path in sorted((release / "data").glob("*.parquet")):
        split = path.name.split("-")[0]
        frame = pl.read_parquet(path, columns=["id", "text", "title", "source", "language"])
        frames.append(
            frame.with_columns(
                pl.lit(split).alias("split"), pl.col("text").hash(seed=0).alias("text_hash")
            ).drop("text")
        )
    if not frames:
        return pl.DataFrame(
            schema={
                "id": pl.String,
                "source": pl.String,
                "language": pl.String,
                "split": pl.String,
                "text_hash": pl.UInt64,
            }
        )
    return pl.concat(frames)


def diff_releases(old: Path, new: Path, new_name: str | None = None) -> ReleaseDiff:
    a, b = _documents(old), _documents(new)
    result = ReleaseDiff(old.name, new_name or new.name)
    result.added = sorted(set(b["id"]) - set(a["id"]))
    for frame in (a, b):
        for doc_id, source, title in frame.select("id", "source", "title").iter_rows():
            result.labels[doc_id] = f"{source}: {title}" if title else source
    gone = sorted(set(a["id"]) - set(b["id"]))
    ledger = pl.read_parquet(
        new / "ledger.parquet", columns=["id", "stage", "reason", "duplicate_of"]
    )
    why = {row[0]: row for row in ledger.filter(pl.col("id").is_in(gone)).iter_rows()}
    for doc_id in gone:
        row = why.get(doc_id)
        if row is None:
            reason = "no longer in the raw input"
        elif row[3]:
            reason = f"{row[1]}: {row[2]} of {row[3]}"
        else:
            reason = f"{row[1]}: {row[2]}"
        result.removed.append((doc_id, reason))
    both = a.join(b, on="id", suffix="_new")
    result.changed = sorted(both.filter(pl.col("text_hash") != pl.col("text_hash_new"))["id"])
    result.moved = sorted(
        both.filter(pl.col("split") != pl.col("split_new"))
        .select("id", "split", "split_new")
        .iter_rows()
    )
    for column, target in (("source", result.by_source), ("language", result.by_language)):
        old_counts = dict(a.group_by(column).len().iter_rows())
        new_counts = dict(b.group_by(column).len().iter_rows())
        for key in sorted(set(old_counts) | set(new_counts)):
            target[key] = (old_counts.get(key, 0), new_counts.get(key, 0))
    return result


def render_diff(d: ReleaseDiff, limit: int = 50) -> str:
    out = [
        f"# Changes from {d.old} to {d.new}",
        "",
        f"- {len(d.added)} documents added, {len(d.removed)} removed, {len(d.changed)} with "
        f"changed text, {len(d.moved)} moved between splits"
        + (" (none should: splits are stable)." if not d.moved else "."),
        "",
    ]
    for title, table in (("source", d.by_source), ("language", d.by_language)):
        out += [
            f"## Documents by {title}",
            "",
            f"| {title} | {d.old} | {d.new} | change |",
            "|---|---:|---:|---:|",
        ]
        out += [f"| {k} | {o:,} | {n:,} | {n - o:+,} |" for k, (o, n) in table.items()]
        out.append("")

    def name(doc_id: str) -> str:
        return f"`{doc_id}` ({d.labels.get(doc_id, '?')[:90]})"

    sections = (
        ("Added", [name(i) for i in d.added]),
        ("Removed", [f"{name(i)}: {why}" for i, why in d.removed]),
        ("Changed text", [name(i) for i in d.changed]),
        ("Moved between splits", [f"`{i}`: {s} -> {t}" for i, s, t in d.moved]),
    )
    for title, items in sections:
        if not items:
            continue
        out += [f"## {title}", ""] + [f"- {item}" for item in items[:limit]]
        if len(items) > limit:
            out.append(f"- ... and {len(items) - limit} more")
        out.append("")
    return "\n".join(out)
