"""The files of a release open in the tools people use, and pass their validators."""

from __future__ import annotations

import json

import jsonschema
import polars as pl
import pytest
import yaml

from builder.config import BuildConfig
from builder.release.citation import cff_schema
from builder.release.publish import operations, publish
from tests.conftest import run_build


@pytest.fixture
def release(good_raw, tmp_path):
    config = BuildConfig.from_dict(
        {
            "release": {
                "name": "test-corpus",
                "pretty_name": "Test corpus",
                "license": "CC-BY-4.0",
                "authors": ["Ada Lovelace"],
                "doi": "10.5281/zenodo.1234567",
                "date": "2026-11-28",
            }
        }
    )
    return run_build(good_raw, tmp_path / "out", config=config).release


def test_card_parses_with_huggingface_hub(release):
    from huggingface_hub import DatasetCard

    card = DatasetCard.load(release / "README.md")
    data = card.data.to_dict()
    manifest = json.loads((release / "manifest.json").read_text())
    for key in (
        "configs",
        "dataset_info",
        "license",
        "language",
        "pretty_name",
        "size_categories",
        "task_categories",
        "source_datasets",
    ):
        assert key in data, key
    splits = {s["name"]: s for s in data["dataset_info"]["splits"]}
    for name, n in manifest["splits"].items():
        if n:
            assert splits[name]["num_examples"] == n and splits[name]["num_bytes"] > 0
    features = {f["name"]: f for f in data["dataset_info"]["features"]}
    assert "class_label" in features["language"]["dtype"]
    assert data["dataset_info"]["download_size"] > 0
    for heading in (
        "## How to load it",
        "## Splits",
        "## Fields",
        "DATASHEET.md",
        "CITATION.cff",
        'revision="v0.1.0"',
    ):
        assert heading in card.text


def test_croissant_loads_the_same_rows(release):
    import mlcroissant as mlc

    dataset = mlc.Dataset(jsonld=str(release / "croissant.json"))
    records = list(dataset.records("documents"))
    frame = pl.read_parquet(str(release / "data" / "*.parquet"))
    assert sorted(r["documents/id"].decode() for r in records) == sorted(frame["id"])
    texts = {r["documents/id"].decode(): r["documents/text"].decode() for r in records}
    assert all(texts[i] == t for i, t in zip(frame["id"], frame["text"], strict=True))
    doc = json.loads((release / "croissant.json").read_text())
    hashes = {d["contentUrl"]: d["sha256"] for d in doc["distribution"] if "sha256" in d}
    manifest = json.loads((release / "manifest.json").read_text())
    assert hashes == {k: v["sha256"] for k, v in manifest["files"].items() if k.startswith("data/")}


def test_citation_is_valid_cff(release):
    cff = yaml.safe_load((release / "CITATION.cff").read_text())
    jsonschema.validate(cff, cff_schema())
    assert cff["version"] == "0.1.0"
    assert cff["doi"] == "10.5281/zenodo.1234567"
    assert cff["authors"] == [{"given-names": "Ada", "family-names": "Lovelace"}]
    assert str(cff["date-released"]) == "2026-11-28"


def test_datasheet_answers_every_question_group(release):
    sheet = (release / "DATASHEET.md").read_text()
    for group in (
        "Motivation",
        "Composition",
        "Collection process",
        "Preprocessing, cleaning, labeling",
        "Uses",
        "Distribution",
        "Maintenance",
    ):
        assert f". {group}" in sheet, group
    assert "figures/lengths.svg" in sheet and (release / "figures" / "lengths.svg").is_file()
    assert (release / "figures" / "languages.svg").read_text().startswith("<svg")


def test_publish_dry_run_lists_every_file(release, capsys):
    assert publish(release, "someone/test-corpus", dry_run=True) == 0
    printed = capsys.readouterr().out
    manifest = json.loads((release / "manifest.json").read_text())
    names = [op.path_in_repo for op in operations(release)]
    assert names == sorted(manifest["files"]) + ["manifest.json", "manifest.json.sha256"]
    assert "tag v0.1.0" in printed
    for name in names:
        assert name in printed
