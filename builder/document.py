"""The record that flows through the pipeline.

One raw record becomes one Document and stays one Document to the end: a stage that rejects it
sets `rejected` (stage, reason) instead of dropping it, so the ledger can account for every
record (raw in = kept + rejected).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Document:
    # Where it came from: every row traces back to its raw record.
    source: str
    raw_path: str  # relative to the raw folder
    raw_offset: int | None = None  # line or record number inside JSONL/WARC files
    raw_id: str | None = None  # the record's own id or URL, when it has one
    raw_sha256: str = ""
    # What the reader found.
    content: str = ""  # the raw page: HTML or a plain-text dump
    content_type: str = "text"  # "html" or "text"
    url: str | None = None
    fetched_at: str | None = None
    labels: dict[str, str] = field(default_factory=dict)
    license: str | None = None
    # What the stages add.
    id: str | None = None
    text: str = ""
    title: str | None = None
    published_at: str | None = None
    section: str | None = None
    author: str | None = None
    language: str = "und"
    language_score: float = 0.0
    language_script: str | None = None
    languages: list[dict] = field(default_factory=list)  # [{"language": "en", "share": 0.93}]
    pii: dict[str, int] = field(default_factory=dict)
    dedup_cluster: str | None = None
    split: str | None = None
    # The document's fate: None while kept; else (stage, reason).
    rejected: tuple[str, str] | None = None
    detail: str | None = None  # a human-readable explanation of the rejection
    duplicate_of: str | None = None
    similarity: float | None = None
    duplicate_kind: str | None = None  # "exact" or "near"

    def reject(self, stage: str, reason: str, detail: str | None = None) -> None:
        if self.rejected is None:
            self.rejected = (stage, reason)
            self.detail = detail

    @property
    def kept(self) -> bool:
        return self.rejected is None

    @property
    def n_chars(self) -> int:
        return len(self.text)

    @property
    def n_words(self) -> int:
        return len(self.text.split())
