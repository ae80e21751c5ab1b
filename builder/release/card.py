"""README.md: the dataset card that `datasets.load_dataset` and the Hugging Face Hub read.

The YAML front matter is made with `datasets`' own DatasetInfo, so its features and split sizes
are exactly what the library expects; `language` is a ClassLabel over a fixed label set, so its
integer codes mean the same thing in every version.
"""

from __future__ import annotations

from pathlib import Path

import pyarrow.parquet as pq
import yaml

from builder.rows import RELEASE_SCHEMA

FIELDS = {
    "id": "stable id: a hash of the source and the page's URL (or its own id, or its raw bytes)",
    "text": "the cleaned main text, NFC-normalised; paragraphs separated by blank lines",
    "title": "the page's title, when the page has one",
    "url": "where the page was fetched from, when known",
    "source": "the source folder (see the datasheet for its provenance)",
    "published_at": "publication date and time as the page states it (ISO 8601), else null",
    "fetched_at": "when the page was fetched (UTC), when known",
    "section": "the site's section, e.g. from a breadcrumb, else null",
    "author": "the byline, when the page has one",
    "language": "ISO 639-1 code of the main language (ClassLabel); `und` when undetermined",
    "language_score": "confidence of the language label, in [0, 1]",
    "language_script": "ISO 15924 script where it distinguishes variants (e.g. Serbian)",
    "languages": "each language found, with its share of the text's characters",
    "n_words": "number of whitespace-separated words of `text`",
    "n_chars": "number of characters of `text`",
    "dedup_cluster": "id of the duplicate cluster; near-duplicates share it and always a split",
    "raw_path": "the raw file, relative to the raw folder",
    "raw_offset": "line or record number inside a JSONL or WARC file",
    "raw_id": "the raw record's own id or URL",
    "raw_sha256": "SHA-256 of the raw record's bytes",
    "license": "the license the source states",
    "labels": "key/value labels carried from the raw record's metadata",
    "pii_count": "e-mail addresses, phone numbers and IP addresses found (and redacted, if on)",
}


def size_category(n: int) -> str:
    for limit, name in (
        (1_000, "n<1K"),
        (10_000, "1K<n<10K"),
        (100_000, "10K<n<100K"),
        (1_000_000, "100K<n<1M"),
        (10_000_000, "1M<n<10M"),
    ):
        if n < limit:
            return name
    return "10M<n<100M"


def features():
    import datasets

    from builder.label.language import SUPPORTED_LANGUAGES

    feats = datasets.Features.from_arrow_schema(RELEASE_SCHEMA)
    feats["language"] = datasets.ClassLabel(names=list(SUPPORTED_LANGUAGES))
    return feats


def dataset_info_yaml(folder: Path, data_files: dict[str, list[tuple[str, int]]]) -> dict:
    import datasets

    splits = datasets.SplitDict()
    download = total = 0
    for split, files in data_files.items():
        num_bytes = 0
        rows = 0
        for name, n in files:
            num_bytes += _arrow_bytes(folder / name)
            download += (folder / name).stat().st_size
            rows += n
        total += num_bytes
        splits.add(datasets.SplitInfo(split, num_bytes=num_bytes, num_examples=rows))
    info = datasets.DatasetInfo(
        features=features(), splits=splits, download_size=download, dataset_size=total
    )
    return info._to_yaml_dict()


def _arrow_bytes(path: Path) -> int:
    """What the file takes in memory as Arrow, a row group at a time: a whole split read at
    once would be the largest allocation of the build."""
    parquet = pq.ParquetFile(path)
    return sum(parquet.read_row_group(i).nbytes for i in range(parquet.num_row_groups))


def write_card(folder: Path, meta: dict, summary: dict, data_files: dict) -> None:
    languages = [code for code in summary["languages"] if code != "und"]
    front = {
        "pretty_name": meta["pretty_name"],
        "license": meta["license"],
        "language": languages or None,
        "size_categories": [size_category(summary["kept"])],
        "task_categories": meta["task_categories"],
        "source_datasets": ["original"],
        "configs": [
            {
                "config_name": "default",
                "data_files": [{"split": s, "path": f"data/{s}-*.parquet"} for s in data_files],
            }
        ],
        "dataset_info": dataset_info_yaml(folder, data_files),
    }
    front = {k: v for k, v in front.items() if v is not None}
    body = _prose(meta, summary, data_files)
    text = "---\n" + yaml.safe_dump(front, sort_keys=False, allow_unicode=True) + "---\n\n" + body
    (folder / "README.md").write_text(text, encoding="utf-8")


def _prose(meta: dict, summary: dict, data_files: dict) -> str:
    name, version = meta["pretty_name"], meta["version"]
    lines = [
        f"# {name} (v{version})",
        "",
        f"{meta['description']}",
        "",
        f"Version {version}, released {meta['date']}, built by corpus-builder "
        f"{meta['builder_version']}"
        + (f" on top of v{meta['parent']}" if meta["parent"] else "")
        + f". {summary['kept']:,} documents from {summary['records']:,} raw records "
        f"({summary['rejected']:,} rejected; every one is in `ledger.parquet` with its reason).",
        "",
        "## How to load it",
        "",
        "Pin the version you cite: the folder name (or the Hub revision tag) is the version.",
        "",
        "```python",
        "import datasets",
        f'ds = datasets.load_dataset("path/to/v{version}")  # or the Hub repo, '
        f'revision="v{version}"',
        "",
        "import polars as pl",
        f'df = pl.read_parquet("path/to/v{version}/data/*.parquet")',
        "```",
        "",
        "## Splits",
        "",
        "| split | documents |",
        "|---|---:|",
    ]
    lines += [f"| {s} | {summary['splits'][s]:,} |" for s in data_files]
    lines += [
        "",
        "Splits are assigned from a hash of each document's duplicate cluster, so near-duplicates "
        "never straddle splits, and later versions keep every document in its split.",
        "",
        "## Fields",
        "",
        "| field | type | meaning |",
        "|---|---|---|",
    ]
    for field in RELEASE_SCHEMA:
        lines.append(f"| `{field.name}` | {field.type} | {FIELDS.get(field.name, '')} |")
    lines += [
        "",
        "## Languages",
        "",
        "| language | documents |",
        "|---|---:|",
    ]
    lines += [f"| {code} | {n:,} |" for code, n in summary["languages"].items()]
    lines += [
        "",
        "## More",
        "",
        "- [DATASHEET.md](DATASHEET.md): where the pages come from, how they were processed, "
        "and what to beware of.",
        "- [CITATION.cff](CITATION.cff): how to cite this version.",
        "- `manifest.json`: the SHA-256 of every file; check a copy with "
        f"`corpus-builder verify v{version}`.",
        "",
    ]
    return "\n".join(lines)
