"""Language labels on real sentences and paragraphs (tests/label/data, from the langid dev set)."""

from __future__ import annotations

import json
import multiprocessing
import pickle
from pathlib import Path

import pytest

from builder.document import Document
from builder.label.language import (
    SUPPORTED_LANGUAGES,
    Detection,
    LanguageConfig,
    LanguageStage,
    LanguageTagger,
    split_blocks,
)

DATA = Path(__file__).parent / "data"
SENTENCES = [json.loads(x) for x in (DATA / "sentences.jsonl").read_text("utf-8").splitlines()]
PARAGRAPHS = [json.loads(x) for x in (DATA / "paragraphs.jsonl").read_text("utf-8").splitlines()]

GERMAN = (
    "Die Stadtverwaltung hat am Montag angekündigt, dass die Bibliothek im Frühjahr renoviert "
    "wird und während der Bauarbeiten in ein Ausweichquartier am Bahnhof umzieht.\n\n"
    "Nach Angaben der Behörde sollen die Arbeiten etwa acht Monate dauern; die Kosten werden "
    "auf rund vier Millionen Euro geschätzt, von denen das Land die Hälfte übernimmt."
)
ENGLISH_BOILERPLATE = (
    "We use cookies to improve your experience on our website. By continuing to browse, "
    "you agree to our use of cookies and our privacy policy."
)
SERBIAN_CYRILLIC = (
    "Београд је главни и највећи град Србије и налази се на ушћу Саве у Дунав. "
    "Град има дугу историју и данас је важно привредно и културно средиште."
)


@pytest.fixture(scope="module")
def tagger() -> LanguageTagger:
    return LanguageTagger(LanguageConfig())


@pytest.fixture(scope="module")
def detected(tagger) -> list[tuple[dict, Detection]]:
    # One sentence a language: lingua loads the models of few of them (about 1 s each).
    return [(row, tagger.detect(row["text"])) for row in SENTENCES[::2]]


def test_default_labels_real_sentences(detected):
    wrong = [
        (row["lang"], found.language) for row, found in detected if found.language != row["lang"]
    ]
    assert len(wrong) <= 1, wrong
    assert all(0.0 <= found.score <= 1.0 for _, found in detected)


def test_default_labels_every_paragraph(tagger):
    for row in PARAGRAPHS:
        found = tagger.detect(row["text"])
        assert found.language == row["lang"], row["text"][:60]
        assert 0.5 < found.score <= 1.0
        assert found.languages == [{"language": row["lang"], "share": 1.0}]


def test_every_label_is_in_the_closed_set(detected):
    assert {found.language for _, found in detected} <= set(SUPPORTED_LANGUAGES)
    assert "und" in SUPPORTED_LANGUAGES


def test_same_text_same_detection_across_taggers_and_pickles(tagger):
    text = SENTENCES[7]["text"]
    first = tagger.detect(text)
    again = LanguageTagger(LanguageConfig()).detect(text)
    unpickled = pickle.loads(pickle.dumps(tagger)).detect(text)
    assert first == again == unpickled
    assert isinstance(first, Detection)


def _detect_in_fresh_process(texts: list[str]) -> list[Detection]:
    return [LanguageTagger(LanguageConfig()).detect(t) for t in texts]


def test_same_detection_in_a_fresh_process(tagger):
    texts = [row["text"] for row in SENTENCES[::2] if row["lang"] in {"en", "ru", "ja"}]
    texts.append("Pla de control.")  # asks lingua too
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        theirs = pool.apply(_detect_in_fresh_process, (texts,))
    assert theirs == [tagger.detect(t) for t in texts]


@pytest.mark.parametrize("text", ["", "   \n\n ", "12345 678", "{'a': 1, 'b': [2, 3]}", "OK"])
def test_too_short_or_no_letters_is_und(tagger, text):
    found = tagger.detect(text)
    assert found.language == "und"
    assert found.script is None


def test_unsure_below_min_score_is_und_with_its_score():
    text = "Pla de control."  # Catalan, Spanish or Portuguese: nobody can say
    strict = LanguageTagger(LanguageConfig(min_score=0.9)).detect(text)
    assert strict.language == "und"
    assert 0.0 < strict.score < 0.9
    lenient = LanguageTagger(LanguageConfig(min_score=0.0)).detect(text)
    assert lenient.language in {"ca", "es", "pt"}
    assert lenient.score == strict.score


def test_mixed_document_lists_shares_of_characters(tagger):
    text = GERMAN + "\n\n" + ENGLISH_BOILERPLATE
    found = tagger.detect(text)
    assert found.language == "de"
    shares = {x["language"]: x["share"] for x in found.languages}
    assert set(shares) == {"de", "en"}
    german_chars = sum(len(p) for p in GERMAN.split("\n\n"))
    expected = german_chars / (german_chars + len(ENGLISH_BOILERPLATE))
    assert shares["de"] == pytest.approx(expected, abs=1e-3)
    assert shares["de"] + shares["en"] == pytest.approx(1.0, abs=1e-3)
    assert [x["language"] for x in found.languages] == ["de", "en"]  # share descending
    # the score reflects that a third of the text is not German
    assert found.score == pytest.approx(expected, abs=0.02)


def test_mostly_boilerplate_page_gets_the_boilerplate_language(tagger):
    found = tagger.detect("Kurz notiert.\n" + "\n".join([ENGLISH_BOILERPLATE] * 3))
    assert found.language == "en"


