"""DataTrove's pipeline comparable to `corpus-builder build`; run inside DataTrove's own venv.

Started by bench_datatrove.py with `bench/.venv-datatrove/bin/python`, never imported by the
project (datatrove is not one of our dependencies). The shape is DataTrove's own MinHash example
with extraction, language and quality steps in front:

  stage 1 (2 tasks): JSONL reader -> Trafilatura -> langdetect -> Gopher quality
                     -> JSONL of the kept texts + MinHash signatures
  stage 2 (14 tasks): MinHash buckets    stage 3 (1 task): MinHash clusters
  stage 4 (2 tasks): JSONL reader of stage 1's texts -> MinHash filter -> Parquet writer

Offline: DataTrove's fastText language filter downloads its model on first use, so the language
step is a small filter over seeded langdetect with the same rule as DataTrove's LanguageFilter
(keep a document whose best language scores above 0.65). The Gopher filter and the MinHash
signatures tokenize words with DataTrove's default for English, `spacy.blank("en")`, which is
spaCy's rule-based tokenizer and needs no model download (the `spacy` package is enough); NLTK's
punkt, which would need a download, is not used by these steps.

Gopher's stop-word rule (at least 2 of "the, be, to, of, and, that, have, with") is English
only, so stock DataTrove keeps almost nothing but English from these pages (40% German).
`--gopher per-language` keeps the English rule for English and, for other languages, asks for
2 words of spaCy's stop-word list of the detected language (no rule where spaCy has none): the
same pipeline with a quality filter that does not drop a language wholesale.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

from datatrove.data import Document
from datatrove.executor import LocalPipelineExecutor
from datatrove.pipeline.dedup.minhash import (
    MinhashConfig,
    MinhashDedupBuckets,
    MinhashDedupCluster,
    MinhashDedupFilter,
    MinhashDedupSignature,
)
from datatrove.pipeline.extractors import Trafilatura
from datatrove.pipeline.filters import GopherQualityFilter
from datatrove.pipeline.filters.base_filter import BaseFilter
from datatrove.pipeline.filters.gopher_quality_filter import STOP_WORDS
from datatrove.pipeline.readers import JsonlReader
from datatrove.pipeline.writers import JsonlWriter, ParquetWriter
from datatrove.utils.hashing import HashConfig


class LangdetectFilter(BaseFilter):
    """DataTrove's LanguageFilter rule (all languages, best score > 0.65) over seeded langdetect."""

    name = "🌍 langdetect"

    def __init__(self, language_threshold: float = 0.65):
        super().__init__()
        self.language_threshold = language_threshold

    def filter(self, doc: Document) -> bool:
        from langdetect import DetectorFactory, detect_langs
        from langdetect.lang_detect_exception import LangDetectException

        DetectorFactory.seed = 0
        try:
            best = detect_langs(doc.text)[0]
        except LangDetectException:
            return False, "no_language"
        doc.metadata["language"] = best.lang.split("-")[0]
        doc.metadata["language_score"] = best.prob
        return best.prob > self.language_threshold


class PerLanguageGopher(GopherQualityFilter):
    """Gopher's rules with the stop words of the document's language (spaCy's lists)."""

    name = "🥇 Gopher Quality (per language)"

    def filter(self, doc: Document) -> bool | tuple[bool, str]:
        self.stop_words, self.min_stop_words = _stop_words(doc.metadata.get("language", "en"))
        return super().filter(doc)


def _stop_words(language: str, cache: dict = {}) -> tuple[set[str], int | None]:  # noqa: B006
    if language not in cache:
        if language == "en":
            cache[language] = (set(STOP_WORDS), 2)
        else:
            try:
                from spacy.util import get_lang_class

                words = set(get_lang_class(language).Defaults.stop_words)
            except (ImportError, KeyError):
                words = set()
            cache[language] = (words, 2 if words else None)
    return cache[language]


def run(inputs: Path, work: Path, tasks: int, workers: int, gopher: str = "english") -> dict:
    """Run the four executors one after the other; return wall time and per-step timings."""
    hashing = HashConfig(precision=64)
    config = MinhashConfig(hash_config=hashing, num_buckets=14, hashes_per_bucket=8)
    logs = work / "logs"
    stage1 = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(inputs), text_key="html", id_key="id", glob_pattern="*.jsonl.gz"),
            Trafilatura(favour_precision=True, timeout=1.0),
            LangdetectFilter(),
            PerLanguageGopher() if gopher == "per-language" else GopherQualityFilter(),
            JsonlWriter(str(work / "kept")),
            MinhashDedupSignature(output_folder=str(work / "signatures"), config=config),
        ],
        tasks=tasks,
        workers=workers,
        logging_dir=str(logs / "1-signatures"),
    )
    stage2 = LocalPipelineExecutor(
        pipeline=[
            MinhashDedupBuckets(
                input_folder=str(work / "signatures"),
                output_folder=str(work / "buckets"),
                config=config,
            )
        ],
        tasks=config.num_buckets,
        workers=workers,
        logging_dir=str(logs / "2-buckets"),
        depends=stage1,
    )
    stage3 = LocalPipelineExecutor(
        pipeline=[
            MinhashDedupCluster(
                input_folder=str(work / "buckets"),
                output_folder=str(work / "remove_ids"),
                config=config,
            )
        ],
        tasks=1,
        logging_dir=str(logs / "3-clusters"),
        depends=stage2,
    )
    stage4 = LocalPipelineExecutor(
        pipeline=[
            JsonlReader(str(work / "kept")),
            MinhashDedupFilter(input_folder=str(work / "remove_ids")),
            ParquetWriter(str(work / "output")),
        ],
        tasks=tasks,
        workers=workers,
        logging_dir=str(logs / "4-filter"),
        depends=stage3,
    )
    start = time.perf_counter()
    stage4.run()  # runs its dependencies first
    return {"wall_s": time.perf_counter() - start, "steps": step_times(logs)}


def step_times(logs: Path) -> dict[str, float]:
    """Seconds per step, summed over tasks, from the stats.json each executor writes.

    DataTrove's MinHash signature step times its whole loop, which pulls the documents through
    the steps before it; their time is taken off so that each step counts only its own.
    """
    totals: dict[str, float] = {}
    for stats_file in sorted(logs.glob("*/stats.json")):
        upstream = 0.0
        for step in json.loads(stats_file.read_text()):
            seconds = step.get("time_stats", {}).get("total", 0.0)
            if "MinHash stage 1" in step["name"]:
                seconds = max(0.0, seconds - upstream)
            upstream += seconds
            totals[step["name"]] = totals.get(step["name"], 0.0) + seconds
    return totals


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("inputs", type=Path, help="folder of *.jsonl.gz with id and html")
    parser.add_argument("work", type=Path, help="empty folder for DataTrove's files")
    parser.add_argument("--tasks", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--gopher", choices=("english", "per-language"), default="english")
    parser.add_argument("--result", type=Path, help="write the timings here as JSON")
    args = parser.parse_args()
    result = run(args.inputs, args.work, args.tasks, args.workers, args.gopher)
    if args.result:
        args.result.write_text(json.dumps(result, indent=2))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
