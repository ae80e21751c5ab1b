"""The one shape every pipeline step has.

A stage takes a stream of documents and yields the same documents, one for one. It never drops a
record: a filter calls `doc.reject(stage, reason)`, and later stages pass rejected documents
through untouched. An engine can therefore run any chain of stages on any shard. A stage that
raises on one page rejects that page with reason `stage_error` and the exception in the detail:
the ledger shows the bug, and the build goes on.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from builder.document import Document


class Stage:
    name = "stage"

    def run(self, docs: Iterable[Document]) -> Iterator[Document]:
        for doc in docs:
            if doc.kept:
                try:
                    self.process(doc)
                except (ImportError, MemoryError):
                    raise  # the machine is broken, not the page: stop the build
                except Exception as exc:  # noqa: BLE001 - one bad page must not stop a build
                    doc.reject(self.name, "stage_error", f"{type(exc).__name__}: {exc}"[:500])
            yield doc

    def process(self, doc: Document) -> None:
        """Change or reject one kept document in place."""
        raise NotImplementedError
