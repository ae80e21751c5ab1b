"""Which script a text is written in (ISO 15924), for languages written in more than one.

Serbian is written in Cyrillic and Latin, Punjabi in Gurmukhi and Shahmukhi (Arabic), Kazakh
and Uzbek in Cyrillic and Latin; a training set may want one of them only. For languages with
one usual script the script says nothing the language does not, so we leave it out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter

MULTI_SCRIPT: frozenset[str] = frozenset(
    {"az", "be", "bs", "ha", "kk", "ku", "ky", "mn", "ms", "pa", "sd", "sr", "tg", "tk", "tt"}
    | {"ug", "uz"}
)

# The first word of a letter's Unicode name -> ISO 15924 code.
_SCRIPTS = {
    "LATIN": "Latn", "CYRILLIC": "Cyrl", "ARABIC": "Arab", "GURMUKHI": "Guru",
    "DEVANAGARI": "Deva", "MONGOLIAN": "Mong", "GREEK": "Grek", "HEBREW": "Hebr",
    "CJK": "Hani", "HIRAGANA": "Hira", "KATAKANA": "Kana", "HANGUL": "Hang", "THAI": "Thai",
    "GEORGIAN": "Geor", "ARMENIAN": "Armn", "BENGALI": "Beng", "TAMIL": "Taml",
    "TELUGU": "Telu", "GUJARATI": "Gujr", "KANNADA": "Knda", "MALAYALAM": "Mlym",
    "ORIYA": "Orya", "SINHALA": "Sinh", "ETHIOPIC": "Ethi", "TIBETAN": "Tibt", "KHMER": "Khmr",
    "LAO": "Laoo", "MYANMAR": "Mymr", "SYRIAC": "Syrc", "THAANA": "Thaa",
}  # fmt: skip


def dominant_script(text: str, limit: int = 2000) -> str | None:
    """The script of most of the first `limit` letters; None without letters."""
    counts: Counter[str] = Counter()
    seen = 0
    for ch in text:
        if ch.isalpha():
            script = _SCRIPTS.get(unicodedata.name(ch, "").split(" ", 1)[0])
            if script:
                counts[script] += 1
            seen += 1
            if seen >= limit:
                break
    if not counts:
        return None
    return min(counts, key=lambda s: (-counts[s], s))


def script_for(language: str, text: str) -> str | None:
    """The script where the language is written in several; else None."""
    return dominant_script(text) if language in MULTI_SCRIPT else None
