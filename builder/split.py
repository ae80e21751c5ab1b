"""Group-aware, stable split assignment.

A document's split comes from a hash of its dedup cluster, salted with the dataset's name (not
its version): near-duplicates always land together, and a rebuild, or the next version, puts
the same cluster in the same split. A parent release pins the splits of what it already holds.
"""

from __future__ import annotations

import hashlib

from builder.config import SplitConfig

SPLITS = ("train", "validation", "test")


def split_names(cfg: SplitConfig) -> tuple[str, ...]:
    """The splits a release has: those with a ratio above zero."""
    return tuple(name for name in SPLITS if getattr(cfg, name) > 0)


def assign_split(cluster: str, salt: str, cfg: SplitConfig) -> str:
    digest = hashlib.sha256(f"{salt}\x00{cluster}".encode()).digest()
    point = int.from_bytes(digest[:8], "big") / 2**64
    edge = 0.0
    names = split_names(cfg)
    for name in names:
        edge += getattr(cfg, name)
        if point < edge:
            return name
    return names[-1]