def test_serbian_script_is_reported():
    tagger = LanguageTagger(LanguageConfig())
    found = tagger.detect(SERBIAN_CYRILLIC)
    assert (found.language, found.script) == ("sr", "Cyrl")
    assert tagger.detect(GERMAN).script is None  # one usual script: nothing to add


def test_short_lines_are_detected_together():
    lines = ["Home", "News", "Sport", "Weather", "Contact us", "A" * 60, "Imprint"]
    blocks = split_blocks("\n".join(lines), block_chars=20)
    assert blocks == ["Home\nNews\nSport\nWeather", "Contact us", "A" * 60, "Imprint"]


@pytest.mark.parametrize("backend", ["auto", "py3langid", "langdetect"])
def test_label_set_can_be_restricted(backend):
    tagger = LanguageTagger(LanguageConfig(backend=backend, labels=("en", "de")))
    for row in SENTENCES:
        if row["lang"] in {"fr", "ru", "ja"}:  # left out: "und" rather than a confident guess
            found = tagger.detect(row["text"])
            assert found.language == "und" or found.score < 0.5, (row["text"], found)
    assert tagger.detect(GERMAN).language == "de"
    assert tagger.detect(ENGLISH_BOILERPLATE).language == "en"


def test_one_label_does_not_make_everything_that_label():
    tagger = LanguageTagger(LanguageConfig(labels=("en",)))
    assert tagger.detect(GERMAN).language == "und"
    assert tagger.detect(ENGLISH_BOILERPLATE).language == "en"


def test_a_variety_left_out_by_default_can_be_asked_for():
    tagger = LanguageTagger(LanguageConfig(labels=("nn", "no", "da", "sv")))
    assert tagger.labels == ("da", "nn", "no", "sv")


@pytest.mark.parametrize(
    "cfg",
    [
        LanguageConfig(backend="fasttext"),
        LanguageConfig(labels=("xx",)),
        LanguageConfig(backend="langdetect", labels=("eo",)),
        LanguageConfig(min_score=1.5),
        LanguageConfig(unsure_below=-0.1),
        LanguageConfig(candidates=1),
    ],
)
def test_bad_config_is_refused(cfg):
    with pytest.raises(ValueError, match=r"\[language\]"):
        LanguageTagger(cfg)


def test_stage_sets_fields_and_rejects_outside_keep():
    stage = LanguageStage(LanguageConfig(keep=("de",)))
    german = Document(source="s", raw_path="a.txt", text=GERMAN)
    english = Document(source="s", raw_path="b.txt", text=ENGLISH_BOILERPLATE)
    already = Document(source="s", raw_path="c.txt", text=ENGLISH_BOILERPLATE)
    already.reject("quality", "too_short")
    out = list(stage.run([german, english, already]))
    assert out == [german, english, already]
    assert german.kept and german.language == "de" and german.language_score > 0.9
    assert german.languages == [{"language": "de", "share": 1.0}]
    assert english.rejected == ("language", "language")
    assert english.language == "en" and "en" in english.detail
    assert already.rejected == ("quality", "too_short") and already.language == "und"


def test_stage_without_keep_rejects_nothing():
    stage = LanguageStage(LanguageConfig())
    doc = Document(source="s", raw_path="a.txt", text="12345")
    list(stage.run([doc]))
    assert (
        doc.kept and doc.language == "und" and doc.languages == [{"language": "und", "share": 1.0}]
    )


@pytest.mark.parametrize("backend", ["langdetect", "py3langid"])
def test_other_backends_label_clear_sentences(backend):
    tagger = LanguageTagger(LanguageConfig(backend=backend))
    rows = [r for r in SENTENCES if r["lang"] in {"en", "de", "fr", "zh", "ru", "ja"}]
    found = [tagger.detect(r["text"]) for r in rows]
    assert sum(f.language == r["lang"] for f, r in zip(found, rows, strict=True)) >= len(rows) - 1
    assert found == [tagger.detect(r["text"]) for r in rows]  # seeded: the same twice


def test_lingua_backend_within_its_labels():
    tagger = LanguageTagger(LanguageConfig(backend="lingua", labels=("de", "en", "fr")))
    assert tagger.detect(GERMAN).language == "de"
    assert tagger.detect(ENGLISH_BOILERPLATE).language == "en"


def test_second_opinion_only_for_texts_of_few_blocks(tagger):
    # Sentences the fast scorer is unsure about: on its own line each is a block lingua is
    # asked about; in a page of more blocks than second_opinion_max_blocks it is not.
    unsure = [
        row["text"]
        for row in SENTENCES
        if len(row["text"]) >= 50 and tagger.rank(row["text"], False)[0][1] < 0.95
    ][:2]
    assert len(unsure) == 2
    page = "\n".join(unsure)

    def vote(second: bool) -> float:  # the best language's char-weighted score share
        weights: dict[str, float] = {}
        for sentence in unsure:
            code, score = tagger.rank(sentence, second)[0]
            weights[code] = weights.get(code, 0.0) + len(sentence) * round(score, 4)
        return round(max(weights.values()) / sum(map(len, unsure)), 4)

    pages = LanguageTagger(LanguageConfig(second_opinion_max_blocks=1))
    short = LanguageTagger(LanguageConfig(second_opinion_max_blocks=2))
    assert pages.detect(page).score == vote(False)
    assert short.detect(page).score == vote(True)
    assert pages.detect(page).score != short.detect(page).score
    # A sentence alone still gets the second opinion under the default.
    assert pages.detect(unsure[0]).score == tagger.detect(unsure[0]).score
    assert tagger.rank(unsure[0], True) != tagger.rank(unsure[0], False)
