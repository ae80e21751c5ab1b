"""Pages that quote the openings of other documents: index pages, "latest stories" lists.

Such a page contains a short article's whole text, so containment alone calls it a copy. What
gives it away is that it also holds the opening lines of *other* documents of the corpus, ones
that LSH never paired with it. A teaser and its article hold no such line: every document
that opens with one of the article's lines shares its opening key, and so is its candidate.
"""

from __future__ import annotations

import numpy as np
import polars as pl


class Openings:
    """Which document opens with which line, and which documents met as candidates."""

    def __init__(self, nodes: pl.Series, bands: pl.Series, width: int, pairs: pl.DataFrame) -> None:
        opening = bands.list.get(width, null_on_oob=True)
        found = pl.DataFrame({"key": opening, "node": nodes}).drop_nulls().sort("key", "node")
        self.keys = found["key"].to_numpy()
        self.owners = found["node"].to_numpy()
        ends = np.concatenate([pairs["a"].to_numpy(), pairs["b"].to_numpy()]).astype(np.int64)
        others = np.concatenate([pairs["b"].to_numpy(), pairs["a"].to_numpy()]).astype(np.int64)
        order = np.argsort(ends, kind="stable")
        self.ends, self.others = ends[order], others[order]

    def quotes_others(self, node: int, line_keys: np.ndarray) -> bool:
        """Does the document hold the opening line of a document it was never paired with?"""
        if len(line_keys) == 0 or len(self.keys) == 0:
            return False
        lo = np.searchsorted(self.keys, line_keys, side="left")
        hi = np.searchsorted(self.keys, line_keys, side="right")
        owners = np.concatenate([self.owners[a:b] for a, b in zip(lo, hi, strict=True)])
        if len(owners) == 0:
            return False
        start, stop = np.searchsorted(self.ends, [node, node + 1])
        known = np.append(self.others[start:stop], node)
        return bool(np.isin(owners, known, invert=True).any())
