"""Paragraph-level exact dedup inside one source (option `[dedup] paragraphs`).

Sites repeat boilerplate paragraphs on every page ("Share this article", a newsletter pitch) and
dumps repeat a page's title and teaser above its body. Run in the sequential pass D, documents in
a fixed order, this keeps the first occurrence of each paragraph in a source and drops the later
ones, inside the same document or across documents. Only 64-bit hashes are held, per source.

A paragraph is a non-blank line; it is compared after normalisation (case, whitespace, Unicode
form), so a repeat that differs only in spacing or capitals is still a repeat.
"""

from __future__ import annotations

import re

import xxhash

from builder.dedup.features import normalise

_BLANKS = re.compile(r"\n\s*\n\s*")


class ParagraphDeduper:
    def __init__(self) -> None:
        self.seen: dict[str, set[int]] = {}

    def dedup(self, source: str, text: str) -> str:
        """The text without the paragraphs already seen in this source.

        A text with no repeat comes back unchanged; otherwise the blank lines that separated a
        dropped paragraph go with it.
        """
        seen = self.seen.setdefault(source, set())
        kept: list[str] = []
        dropped = False
        for line in text.split("\n"):
            key = normalise(line)
            if not key:
                kept.append(line)
                continue
            digest = xxhash.xxh3_64_intdigest(key.encode("utf-8"))
            if digest in seen:
                dropped = True
            else:
                seen.add(digest)
                kept.append(line)
        if not dropped:
            return text
        return _BLANKS.sub("\n\n", "\n".join(kept)).strip()
