"""Dedup benchmark: dev-set quality, signature and clustering speed, index memory.

    .venv/bin/python bench/bench_dedup.py                      # dev F1, then 10,000 and 100,000
    .venv/bin/python bench/bench_dedup.py --sizes 10000 --repeats 3

One core: polars and rensa are held to one thread. Baselines run in the same command:
- dev: rensa LSH alone (16 bands x 8 rows, candidates taken as duplicates, no verification), and
  datasketch MinHashLSH with its default threshold; both with 128 permutations, word 5-grams.
- scale: datasketch MinHash signatures over the same shingles, and datasketch MinHashLSH
  (threshold 0.5) insert + query + union-find for clustering.

The scale corpus is made from the dev texts with seeded edits: new "articles" are paragraphs of
dev sentences with a quarter of their words swapped for random words (so that they are distinct
documents), and 30 % of documents are edited copies of earlier ones (site header and footer,
truncation with a "Continue reading" stub, typos, a paragraph dropped or moved, exact copies),
1 % index pages quoting the openings of earlier articles. Its gold clusters give a second F1.
"""

from __future__ import annotations

import os

os.environ.setdefault("POLARS_MAX_THREADS", "1")
os.environ.setdefault("RAYON_NUM_THREADS", "1")

import argparse  # noqa: E402
import json  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import resource  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from collections import Counter  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import polars as pl  # noqa: E402
import rensa  # noqa: E402
from datasketch import MinHash, MinHashLSH  # noqa: E402

from builder.dedup.cluster import UnionFind, find_duplicates  # noqa: E402
from builder.dedup.config import DedupConfig  # noqa: E402
from builder.dedup.features import band_keys, exact_key, words  # noqa: E402

DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "dedup-dev"
if not DEV.exists():
    DEV = Path("/work/shared/data/dedup-dev")
CFG = DedupConfig()


# ---------------------------------------------------------------- quality on the dev set


def read_jsonl(path: Path) -> list[dict]:
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def pairwise(pred: dict[str, str], gold: dict[str, str]) -> tuple[float, float, float]:
    """Pairwise precision, recall, F1, counted as shared/scripts/score_dedup.py does."""

    def pairs(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    true = pairs(Counter((gold[i], pred.get(i, i)) for i in gold))
    predicted = pairs(Counter(pred.get(i, i) for i in gold))
    actual = pairs(Counter(gold.values()))
    p = true / predicted if predicted else 1.0
    r = true / actual if actual else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def features_of(texts: dict[str, str], fetched: dict[str, str] | None = None) -> pl.DataFrame:
    fetched = fetched or {}
    return pl.DataFrame(
        {
            "id": list(texts),
            "exact_key": [exact_key(t) for t in texts.values()],
            "bands": pl.Series(
                [band_keys(t, CFG) for t in texts.values()], dtype=pl.List(pl.UInt64)
            ),
            "n_chars": [len(t) for t in texts.values()],
            "fetched_at": pl.Series([fetched.get(i) for i in texts], dtype=pl.String),
        }
    )


def ours(texts: dict[str, str], fetched: dict[str, str] | None = None) -> dict[str, str]:
    found = find_duplicates(
        features_of(texts, fetched), lambda ids: {i: texts[i] for i in ids}, CFG
    )
    return dict(zip(found["id"], found["cluster"], strict=True))


def shingles(text: str) -> list[bytes]:
    w = words(text)
    return [" ".join(w[i : i + 5]).encode() for i in range(max(1, len(w) - 4))] if w else []


def components(ids: list[str], pairs) -> dict[str, str]:
    forest = UnionFind(np.arange(len(ids)))
    for a, b in pairs:
        forest.union(a, b)
    return {doc_id: ids[forest.find(n)] for n, doc_id in enumerate(ids)}


def rensa_lsh(texts: dict[str, str]) -> dict[str, str]:
    ids = list(texts)
    lsh = rensa.RMinHashLSH(0.5, 128, 16)
    hashes = []
    for n, text in enumerate(texts.values()):
        m = rensa.RMinHash(128, 42)
        m.update([s.decode() for s in shingles(text)])
        lsh.insert(n, m)
        hashes.append(m)
    return components(ids, [(n, other) for n, m in enumerate(hashes) for other in lsh.query(m)])


def datasketch_lsh(texts: dict[str, str], threshold: float | None = None) -> dict[str, str]:
    ids = list(texts)
    lsh = MinHashLSH(num_perm=128) if threshold is None else MinHashLSH(threshold, num_perm=128)
    hashes = []
    for n, text in enumerate(texts.values()):
        m = MinHash(num_perm=128)
        m.update_batch(shingles(text))
        lsh.insert(n, m)
        hashes.append(m)
    return components(ids, [(n, other) for n, m in enumerate(hashes) for other in lsh.query(m)])


def dev_quality() -> list[str]:
    texts = {r["id"]: r["text"] for r in read_jsonl(DEV / "docs.jsonl")}
    gold = {r["id"]: r["cluster"] for r in read_jsonl(DEV / "gold.jsonl")}
    lines = []
    for name, method in [
        ("ours (LSH 42x3 + opening key, containment)", ours),
        ("rensa LSH 16x8 alone", rensa_lsh),
        ("datasketch MinHashLSH default", datasketch_lsh),
    ]:
        p, r, f1 = pairwise(method(texts), gold)
        lines.append(f"| dev | {name} | {p:.4f} | {r:.4f} | {f1:.4f} |")
    return lines


# ---------------------------------------------------------------- a corpus of any size

SITES = [
    ["Home | News | Sport | Weather | Opinion", "Accept cookies to continue", "Share on Facebook"],
    ["MENU Search Subscribe", "Sign up for our daily briefing", "All rights reserved."],
    ["Latest | Most read | Video", "Advertisement", "Follow us on social media"],
]


def make_corpus(n: int, seed: int = 7) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """n documents, their gold clusters and fetch times, from dev sentences with seeded edits."""
    rng = random.Random(seed)
    dev = [r["text"] for r in read_jsonl(DEV / "docs.jsonl")]
    sentences = [s for t in dev for s in re.split(r"(?<=[.!?])\s+|\n", t) if len(s.split()) >= 5]
    vocab = sorted({w for s in sentences for w in s.split()})
    texts: dict[str, str] = {}
    gold: dict[str, str] = {}
    articles: list[str] = []
    for k in range(n):
        doc_id = f"s{k:07d}"
        roll = rng.random()
        if articles and roll < 0.01:
            chosen = rng.sample(articles, min(len(articles), rng.randint(4, 6)))
            site = rng.choice(SITES)
            leads = [texts[a].split("\n")[0] for a in chosen]
            texts[doc_id] = "\n".join([site[0], "Latest stories", *leads, site[2]])
            gold[doc_id] = doc_id
        elif articles and roll < 0.31:
            source = rng.choice(articles)
            texts[doc_id] = edit(texts[source], rng)
            gold[doc_id] = gold[source]
        else:
            texts[doc_id] = new_article(rng, sentences, vocab)
            gold[doc_id] = doc_id
            articles.append(doc_id)
    fetched = {
        i: f"2024-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}T00:00:00Z" for i in texts
    }
    return texts, gold, fetched


def new_article(rng: random.Random, sentences: list[str], vocab: list[str]) -> str:
    paragraphs = []
    for _ in range(rng.randint(3, 10)):
        chosen = " ".join(rng.choice(sentences) for _ in range(rng.randint(1, 3))).split()
        paragraphs.append(" ".join(rng.choice(vocab) if rng.random() < 0.25 else w for w in chosen))
    return "\n".join(paragraphs)


def edit(text: str, rng: random.Random) -> str:
    paragraphs = text.split("\n")
    for kind in rng.sample(
        ["site", "truncate", "typos", "drop", "move", "exact"], rng.randint(1, 3)
    ):
        if kind == "exact":
            return text
        if kind == "site":
            site = rng.choice(SITES)
            paragraphs = [site[0], *paragraphs, site[1], site[2]]
        elif kind == "truncate" and len(paragraphs) > 2:
            keep = max(1, round(len(paragraphs) * rng.uniform(0.6, 0.9)))
            paragraphs = [*paragraphs[:keep], "Continue reading the full story"]
        elif kind == "typos":
            paragraphs = [" ".join(typo(w, rng) for w in p.split()) for p in paragraphs]
        elif kind == "drop" and len(paragraphs) > 3:
            paragraphs.pop(rng.randrange(1, len(paragraphs)))
        elif kind == "move" and len(paragraphs) > 2:
            paragraphs.insert(
                rng.randrange(len(paragraphs)), paragraphs.pop(rng.randrange(len(paragraphs)))
            )
    return "\n".join(paragraphs)


def typo(word: str, rng: random.Random) -> str:
    if len(word) < 4 or rng.random() > 0.02:
        return word
    i = rng.randrange(len(word) - 1)
    return word[:i] + word[i + 1] + word[i] + word[i + 2 :]


# ---------------------------------------------------------------- speed and memory


def timed(fn, repeats: int) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = fn()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def scale(n: int, repeats: int, ds_repeats: int) -> list[str]:
    texts, gold, fetched = make_corpus(n)
    values = list(texts.values())
    sig_s, _ = timed(lambda: [(exact_key(t), band_keys(t, CFG)) for t in values], repeats)

    def ds_signatures():
        out = []
        for t in values:
            m = MinHash(num_perm=128)
            m.update_batch(shingles(t))
            out.append(m)
        return out

    ds_sig_s, ds_hashes = timed(ds_signatures, ds_repeats)
    features = features_of(texts, fetched)
    loader = lambda ids: {i: texts[i] for i in ids}  # noqa: E731
    clu_s, found = timed(lambda: find_duplicates(features, loader, CFG), repeats)

    def ds_cluster():
        lsh = MinHashLSH(threshold=0.5, num_perm=128)
        for k, m in enumerate(ds_hashes):
            lsh.insert(k, m)
        pairs = [(k, other) for k, m in enumerate(ds_hashes) for other in lsh.query(m)]
        return components(list(texts), pairs)

    ds_clu_s, ds_found = timed(ds_cluster, ds_repeats)
    p, r, f1 = pairwise(dict(zip(found["id"], found["cluster"], strict=True)), gold)
    dp, dr, df1 = pairwise(ds_found, gold)
    memory = index_memory(features, texts)
    bytes_per_doc = features.estimated_size() / n
    return [
        f"| {n:,} | signatures (exact key, 42 band keys, opening key) | {n / sig_s:,.0f} | "
        f"datasketch MinHash: {n / ds_sig_s:,.0f} | {ds_sig_s / sig_s:.1f}x |",
        f"| {n:,} | clustering (candidates, verification, union-find) | {n / clu_s:,.0f} | "
        f"datasketch MinHashLSH 0.5: {n / ds_clu_s:,.0f} | {ds_clu_s / clu_s:.1f}x |",
        f"| {n:,} | synthetic-corpus pairwise P / R / F1 | {p:.4f} / {r:.4f} / {f1:.4f} | "
        f"datasketch: {dp:.4f} / {dr:.4f} / {df1:.4f} | |",
        f"| {n:,} | memory per document | index (features frame): {bytes_per_doc:.0f} B | "
        f"pass C working memory (peak RSS growth): {memory:.0f} B | |",
    ]


CHILD = """
import sys
import polars as pl
from builder.dedup.cluster import find_duplicates
from builder.dedup.config import DedupConfig
def status(key):
    for line in open("/proc/self/status"):
        if line.startswith(key):
            return int(line.split()[1]) * 1024
features = pl.read_parquet(sys.argv[1])
rows = pl.read_parquet(sys.argv[2])
texts = dict(zip(rows["id"], rows["text"]))
del rows
open("/proc/self/clear_refs", "w").write("5")  # reset the peak (VmHWM) to the current RSS
base = status("VmRSS")
find_duplicates(features, lambda ids: {i: texts[i] for i in ids}, DedupConfig())
print((status("VmHWM") - base) / features.height)
"""


def index_memory(features: pl.DataFrame, texts: dict[str, str]) -> float:
    """Peak RSS growth per document while pass C runs, in a fresh process.

    Features and texts are already in memory when the peak is reset, so this is what
    clustering itself adds: ranking, candidate pairs, union-find, a batch of shingle sets.
    """
    with tempfile.TemporaryDirectory() as folder:
        features.write_parquet(f"{folder}/features.parquet")
        pl.DataFrame({"id": list(texts), "text": list(texts.values())}).write_parquet(
            f"{folder}/texts.parquet"
        )
        out = subprocess.run(
            [sys.executable, "-c", CHILD, f"{folder}/features.parquet", f"{folder}/texts.parquet"],
            capture_output=True,
            text=True,
            check=True,
        )
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=[10_000, 100_000])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--datasketch-repeats", type=int, default=1)
    args = parser.parse_args()
    print("| set | method | precision | recall | F1 |\n|---|---|---:|---:|---:|")
    for line in dev_quality():
        print(line, flush=True)
    print(
        "\n| docs | what | ours (docs/s) | baseline (docs/s) | ratio |\n|---:|---|---:|---:|---:|"
    )
    for n in args.sizes:
        repeats = args.repeats if n <= 10_000 else 1
        for line in scale(n, repeats, args.datasketch_repeats):
            print(line, flush=True)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"\nmax RSS of this process: {peak} MiB")


if __name__ == "__main__":
    main()
