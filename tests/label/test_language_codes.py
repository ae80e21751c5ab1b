"""The written-out label sets match the installed backends, and codes have one spelling."""

from __future__ import annotations

import unicodedata

import numpy as np
import pytest

from builder.label import lang_fast, lang_langdetect, lang_lingua
from builder.label.lang_codes import (
    AUTO_LANGUAGES,
    LANGDETECT_LANGUAGES,
    LINGUA_LANGUAGES,
    PY3LANGID_LANGUAGES,
    SUPPORTED_LANGUAGES,
    UNSEPARATED,
    normalize_code,
)
from builder.label.lang_script import dominant_script


def test_label_sets_match_the_installed_backends():
    assert lang_fast.known_languages() == PY3LANGID_LANGUAGES
    assert lang_lingua.known_languages() == LINGUA_LANGUAGES
    assert lang_langdetect.known_languages() == LANGDETECT_LANGUAGES


def test_closed_set_covers_every_backend_and_und():
    every = set(PY3LANGID_LANGUAGES) | set(LINGUA_LANGUAGES) | set(LANGDETECT_LANGUAGES)
    assert set(SUPPORTED_LANGUAGES) == every | {"und"}
    assert len(SUPPORTED_LANGUAGES) == len(set(SUPPORTED_LANGUAGES))


def test_auto_set_is_what_both_engines_model_less_unseparated():
    assert set(AUTO_LANGUAGES) == (set(PY3LANGID_LANGUAGES) & set(LINGUA_LANGUAGES)) - set(
        UNSEPARATED
    )
    assert {"sr", "hr", "id", "no"} <= set(AUTO_LANGUAGES)


@pytest.mark.parametrize(
    ("code", "norm"),
    [("zh-cn", "zh"), ("zh-TW", "zh"), ("NB", "no"), ("iw", "he"), ("pt_BR", "pt"), ("", "und")],
)
def test_normalize_code(code, norm):
    assert normalize_code(code) == norm


def test_numpy_fallback_agrees_with_the_kernel():
    scorer = lang_fast.NaiveBayesScorer(AUTO_LANGUAGES)
    for text in ["Die Stadt hat eine neue Bibliothek.", "Это простое предложение.", "x"]:
        data = unicodedata.normalize("NFC", text.lower()).encode("utf-8")
        fallback = scorer._numpy_posterior(data)
        assert np.allclose(scorer.probabilities(text), fallback, atol=1e-9)


@pytest.mark.parametrize(
    ("text", "script"),
    [("Beograd je glavni grad", "Latn"), ("Београд је главни град", "Cyrl"), ("123 !", None)],
)
def test_dominant_script(text, script):
    assert dominant_script(text) == script
