"""The `clean` stage: extraction for every kept document of the stream."""

from __future__ import annotations

from builder.clean.config import CleanConfig
from builder.clean.extract import extract
from builder.clean.furniture import Furniture
from builder.document import Document
from builder.stage import Stage


class CleanStage(Stage):
    name = "clean"

    def __init__(self, cfg: CleanConfig, furniture: dict[str, Furniture] | None = None):
        if cfg.html_mode not in ("fast", "best"):
            raise ValueError(f"[clean] html_mode must be 'fast' or 'best', not {cfg.html_mode!r}")
        self.cfg = cfg
        self.furniture = furniture or {}

    def process(self, doc: Document) -> None:
        furniture = self.furniture.get(doc.source) if self.cfg.cross_page else None
        try:
            out = extract(doc.content, doc.content_type, self.cfg, furniture, doc.url)
        except (ImportError, MemoryError):
            raise  # the machine is broken, not the page: stop the build
        except Exception as exc:  # one odd page must not stop a build: it goes to the ledger
            doc.reject(self.name, "extraction_failed", f"{type(exc).__name__}: {exc}"[:300])
            doc.content = ""
            return
        doc.text = out.text
        doc.title = out.title
        doc.published_at = out.published_at
        doc.section = out.section
        doc.author = out.author
        doc.content = ""  # the raw page is no longer needed: keep memory flat
        if not doc.text.strip():
            doc.reject(self.name, "empty_text", "no main text left after cleaning")
