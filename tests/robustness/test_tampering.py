"""`verify` catches any changed, missing or extra file, and any row that breaks the schema."""

from __future__ import annotations

import json

import pyarrow.parquet as pq
import pytest

from builder.release.manifest import file_sha256, release_files
from builder.release.verify import verify_release
from tests.conftest import run_build


@pytest.fixture(scope="module")
def pristine(tmp_path_factory, request):
    from tests.conftest import PAGES, make_source

    root = tmp_path_factory.mktemp("tamper")
    raw = root / "raw"
    pages = make_source(raw, "pages")
    (pages / "seed.txt").write_bytes((PAGES / "seed.txt").read_bytes())
    docs = make_source(raw, "docs")
    (docs / "docs.jsonl").write_bytes((PAGES / "docs.jsonl").read_bytes())
    return run_build(raw, root / "out").release


@pytest.fixture
def release(pristine, tmp_path):
    import shutil

    copy = tmp_path / pristine.name
    shutil.copytree(pristine, copy)
    return copy


def test_pristine_release_verifies(release):
    assert verify_release(release) == []


def test_a_flipped_byte_in_any_file_is_caught(pristine, tmp_path):
    import shutil

    names = [p.relative_to(pristine).as_posix() for p in release_files(pristine)]
    names += ["manifest.json", "manifest.json.sha256"]
    assert {
        "README.md",
        "DATASHEET.md",
        "schema.json",
        "ledger.parquet",
        "croissant.json",
        "CITATION.cff",
    } <= set(names)
    for i, name in enumerate(names):
        copy = tmp_path / f"r{i}"
        shutil.copytree(pristine, copy)
        data = bytearray((copy / name).read_bytes())
        data[len(data) // 3] ^= 0x01
        (copy / name).write_bytes(bytes(data))
        problems = verify_release(copy)
        assert problems and problems[0].startswith(name.removesuffix(".sha256")), (name, problems)


def test_a_rewritten_manifest_is_caught(release):
    manifest = json.loads((release / "manifest.json").read_text())
    manifest["splits"]["train"] += 1
    (release / "manifest.json").write_text(json.dumps(manifest))
    assert verify_release(release)[0].startswith("manifest.json: checksum mismatch")
    digest = file_sha256(release / "manifest.json")  # even with its checksum file redone,
    (release / "manifest.json.sha256").write_text(f"{digest}  manifest.json\n")
    assert "manifest.json: split train has" in verify_release(release)[0]  # it disagrees


def test_missing_and_extra_files_are_caught(release):
    victim = sorted((release / "data").glob("*.parquet"))[0]
    victim.unlink()
    (release / "data" / "extra-00000-of-00001.parquet").write_bytes(b"PAR1")
    problems = verify_release(release)
    assert f"data/{victim.name}: missing" in problems
    assert "data/extra-00000-of-00001.parquet: not in the manifest" in problems


def test_a_row_that_breaks_the_schema_is_caught_even_with_fixed_checksums(release):
    target = sorted((release / "data").glob("train-*.parquet"))[0]
    table = pq.read_table(target)
    languages = table.column("language").to_pylist()
    languages[0] = "not a language"
    table = table.set_column(table.schema.get_field_index("language"), "language", [languages])
    pq.write_table(table, target)
    manifest = json.loads((release / "manifest.json").read_text())
    name = f"data/{target.name}"
    manifest["files"][name].update(sha256=file_sha256(target), bytes=target.stat().st_size)
    (release / "manifest.json").write_text(json.dumps(manifest))
    digest = file_sha256(release / "manifest.json")
    (release / "manifest.json.sha256").write_text(f"{digest}  manifest.json\n")
    problems = verify_release(release)
    assert problems and problems[0].startswith(f"{name}: row 0: language")
