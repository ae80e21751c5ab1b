"""The work folder is read back in input order, past the six digits of shard names too."""

from __future__ import annotations

from builder.workdir import finished_shards, held_path, shard_path


def test_shards_come_back_by_number_and_kind(tmp_path):
    for n in (1_000_000, 5, 999_999, 12):
        shard_path(tmp_path, n).touch()
        shard_path(tmp_path, n).with_suffix(".texts.arrow").touch()
    held_path(shard_path(tmp_path, 3)).touch()  # waiting, not finished
    numbers = [5, 12, 999_999, 1_000_000]
    assert finished_shards(tmp_path) == [shard_path(tmp_path, n) for n in numbers]
    texts = finished_shards(tmp_path, ".texts.arrow")
    assert texts == [shard_path(tmp_path, n).with_suffix(".texts.arrow") for n in numbers]
