"""`builder.load`: a release as a DatasetDict, in one call."""

from __future__ import annotations

from pathlib import Path


def load(release: str | Path, **kwargs):
    """`datasets.load_dataset` on a release folder (kwargs pass through, e.g. split=...)."""
    import datasets

    return datasets.load_dataset(str(release), **kwargs)
