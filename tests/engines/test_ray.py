"""The Ray engine gives the byte-identical release that the local engine gives."""

from __future__ import annotations

import pytest

from tests.conftest import run_build, tree

ray = pytest.importorskip("ray")


@pytest.fixture(scope="module")
def local_ray():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False, configure_logging=False)
    yield
    ray.shutdown()


def test_ray_and_local_releases_are_byte_identical(good_raw, tmp_path, local_ray):
    from builder.build import BuildOptions, build
    from builder.config import BuildConfig

    config = BuildConfig.from_dict(
        {"engine": {"shard_records": 4}, "release": {"date": "2026-11-28"}}
    )
    local = run_build(good_raw, tmp_path / "local", config=config, workers=2).release
    opts = BuildOptions(
        raw=good_raw,
        out=tmp_path / "ray",
        version="0.1.0",
        config=config,
        engine="ray",
        progress=False,
    )
    on_ray = build(opts).release
    assert tree(local) == tree(on_ray)


def test_band_shuffle_finds_the_same_candidate_pairs(local_ray):
    import polars as pl

    from builder.dedup.candidates import candidate_pairs
    from builder.engines.ray import candidate_pairs_ray

    rows = 300
    nodes = pl.Series(range(rows), dtype=pl.UInt32)
    # 40 buckets per band, so small and large (> 16 members) buckets both occur
    bands = pl.Series(
        [[(i * 7 + b) % 40 + 1000 * b for b in range(4)] for i in range(rows)],
        dtype=pl.List(pl.UInt64),
    )
    assert candidate_pairs_ray(nodes, bands).equals(candidate_pairs(nodes, bands))
