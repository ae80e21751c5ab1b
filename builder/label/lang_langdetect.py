"""langdetect as a backend: the old default, kept for comparison and for continuity.

langdetect samples n-grams at random, so an unseeded detector can label the same text
differently on the next run. Our own factory is seeded (seed 0, as Dolma does) and every
detector it creates reseeds its own random generator before each text, so a label never depends
on what was detected before it, nor on the global `random` state.
"""

from __future__ import annotations

from functools import lru_cache

from builder.label.lang_codes import normalize_code


@lru_cache(maxsize=1)
def _factory():
    from langdetect.detector_factory import PROFILES_DIRECTORY, DetectorFactory

    factory = DetectorFactory()
    factory.load_profile(PROFILES_DIRECTORY)
    factory.set_seed(0)
    return factory


def known_languages() -> tuple[str, ...]:
    return tuple(sorted({normalize_code(c) for c in _factory().get_lang_list()}))


class LangdetectScorer:
    """Seeded langdetect: probabilities per language (zh-cn and zh-tw both count as zh)."""

    def __init__(self, labels: tuple[str, ...]):
        self.labels = frozenset(labels)

    def rank(self, text: str, k: int = 3) -> list[tuple[str, float]]:
        from langdetect.lang_detect_exception import LangDetectException

        detector = _factory().create()
        detector.append(text)
        try:
            found = detector.get_probabilities()
        except LangDetectException:  # no usable features (digits, punctuation only)
            return []
        probs: dict[str, float] = {}
        for item in found:
            code = normalize_code(item.lang)
            if code in self.labels:
                probs[code] = probs.get(code, 0.0) + item.prob
        return sorted(probs.items(), key=lambda kv: (-kv[1], kv[0]))[:k]
