"""An earlier release that a new version builds on: its ids, splits and texts."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

import polars as pl

from builder.config import BuildConfig


class ParentError(ValueError):
    pass


@dataclass
class Parent:
    path: Path
    manifest: dict
    manifest_sha256: str
    splits: dict[str, str]  # document id -> split

    @classmethod
    def load(cls, path: Path, new_version: str) -> Parent:
        from builder.release.verify import verify_release

        manifest_path = path / "manifest.json"
        if not manifest_path.is_file():
            raise ParentError(f"--parent {path} is not a release (no manifest.json)")
        problems = verify_release(path)
        if problems:
            raise ParentError(f"--parent {path} does not verify: {problems[0]}")
        raw = manifest_path.read_bytes()
        manifest = json.loads(raw)
        if _semver_key(manifest["version"]) >= _semver_key(new_version):
            raise ParentError(
                f"version {new_version} must be newer than the parent's {manifest['version']}"
            )
        splits = {}
        for split in manifest["splits"]:
            for file in sorted(path.glob(f"data/{split}-*.parquet")):
                for doc_id in pl.read_parquet(file, columns=["id"])["id"]:
                    splits[doc_id] = split
        return cls(path, manifest, hashlib.sha256(raw).hexdigest(), splits)

    @property
    def version(self) -> str:
        return self.manifest["version"]

    @property
    def ids(self) -> list[str]:
        return sorted(self.splits)

    def data_files(self) -> list[Path]:
        return sorted((self.path / "data").glob("*.parquet"))

    def features(self, config: BuildConfig) -> pl.DataFrame:
        """Dedup features of the parent's documents, so new pages that copy them are caught."""
        from builder.dedup.features import band_keys, exact_key

        frame = pl.read_parquet(self.data_files(), columns=["id", "text", "n_chars", "fetched_at"])
        return pl.DataFrame(
            {
                "order": pl.Series([None] * len(frame), dtype=pl.Int64),
                "id": frame["id"],
                "exact_key": [exact_key(t) for t in frame["text"]],
                "bands": pl.Series(
                    [
                        band_keys(t, config.dedup) if config.dedup.near else None
                        for t in frame["text"]
                    ],
                    dtype=pl.List(pl.UInt64),
                ),
                "n_chars": frame["n_chars"],
                "fetched_at": frame["fetched_at"],
            }
        )

    def texts(self, ids: list[str]) -> dict[str, str]:
        frame = (
            pl.scan_parquet(self.data_files())
            .filter(pl.col("id").is_in(ids))
            .select("id", "text")
            .collect()
        )
        return dict(zip(frame["id"], frame["text"], strict=True))


def _semver_key(version: str) -> tuple:
    core = version.split("-")[0]
    return tuple(int(x) for x in core.split("."))
