"""A new version built on an earlier one keeps ids and splits, and says what changed."""

from __future__ import annotations

import json
import shutil

import polars as pl
import pytest

from builder.build import BuildError
from builder.parent import ParentError
from builder.release.diff import diff_releases
from tests.conftest import PAGES, make_source, run_build


def documents(release) -> pl.DataFrame:
    frames = []
    for path in sorted((release / "data").glob("*.parquet")):
        frames.append(pl.read_parquet(path).with_columns(split=pl.lit(path.name.split("-")[0])))
    return pl.concat(frames)


def test_new_version_keeps_ids_and_splits(good_raw, tmp_path):
    out = tmp_path / "releases"
    first = run_build(good_raw, out, "0.1.0").release
    old = documents(first)
    # v0.2.0: one more source, with an exact copy of an already released text and a new page.
    more = make_source(good_raw, "more")
    copy = old.filter(pl.col("source") == "docs").row(0, named=True)
    lines = [
        json.dumps({"id": "copy-of-old", "text": copy["text"].replace("\n\n", "\n")}),
        (PAGES / "extra.jsonl").read_text().strip(),
    ]
    (more / "more.jsonl").write_text("\n".join(lines) + "\n")
    second = run_build(good_raw, out, "0.2.0", parent=first).release
    new = documents(second)
    kept = old.join(new, on="id", suffix="_new")
    assert kept.height == old.height
    assert (kept["split"] == kept["split_new"]).all()
    manifest = json.loads((second / "manifest.json").read_text())
    assert manifest["parent"]["version"] == "0.1.0"
    ledger = pl.read_parquet(second / "ledger.parquet")
    dup = ledger.filter(pl.col("raw_id") == "copy-of-old").row(0, named=True)
    assert dup["status"] == "rejected" and dup["duplicate_of"] == copy["id"]
    changes = (second / "CHANGES.md").read_text()
    assert "# Changes from v0.1.0 to v0.2.0" in changes
    d = diff_releases(first, second)
    assert not d.moved and not d.changed and d.by_source["more"][0] == 0


def test_removed_pages_are_reported_with_a_reason(good_raw, tmp_path):
    out = tmp_path / "releases"
    first = run_build(good_raw, out, "0.1.0").release
    shutil.rmtree(good_raw / "docs")
    second = run_build(good_raw, out, "0.2.0", parent=first).release
    d = diff_releases(first, second)
    assert d.removed and all(why == "no longer in the raw input" for _, why in d.removed)


def test_version_must_be_newer_semver(good_raw, tmp_path):
    out = tmp_path / "releases"
    first = run_build(good_raw, out, "0.2.0").release
    with pytest.raises(ParentError, match="newer"):
        run_build(good_raw, out, "0.1.0", parent=first)
    with pytest.raises(BuildError, match="semantic version"):
        run_build(good_raw, out, "v1")
