"""Make large raw inputs (10,000 to 100,000+ documents) from the 1,803 bench pages.

Why: the scale promises (flat memory apart from the dedup index, worker scaling) need inputs
far larger than the bench pages, and dedup must still have work at that size. Plain copies would
make every document a duplicate; random text would make none. So each document is built from
real paragraphs of the bench pages with seeded edits:

- most documents ("unique-ish") take a third of their paragraphs from one base page and the rest
  from other pages of the same language, in shuffled order, with the sentences of some
  paragraphs shuffled: real text in one language, rarely a near-duplicate of another document;
- `--exact` of them (default 5%) repeat an earlier document's text exactly;
- `--near` of them (default 10%) repeat an earlier document with a small change (a paragraph
  dropped, or a few words replaced): near-duplicates for MinHash to find.

Every document is a pure function of (seed, index), so a copy regenerates the earlier document
instead of keeping it: the output is streamed file by file and never held in memory; only the
paragraph pool of the bench pages is (about 30,000 paragraphs, a few MB).

    .venv/bin/python bench/make_scale_input.py OUT --docs 100000 [--format text|html]

writes `OUT/scale/source.toml` and `OUT/scale/part-00000.jsonl.gz`, ... (`--per-file` documents
each). `--format html` wraps each document in a small page of a few KB (head, navigation, the
article, a footer) read as HTML by the build; `text` writes `{"id", "text"}` records, which skip
HTML extraction (for memory runs at 100,000 documents on a 2-core machine).
"""

from __future__ import annotations

import argparse
import gzip
import html
import itertools
import json
import random
import re
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

BENCH = Path(__file__).resolve().parent
PAGES = BENCH.parent.parent / "shared" / "data" / "bench-pages" / "pages.jsonl.gz"
BASE_CACHE = BENCH / "out" / "scale-base.json.gz"
SOURCE_TOML = """\
name = "scale"
publisher = "various"
license = "LicenseRef-test-fixtures"
collected = "bench pages with seeded edits (bench/make_scale_input.py)"
description = "benchmark documents made from the bench pages"
"""
MIN_PARAGRAPH_CHARS = 80
SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Base:
    """One bench page reduced to what the generator needs."""

    language: str
    title: str
    paragraphs: tuple[str, ...]


def load_bases(pages: Path = PAGES, cache: Path = BASE_CACHE) -> list[Base]:
    """Main text paragraphs and language of each bench page, extracted once and cached.

    resiliparse's main-content extraction and py3langid are used because they are fast and
    already installed; the exact extractor does not matter here, only real paragraphs do.
    """
    if not cache.exists():
        from py3langid import classify
        from resiliparse.extract.html2text import extract_plain_text

        rows = []
        with gzip.open(pages, "rt", encoding="utf-8") as lines:
            for line in lines:
                text = extract_plain_text(json.loads(line)["html"], main_content=True)
                lines_ = [p.strip() for p in text.split("\n") if p.strip()]
                paragraphs = [p for p in lines_ if len(p) >= MIN_PARAGRAPH_CHARS]
                if len(paragraphs) >= 2:
                    title = lines_[0][:120]
                    rows.append([classify(" ".join(paragraphs))[0], title, paragraphs])
        cache.parent.mkdir(parents=True, exist_ok=True)
        with gzip.open(cache, "wt", encoding="utf-8") as out:
            json.dump(rows, out)
    with gzip.open(cache, "rt", encoding="utf-8") as f:
        return [Base(lang, title, tuple(paras)) for lang, title, paras in json.load(f)]


