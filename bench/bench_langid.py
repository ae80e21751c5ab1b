"""Language identification: accuracy and speed of every backend, side by side, on one core.

    .venv/bin/python bench/bench_langid.py [--repeats 5] [--data ../shared/data/langid-dev]

Accuracy is scored by the project's scorer (shared/scripts/score_langid.py) on the dev
sentences and paragraphs. Speed is texts per CPU second through LanguageTagger.detect, one text
at a time, pinned to one core: CPU time, not wall time, because these machines are shared and
wall time counts the other sessions' work too. The timed passes of all backends are
interleaved, round by round, so that what load remains (caches, memory bandwidth) falls on all
of them alike; the median round is reported with its ratio to langdetect's. A second part
starts each backend in a fresh process to measure what a worker pays: time to the first label,
and peak memory after labelling every dev sentence.
"""

from __future__ import annotations

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import platform  # noqa: E402
import statistics  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
import time  # noqa: E402
from dataclasses import asdict, replace  # noqa: E402
from pathlib import Path  # noqa: E402
from types import SimpleNamespace  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from builder.label.language import LanguageConfig, LanguageTagger  # noqa: E402

DEFAULT = LanguageConfig()
# Each backend with the labels it knows; the others without an "und" threshold, so that their
# accuracy is that of their best guess. The default row is the default config, as a build runs.
BACKENDS = {
    "langdetect 1.0.9 (seeded)": LanguageConfig(backend="langdetect", min_score=0.0),
    "lingua 2.1, high accuracy": LanguageConfig(backend="lingua", min_score=0.0),
    "py3langid model, our scorer": LanguageConfig(backend="py3langid", min_score=0.0),
    "auto, lingua low-accuracy mode": replace(DEFAULT, lingua_high_accuracy=False),
    "auto = default config": DEFAULT,
}
STOCK = "py3langid 0.4 as shipped, auto's labels"  # reference: its own scoring, no lower-casing
BASELINE = "langdetect 1.0.9 (seeded)"


def load(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


class StockPy3langid:
    """py3langid's own classify() over the auto label set, to show what our scorer changes."""

    def __init__(self, labels: tuple[str, ...]):
        from py3langid.langid import MODEL_FILE, LanguageIdentifier

        self.ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
        self.ident.set_languages(list(labels))

    def detect(self, text: str) -> SimpleNamespace:
        return SimpleNamespace(language=self.ident.classify(text)[0])


def official_accuracy(labels: list[str], gold: Path, scorer: Path) -> float:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        f.writelines(json.dumps({"lang": lang}) + "\n" for lang in labels)
    try:
        out = subprocess.run(
            [sys.executable, str(scorer), f.name, str(gold)],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    finally:
        os.unlink(f.name)
    return float(out.strip().splitlines()[-1].split()[1])


def timed_pass(tagger: LanguageTagger | StockPy3langid, texts: list[str]) -> float:
    """Texts per CPU second of this process: on a shared machine, wall time counts the others."""
    start = time.process_time()
    for text in texts:
        tagger.detect(text)
    return len(texts) / (time.process_time() - start)


def worker_cost(cfg: LanguageConfig, texts_path: Path) -> dict:
    """Start a fresh process with one backend: seconds to the first label, peak RSS after all.

    Peak RSS is the kernel's VmHWM: getrusage's ru_maxrss would include the forking parent's.
    """
    code = (
        "import json, time\n"
        "t = time.perf_counter()\n"
        "from builder.label.language import LanguageConfig, LanguageTagger\n"
        f"tagger = LanguageTagger(LanguageConfig(**{_as_kwargs(cfg)!r}))\n"
        "tagger.detect('The first text loads the models.')\n"
        "first = time.perf_counter() - t\n"
        f"texts = [json.loads(x)['text'] for x in open({str(texts_path)!r}, encoding='utf-8')]\n"
        "[tagger.detect(x) for x in texts]\n"
        "hwm = [x for x in open('/proc/self/status') if x.startswith('VmHWM')][0].split()[1]\n"
        "print(json.dumps({'first': first, 'rss_mb': int(hwm) / 1024}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _as_kwargs(cfg: LanguageConfig) -> dict:
    return {k: list(v) if isinstance(v, tuple) else v for k, v in asdict(cfg).items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/langid-dev")
    parser.add_argument(
        "--scorer", type=Path, default=ROOT.parent / "shared/scripts/score_langid.py"
    )
    parser.add_argument("--no-workers", action="store_true", help="skip the fresh-process part")
    args = parser.parse_args()

    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    sentences_path, paragraphs_path = args.data / "dev.jsonl", args.data / "dev_paragraphs.jsonl"
    sentences = [row["text"] for row in load(sentences_path)]
    paragraphs = [row["text"] for row in load(paragraphs_path)]
    taggers = {name: LanguageTagger(cfg) for name, cfg in BACKENDS.items()}
    taggers[STOCK] = StockPy3langid(LanguageTagger(DEFAULT).labels)

    accuracy: dict[str, tuple[float, float]] = {}
    for name, tagger in taggers.items():  # warm-up pass: loads models, scores accuracy
        s_labels = [tagger.detect(t).language for t in sentences]
        p_labels = [tagger.detect(t).language for t in paragraphs]
        accuracy[name] = (
            official_accuracy(s_labels, sentences_path, args.scorer),
            official_accuracy(p_labels, paragraphs_path, args.scorer),
        )

    speeds: dict[str, list[tuple[float, float]]] = {name: [] for name in taggers}
    for _ in range(args.repeats):
        for name, tagger in taggers.items():
            s_speed = timed_pass(tagger, sentences)
            p_speed = timed_pass(tagger, paragraphs)
            speeds[name].append((s_speed, p_speed))

    base = statistics.median(s for s, _ in speeds[BASELINE])
    print(f"date {time.strftime('%Y-%m-%d %H:%M:%S %Z')}  python {platform.python_version()}")
    print(f"nproc {os.cpu_count()}  pinned to 1 core  repeats {args.repeats} (median shown)")
    print(f"default config: {DEFAULT}")
    print()
    print(
        "| backend | sentences acc | paragraphs acc | sentences/s | paragraphs/s | x langdetect |"
    )
    print("|---|---|---|---|---|---|")
    for name in taggers:
        s_acc, p_acc = accuracy[name]
        s_speed = statistics.median(s for s, _ in speeds[name])
        p_speed = statistics.median(p for _, p in speeds[name])
        print(
            f"| {name} | {s_acc:.4f} | {p_acc:.4f} | {s_speed:,.0f} | {p_speed:,.0f} "
            f"| {s_speed / base:.1f} |"
        )
    spread = {n: [round(s) for s, _ in v] for n, v in speeds.items()}
    print(f"\nsentences/s per round: {spread}")

    if not args.no_workers:
        print("\n| backend, fresh process | seconds to first label | peak RSS MB |")
        print("|---|---|---|")
        for name, cfg in BACKENDS.items():
            cost = worker_cost(cfg, sentences_path)
            print(f"| {name} | {cost['first']:.2f} | {cost['rss_mb']:.0f} |")


if __name__ == "__main__":
    main()
