"""The releases in the repository verify, load, and keep their promises to each other."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.release.diff import diff_releases
from builder.release.verify import verify_release

RELEASES = Path(__file__).parents[2] / "releases"


@pytest.mark.parametrize("version", ["v0.1.0", "v0.2.0"])
def test_committed_release_verifies_and_loads(version):
    import datasets

    release = RELEASES / version
    assert verify_release(release) == []
    manifest = json.loads((release / "manifest.json").read_text())
    loaded = datasets.load_dataset(str(release))
    assert set(loaded) == {"train", "validation", "test"}
    assert {s: loaded[s].num_rows for s in loaded} == manifest["splits"]


def test_v020_builds_on_v010_without_split_moves():
    manifest = json.loads((RELEASES / "v0.2.0" / "manifest.json").read_text())
    assert manifest["parent"]["version"] == "0.1.0"
    d = diff_releases(RELEASES / "v0.1.0", RELEASES / "v0.2.0")
    assert not d.moved and not d.removed and d.added
    assert (RELEASES / "v0.2.0" / "CHANGES.md").read_text().startswith("# Changes from v0.1.0")
