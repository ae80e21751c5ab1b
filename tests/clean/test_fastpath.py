"""The fast path's shortcuts give what the plain definitions give, on real lines."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from builder.clean.features import _WORD, lower_words, own_features, page_features
from builder.clean.linemodel import html_extras, load_model, pass1_matrix, pass2_matrix
from builder.clean.render import Block
from builder.clean.stopwords import guess_stoplist
from builder.clean.text import normalize_line, normalize_lines, split_lines

SEED = (Path(__file__).parent / "data" / "seed.txt").read_text(encoding="utf-8")
LINES = split_lines(SEED)
ODD = ["İstanbul ΑΣ hello", "日本語のテキスト 2023-01-02", "🙂 𝐀𝐁 word_x", "a\u00a0\u200b b\tc  d"]


def test_folded_model_equals_the_feature_matrices():
    own = own_features(LINES + ODD, guess_stoplist(SEED))
    blocks = [
        Block(line, 0.1 * (i % 3), ("h", "p", "li", "pre", "")[i % 5])
        for i, line in enumerate(LINES + ODD)
    ]
    for name, extras in (("dump", None), ("html", html_extras(blocks))):
        model = load_model(name)
        base = own if extras is None else np.hstack([own, extras])
        p1 = model.pass1.predict(pass1_matrix(base))
        expected = model.pass2.predict(pass2_matrix(base, p1, own[:, 1]))
        np.testing.assert_allclose(model.predict(own, extras), expected, rtol=0, atol=1e-12)


def test_lower_words_are_the_regex_words_of_each_lowercased_line():
    lines = LINES + ODD + ["İİ ICON icon", "x\ny"]
    assert lower_words(lines) == [_WORD.findall(line.lower()) for line in lines]
    assert lower_words([]) == []
    assert page_features(lines, frozenset())[1] == lower_words(lines)
    assert page_features([], frozenset())[1] == []


def test_normalize_lines_is_normalize_line_per_line():
    lines = LINES + ODD + ["", "  \u0065\u0301 \x00x  ", "a\nb  c"]
    assert normalize_lines(lines) == [normalize_line(line) for line in lines]
    assert normalize_lines([]) == []
