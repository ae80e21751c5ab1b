"""Train the line classifiers shipped in builder/clean/model/ (dump.json and html.json).

Labels come without any gold: each bench page (../shared/data/bench-pages) is rendered as a
plain-text dump and as resiliparse blocks, and a line is labelled article text when trafilatura
(precision mode, no comments) keeps it. The dev set is never read here.

    .venv/bin/python bench/train_line_model.py [--pages N] [--cache /tmp/lines.pkl]

Deterministic: same pages, same trafilatura version -> same weights.
"""

from __future__ import annotations

import argparse
import gzip
import json
import pickle
import re
import sys
from multiprocessing import Pool
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from builder.clean.features import own_features  # noqa: E402
from builder.clean.linemodel import (  # noqa: E402
    LogReg,
    html_extras,
    pass1_matrix,
    pass2_matrix,
)
from builder.clean.render import render_blocks, render_dump  # noqa: E402
from builder.clean.stopwords import guess_stoplist  # noqa: E402
from builder.clean.text import split_lines  # noqa: E402

PAGES = ROOT.parent / "shared" / "data" / "bench-pages" / "pages.jsonl.gz"
OUT = ROOT / "builder" / "clean" / "model"
_WORD = re.compile(r"\w+")
_BULLET = re.compile(r"^(?:[*+o•-])\s+")


def _tokens(line: str) -> list[str]:
    return _WORD.findall(_BULLET.sub("", line))


def labeller(kept: str):
    """A function line -> 1/0: does trafilatura's output hold this line?"""
    lines = {" ".join(_tokens(x)) for x in split_lines(kept)}
    grams = set()
    for x in split_lines(kept):
        t = _tokens(x)
        grams.update(zip(t, t[1:], t[2:], strict=False))

    def label(line: str) -> int:
        t = _tokens(line)
        if not t:
            return 0
        if " ".join(t) in lines:
            return 1
        if len(t) < 4:
            return 0
        own = list(zip(t, t[1:], t[2:], strict=False))
        return int(sum(g in grams for g in own) >= 0.6 * len(own))

    return label


def label_page(html: str):
    import trafilatura

    kept = trafilatura.extract(html, include_comments=False, favor_precision=True)
    if not kept or len(kept) < 300:
        return None
    label = labeller(kept)
    try:
        dump = render_dump(html)
        main = render_blocks(html, main_content=True)
        full = render_blocks(html, main_content=False)
    except Exception:  # a page resiliparse cannot parse teaches nothing
        return None
    return {
        "dump": (dump, [label(x) for x in dump]),
        "main": (main, [label(b.text) for b in main]),
        "full": (full, [label(b.text) for b in full]),
    }


def load_pages(limit: int | None) -> list[str]:
    out = []
    with gzip.open(PAGES, "rt", encoding="utf-8") as f:
        for line in f:
            out.append(json.loads(line)["html"])
            if limit and len(out) >= limit:
                break
    return out


def fit(x: np.ndarray, y: np.ndarray, w: np.ndarray, l2: float = 1.0) -> LogReg:
    """Weighted L2 logistic regression by Newton's method (features standardised)."""
    mean, std = x.mean(axis=0), x.std(axis=0)
    mean[0], std[0] = 0.0, 1.0  # the bias column stays 1
    std[std < 1e-9] = 1.0
    z = (x - mean) / std
    beta = np.zeros(z.shape[1])
    reg = np.full(z.shape[1], l2)
    reg[0] = 0.0
    for _ in range(30):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ beta, -30, 30)))
        grad = z.T @ (w * (p - y)) + reg * beta
        hess = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg + 1e-6)
        step = np.linalg.solve(hess, grad)
        beta -= step
        if np.abs(step).max() < 1e-6:
            break
    return LogReg(mean, std, beta)


def page_arrays(lines: list[str], extras):
    stop = guess_stoplist("\n".join(lines))
    own = own_features(lines, stop)
    return own if extras is None else np.hstack([own, extras]), own[:, 1]


def train(pages: list, kind: str) -> dict:
    data = []
    for page in pages:
        items, labels = page[kind]
        if not items:
            continue
        if kind == "dump":
            base, weight = page_arrays(items, None)
        else:
            base, weight = page_arrays([b.text for b in items], html_extras(items))
        y = np.array(labels, dtype=float)
        w = np.sqrt(np.minimum(np.expm1(weight), 60.0)) + 0.5
        data.append((base, weight, y, w))
    x1 = np.vstack([pass1_matrix(b) for b, _, _, _ in data])
    y = np.concatenate([d[2] for d in data])
    w = np.concatenate([d[3] for d in data])
    # Pass 2 learns from pass-1 probabilities the way inference sees them: out of fold.
    fold = np.concatenate([np.full(len(d[2]), i % 2) for i, d in enumerate(data)])
    p1 = np.zeros(len(y))
    for k in (0, 1):
        m = fit(x1[fold != k], y[fold != k], w[fold != k])
        p1[fold == k] = m.predict(x1[fold == k])
    pass1 = fit(x1, y, w)
    rows, at = [], 0
    for base, weight, yy, _ in data:
        rows.append(pass2_matrix(base, p1[at : at + len(yy)], weight))
        at += len(yy)
    pass2 = fit(np.vstack(rows), y, w)
    acc = float(np.mean((pass2.predict(np.vstack(rows)) > 0.5) == y))
    print(f"{kind}: {len(data)} pages, {len(y)} lines, {y.mean():.3f} positive, acc {acc:.3f}")
    return {"pass1": pass1.to_json(), "pass2": pass2.to_json(), "lines": int(len(y))}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--pages", type=int, default=None)
    ap.add_argument("--cache", type=Path, default=None, help="pickle of labelled pages")
    ap.add_argument("--kinds", default="dump,main")
    args = ap.parse_args()
    if args.cache and args.cache.exists():
        labelled = pickle.loads(args.cache.read_bytes())
    else:
        with Pool(2) as pool:
            labelled = [p for p in pool.map(label_page, load_pages(args.pages), 8) if p]
        if args.cache:
            args.cache.write_bytes(pickle.dumps(labelled))
    for kind in args.kinds.split(","):
        model = train(labelled, kind)
        name = "dump" if kind == "dump" else "html"
        (OUT / f"{name}.json").write_text(json.dumps(model, separators=(",", ":")) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
