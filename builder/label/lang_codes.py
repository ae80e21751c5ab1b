"""Language codes: one spelling per language, and the label set of each backend.

Backends disagree on spelling (langdetect says zh-cn and zh-tw, lingua says nb for Norwegian
Bokmal); every label leaving this package is a lower-case ISO 639-1 code or "und", so a
release's ClassLabel stays the same whichever backend produced it. The label sets are written
out here, not asked of the backends, so that a config can be checked without loading a model;
tests/label/test_language_codes.py checks them against the installed backends.
"""

from __future__ import annotations

UNDETERMINED = "und"

_ALIASES = {"nb": "no", "iw": "he", "in": "id", "ji": "yi", "jw": "jv", "fil": "tl"}


def normalize_code(code: str) -> str:
    """Lower-case ISO 639-1 code without region or script: zh-TW -> zh, nb -> no."""
    base = code.strip().lower().replace("_", "-").split("-")[0]
    return _ALIASES.get(base, base) or UNDETERMINED


# py3langid's labels that are ISO 639-1 codes (its others, such as "ace" or "zxx", are not).
PY3LANGID_LANGUAGES: tuple[str, ...] = (
    "af", "am", "an", "ar", "as", "az", "ba", "be", "bg", "bn", "br", "bs", "ca", "cs", "cy",
    "da", "de", "dz", "el", "en", "eo", "es", "et", "eu", "fa", "fi", "fo", "fr", "fy", "ga",
    "gd", "gl", "gu", "ha", "he", "hi", "hr", "ht", "hu", "hy", "id", "ig", "is", "it", "ja",
    "jv", "ka", "kk", "km", "kn", "ko", "ku", "ky", "la", "lb", "lg", "ln", "lo", "lt", "lv",
    "mg", "mk", "ml", "mn", "mr", "ms", "mt", "my", "ne", "nl", "nn", "no", "oc", "om", "or",
    "pa", "pl", "ps", "pt", "qu", "ro", "ru", "rw", "sa", "se", "si", "sk", "sl", "sn", "so",
    "sq", "sr", "st", "sv", "sw", "ta", "te", "tg", "th", "tk", "tl", "tr", "tt", "ug", "uk",
    "ur", "uz", "vi", "vo", "wa", "xh", "yo", "zh", "zu",
)  # fmt: skip

LINGUA_LANGUAGES: tuple[str, ...] = (
    "af", "ar", "az", "be", "bg", "bn", "bs", "ca", "cs", "cy", "da", "de", "el", "en", "eo",
    "es", "et", "eu", "fa", "fi", "fr", "ga", "gu", "he", "hi", "hr", "hu", "hy", "id", "is",
    "it", "ja", "ka", "kk", "ko", "la", "lg", "lt", "lv", "mi", "mk", "mn", "mr", "ms", "nl",
    "nn", "no", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "sn", "so", "sq", "sr", "st", "sv",
    "sw", "ta", "te", "th", "tl", "tn", "tr", "ts", "uk", "ur", "vi", "xh", "yo", "zh", "zu",
)  # fmt: skip

LANGDETECT_LANGUAGES: tuple[str, ...] = (
    "af", "ar", "bg", "bn", "ca", "cs", "cy", "da", "de", "el", "en", "es", "et", "fa", "fi",
    "fr", "gu", "he", "hi", "hr", "hu", "id", "it", "ja", "kn", "ko", "lt", "lv", "mk", "ml",
    "mr", "ne", "nl", "no", "pa", "pl", "pt", "ro", "ru", "sk", "sl", "so", "sq", "sv", "sw",
    "ta", "te", "th", "tl", "tr", "uk", "ur", "vi", "zh",
)  # fmt: skip

# Languages that no detector separates reliably from a larger sibling at sentence level (the
# "discriminating between similar languages" groups): Bosnian from Croatian and Serbian, Malay
# from Indonesian, and Norwegian Nynorsk, which falls under "no", ISO 639-1's code for
# Norwegian in both its written standards. py3langid alone labels most Croatian sentences
# Bosnian, and lingua most Indonesian ones Malay. Name them in `labels` to get them anyway.
UNSEPARATED: tuple[str, ...] = ("bs", "ms", "nn")

# The "auto" backend's label set: every language both of its engines model, so that each label
# it gives can get a second opinion, less the unseparated varieties above (69 languages).
AUTO_LANGUAGES: tuple[str, ...] = tuple(
    sorted(set(PY3LANGID_LANGUAGES) & set(LINGUA_LANGUAGES) - set(UNSEPARATED))
)

# Every label any backend can give, plus "und": the closed set behind the release card's
# ClassLabel, the same whatever the config, so that it never changes between releases.
SUPPORTED_LANGUAGES: tuple[str, ...] = (
    *sorted(set(PY3LANGID_LANGUAGES) | set(LINGUA_LANGUAGES) | set(LANGDETECT_LANGUAGES)),
    UNDETERMINED,
)
