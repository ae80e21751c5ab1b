"""How deeply an HTML page nests its elements, estimated from its tags in a few array passes.

DOM-based extractors slow down super-linearly on pathological nesting (100,000 unclosed divs
take minutes), so ingest refuses such pages before any parser sees them. Tags whose end tag
is optional or absent (`<p>`, `<li>`, `<br>`...) are not counted, so ordinary pages that omit
them are not mistaken for deep ones.

A tag is what the regex `<(/?)([a-zA-Z][a-zA-Z0-9-]{0,30})[^>]{0,2000}?(/?)>` matches,
scanning left to right without overlap; that regex walked in Python took 2.3 ms a page, as
long as extracting the page. Here every `<` is a candidate, its name, end and self-closing
slash are read with numpy, and the depth is a walk of +1/-1 steps that never goes below zero:
after step i it is S_i - min(0, min_{j<=i} S_j) for the prefix sums S.
"""

from __future__ import annotations

import numpy as np

_UNCOUNTED = frozenset(
    b"area base br col embed hr img input link meta param source track wbr p li dt dd tr td th "
    b"option optgroup thead tbody tfoot colgroup rb rt rp html head body".split()
)
_NAME_MAX = 31  # the regex's name: a letter, then up to 30 letters, digits or hyphens
_GAP_MAX = 2000  # the regex's `[^>]{0,2000}?` between the name and the closing `>`
_PACK = 8  # names up to 8 bytes are packed into one uint64; every uncounted name fits


def _pack(names: np.ndarray) -> np.ndarray:
    """Rows of up to 8 name bytes (zero-padded) as one little-endian uint64 each."""
    shifts = np.arange(_PACK, dtype=np.uint64) * np.uint64(8)
    return (names[:, :_PACK].astype(np.uint64) << shifts).sum(axis=1, dtype=np.uint64)


_UNCOUNTED_KEYS = _pack(
    np.array([list(name.ljust(_PACK, b"\0")) for name in sorted(_UNCOUNTED)], dtype=np.uint8)
)


def too_deep(html: str, limit: int) -> bool:
    """Does the page nest counted elements deeper than `limit`? A page with no more than
    `limit` tags opened (`<` before a letter) cannot, and most real pages are such."""
    data = np.frombuffer(html.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    lt = np.flatnonzero(data == ord("<"))
    if lt.size > limit:
        after = data[np.minimum(lt + 1, data.size - 1)] | 0x20
        if np.count_nonzero((after >= ord("a")) & (after <= ord("z"))) > limit:
            return _depth(data, lt, limit + 1) > limit
    return False


def html_depth(html: str, stop_at: int) -> int:
    """Deepest nesting of counted elements, capped at `stop_at`."""
    data = np.frombuffer(html.encode("utf-8", "surrogatepass"), dtype=np.uint8)
    return _depth(data, np.flatnonzero(data == ord("<")), stop_at)


def _depth(data: np.ndarray, lt: np.ndarray, stop_at: int) -> int:
    """html_depth over the page's UTF-8 bytes and the positions of its `<`."""
    gts = np.flatnonzero(data == ord(">"))
    if not lt.size or not gts.size:
        return 0
    padded = np.concatenate([data, np.zeros(_NAME_MAX + 2, dtype=np.uint8)])
    closing = padded[lt + 1] == ord("/")
    start = lt + 1 + closing
    at = np.searchsorted(gts, start)  # names hold no `>`: the tag's `>` is the first after
    has_gt = at < gts.size
    gt = gts[np.minimum(at, gts.size - 1)]
    # The first _PACK + 1 bytes tell a name's length when it is short enough to be uncounted.
    head = padded[start[:, None] + np.arange(_PACK + 1)]
    folded, letter, namechar = _classes(head)
    length = np.argmin(np.pad(namechar, ((0, 0), (0, 1))), axis=1)  # _PACK + 1: longer
    valid = letter[:, 0] & has_gt
    far = np.flatnonzero(valid & (gt - lt > _GAP_MAX))  # rare: only these need the full name
    if far.size:
        window = padded[start[far, None] + np.arange(_NAME_MAX)]
        end = start[far] + np.argmin(np.pad(_classes(window)[2], ((0, 0), (0, 1))), axis=1)
        slash = data[gt[far] - 1] == ord("/")
        valid[far] = gt[far] - end <= _GAP_MAX + slash
    selfclosing = data[gt - 1] == ord("/")  # a `/` is no name byte: it always follows the name
    # A `<` inside an accepted tag is skipped: among valid candidates sharing a `>`, the first.
    gt_valid = gt[valid]
    first = np.ones(gt_valid.size, dtype=bool)
    first[1:] = gt_valid[1:] != gt_valid[:-1]
    keep = np.flatnonzero(valid)[first]
    names = np.where(np.arange(_PACK) < length[keep, None], folded[keep, :_PACK], 0)
    uncounted = (length[keep] <= _PACK) & np.isin(_pack(names.astype(np.uint8)), _UNCOUNTED_KEYS)
    counted = keep[~uncounted & ~selfclosing[keep]]
    if not counted.size:
        return 0
    walk = np.cumsum(np.where(closing[counted], -1, 1))
    deepest = int((walk - np.minimum(np.minimum.accumulate(walk), 0)).max())
    return min(max(deepest, 0), stop_at)


def _classes(window: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(lower-cased bytes, is a letter, is a name byte) of rows of bytes."""
    folded = window | 0x20  # ASCII letters to lower case; other bytes are tested unfolded
    letter = (folded >= ord("a")) & (folded <= ord("z"))
    digit = (window >= ord("0")) & (window <= ord("9"))
    return folded, letter, letter | digit | (window == ord("-"))
