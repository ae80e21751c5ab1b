"""A file wrapper that refuses to hand out more than a set number of bytes.

It sits behind the decompressor, so a gzip bomb stops at the cap (a RawError for the ledger)
instead of filling memory or disk.
"""

from __future__ import annotations

import io

from builder.ingest.errors import RawError

RATIO_AFTER = 16_000_000  # the ratio check starts once this much has come out


class CappedReader(io.RawIOBase):
    """`closes` is the compressed file under `inner`: closed with it, and watched for the
    ratio of bytes out to bytes in, so a bomb is stopped early, not at the absolute cap."""

    def __init__(self, inner, cap: int, closes=None, ratio: int | None = None) -> None:
        self._inner = inner
        self._cap = cap
        self._seen = 0
        self._closes = closes
        self._ratio = ratio

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        data = self.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)

    def read(self, size: int = -1) -> bytes:
        data = self._inner.read(size)
        self._seen += len(data)
        if self._seen > self._cap:
            raise RawError("decompression_limit", f"more than max_decompressed_bytes={self._cap}")
        if self._ratio and self._closes is not None and self._seen > RATIO_AFTER:
            packed = max(self._closes.tell(), 1)
            if self._seen > self._ratio * packed:
                raise RawError(
                    "decompression_limit", f"expands over {self._ratio}x (max_compression_ratio)"
                )
        return data

    def close(self) -> None:
        try:
            self._inner.close()
            if self._closes is not None:
                self._closes.close()
        finally:
            super().close()
