"""Stable document ids: the same page gets the same id in every build and every version."""

from __future__ import annotations

import hashlib

from builder.document import Document


def document_id(doc: Document) -> str:
    """From the source and the page's URL, else its own id, else its raw bytes."""
    if doc.url:
        key = f"url:{doc.url}"
    elif doc.raw_id:
        key = f"id:{doc.raw_id}"
    else:
        key = f"sha256:{doc.raw_sha256}"
    return hashlib.sha256(f"{doc.source}\x00{key}".encode()).hexdigest()[:20]
