"""How deeply an HTML page nests its elements, estimated in one regex pass.

DOM-based extractors slow down super-linearly on pathological nesting (100,000 unclosed divs
take minutes), so ingest refuses such pages before any parser sees them. Tags whose end tag
is optional or absent (`<p>`, `<li>`, `<br>`...) are not counted, so ordinary pages that omit
them are not mistaken for deep ones.
"""

from __future__ import annotations

import re

_TAG = re.compile(rb"<(/?)([a-zA-Z][a-zA-Z0-9-]{0,30})[^>]{0,2000}?(/?)>")
_UNCOUNTED = frozenset(
    b"area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    b"option optgroup thead tbody tfoot colgroup rb rt rp html head body".split()
)


def html_depth(html: str, stop_at: int) -> int:
    """Deepest nesting of counted elements, or `stop_at` as soon as it is reached."""
    depth = deepest = 0
    for match in _TAG.finditer(html.encode("utf-8", "surrogatepass")):
        name = match.group(2).lower()
        if name in _UNCOUNTED or match.group(3):
            continue
        if match.group(1):
            depth = max(0, depth - 1)
        else:
            depth += 1
            if depth > deepest:
                deepest = depth
                if deepest >= stop_at:
                    return deepest
    return deepest
