"""Hostile and random malformed raw input: no crash, and every record in the ledger with a reason.

CI runs the hand-made hostile corpus and a sample of generated files; `-m slow` runs the full
10,000 generated inputs (`python -m pytest -m slow tests/robustness/test_fuzz.py`).
"""

from __future__ import annotations

import os
from pathlib import Path

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings

from builder.clean import CleanStage
from builder.config import BuildConfig
from builder.ingest.readers import RawFile, read_file
from builder.ingest.sources import printable
from tests.conftest import run_build
from tests.hostile.make_hostile import make_hostile, remove_tree
from tests.hostile.strategies import raw_files

LIMITS = {"ingest": {"max_decompressed_bytes": 50_000_000}, "release": {"date": "2026-11-28"}}
CONFIG = BuildConfig.from_dict(LIMITS)
CLEAN = CleanStage(CONFIG.clean)
SAMPLES = int(os.environ.get("FUZZ_SAMPLES", "300"))


def ingest_and_clean(name: str, data: bytes, folder: Path) -> list:
    path = folder / name
    path.write_bytes(data)
    docs = list(CLEAN.run(read_file(RawFile("fuzz", path, name), CONFIG.ingest)))
    path.unlink()
    return docs


def check(docs: list) -> None:
    assert docs, "every file gives at least one record (kept or rejected)"
    for doc in docs:
        if doc.kept:
            assert doc.text and "\x00" not in doc.text
            doc.text.encode("utf-8")  # no lone surrogates
        else:
            stage, reason = doc.rejected
            assert stage in ("ingest", "clean") and reason


@settings(
    max_examples=SAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(sample=raw_files())
def test_generated_malformed_files_never_crash(sample, tmp_path_factory):
    check(ingest_and_clean(sample.name, sample.data, tmp_path_factory.mktemp("fuzz")))


@pytest.mark.slow
@settings(
    max_examples=10_000,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(HealthCheck),
)
@given(sample=raw_files())
def test_ten_thousand_generated_files_never_crash(sample, tmp_path_factory):
    check(ingest_and_clean(sample.name, sample.data, tmp_path_factory.mktemp("fuzz")))


def matches(outcome: str, expected: str) -> bool:
    return outcome in expected.rstrip("*").split("|")


def test_the_hostile_corpus_builds_and_every_record_has_its_reason(tmp_path):
    corpus = tmp_path / "corpus"
    expected = make_hostile(corpus, seed=0, bomb_bytes=60_000_000)
    try:
        result = run_build(corpus, tmp_path / "out", config=CONFIG)
        ledger = pl.read_parquet(result.release / "ledger.parquet")
        counts = result.manifest["counts"]
        assert ledger.height == counts["records"] == counts["kept"] + counts["rejected"]
        assert ledger.filter(pl.col("status") == "rejected")["reason"].null_count() == 0
        ingest = {}
        for row in ledger.iter_rows(named=True):
            outcome = "kept" if row["stage"] != "ingest" else row["reason"]
            ingest.setdefault(row["raw_path"], []).append(outcome)
        for path, outcomes in sorted(expected.items()):
            got = ingest.get(printable(path), [])
            fixed = [e for e in outcomes if not e.endswith("*")]
            if not outcomes:
                continue
            assert len(got) >= len(fixed), (path, got, outcomes)
            for outcome in got:
                assert any(matches(outcome, e) for e in outcomes), (path, got, outcomes)
        for path in (result.release / "data").glob("*.parquet"):
            assert not pl.read_parquet(path)["text"].str.contains("root:x:0:0").any()
    finally:
        remove_tree(corpus)