class Generator:
    """Document `i` of a seeded corpus, reproducible on its own."""

    def __init__(self, bases: list[Base], seed: int, exact: float, near: float):
        self.bases = bases
        self.seed = seed
        self.exact = exact
        self.near = near
        self.pool: dict[str, list[str]] = defaultdict(list)
        for base in bases:
            self.pool[base.language].extend(base.paragraphs)

    def document(self, i: int) -> tuple[str, list[str]]:
        """(title, paragraphs) of document i; a copy regenerates the document it copies."""
        rng = random.Random(f"{self.seed}:kind:{i}")
        roll = rng.random()
        if i > 0 and roll < self.exact:
            return self.document(rng.randrange(i))
        if i > 0 and roll < self.exact + self.near:
            title, paragraphs = self.document(rng.randrange(i))
            return title, small_change(paragraphs, rng)
        return self.unique(i)

    def unique(self, i: int) -> tuple[str, list[str]]:
        rng = random.Random(f"{self.seed}:unique:{i}")
        base = rng.choice(self.bases)
        size = max(3, min(12, len(base.paragraphs)))
        own = rng.sample(base.paragraphs, min(len(base.paragraphs), max(1, size // 3)))
        pool = self.pool[base.language]
        paragraphs = own + [rng.choice(pool) for _ in range(size - len(own))]
        rng.shuffle(paragraphs)
        return base.title, [
            shuffle_sentences(p, rng) if rng.random() < 0.5 else p for p in paragraphs
        ]


def shuffle_sentences(paragraph: str, rng: random.Random) -> str:
    sentences = SENTENCE_END.split(paragraph)
    rng.shuffle(sentences)
    return " ".join(sentences)


def small_change(paragraphs: list[str], rng: random.Random) -> list[str]:
    """Drop one paragraph of a long document, or replace a few words: still a near-duplicate."""
    paragraphs = list(paragraphs)
    if len(paragraphs) > 6 and rng.random() < 0.5:
        del paragraphs[rng.randrange(len(paragraphs))]
        return paragraphs
    k = rng.randrange(len(paragraphs))
    words = paragraphs[k].split()
    for _ in range(min(3, len(words))):
        words[rng.randrange(len(words))] = rng.choice(words)
    paragraphs[k] = " ".join(words)
    return paragraphs


def as_html(title: str, paragraphs: list[str], i: int) -> str:
    """A small page around the article, with the boilerplate an extractor must leave out."""
    esc = html.escape
    nav = "".join(f'<li><a href="/section/{k}">Section {k}</a></li>' for k in range(1, 9))
    body = "\n".join(f"<p>{esc(p)}</p>" for p in paragraphs)
    return (
        f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>{esc(title)}</title>'
        "<style>body{font-family:sans-serif}nav li{display:inline}</style></head><body>"
        f"<header><nav><ul>{nav}</ul></nav></header><main><article><h1>{esc(title)}</h1>\n"
        f"{body}\n</article></main><aside><h3>Related</h3><ul>"
        f'<li><a href="/a/{i}">More like this</a></li><li><a href="/b/{i}">Most read</a></li>'
        "</ul></aside><footer><p>© Example Publisher · Imprint · Privacy · Contact</p></footer>"
        "</body></html>"
    )


def records(gen: Generator, n: int, fmt: str) -> Iterator[dict]:
    for i in range(n):
        title, paragraphs = gen.document(i)
        doc_id = f"scale-{i:07d}"
        if fmt == "html":
            yield {"id": doc_id, "html": as_html(title, paragraphs, i)}
        else:
            yield {"id": doc_id, "text": "\n\n".join([title, *paragraphs])}


def write(out: Path, n: int, fmt: str, seed: int, exact: float, near: float, per_file: int) -> Path:
    """Write the source folder `out/scale`, streaming; return it."""
    source = out / "scale"
    source.mkdir(parents=True, exist_ok=True)
    for old in source.glob("part-*.jsonl.gz"):
        old.unlink()
    (source / "source.toml").write_text(SOURCE_TOML, encoding="utf-8")
    gen = Generator(load_bases(), seed, exact, near)
    stream = records(gen, n, fmt)
    for part in range(-(-n // per_file)):
        path = source / f"part-{part:05d}.jsonl.gz"
        with gzip.open(path, "wt", encoding="utf-8", compresslevel=1) as handle:
            for record in itertools.islice(stream, per_file):
                handle.write(json.dumps(record, ensure_ascii=False) + "\n")
    return source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="raw folder to write (gets a `scale` source)")
    parser.add_argument("--docs", type=int, default=10_000)
    parser.add_argument("--format", choices=("text", "html"), default="text")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--exact", type=float, default=0.05, help="share of exact copies")
    parser.add_argument("--near", type=float, default=0.10, help="share of near copies")
    parser.add_argument("--per-file", type=int, default=5_000)
    args = parser.parse_args()
    source = write(
        args.out, args.docs, args.format, args.seed, args.exact, args.near, args.per_file
    )
    size = sum(p.stat().st_size for p in source.glob("part-*.jsonl.gz"))
    print(f"{args.docs} {args.format} documents in {source} ({size / 2**20:.1f} MiB gzipped)")


if __name__ == "__main__":
    main()
