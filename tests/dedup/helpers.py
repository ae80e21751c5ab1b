"""Small real documents for the dedup tests, and the features the engine would compute."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import polars as pl

from builder.dedup.config import DedupConfig
from builder.dedup.features import band_keys, exact_key

DATA = Path(__file__).parent / "data"


def read_jsonl(name: str) -> list[dict]:
    with open(DATA / name, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def dev_texts() -> dict[str, str]:
    return {row["id"]: row["text"] for row in read_jsonl("docs.jsonl")}


def dev_gold() -> dict[str, str]:
    return {row["id"]: row["cluster"] for row in read_jsonl("gold.jsonl")}


def features(
    texts: dict[str, str], cfg: DedupConfig, fetched_at: dict[str, str] | None = None
) -> pl.DataFrame:
    """The frame pass B hands to pass C: one row per kept document."""
    fetched_at = fetched_at or {}
    return pl.DataFrame(
        {
            "id": list(texts),
            "exact_key": [exact_key(t) for t in texts.values()],
            "bands": pl.Series(
                [band_keys(t, cfg) for t in texts.values()], dtype=pl.List(pl.UInt64)
            ),
            "n_chars": [len(t) for t in texts.values()],
            "fetched_at": pl.Series([fetched_at.get(i) for i in texts], dtype=pl.String),
        }
    )


class Loader:
    """The engine's text loader over a dict; remembers which ids it was asked for."""

    def __init__(self, texts: dict[str, str]) -> None:
        self.texts = texts
        self.asked: set[str] = set()

    def __call__(self, ids: list[str]) -> dict[str, str]:
        self.asked.update(ids)
        return {i: self.texts[i] for i in ids if i in self.texts}


def pairwise_scores(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float]:
    """Pairwise precision and recall, as shared/scripts/score_dedup.py counts them."""

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    true = pairs(Counter((gold[i], pred[i]) for i in gold))
    predicted = pairs(Counter(pred[i] for i in gold))
    actual = pairs(Counter(gold.values()))
    return (true / predicted if predicted else 1.0), (true / actual if actual else 1.0)
