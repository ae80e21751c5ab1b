"""How a Document is laid out as a Parquet row: in work shards, in the release, in the ledger.

Fixed Arrow schemas (never inferred) keep the bytes of every file the same run to run.
"""

from __future__ import annotations

import json

import pyarrow as pa

from builder.document import Document

_LABEL = pa.struct([("key", pa.string()), ("value", pa.string())])
_SHARE = pa.struct([("language", pa.string()), ("share", pa.float64())])

# One release row: the columns of data/*.parquet, in this order.
RELEASE_SCHEMA = pa.schema(
    [
        ("id", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("url", pa.string()),
        ("source", pa.string()),
        ("published_at", pa.string()),
        ("fetched_at", pa.string()),
        ("section", pa.string()),
        ("author", pa.string()),
        ("language", pa.string()),
        ("language_score", pa.float64()),
        ("language_script", pa.string()),
        ("languages", pa.list_(_SHARE)),
        ("n_words", pa.int64()),
        ("n_chars", pa.int64()),
        ("dedup_cluster", pa.string()),
        ("raw_path", pa.string()),
        ("raw_offset", pa.int64()),
        ("raw_id", pa.string()),
        ("raw_sha256", pa.string()),
        ("license", pa.string()),
        ("labels", pa.list_(_LABEL)),
        ("pii_count", pa.int64()),
    ]
)

# One ledger row per raw record. The first eight names are a public contract.
LEDGER_SCHEMA = pa.schema(
    [
        ("raw_path", pa.string()),
        ("raw_offset", pa.int64()),
        ("raw_id", pa.string()),
        ("id", pa.string()),
        ("status", pa.string()),
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("duplicate_of", pa.string()),
        ("similarity", pa.float64()),
        ("duplicate_kind", pa.string()),
        ("detail", pa.string()),
        ("source", pa.string()),
        ("split", pa.string()),
    ]
)

# A work shard keeps the whole Document between passes, plus its dedup features.
WORK_SCHEMA = pa.schema(
    [
        ("order", pa.int64()),
        ("source", pa.string()),
        ("raw_path", pa.string()),
        ("raw_offset", pa.int64()),
        ("raw_id", pa.string()),
        ("raw_sha256", pa.string()),
        ("url", pa.string()),
        ("fetched_at", pa.string()),
        ("labels", pa.string()),  # JSON
        ("license", pa.string()),
        ("id", pa.string()),
        ("text", pa.string()),
        ("title", pa.string()),
        ("published_at", pa.string()),
        ("section", pa.string()),
        ("author", pa.string()),
        ("language", pa.string()),
        ("language_score", pa.float64()),
        ("language_script", pa.string()),
        ("languages", pa.string()),  # JSON
        ("pii", pa.string()),  # JSON
        ("stage", pa.string()),
        ("reason", pa.string()),
        ("detail", pa.string()),
        ("n_chars", pa.int64()),
        ("exact_key", pa.string()),
        ("bands", pa.list_(pa.uint64())),
    ]
)


def work_row(order: int, doc: Document, exact_key: str | None, bands: list[int] | None) -> dict:
    stage, reason = doc.rejected or (None, None)
    return {
        "order": order,
        "source": doc.source,
        "raw_path": doc.raw_path,
        "raw_offset": doc.raw_offset,
        "raw_id": doc.raw_id,
        "raw_sha256": doc.raw_sha256,
        "url": doc.url,
        "fetched_at": doc.fetched_at,
        "labels": json.dumps(doc.labels),
        "license": doc.license,
        "id": doc.id,
        "text": doc.text if doc.kept else None,
        "title": doc.title,
        "published_at": doc.published_at,
        "section": doc.section,
        "author": doc.author,
        "language": doc.language,
        "language_score": doc.language_score,
        "language_script": doc.language_script,
        "languages": json.dumps(doc.languages),
        "pii": json.dumps(doc.pii, sort_keys=True),
        "stage": stage,
        "reason": reason,
        "detail": doc.detail,
        "n_chars": len(doc.text) if doc.kept else 0,
        "exact_key": exact_key,
        "bands": bands,
    }


def release_row(work: dict, cluster: str) -> dict:
    text = work["text"]
    labels = json.loads(work["labels"])
    return {
        "id": work["id"],
        "text": text,
        "title": work["title"],
        "url": work["url"],
        "source": work["source"],
        "published_at": work["published_at"],
        "fetched_at": work["fetched_at"],
        "section": work["section"],
        "author": work["author"],
        "language": work["language"],
        "language_score": work["language_score"],
        "language_script": work["language_script"],
        "languages": json.loads(work["languages"]),
        "n_words": len(text.split()),
        "n_chars": len(text),
        "dedup_cluster": cluster,
        "raw_path": work["raw_path"],
        "raw_offset": work["raw_offset"],
        "raw_id": work["raw_id"],
        "raw_sha256": work["raw_sha256"],
        "license": work["license"],
        "labels": [{"key": k, "value": v} for k, v in sorted(labels.items())],
        "pii_count": sum(json.loads(work["pii"]).values()),
    }


def ledger_row(work: dict, **fate: object) -> dict:
    row = {name: None for name in LEDGER_SCHEMA.names}
    row.update(
        {
            k: work.get(k)
            for k in (
                "raw_path",
                "raw_offset",
                "raw_id",
                "id",
                "stage",
                "reason",
                "detail",
                "source",
            )
        }
    )
    row["status"] = "rejected" if row["reason"] else "kept"
    row.update(fate)
    return row
