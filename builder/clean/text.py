"""Text normalisation shared by every extractor: NFC, collapsed spaces, paragraphs."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200b\u202f\u205f\u3000\ufeff]+")
_CONTROL = re.compile(r"[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]")


def normalize_line(line: str) -> str:
    """One line, NFC, without control characters, with runs of spaces made one."""
    line = _CONTROL.sub("", line)
    return _SPACES.sub(" ", unicodedata.normalize("NFC", line)).strip()


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
