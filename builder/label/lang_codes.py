"""Language codes: one spelling per language, and the label sets each backend can give.

Backends disagree on spelling (langdetect says zh-cn and zh-tw, lingua says nb for Norwegian
Bokmal); every label leaving this package is a lower-case ISO 639-1 code or "und", so a
release's ClassLabel stays the same whichever backend produced it.
"""

from __future__ import annotations

UNDETERMINED = "und"

_ALIASES = {"nb": "no", "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "fil": "tl"}


def normalize_code(code: str) -> str:
    """Lower-case ISO 639-1 code without region or script: zh-TW -> zh, nb -> no."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(base, base) or UNDETERMINED


# The "auto" backend's label set: every language that both of its engines model (py3langid's
# naive Bayes and lingua's n-gram models, 72 languages), so that each label it gives can get a
# second opinion, less three varieties that no detector separates reliably from a larger sibling
# at sentence level (the "discriminating between similar languages" groups): Bosnian (from
# Croatian and Serbian), Malay (from Indonesian) and Norwegian Nynorsk, which falls under "no",
# ISO 639-1's code for Norwegian, both written standards. Pass them in `labels` to get them.
AUTO_LANGUAGES: tuple[str, ...] = (
    "af", "ar", "az", "be", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "eo", "es",
    "et", "eu", "fa", "fi", "fr", "ga", "gu", "he", "hi", "hr", "hu", "hy", "id", "is", "it",
    "ja", "ka", "kk", "ko", "la", "lg", "lt", "lv", "mk", "mn", "mr", "nl", "no", "pa", "pl",
    "pt", "ro", "ru", "sk", "sl", "sn", "so", "sq", "sr", "st", "sv", "sw", "ta", "te", "th",
    "tl", "tr", "uk", "ur", "vi", "xh", "yo", "zh", "zu",
)  # fmt: skip

# Every label any backend can give (py3langid's ISO 639-1 codes, lingua's, langdetect's), plus
# "und": the closed set behind the release card's ClassLabel, fixed so that it never changes
# between releases. tests/label/test_language_codes.py checks it against the installed backends.
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    "af", "am", "an", "ar", "as", "az", "ba", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy",
    "da", "de", "dz", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fo", "fr", "fy", "ga",
    "gd", "gl", "gu", "ha", "he", "hi", "hr", "ht", "hu", "hy", "id", "ig", "is", "it", "ja",
    "jv", "ka", "kk", "km", "kn", "ko", "ku", "ky", "la", "lb", "lg", "ln", "lo", "lt", "lv",
    "mg", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "ne", "nl", "nn", "no", "oc", "om",
    "or", "pa", "pl", "ps", "pt", "qu", "ro", "ru", "rw", "sa", "se", "si", "sk", "sl", "sn",
    "so", "sq", "sr", "st", "sv", "sw", "ta", "te", "tg", "th", "tk", "tl", "tn", "tr", "ts",
    "tt", "ug", "uk", "ur", "uz", "vi", "vo", "wa", "xh", "yo", "zh", "zu", UNDETERMINED,
)  # fmt: skip
