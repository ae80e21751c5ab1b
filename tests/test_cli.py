"""The command-line forms that scripts outside the project rely on."""

from __future__ import annotations

import json
import shutil

import polars as pl

from builder.cli import main
from tests.conftest import DATA, PAGES

SEED = json.loads((DATA / "seed-expected.json").read_text())


def test_clean_writes_one_text_file_per_raw_file(tmp_path, capsys):
    empty = tmp_path / "blank.html"
    empty.write_text("<html><body></body></html>")
    assert main(["clean", str(PAGES / "seed.txt"), str(empty), "--out", str(tmp_path / "o")]) == 0
    text = (tmp_path / "o" / "seed.txt").read_text()
    paragraphs = [p for p in text.split("\n\n") if p.strip()]
    assert [p.strip() for p in paragraphs] == SEED["text_paragraphs_in_order"]
    lines = {line.strip() for line in text.splitlines()}
    assert not lines & set(SEED["must_not_contain_lines"])
    assert (tmp_path / "o" / "blank.txt").read_text() == ""


def test_validate_names_each_bad_record(mixed_raw, capsys):
    assert main(["validate", str(mixed_raw)]) == 1
    out = capsys.readouterr().out
    assert "bad/empty.txt: empty" in out
    assert "bad/image.html: binary" in out
    assert "bad/mixed.jsonl:1: invalid_json" in out
    assert "pages/seed.txt" not in out


def test_validate_passes_a_clean_folder(good_raw, capsys):
    assert main(["validate", str(good_raw)]) == 0
    assert " 0 problems" in capsys.readouterr().out


def test_build_verify_explain(good_raw, tmp_path, capsys):
    out = tmp_path / "releases"
    assert (
        main(
            [
                "build",
                str(good_raw),
                "--version",
                "0.1.0",
                "--out",
                str(out),
                "--workers",
                "1",
                "--quiet",
            ]
        )
        == 0
    )
    summary = capsys.readouterr().out
    assert "records in" in summary and "per split" in summary and "languages" in summary
    release = out / "v0.1.0"
    assert main(["verify", str(release)]) == 0
    ledger = pl.read_parquet(release / "ledger.parquet")
    kept = ledger.filter(pl.col("status") == "kept").row(0, named=True)
    capsys.readouterr()
    assert main(["explain", kept["id"], "--release", str(release)]) == 0
    assert f"kept, in split {kept['split']}" in capsys.readouterr().out
    assert main(["build", str(good_raw), "--version", "0.1.0", "--out", str(out), "--quiet"]) == 2
    assert "already exists" in capsys.readouterr().err
    (release / "README.md").write_text("changed")
    assert main(["verify", str(release)]) == 1
    assert "README.md: checksum mismatch" in capsys.readouterr().out


def test_explain_names_the_kept_document_of_a_duplicate(good_raw, tmp_path, capsys):
    docs = good_raw / "docs" / "docs.jsonl"
    first = json.loads(docs.read_text().splitlines()[0])
    copy = {"id": "copy", "text": first["text"] + "\nContinue reading"}
    with docs.open("a") as f:
        f.write(json.dumps(copy) + "\n")
    out = tmp_path / "releases"
    assert (
        main(
            [
                "build",
                str(good_raw),
                "--version",
                "0.1.0",
                "--out",
                str(out),
                "--quiet",
                "--workers",
                "1",
            ]
        )
        == 0
    )
    capsys.readouterr()
    assert main(["explain", "copy", "--release", str(out / "v0.1.0")]) == 0
    printed = capsys.readouterr().out
    assert "duplicate of" in printed and "similarity" in printed


def test_a_bad_config_key_is_a_clear_error(good_raw, tmp_path, capsys):
    config = tmp_path / "c.toml"
    config.write_text("[dedup]\nnearr = true\n")
    try:
        main(
            [
                "build",
                str(good_raw),
                "--version",
                "0.1.0",
                "--out",
                str(tmp_path / "o"),
                "--config",
                str(config),
            ]
        )
    except SystemExit as exc:
        assert "unknown config key(s) ['nearr'] in [dedup]" in str(exc)
    else:
        raise AssertionError("a misspelt key must stop the build")
    assert not (tmp_path / "o" / "v0.1.0").exists()
    shutil.rmtree(tmp_path / "o", ignore_errors=True)


def test_strict_build_exits_3_on_bad_input_and_says_how_many(mixed_raw, tmp_path, capsys):
    out = tmp_path / "releases"
    assert (
        main(
            [
                "build",
                str(mixed_raw),
                "--version",
                "0.1.0",
                "--out",
                str(out),
                "--quiet",
                "--workers",
                "1",
                "--strict",
            ]
        )
        == 3
    )
    captured = capsys.readouterr()
    bad = pl.read_parquet(out / "v0.1.0" / "ledger.parquet").filter(pl.col("stage") == "ingest")
    assert f"{bad.height} raw records were bad input" in captured.err
    assert "ingest:" in captured.out  # the summary lists them by reason
