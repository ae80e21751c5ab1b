"""The seed page cleans exactly as expected.json says."""

from __future__ import annotations

import json
from pathlib import Path

from builder.clean import CleanConfig, CleanStage, extract
from builder.document import Document

DATA = Path(__file__).parent / "data"
SEED = (DATA / "seed.txt").read_text(encoding="utf-8")
EXPECTED = json.loads((DATA / "seed_expected.json").read_text(encoding="utf-8"))


def test_seed_text_is_the_seven_paragraphs_in_order():
    out = extract(SEED, "text", CleanConfig())
    assert out.text.split("\n\n") == EXPECTED["text_paragraphs_in_order"]


def test_seed_text_holds_no_furniture_line():
    text = extract(SEED, "text", CleanConfig()).text
    for line in EXPECTED["must_not_contain_lines"]:
        assert line not in text.split("\n\n")
        if len(line) > 12:  # short ones ("Podcasts") may be words of the article
            assert line not in text


def test_seed_metadata():
    out = extract(SEED, "text", CleanConfig())
    assert out.title == EXPECTED["title"]
    assert out.published_at == EXPECTED["published"]
    assert out.section == EXPECTED["section"]
    assert out.author is None  # the page names no author


def test_seed_through_the_stage_frees_the_raw_page():
    doc = Document(source="seed", raw_path="seed.txt", content=SEED, content_type="text")
    [doc] = CleanStage(CleanConfig()).run([doc])
    assert doc.kept
    assert doc.text.split("\n\n") == EXPECTED["text_paragraphs_in_order"]
    assert doc.title == EXPECTED["title"]
    assert doc.published_at == "2023-06-14T05:23"
    assert doc.content == ""


def test_seed_is_cleaned_the_same_every_time():
    cfg = CleanConfig()
    assert extract(SEED, "text", cfg) == extract(SEED, "text", cfg)
