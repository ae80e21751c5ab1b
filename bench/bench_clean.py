"""Cleaning: dev-set F1 of each mode and pages per second on one core, next to trafilatura.

    .venv/bin/python bench/bench_clean.py [--repeats 5] [--out /tmp/clean-preds]

Scores with ../shared/scripts/score_extraction.py (the Article Extraction Benchmark's method),
writing `<id>.txt` predictions per mode: trafilatura alone (include_comments=False, its best
default on this set), our `fast` and `best` HTML modes, and the plain-text dumps (each page its
own source: no cross-page learning). Times every extractor over the same 45 pages in the same
process, interleaved, `--repeats` times, and reports the median (the machine is shared).
Then shows cross-page furniture at work: bench pages of sites with several pages, rendered as
dumps, cleaned with and without the furniture learned from the site's own pages (scored against
trafilatura's output on the HTML, as no gold exists for them).
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared"
DEV = SHARED / "data" / "extraction-dev"
SCORER = SHARED / "scripts" / "score_extraction.py"
PAGES = SHARED / "data" / "bench-pages" / "pages.jsonl.gz"

from builder.clean import CleanConfig, Furniture, extract  # noqa: E402


def trafilatura_alone(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def modes() -> dict:
    fast, best = CleanConfig(html_mode="fast"), CleanConfig(html_mode="best")
    return {
        "trafilatura": ("html", trafilatura_alone),
        "fast": ("html", lambda c: extract(c, "html", fast).text),
        "best": ("html", lambda c: extract(c, "html", best).text),
        "dump": ("dump", lambda c: extract(c, "text", fast).text),
    }


def score(pred_dir: Path) -> dict:
    out = subprocess.run(
        [sys.executable, str(SCORER), str(pred_dir), "--index", str(DEV / "index.jsonl")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return {k: float(v) for k, v in re.findall(r"^(precision|recall|F1) ([\d.]+)", out, re.M)}


def dev_pages() -> list[dict]:
    rows = [json.loads(x) for x in (DEV / "index.jsonl").read_text().splitlines() if x.strip()]
    for r in rows:
        r["html_text"] = (DEV / r["html"]).read_text(encoding="utf-8")
        r["dump_text"] = (DEV / r["dump"]).read_text(encoding="utf-8")
    return rows


def quality(rows: list[dict], out: Path) -> dict:
    results = {}
    for name, (kind, fn) in modes().items():
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        for r in rows:
            text = fn(r["html_text"] if kind == "html" else r["dump_text"])
            (folder / f"{r['id']}.txt").write_text(text, encoding="utf-8")
        results[name] = score(folder)
    return results


def speed(rows: list[dict], repeats: int) -> dict:
    runs = defaultdict(list)
    fns = modes()
    for kind, fn in fns.values():  # warm caches (model, stop-lists, imports)
        fn(rows[0]["html_text"] if kind == "html" else rows[0]["dump_text"])
    for _ in range(repeats):
        for name, (kind, fn) in fns.items():
            docs = [r["html_text"] if kind == "html" else r["dump_text"] for r in rows]
            start = time.perf_counter()
            for d in docs:
                fn(d)
            runs[name].append(len(docs) / (time.perf_counter() - start))
    return {k: statistics.median(v) for k, v in runs.items()}


def site_of(html: str) -> str | None:
    m = re.search(r'<link[^>]+rel="canonical"[^>]+href="https?://([^/"]+)', html, re.I)
    m = m or re.search(r'property="og:url"\s+content="https?://([^/"]+)', html, re.I)
    return m.group(1).lower().removeprefix("www.") if m else None


def cross_page(min_pages: int = 4) -> dict:
    """F1 (4-gram, as the scorer) of dump cleaning against trafilatura, with/without furniture."""
    sys.path.insert(0, str(SCORER.parent))
    import score_extraction as se

    from builder.clean.dump import clean_dump
    from builder.clean.render import render_dump

    sites = defaultdict(list)
    with gzip.open(PAGES, "rt", encoding="utf-8") as f:
        for line in f:
            html = json.loads(line)["html"]
            site = site_of(html)
            if site and site != "web.archive.org":
                sites[site].append(html)
    out = {}
    for site, pages in sorted(sites.items()):
        if len(pages) < min_pages:
            continue
        dumps = ["\n".join(render_dump(h)) for h in pages]
        refs = [trafilatura_alone(h) for h in pages]
        furniture = Furniture.learn(dumps)
        triples = {"alone": [], "furniture": []}
        for dump, ref in zip(dumps, refs, strict=True):
            if not ref:
                continue
            for key, furn in (("alone", None), ("furniture", furniture)):
                text = "\n\n".join(clean_dump(dump, 0.5, furn)[0])
                triples[key].append(se.tp_fp_fn(se.tokenize(ref), se.tokenize(text), 4))
        out[site] = {
            "pages": len(pages),
            "furniture_lines": len(furniture),
            **{k: round(se.aggregate(v)[2], 4) for k, v in triples.items()},
        }
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--repeats", type=int, default=5)
    ap.add_argument("--out", type=Path, default=None, help="where predictions go (default: tmp)")
    ap.add_argument("--skip-cross-page", action="store_true")
    args = ap.parse_args()
    rows = dev_pages()
    with tempfile.TemporaryDirectory() as tmp:
        results = quality(rows, args.out or Path(tmp))
    rates = speed(rows, args.repeats)
    print(f"{'mode':12s} {'P':>7s} {'R':>7s} {'F1':>7s} {'pages/s':>8s} {'x traf':>7s}")
    for name, r in results.items():
        ratio = rates[name] / rates["trafilatura"]
        print(
            f"{name:12s} {r['precision']:7.4f} {r['recall']:7.4f} {r['F1']:7.4f} "
            f"{rates[name]:8.1f} {ratio:7.2f}"
        )
    if not args.skip_cross_page:
        print("\ncross-page furniture (dumps of bench pages; F1 against trafilatura's output)")
        for site, r in cross_page().items():
            print(f"  {site:28s} {json.dumps(r)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
