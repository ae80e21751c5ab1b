"""Kill -9, two builds at once, a full disk: never half a release, always the same bytes after."""

from __future__ import annotations

import random
import resource
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from builder.release.verify import verify_release
from tests.conftest import PAGES, make_source, tree


def cli(*args: str) -> list[str]:
    return [sys.executable, "-m", "builder.cli", *args]


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    raw = tmp_path / "raw"
    pages = make_source(raw, "pages")
    shutil.copy(PAGES / "seed.txt", pages / "seed.txt")
    shutil.copy(PAGES / "article-1.html", pages / "article-1.html")
    docs = make_source(raw, "docs")
    shutil.copy(PAGES / "docs.jsonl", docs / "docs.jsonl")
    (tmp_path / "config.toml").write_text(
        '[engine]\nshard_records = 3\n[release]\ndate = "2026-11-28"\n'
    )
    return raw


def build_args(raw: Path, out: Path) -> list[str]:
    return cli(
        "build",
        str(raw),
        "--version",
        "0.1.0",
        "--out",
        str(out),
        "--quiet",
        "--workers",
        "1",
        "--config",
        str(raw.parent / "config.toml"),
    )


def visible(out: Path) -> list[Path]:
    return [p for p in out.iterdir() if not p.name.startswith(".")] if out.exists() else []


def test_sigkill_at_random_points_never_shows_half_a_release(raw, tmp_path):
    reference = tmp_path / "reference"
    subprocess.run(build_args(raw, reference), check=True, capture_output=True)
    expected = tree(reference / "v0.1.0")
    out = tmp_path / "out"
    rng = random.Random(20261128)
    finished = 0
    for _ in range(20):
        proc = subprocess.Popen(
            build_args(raw, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        time.sleep(rng.uniform(0.3, 3.5))
        proc.send_signal(signal.SIGKILL)
        code = proc.wait()
        for release in visible(out):
            assert verify_release(release) == [], "a visible release must be whole"
            assert tree(release) == expected
            finished += 1
            shutil.rmtree(release)  # start the next trial from scratch
        assert code in (0, -signal.SIGKILL)
    done = subprocess.run(build_args(raw, out), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert tree(out / "v0.1.0") == expected


def test_two_builds_of_one_version_one_wins(raw, tmp_path):
    out = tmp_path / "out"
    first = subprocess.Popen(build_args(raw, out), stderr=subprocess.PIPE, text=True)
    second = subprocess.Popen(build_args(raw, out), stderr=subprocess.PIPE, text=True)
    results = [(first.wait(), first.stderr.read()), (second.wait(), second.stderr.read())]
    codes = sorted(code for code, _ in results)
    assert codes == [0, 2]
    loser = next(err for code, err in results if code == 2)
    assert "another build of v0.1.0 is running" in loser or "already exists" in loser
    assert verify_release(out / "v0.1.0") == []


def _small_files() -> None:
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # writes then fail with EFBIG
    resource.setrlimit(resource.RLIMIT_FSIZE, (5_000, 5_000))


def test_a_full_disk_ends_the_build_cleanly(raw, tmp_path):
    out = tmp_path / "out"
    run = subprocess.run(
        build_args(raw, out), capture_output=True, text=True, preexec_fn=_small_files
    )
    assert run.returncode == 2
    assert "no release was written" in run.stderr
    assert visible(out) == []
    assert not (out / ".v0.1.0.staging").exists()


def test_an_interrupted_build_resumes_from_its_finished_shards(raw, tmp_path):
    reference = tmp_path / "reference"
    subprocess.run(build_args(raw, reference), check=True, capture_output=True)
    out = tmp_path / "out"
    work = out / ".v0.1.0.work"
    proc = subprocess.Popen(
        build_args(raw, out), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + 60
    while len(list(work.glob("shard-*.parquet"))) < 2 and proc.poll() is None:
        assert time.monotonic() < deadline
        time.sleep(0.05)
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if visible(out):
        pytest.skip("the build finished before it could be interrupted")
    done = len(list(work.glob("shard-*.parquet")))
    rerun = subprocess.run(build_args(raw, out), capture_output=True, text=True)
    assert rerun.returncode == 0, rerun.stderr
    assert f"resumed: {done} work shards were already done" in rerun.stdout
    assert tree(out / "v0.1.0") == tree(reference / "v0.1.0")
