"""`clean`: the cleaned main text of each raw file, written where a person can read it."""

from __future__ import annotations

import sys
from pathlib import Path

from builder.clean import CleanStage
from builder.config import BuildConfig
from builder.ingest.readers import RawFile, file_format, read_file


def output_name(path: Path) -> str:
    """`page.html` -> `page.txt`; `dump.jsonl.gz` -> `dump.txt` (the whole known suffix goes)."""
    name = path.name
    for suffix in (".jsonl.gz", ".warc.gz", ".jsonl", ".warc", ".html", ".htm", ".txt"):
        if name.lower().endswith(suffix):
            return name[: -len(suffix)] + ".txt"
    return path.stem + ".txt"


def clean_files(files: list[Path], out: Path, config: BuildConfig) -> int:
    """Write DIR/<name>.txt per file (records of JSONL/WARC files one after another)."""
    out.mkdir(parents=True, exist_ok=True)
    stage = CleanStage(config.clean)
    status = 0
    for path in files:
        if not path.is_file():
            print(f"corpus-builder: {path}: no such file", file=sys.stderr)
            status = 2
            continue
        if file_format(path.name) is None:
            print(f"corpus-builder: {path}: no reader for this kind of file", file=sys.stderr)
            status = 2
            continue
        raw = RawFile("clean", path.resolve(), path.name)
        texts = []
        for doc in stage.run(read_file(raw, config.ingest)):
            if doc.kept:
                texts.append(doc.text)
            elif doc.rejected[0] == "ingest":
                print(f"corpus-builder: {path}: {doc.rejected[1]}: {doc.detail}", file=sys.stderr)
        text = "\n\n".join(t for t in texts if t)
        (out / output_name(path)).write_text(text + ("\n" if text else ""), encoding="utf-8")
    return status
