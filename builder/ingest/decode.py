"""Bytes to text: byte-order marks, UTF-8, a declared charset, then charset-normalizer.

Crawled pages lie about their encoding or declare none; a reader that guesses wrong produces
mojibake that no later stage can repair, and a binary file named `.html` must be refused rather
than turned into noise.
"""

from __future__ import annotations

import codecs
import re

from builder.ingest.errors import RawError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
    (b"GIF8", "gif"),
    (b"%PDF", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\x1f\x8b", "gzip"),
    (b"\x7fELF", "elf"),
    (b"RIFF", "riff"),
    (b"\x00\x00\x01\x00", "ico"),
    (b"OggS", "ogg"),
    (b"\x28\xb5\x2f\xfd", "zstd"),
)
_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([a-zA-Z0-9_.:-]{2,40})""", re.I
)
_CONTROL = bytes(range(0, 32)).replace(b"\t", b"").replace(b"\n", b"").replace(b"\r", b"")
_CONTROL = _CONTROL.replace(b"\x0c", b"")


def sniff_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in its first few kilobytes, if any."""
    match = _META_CHARSET.search(data[:4096])
    return match.group(1).decode("ascii").lower() if match else None


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode raw page bytes, or raise RawError with the reason the bytes are not text."""
    if not data.strip():
        raise RawError("empty", "the file or record holds no text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _strict(data[len(bom) :], encoding)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise RawError("binary", f"the bytes are a {kind} file, not text")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _strict(data, utf16)
    head = data[:8192]
    controls = sum(head.count(bytes([c])) for c in _CONTROL)
    if controls > max(8, len(head) // 20):
        raise RawError("binary", f"{controls} control bytes in the first {len(head)} bytes")
    try:
        return data.decode("utf-8").replace("\x00", "")
    except UnicodeDecodeError:
        pass
    for encoding in (declared, sniff_charset(data)):
        if encoding and _known(encoding):
            try:
                return data.decode(encoding).replace("\x00", "")
            except (UnicodeDecodeError, LookupError):
                pass
    return _guess(data)


def _strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding).replace("\x00", "")
    except UnicodeDecodeError as exc:
        raise RawError("invalid_encoding", f"not valid {encoding}: {exc.reason}") from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of Latin script has a NUL in every other byte."""
    sample = data[:4096]
    if len(sample) < 8 or sample.count(0) < len(sample) // 3:
        return None
    even = sample[0::2].count(0)
    odd = sample[1::2].count(0)
    if odd > 0.8 * (len(sample) // 2) and even < 0.1 * len(sample):
        return "utf-16-le"
    if even > 0.8 * (len(sample) // 2) and odd < 0.1 * len(sample):
        return "utf-16-be"
    return None


def _known(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def _guess(data: bytes) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    if best is None or best.encoding is None:
        raise RawError("invalid_encoding", "neither UTF-8 nor any charset that fits the bytes")
    try:
        return data.decode(best.encoding).replace("\x00", "")
    except (UnicodeDecodeError, LookupError):
        return data.decode(best.encoding, errors="replace").replace("\x00", "")
