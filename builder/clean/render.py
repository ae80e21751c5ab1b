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


def _squeeze(text: str) -> str:
    """Runs of whitespace made one space, ends stripped (as re's \\s+ and str.strip mean it)."""
    return " ".join(text.split())


_TAG = re.compile(r"<[^>]*>")
_TAG_IN_LINE = re.compile(r"<[^>\n]*>")  # _TAG line by line, run over a whole text at once
_LINK = re.compile(r"<a\b[^>]*>(.*?)</a>", re.DOTALL)
_FIRST_TAG = re.compile(r"^\s*<(h[1-6]|p|li|pre|ul|ol|blockquote)\b")
_PLAIN_BULLET = re.compile(r"^(\s*)[•◦▪‣]\s+")
_KIND = {f"h{i}": "h" for i in range(1, 7)} | {
    "p": "p",
    "blockquote": "p",
    "li": "li",
    "ul": "li",
    "ol": "li",
    "pre": "pre",
}


def _link_chars(inner: str) -> int:
    """Visible characters of a link's inner markup."""
    return len(_squeeze(_TAG.sub(" ", inner) if "<" in inner else inner))


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
    marked = unicodedata.normalize("NFC", marked)
    # resiliparse escapes "<" and "&" in text: what "<" opens is a tag, "&" an entity.
    bare_lines = _TAG_IN_LINE.sub(" ", marked).split("\n")
    blocks = []
    for raw, bare in zip(marked.split("\n"), bare_lines, strict=True):
        if not bare:
            continue  # the blank line between two blocks
        text = _squeeze(htmllib.unescape(bare) if "&" in bare else bare)
        if not text:
            continue
        linked = sum(map(_link_chars, _LINK.findall(raw))) if "<a" in raw else 0
        first = _FIRST_TAG.match(raw)
        kind = _KIND[first.group(1)] if first else ""
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
