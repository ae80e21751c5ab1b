"""The hostile corpus is what it claims to be: reproducible, documented, and really broken.

These tests check the files themselves with the standard library and warcio, not the builder;
the fuzz harness that feeds them to the builder lives elsewhere.
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import io
import os
import struct
import zlib
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from tests.hostile.make_hostile import (
    ATTACKS,
    BOMB_BYTES,
    make_bad_sources,
    make_hostile,
    remove_tree,
)
from tests.hostile.strategies import EXTENSIONS, raw_files, raw_folders, write_raw_folder

HERE = Path(__file__).parent
SMALL_BOMB = 20_000_000


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, dict[str, list[str]]]:
    out = tmp_path_factory.mktemp("hostile")
    expected = make_hostile(out, seed=0, bomb_bytes=SMALL_BOMB)
    yield out, expected
    remove_tree(out)


def fingerprint(root: Path) -> dict[str, str]:
    """Path -> sha256 of the bytes, or the link target, of everything under root."""
    prints = {}
    for folder, dirs, files in os.walk(root):
        for name in files + dirs:
            path = Path(folder, name)
            rel = path.relative_to(root).as_posix()
            if path.is_symlink():
                prints[rel] = "-> " + os.readlink(path)
            elif path.is_file() and os.access(path, os.R_OK) and not rel.endswith("fifo.txt"):
                prints[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
            elif not path.is_dir():
                prints[rel] = "special"
    return prints


def test_same_seed_same_bytes(corpus, tmp_path):
    out, _ = corpus
    again = tmp_path / "again"
    make_hostile(again, seed=0, bomb_bytes=SMALL_BOMB)
    try:
        assert fingerprint(again) == fingerprint(out)
    finally:
        remove_tree(again)


def test_every_path_exists_and_is_in_the_readme(corpus):
    out, expected = corpus
    readme = (HERE / "README.md").read_text(encoding="utf-8")
    for rel in expected:
        path = out / rel
        assert path.exists() or path.is_symlink(), rel
        name = rel.split("/")[-1].replace("\n", "\\n")
        if name.startswith("nnnn"):
            name = "nnn…n.txt"
        elif name.startswith("bad_name_"):
            name = "bad_name_"
        assert name in readme, rel
        assert ATTACKS[rel]
    assert (out / "hostile" / "source.toml").is_file()


def test_symlinks_point_outside_and_the_special_files_are_special(corpus):
    out, _ = corpus
    folder = out / "hostile"
    assert os.readlink(folder / "link_outside_abs.txt") == "/etc/passwd"
    assert not (folder / "link_dir_outside").resolve().is_relative_to(out.resolve())
    with pytest.raises((RuntimeError, OSError)):
        (folder / "link_loop.txt").resolve(strict=True)
    assert (folder / "fifo.txt").is_fifo()
    assert (folder / "unreadable.txt").stat().st_mode & 0o777 == 0
    assert any(os.fsencode(p).endswith(b"\xff\xfe.txt") for p in os.listdir(folder))


def read_gzip(path: Path) -> bytes:
    with gzip.open(path, "rb") as f:
        return f.read()


def test_gzip_files_break_the_way_they_say(corpus):
    folder = corpus[0] / "hostile"
    with pytest.raises(EOFError):
        read_gzip(folder / "truncated.jsonl.gz")
    with pytest.raises(gzip.BadGzipFile, match="CRC"):
        read_gzip(folder / "bad_crc.jsonl.gz")
    with pytest.raises((gzip.BadGzipFile, zlib.error, EOFError)):
        read_gzip(folder / "corrupt_middle.jsonl.gz")
    with pytest.raises(gzip.BadGzipFile):
        read_gzip(folder / "not_gzip.jsonl.gz")
    with pytest.raises(EOFError):
        read_gzip(folder / "header_only.jsonl.gz")
    assert read_gzip(folder / "multi_member.jsonl.gz").count(b"\n") == 4
    assert read_gzip(folder / "empty_member.jsonl.gz") == b""
    assert read_gzip(folder / "empty.jsonl.gz") == b""


def responses(path: Path) -> list[bytes]:
    from warcio.archiveiterator import ArchiveIterator

    with open(path, "rb") as f:
        return [r.content_stream().read() for r in ArchiveIterator(f) if r.rec_type == "response"]


def test_warc_files_break_the_way_they_say(corpus):
    from warcio.exceptions import ArchiveLoadFailed

    folder = corpus[0] / "hostile"
    good = responses(folder / "good.warc.gz")
    assert len(good) == 3 and all(b"<p>" in body for body in good)
    assert len(responses(folder / "not_gzip.warc.gz")) == 3
    assert responses(folder / "no_responses.warc.gz") == []
    assert responses(folder / "empty.warc.gz") == []
    for name in ("bad_version.warc", "garbage.warc", "garbage.warc.gz"):
        with pytest.raises(ArchiveLoadFailed):
            responses(folder / name)
    # warcio stops quietly at a cut member, or raises: either way the 5th page is gone
    with contextlib.suppress(ArchiveLoadFailed, EOFError, zlib.error, ValueError):
        assert len(responses(folder / "truncated.warc.gz")) < 5


def test_bombs_are_small_and_expand_past_the_cap(corpus):
    folder = corpus[0] / "hostile"
    for name in ("bomb_lines.jsonl.gz", "bomb_one_line.jsonl.gz", "bomb.warc.gz"):
        path = folder / name
        packed = path.read_bytes()
        assert len(packed) < SMALL_BOMB / 100
        (declared,) = struct.unpack("<I", packed[-4:])
        total = 0
        with gzip.open(path, "rb") as f:  # streamed: a bomb must never be read whole
            while chunk := f.read(1 << 20):
                total += len(chunk)
        assert total >= SMALL_BOMB and total % (1 << 32) == declared


@pytest.mark.slow
def test_full_size_bombs_expand_past_a_gigabyte(tmp_path):
    make_hostile(tmp_path / "full", bomb_bytes=BOMB_BYTES)
    try:
        for name in ("bomb_lines.jsonl.gz", "bomb_one_line.jsonl.gz", "bomb.warc.gz"):
            path = tmp_path / "full" / "hostile" / name
            assert path.stat().st_size < 3_000_000
            total = 0
            with gzip.open(path, "rb") as f:
                while chunk := f.read(1 << 22):
                    total += len(chunk)
            assert total > 1_000_000_000
        body = responses(tmp_path / "full" / "hostile" / "bomb.warc.gz")
        assert len(body) == 1 and len(body[0]) > 1_000_000_000
    finally:
        remove_tree(tmp_path / "full")


def test_bad_sources_are_written(tmp_path):
    cases = make_bad_sources(tmp_path)
    for case in cases:
        tomls = list((tmp_path / case).rglob("source.toml"))
        assert tomls, case


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_files())
def test_strategy_draws_named_bounded_bytes(sample):
    assert isinstance(sample.data, bytes) and len(sample.data) <= 64_000
    assert sample.name.lower().endswith(EXTENSIONS) and sample.extension in EXTENSIONS
    assert "/" not in sample.name and "\x00" not in sample.name


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(raw_folders())
def test_strategy_folders_can_be_written(tmp_path_factory, samples):
    root = write_raw_folder(tmp_path_factory.mktemp("fuzz"), samples)
    written = sorted(p.name for p in (root / "fuzz").iterdir())
    assert written == sorted([s.name for s in samples] + ["source.toml"])
    assert len({s.name.lower() for s in samples}) == len(samples)


def test_well_formed_warcs_from_the_strategy_parse():
    from hypothesis import find

    from tests.hostile.strategies import warc_bytes

    data = find(warc_bytes(compress=True), lambda b: len(b) > 0)
    from warcio.archiveiterator import ArchiveIterator

    assert list(ArchiveIterator(io.BytesIO(data)))
