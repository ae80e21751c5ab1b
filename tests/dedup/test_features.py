from __future__ import annotations

import pytest

from builder.dedup.config import DedupConfig
from builder.dedup.features import band_keys, exact_key, opening_keys, shingle_hashes, words

from .helpers import dev_texts

CFG = DedupConfig()


def test_exact_key_ignores_case_spacing_and_unicode_form():
    assert exact_key("Hello   World\n") == exact_key("hello world")
    assert exact_key("ﬁne café") == exact_key("fine cafe\u0301")
    assert exact_key("hello world") != exact_key("hello world!")


def test_words_ignore_punctuation_and_split_spaceless_scripts():
    assert words("“Quoted” — text, here.") == ["quoted", "text", "here"]
    assert words("日本語のテキスト abc") == ["日", "本", "語", "の", "テ", "キ", "ス", "ト", "abc"]


def test_band_keys_are_one_uint64_per_band_then_the_opening_and_stable():
    text = dev_texts()["d00044"]
    keys = band_keys(text, CFG)
    assert len(keys) == CFG.bands + 1
    assert keys[-1] == opening_keys(text, CFG.lead_words)[0]
    assert all(0 <= k < 2**64 for k in keys)
    assert keys == band_keys(text, CFG)
    assert band_keys(text, DedupConfig(seed=2)) != keys


def test_an_edited_copy_shares_band_keys_and_an_unrelated_article_does_not():
    texts = dev_texts()
    original = set(band_keys(texts["d00044"], CFG))
    assert original & set(band_keys(texts["d00073"], CFG))  # typos, paragraphs merged
    assert original & set(band_keys(texts["d00007"], CFG))  # a paragraph moved
    assert not original & set(band_keys(texts["d00080"], CFG))


def test_empty_text_has_no_shingles_and_no_band_keys():
    assert len(shingle_hashes("  \n", 5)) == 0
    assert band_keys("", CFG) == []
    assert len(shingle_hashes("two words", 5)) == 1


def test_the_opening_skips_short_header_lines():
    text = "Home | News | Sport\nSubscribe now\n" + " ".join(["word"] * 25) + "\nshort end"
    assert opening_keys(text, 20) == opening_keys(" ".join(["WORD"] * 25), 20)
    assert len(band_keys("a few words only", CFG)) == CFG.bands  # no line long enough


def test_a_band_shape_larger_than_the_signature_is_refused():
    with pytest.raises(ValueError, match="num_perm"):
        DedupConfig(bands=50, rows=3)
