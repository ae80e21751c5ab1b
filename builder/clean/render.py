"""HTML -> lines, with the little DOM knowledge a line cleaner can use.

resiliparse renders a page in C at a few hundred pages per second. Its `minimal_html` output
keeps one block per line with its tag (<p>, <h2>, <li>) and its links, which gives each line two
cheap DOM signals: its kind and the share of its text inside links (navigation is mostly links).
"""

from __future__ import annotations

import html as htmllib
import re
import unicodedata
from dataclasses import dataclass

from builder.clean.text import normalize_line

_SPACES = re.compile(r"\s+")


def _squeeze(text: str) -> str:
    return _SPACES.sub(" ", text).strip()


_TAG = re.compile(r"<[^>]*>")
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.DOTALL)
_FIRST_TAG = re.compile(r"^\s*<(h[1-6]|p|li|pre|ul|ol|blockquote)\b")
_PLAIN_BULLET = re.compile(r"^(\s*)[•◦▪‣]\s+")


@dataclass(slots=True)
class Block:
    text: str
    link_share: float  # share of the block's characters inside <a>
    kind: str  # "h" (heading), "p", "li", "pre" or "" (bare text)


def render_blocks(html, main_content: bool = False) -> list[Block]:
    """The page's visible blocks in document order (empty ones left out); `html` is a string
    or an already parsed resiliparse HTMLTree."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    tree = HTMLTree.parse(html) if isinstance(html, str) else html
    marked = extract_plain_text(
        tree,
        preserve_formatting="minimal_html",
        main_content=main_content,
        links=True,
        alt_texts=False,
        list_bullets=False,
    )
    blocks = []
    for raw in unicodedata.normalize("NFC", marked).split("\n"):
        if "<" not in raw and not raw.strip():
            continue
        text = _squeeze(htmllib.unescape(_TAG.sub(" ", raw)) if "<" in raw or "&" in raw else raw)
        if not text:
            continue
        linked = (
            sum(len(_squeeze(_TAG.sub(" ", m))) for m in _LINK.findall(raw)) if "<a" in raw else 0
        )
        kind = ""
        first = _FIRST_TAG.match(raw)
        if first:
            tag = first.group(1)
            kind = "h" if tag[0] == "h" else ("li" if tag in ("li", "ul", "ol") else tag)
            kind = "p" if kind == "blockquote" else kind
        if kind == "li":
            text = "* " + text
        blocks.append(Block(text, min(linked / len(text), 1.0), kind))
    return blocks


def render_dump(html: str) -> list[str]:
    """The page as a plain-text dump (every visible block one line, list items bulleted)."""
    from resiliparse.extract.html2text import extract_plain_text
    from resiliparse.parse.html import HTMLTree

    text = extract_plain_text(HTMLTree.parse(html), main_content=False, alt_texts=False)
    lines = []
    for raw in text.split("\n"):
        line = normalize_line(_PLAIN_BULLET.sub(r"\1* ", raw))
        if line:
            lines.append(line)
    return lines
