"""A file wrapper that refuses to hand out more than a set number of bytes.

It sits behind the decompressor, so a gzip bomb stops at the cap (a RawError for the ledger)
instead of filling memory or disk.
"""

from __future__ import annotations

import io

from builder.ingest.errors import RawError


class CappedReader(io.RawIOBase):
    def __init__(self, inner, cap: int, closes=None) -> None:
        self._inner = inner
        self._cap = cap
        self._seen = 0
        self._closes = closes

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self._inner.read(len(buffer))
        self._seen += len(data)
        if self._seen > self._cap:
            raise RawError("decompression_limit", f"more than max_decompressed_bytes={self._cap}")
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self._seen += len(data)
        if self._seen > self._cap:
            raise RawError("decompression_limit", f"more than max_decompressed_bytes={self._cap}")
        return data

    def close(self) -> None:
        try:
            self._inner.close()
            if self._closes is not None:
                self._closes.close()
        finally:
            super().close()
