"""The whole path, raw folder to release, on real pages."""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path

import polars as pl
import pytest

from builder.build import BuildError
from builder.config import BuildConfig
from builder.release.verify import verify_release
from tests.conftest import make_source, run_build, tree


def ledger(release: Path) -> pl.DataFrame:
    return pl.read_parquet(release / "ledger.parquet")


def test_every_raw_record_is_accounted_for(mixed_raw, tmp_path):
    result = run_build(mixed_raw, tmp_path / "out")
    rows = ledger(result.release)
    counts = result.manifest["counts"]
    assert counts["records"] == rows.height == counts["kept"] + counts["rejected"]
    # 1 seed + 2 html + 20 jsonl + 2 empty/binary + 4 mixed.jsonl + some cut gz records + 1 break
    reasons = dict(
        rows.filter(pl.col("raw_path").str.starts_with("bad/"))
        .select(
            pl.concat_str(
                "raw_path", pl.col("raw_offset").cast(pl.String).fill_null(""), separator="#"
            ),
            "reason",
        )
        .iter_rows()
    )
    assert reasons["bad/empty.txt#"] == "empty"
    assert reasons["bad/image.html#"] == "binary"
    assert reasons["bad/mixed.jsonl#1"] == "invalid_json"
    assert reasons["bad/mixed.jsonl#2"] == "invalid_json"  # JSON must be UTF-8; \xe9 is not
    assert reasons["bad/mixed.jsonl#0"] in (None, "duplicate")
    cut = rows.filter(pl.col("raw_path") == "bad/cut.jsonl.gz")
    assert cut["reason"].to_list()[-1] == "corrupt_gzip"
    assert (rows["status"] == "rejected").sum() == counts["rejected"]
    assert rows.filter(pl.col("status") == "rejected")["reason"].null_count() == 0


def test_release_loads_with_datasets_and_polars(good_raw, tmp_path):
    import datasets

    result = run_build(good_raw, tmp_path / "out")
    loaded = datasets.load_dataset(str(result.release))
    manifest = result.manifest
    for split, n in manifest["splits"].items():
        if n:
            assert loaded[split].num_rows == n
        else:
            assert split not in loaded
    assert sum(manifest["splits"].values()) == manifest["counts"]["kept"] > 0
    frame = pl.read_parquet(str(result.release / "data" / "*.parquet"))
    assert frame.height == manifest["counts"]["kept"]
    assert frame["id"].n_unique() == frame.height
    assert loaded["train"].features["language"].names[0] != ""


def test_two_builds_give_identical_bytes(good_raw, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    one = run_build(good_raw, tmp_path / "one").release
    two = run_build(good_raw, tmp_path / "two", workers=2).release
    names = sorted(p.relative_to(one).as_posix() for p in one.rglob("*") if p.is_file())
    assert names == sorted(p.relative_to(two).as_posix() for p in two.rglob("*") if p.is_file())
    for name in names:
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_verify_names_the_changed_file(good_raw, tmp_path):
    release = run_build(good_raw, tmp_path / "out").release
    assert verify_release(release) == []
    target = sorted((release / "data").glob("train-*.parquet"))[0]
    data = bytearray(target.read_bytes())
    data[len(data) // 2] ^= 0xFF
    target.write_bytes(bytes(data))
    problems = verify_release(release)
    assert problems and problems[0].startswith(f"data/{target.name}")


def test_an_existing_version_is_never_overwritten(good_raw, tmp_path):
    out = tmp_path / "out"
    release = run_build(good_raw, out).release
    before = {p: p.read_bytes() for p in release.rglob("*") if p.is_file()}
    (good_raw / "pages" / "seed.txt").unlink()
    with pytest.raises(BuildError, match="already exists"):
        run_build(good_raw, out)
    assert {p: p.read_bytes() for p in release.rglob("*") if p.is_file()} == before
    assert not [p for p in out.iterdir() if p.name.startswith(".v0.1.0.") and p.is_dir()]


def test_rows_trace_back_to_raw_records(good_raw, tmp_path):
    release = run_build(good_raw, tmp_path / "out").release
    frame = pl.read_parquet(str(release / "data" / "*.parquet"))
    jsonl = frame.filter(pl.col("raw_path") == "docs/docs.jsonl")
    assert jsonl["raw_offset"].null_count() == 0
    assert set(jsonl["raw_id"]) <= {f"d{i:05d}" for i in range(20)}
    meta = frame.filter(pl.col("raw_path") == "pages/article-1.html")
    if meta.height:
        assert meta["url"][0] == "https://example.org/a1"
        assert meta["labels"][0].to_list() == [{"key": "topic", "value": "news"}]
    seed = frame.filter(pl.col("raw_path") == "pages/seed.txt")
    raw_bytes = (good_raw / "pages" / "seed.txt").read_bytes()
    assert seed["raw_sha256"].to_list() == [hashlib.sha256(raw_bytes).hexdigest()]


def test_paragraph_dedup_drops_repeated_paragraphs_within_a_source(tmp_path):
    import json

    from builder.config import BuildConfig
    from tests.conftest import PAGES, make_source

    raw = tmp_path / "raw"
    site = make_source(raw, "site")
    docs = [json.loads(line) for line in (PAGES / "docs.jsonl").read_text().splitlines()]
    boiler = (
        "The council said the full budget would be published on its website next week, "
        "after a final vote by its members and a public hearing in the town hall."
    )
    lines = [json.dumps({"id": d["id"], "text": d["text"] + "\n" + boiler}) for d in docs[:6]]
    (site / "site.jsonl").write_text("\n".join(lines) + "\n")
    config = BuildConfig.from_dict(
        {
            "dedup": {"paragraphs": True, "near": False},
            "quality": {"enabled": False},
            "clean": {"cross_page": False},
        }
    )
    release = run_build(raw, tmp_path / "out", config=config).release
    texts = pl.read_parquet(str(release / "data" / "*.parquet")).sort("raw_offset")["text"]
    holding = [t for t in texts if boiler in t]
    assert len(holding) == 1, "only the first document of the source keeps the shared paragraph"


def test_furniture_is_learned_in_the_one_read_and_held_shards_change_nothing(
    good_raw, tmp_path, monkeypatch
):
    # Seven dumps of one site whose furniture line reads like prose (tests/clean/data/crosspage),
    # beside the HTML and JSON pages of good_raw, in shards of two records.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    site = make_source(good_raw, "site")
    for page in sorted((Path(__file__).parent / "clean" / "data" / "crosspage").glob("*.txt")):
        shutil.copy(page, site / page.name)
    small = {"engine": {"shard_records": 2}}
    held = BuildConfig.from_dict(small)  # dump shards wait pickled, then go last
    reread = BuildConfig.from_dict({"engine": {"shard_records": 2, "held_bytes": 0}})
    releases = [
        run_build(good_raw, tmp_path / "held", config=held, workers=2).release,
        run_build(good_raw, tmp_path / "reread", config=reread, workers=2).release,
        run_build(good_raw, tmp_path / "one", config=held, workers=1).release,
    ]
    assert tree(releases[2]) == tree(releases[0])

    def data(release: Path) -> dict[str, bytes]:  # the config (held_bytes) is in the manifest
        return {k: v for k, v in tree(release).items() if k.endswith(".parquet")}

    assert data(releases[1]) == data(releases[0])
    texts = pl.read_parquet(releases[0] / "data" / "*.parquet").filter(pl.col("source") == "site")
    assert texts.height == 7
    assert not any("The author chose to make this story unlisted" in t for t in texts["text"])
