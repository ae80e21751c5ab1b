"""Quality rules: each rejection names its rule; the stage is separate and can be switched off."""

from __future__ import annotations

import json
from pathlib import Path

from builder.clean import QualityConfig, QualityStage
from builder.clean.quality import check
from builder.document import Document

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "seed_expected.json").read_text(encoding="utf-8"))
ARTICLE = "\n\n".join(EXPECTED["text_paragraphs_in_order"])


def run(text: str, cfg: QualityConfig | None = None) -> Document:
    doc = Document(source="t", raw_path="t.txt", text=text)
    [doc] = QualityStage(cfg or QualityConfig()).run([doc])
    return doc


def test_a_real_article_passes():
    assert check(ARTICLE, QualityConfig()) is None
    assert run(ARTICLE).kept


def test_too_few_words():
    doc = run(EXPECTED["text_paragraphs_in_order"][0])
    assert doc.rejected == ("quality", "too_few_words")
    assert "words" in doc.detail


def test_repeated_lines():
    menu = "\n".join(["Top stories", "RT Features", "Podcasts", "All podcasts"] * 6)
    doc = run(EXPECTED["text_paragraphs_in_order"][1] + "\n" + menu)
    assert doc.rejected[0] == "quality"
    assert doc.rejected[1] in {"duplicate_lines", "duplicate_line_chars", "top_2gram"}


def test_bullet_heavy_page():
    items = [f"* {p.split('.')[0]}" for p in EXPECTED["text_paragraphs_in_order"]] * 2
    text = "\n".join(f"{line} {i}" for i, line in enumerate(items))
    assert run(text).rejected == ("quality", "bullet_lines")


def test_symbol_and_non_alphabetic_text():
    numbers = " ".join(f"{i}.{i * 7} {i * 13}" for i in range(80))
    assert run(numbers).rejected == ("quality", "non_alpha_words")
    tags = ARTICLE + " " + " ".join(f"#tag{i}" for i in range(60))
    assert run(tags).rejected == ("quality", "symbol_ratio")


def test_repeated_ngrams():
    spam = ARTICLE + " " + "buy cheap tickets now " * 60
    assert run(spam).rejected[1] in {"top_2gram", "top_3gram", "top_4gram", "duplicate_5grams"}


def test_thresholds_come_from_the_config():
    short = EXPECTED["text_paragraphs_in_order"][0]
    assert run(short, QualityConfig(min_words=5)).kept


def test_disabled_stage_is_a_no_op():
    doc = run("too short", QualityConfig(enabled=False))
    assert doc.kept


def test_rejected_documents_pass_through_untouched():
    doc = Document(source="t", raw_path="t.txt", text="x")
    doc.reject("clean", "empty_text")
    [out] = QualityStage(QualityConfig()).run([doc])
    assert out.rejected == ("clean", "empty_text")


def chars(text: str) -> int:
    return sum(len(w) for w in text.lower().split())


def test_top_ngram_ties_go_to_the_first_seen():
    # Three 2-grams occur five times each; the share is that of the first, not the longest.
    text = ARTICLE + "\n\n" + "Moscow talks NATO counteroffensive " * 5
    broken = check(text, QualityConfig(max_top_2gram_char_share=0.01))
    assert broken == ("top_2gram", f"{len('moscowtalks') * 5 / chars(text):.2f} of chars")


def test_duplicate_ngrams_count_every_word_of_a_repeated_span():
    # The first paragraph again at the end: all its words, in both copies, are in a repeated
    # 10-gram, the last nine too, though no repeated 10-gram starts there.
    first = EXPECTED["text_paragraphs_in_order"][0]
    text = ARTICLE + "\n\n" + first
    cfg = QualityConfig(max_dup_5gram_char_share=1.0, max_dup_10gram_char_share=0.01)
    share = 2 * chars(first) / chars(text)
    assert check(text, cfg) == ("duplicate_10grams", f"{share:.2f} of chars")
