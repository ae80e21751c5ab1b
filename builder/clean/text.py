"""Text normalisation shared by every extractor: NFC, collapsed spaces, paragraphs."""

from __future__ import annotations

import re
import unicodedata

_ODD_SPACE = r"[\t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]"
_ANY_SPACE = r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]"
# Runs of spaces other than a lone " " (replacing " " by itself costs a piece per word).
_SPACES = re.compile(f"{_ODD_SPACE}{_ANY_SPACE}*| {_ANY_SPACE}+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")


def normalize_line(line: str) -> str:
    """One line, NFC, without control characters, with runs of spaces made one."""
    line = _CONTROL.sub("", line)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip()


def normalize_lines(lines: list[str]) -> list[str]:
    """normalize_line of each line, done on the lines joined: one pass of each step per page.

    The same result, since no step sees past a line break (NFC composes nothing with it).
    """
    if not lines or any("\n" in line for line in lines):
        return [normalize_line(line) for line in lines]
    text = _SPACES.sub(" ", unicodedata.normalize("NFC", _CONTROL.sub("", "\n".join(lines))))
    return [line.strip() for line in text.split("\n")]


def split_lines(text: str) -> list[str]:
    """The non-empty normalised lines of a text."""
    out = []
    for raw in text.splitlines():
        line = normalize_line(raw)
        if line:
            out.append(line)
    return out


def join_paragraphs(lines: list[str]) -> str:
    """Paragraphs separated by one blank line, as the Extracted contract says."""
    return "\n\n".join(line for line in lines if line)
