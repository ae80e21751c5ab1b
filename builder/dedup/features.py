"""Per-document dedup features, computed by the workers in pass B.

A document is reduced to an exact key (a hash of its normalised text) and a few LSH band keys
(from a rensa MinHash over word shingles). Pass C clusters documents from these alone, so they
are all that stays in memory for the whole corpus.

Words are casefolded runs of letters and digits: punctuation, quote styles, dashes and line
breaks do not change a shingle. Scripts written without spaces (Chinese, Japanese, Thai) count
each character as a word, so their shingles are character n-grams.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import numpy as np
import rensa
import xxhash

from builder.dedup.config import DedupConfig

_SPACELESS = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff66-\uff9f"
_WORD = re.compile(rf"[{_SPACELESS}]|[^\W{_SPACELESS}]+")
_MIX = np.uint64(0x9E3779B97F4A7C15)
_OPENING = 0x6F70656E  # hash seed of opening keys, apart from the band numbers


def normalise(text: str) -> str:
    """The text as the exact key sees it: NFKC, casefolded, whitespace collapsed (split() and
    re's \\s agree on every code point on what whitespace is; split is twice as fast)."""
    return " ".join(_nfkc(text).casefold().split())


def _nfkc(text: str) -> str:
    """NFKC form; most texts already are, and checking is several times cheaper."""
    if unicodedata.is_normalized("NFKC", text):
        return text
    return unicodedata.normalize("NFKC", text)


def exact_key(text: str) -> str:
    """128-bit xxh3 of the normalised text, in hex: equal keys mean the same text."""
    return xxhash.xxh3_128_hexdigest(normalise(text).encode("utf-8"))


def words(text: str) -> list[str]:
    return _WORD.findall(_nfkc(text).casefold())


def shingle_hashes(text: str, size: int) -> np.ndarray:
    """Sorted distinct uint64 hashes of the text's `size`-word shingles."""
    return np.unique(shingle_sequence(text, size))


def shingle_sequence(text: str, size: int) -> np.ndarray:
    """uint64 hashes of the text's `size`-word shingles, in text order.

    A text shorter than one shingle gives one shingle of all its words; an empty text none.
    """
    return shingles_of_words(words(text), size)


def shingles_of_words(tokens: list[str], size: int) -> np.ndarray:
    """shingle_sequence of a text already split into words."""
    if not tokens:
        return np.empty(0, dtype=np.uint64)
    hashed = np.array(rensa.RMinHash.hash_token_sets([tokens])[0], dtype=np.uint64)
    span = min(size, len(hashed))
    count = len(hashed) - span + 1
    combined = hashed[:count].copy()
    with np.errstate(over="ignore"):
        for offset in range(1, span):
            combined = _splitmix(combined * _MIX + hashed[offset : offset + count])
    return combined


def _splitmix(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser: spreads the bits of an order-dependent combination of words."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def band_keys(text: str, cfg: DedupConfig) -> list[int]:
    """One uint64 per LSH band, then the opening's key when there is one.

    Two documents sharing any key are near-duplicate candidates. The band's number is hashed
    in, so keys of different bands never meet. The last key, present when the list is one longer
    than `cfg.bands`, is the hash of the document's opening line (see `opening_keys`): a teaser
    and its article share it whatever their lengths, and pass C uses it to recognise pages that
    quote other documents' openings.
    """
    shingles = shingle_hashes(text, cfg.shingle)
    if len(shingles) == 0:
        return []
    matrix = rensa.RMinHash.digest_matrix_from_flat_token_hashes(
        shingles, np.array([0, len(shingles)], dtype=np.uint64), cfg.num_perm, cfg.seed
    )
    keys = digest_band_keys(np.asarray(matrix.to_rows()[0], dtype=np.uint32), cfg)
    return keys + opening_keys(text, cfg.lead_words, first_only=True)


def opening_keys(text: str, min_words: int, first_only: bool = False) -> list[int]:
    """Keys of the text's lines of at least `min_words` words, in order; the first is its opening.

    Short lines (menus, bylines, "Subscribe now") are skipped, so a site header does not count
    as an opening. A line has the same key whether it opens a document or sits inside another.
    """
    lines = (words(line) for line in text.split("\n"))
    return opening_keys_of_words(lines, min_words, first_only)


def opening_keys_of_words(
    lines: Iterable[list[str]], min_words: int, first_only: bool = False
) -> list[int]:
    """opening_keys of a text already split into lines of words."""
    keys = []
    for tokens in lines:
        if len(tokens) >= min_words:
            keys.append(xxhash.xxh3_64_intdigest(" ".join(tokens).encode("utf-8"), seed=_OPENING))
            if first_only:
                break
    return keys


def digest_band_keys(digest: np.ndarray, cfg: DedupConfig) -> list[int]:
    """Band keys of one MinHash digest (uint32 values, at least bands * rows of them)."""
    if cfg.bands * cfg.rows > len(digest):
        raise ValueError(f"bands * rows = {cfg.bands * cfg.rows} exceeds num_perm {len(digest)}")
    rows = digest[: cfg.bands * cfg.rows].astype("<u4").reshape(cfg.bands, cfg.rows)
    return [
        xxhash.xxh3_64_intdigest(band.tobytes(), seed=number) for number, band in enumerate(rows)
    ]
