"""Shared fixtures: small raw folders made from real pages in tests/data."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path

import pytest

from builder.build import BuildOptions, build
from builder.config import BuildConfig

DATA = Path(__file__).parent / "data"
PAGES = DATA / "pages"

SOURCE_TOML = """name = "{name}"
publisher = "test publisher"
license = "CC0-1.0"
homepage = "https://example.org"
collected = "copied from the project's dev sets"
languages = ["en"]
description = "Pages for tests."
caveats = []
"""


def make_source(root: Path, name: str) -> Path:
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "source.toml").write_text(SOURCE_TOML.format(name=name))
    return folder


@pytest.fixture
def good_raw(tmp_path: Path) -> Path:
    """A raw folder of real pages: the seed dump, two HTML articles, JSON lines."""
    raw = tmp_path / "raw"
    pages = make_source(raw, "pages")
    shutil.copy(PAGES / "seed.txt", pages / "seed.txt")
    for name in ("article-1.html", "article-2.html"):
        shutil.copy(PAGES / name, pages / name)
    (pages / "article-1.html.meta.json").write_text(
        json.dumps(
            {
                "url": "https://example.org/a1",
                "fetched_at": "2019-05-01T10:00:00Z",
                "labels": {"topic": "news"},
            }
        )
    )
    docs = make_source(raw, "docs")
    shutil.copy(PAGES / "docs.jsonl", docs / "docs.jsonl")
    return raw


@pytest.fixture
def mixed_raw(good_raw: Path) -> Path:
    """The good pages plus one of each kind of bad file a crawler leaves behind."""
    bad = make_source(good_raw, "bad")
    (bad / "empty.txt").write_bytes(b"")
    (bad / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8)
    lines = (PAGES / "docs.jsonl").read_bytes().splitlines(keepends=True)
    (bad / "mixed.jsonl").write_bytes(
        lines[0]
        + b'{"id": "broken", "text": "no closing brace"\n'
        + b'{"id": "latin", "text": "caf\xe9 au lait"}\n'
        + lines[1]
    )
    whole = gzip.compress(b"".join(lines[2:8]))
    (bad / "cut.jsonl.gz").write_bytes(whole[: len(whole) // 2])
    return good_raw


def run_build(
    raw: Path,
    out: Path,
    version: str = "0.1.0",
    config: BuildConfig | None = None,
    workers: int = 1,
    parent: Path | None = None,
):
    opts = BuildOptions(
        raw=raw,
        out=out,
        version=version,
        config=config or BuildConfig(),
        workers=workers,
        parent=parent,
        progress=False,
    )
    return build(opts)


def tree(folder: Path) -> dict[str, bytes]:
    """Every file of a folder, by relative path: two releases are equal when their trees are."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }
