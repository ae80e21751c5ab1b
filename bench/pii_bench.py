"""PII stage speed on real pages: what redaction costs next to rendering the same pages.

    .venv/bin/python bench/pii_bench.py [--repeats 5] [--pages N]

Renders the bench pages (../shared/data/bench-pages) to plain text once with resiliparse,
then times, over the same texts, in the same run: `redact_pii` (the stage's work), the
rendering itself (the baseline a build pays anyway) and `str.split` (a floor). Prints the
median of the repeats, throughput and the ratios, and the counts found.
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import time
from pathlib import Path

from builder.label.pii import PiiConfig, redact_pii

DATA = (
    Path(__file__).resolve().parents[1].parent
    / "shared"
    / "data"
    / "bench-pages"
    / "pages.jsonl.gz"
)


def load(limit: int | None) -> list[str]:
    pages = []
    with gzip.open(DATA, "rt", encoding="utf-8") as f:
        for line in f:
            pages.append(json.loads(line)["html"])
            if limit and len(pages) >= limit:
                break
    return pages


def timed(fn, items) -> float:
    start = time.perf_counter()
    for item in items:
        fn(item)
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--pages", type=int, default=0)
    args = parser.parse_args()
    from resiliparse.extract.html2text import extract_plain_text

    def render(html: str) -> str:
        return extract_plain_text(html, main_content=False)

    pages = load(args.pages or None)
    texts = [render(h) for h in pages]
    chars = sum(map(len, texts))
    cfg = PiiConfig(enabled=True)
    runs = {"redact_pii": [], "render (baseline)": [], "str.split (floor)": []}
    for _ in range(args.repeats):
        runs["redact_pii"].append(timed(lambda t: redact_pii(t, cfg), texts))
        runs["render (baseline)"].append(timed(render, pages))
        runs["str.split (floor)"].append(timed(str.split, texts))
    med = {k: statistics.median(v) for k, v in runs.items()}
    print(f"{len(texts)} pages, {chars / 1e6:.1f} M characters of text, {args.repeats} repeats")
    for name, secs in med.items():
        print(f"  {name:18s} median {secs:.3f} s  {chars / secs / 1e6:7.1f} M chars/s")
    print(f"  redact / render = {med['redact_pii'] / med['render (baseline)']:.2f}")
    print(f"  redact / split  = {med['redact_pii'] / med['str.split (floor)']:.1f}")
    totals = {"email": 0, "phone": 0, "ip": 0}
    for text in texts:
        for kind, n in redact_pii(text, cfg)[1].items():
            totals[kind] += n
    print(f"  found: {totals}")


if __name__ == "__main__":
    main()
