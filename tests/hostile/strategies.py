"""Hypothesis strategies for malformed raw files, for a fuzz test of ingest and cleaning.

`raw_files()` draws one `RawSample` (a file name with a reader's extension, and its bytes):
a well-formed file of that kind (plain text in some encoding, HTML, JSON lines with fields of
any type, gzip, WARC), then, most of the time, one or more mutations (truncation, flipped or
inserted bytes, NULs, a foreign magic number, a BOM, a spliced-in gzip or WARC fragment).
`raw_folders()` draws several samples with distinct names; `write_raw_folder` lays them out
as a raw folder with a source.toml.

Samples stay small (a few kB; `max_size` caps them) so that 10,000 run in minutes; the
hand-made corpus (make_hostile.py) holds the big cases: bombs, megabyte lines, deep nesting.
"""

from __future__ import annotations

import gzip
import io
import json
from dataclasses import dataclass
from pathlib import Path

from hypothesis import strategies as st

EXTENSIONS = (".txt", ".html", ".htm", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz")
ENCODINGS = (
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-16-be",
    "utf-32",
    "latin-1",
    "cp1251",
    "cp1252",
    "shift_jis",
    "gb18030",
    "koi8-r",
)
MAGIC = (
    b"\x89PNG\r\n\x1a\n",
    b"\x1f\x8b\x08\x00",
    b"%PDF-1.7\n",
    b"PK\x03\x04",
    b"\x7fELF",
    b"\xff\xd8\xff\xe0",
    b"GIF89a",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
    b"\xfe\xff",
    b"\x00\x00\xfe\xff",
    b"WARC/1.0\r\n",
    b"<?xml version='1.0'?>",
)
FIELDS = ("text", "html", "id", "url", "fetched_at", "title", "labels")
_WORD_LIST = (
    "news council bridge budget Straße Grüße café город мост 市議会 予算 ../ /etc/passwd "
    "<p> </p> <div> &amp; &#0; &lol; \u202e \ufeff \u200b \x00 \r\n"
)
WORDS = tuple(_WORD_LIST.split(" "))


@dataclass(frozen=True)
class RawSample:
    name: str
    data: bytes

    @property
    def extension(self) -> str:
        name = self.name.lower()
        return next(e for e in sorted(EXTENSIONS, key=len, reverse=True) if name.endswith(e))


# --- well-formed building blocks ---------------------------------------------------------------

texts = st.one_of(
    st.text(max_size=400),
    st.lists(st.sampled_from(WORDS), max_size=80).map(" ".join),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=200),
)


@st.composite
def encoded_text(draw) -> bytes:
    text = draw(texts)
    encoding = draw(st.sampled_from(ENCODINGS))
    return text.encode(encoding, errors=draw(st.sampled_from(["replace", "ignore"])))


@st.composite
def html_page(draw) -> str:
    depth = draw(st.integers(0, 60))
    tag = draw(st.sampled_from(["div", "p", "span", "table", "li", "b", "script", "!--"]))
    body = draw(texts)
    close = draw(st.booleans())
    inner = f"<{tag}>" * depth + body + (f"</{tag}>" * depth if close else "")
    head = draw(
        st.sampled_from(
            [
                "",
                '<meta charset="utf-8">',
                '<meta charset="x-bogus">',
                '<meta charset="utf-16">',
                '<meta http-equiv="Content-Type" content="text/html; charset=cp1251">',
                '<meta charset="utf-7">',
            ]
        )
    )
    doctype = draw(
        st.sampled_from(
            [
                "<!DOCTYPE html>",
                "",
                '<?xml version="1.0"?><!DOCTYPE html [<!ENTITY a "aaaaaaaaaa">'
                '<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]>',
                '<!DOCTYPE html [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
            ]
        )
    )
    return (
        f"{doctype}<html><head>{head}<title>{draw(texts)}</title></head><body>{inner}</body></html>"
    )


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=60),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)


@st.composite
def json_record(draw) -> dict:
    record = {}
    for key in draw(st.lists(st.sampled_from(FIELDS), unique=True, max_size=len(FIELDS))):
        record[key] = draw(
            st.one_of(
                texts,
                json_values,
                st.dictionaries(st.text(max_size=8), st.text(max_size=20), max_size=3),
                st.sampled_from(["../../etc/passwd", "/abs/path", "file:///etc/passwd", ""]),
            )
        )
    return record


@st.composite
def jsonl_bytes(draw) -> bytes:
    lines = []
    for record in draw(st.lists(json_record(), max_size=8)):
        kind = draw(st.integers(0, 9))
        if kind == 0:
            lines.append(json.dumps(draw(json_values)).encode())  # not an object
        elif kind == 1:
            lines.append(draw(st.binary(max_size=80)))  # not JSON
        else:
            ascii_only = draw(st.booleans())
            lines.append(
                json.dumps(record, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
            )
    sep = draw(st.sampled_from([b"\n", b"\r\n", b"\n\n", b"\r"]))
    return sep.join(lines) + draw(st.sampled_from([b"", b"\n"]))


@st.composite
def warc_bytes(draw, compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    n = draw(st.integers(0, 4))
    for i in range(n):
        body = draw(st.one_of(html_page().map(str.encode), encoded_text(), st.binary(max_size=200)))
        mime = draw(
            st.sampled_from(
                [
                    "text/html",
                    "text/html; charset=cp1251",
                    "image/png",
                    "",
                    "text/html; charset=bogus",
                ]
            )
        )
        kind = draw(st.sampled_from(["response", "response", "response", "request", "metadata"]))
        http = None
        if kind == "response":
            status = draw(st.sampled_from(["200 OK", "404 Not Found", "301 Moved"]))
            http = StatusAndHeaders(status, [("Content-Type", mime)], protocol="HTTP/1.1")
        elif kind == "request":
            http = StatusAndHeaders("GET / HTTP/1.1", [], is_http_request=True)
        uri = draw(
            st.sampled_from(["https://example.org/a", "../../etc/passwd", "/abs", "", "file:///x"])
        )
        record = writer.create_warc_record(
            uri,
            kind,
            payload=io.BytesIO(body),
            length=len(body) if kind == "metadata" else None,
            warc_headers_dict={
                "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{i:012d}>",
                "WARC-Date": draw(st.sampled_from(["2026-11-28T12:00:00Z", "garbage", ""])),
            },
            http_headers=http,
        )
        writer.write_record(record)
    return buf.getvalue()


def gz(data: bytes) -> bytes:
    return gzip.compress(data, compresslevel=1, mtime=0)


def well_formed(extension: str) -> st.SearchStrategy[bytes]:
    if extension == ".txt":
        return encoded_text()
    if extension in (".html", ".htm"):
        return st.tuples(html_page(), st.sampled_from(ENCODINGS)).map(
            lambda pair: pair[0].encode(pair[1], errors="replace")
        )
    if extension == ".jsonl":
        return jsonl_bytes()
    if extension == ".jsonl.gz":
        return jsonl_bytes().map(gz)
    return warc_bytes(compress=extension == ".warc.gz")


# --- mutations ---------------------------------------------------------------------------------


@st.composite
def mutate(draw, data: bytes) -> bytes:
    """One harmful change to `data`."""
    kind = draw(st.integers(0, 9))
    size = len(data)
    at = draw(st.integers(0, size))
    if kind == 0:
        return data[:at]  # truncated
    if kind == 1 and size:
        out = bytearray(data)
        for _ in range(draw(st.integers(1, 8))):
            out[draw(st.integers(0, size - 1))] = draw(st.integers(0, 255))
        return bytes(out)  # flipped bytes
    if kind == 2:
        return data[:at] + draw(st.binary(min_size=1, max_size=64)) + data[at:]  # inserted bytes
    if kind == 3:
        return data[:at] + b"\x00" * draw(st.integers(1, 64)) + data[at:]  # NULs
    if kind == 4:
        return draw(st.sampled_from(MAGIC)) + data  # a foreign magic number or BOM
    if kind == 5:
        return data + data[: draw(st.integers(0, size))]  # a repeated tail
    if kind == 6:
        return data[at:]  # the head cut off
    if kind == 7:
        return gz(data)[: draw(st.integers(0, size + 20))]  # a cut gzip of it
    if kind == 8:
        return b""  # empty
    return data[:at] + data[at:].replace(b"\n", b"\r", draw(st.integers(1, 3)))  # line ends


@st.composite
def raw_files(draw, max_size: int = 64_000) -> RawSample:
    """A raw file that may be anything from valid to garbage; never larger than max_size."""
    extension = draw(st.sampled_from(EXTENSIONS))
    data = draw(st.one_of(well_formed(extension), st.binary(max_size=512)))
    for _ in range(draw(st.integers(0, 3))):
        data = draw(mutate(data))
    stem = draw(st.sampled_from(["page", "a b", "ünï", "x" * 100, "-dash", "..dots", "UPPER"]))
    if draw(st.booleans()):
        extension = extension.upper()
    return RawSample(stem + extension, data[:max_size])


@st.composite
def raw_folders(draw, max_files: int = 6) -> list[RawSample]:
    """Several raw files with distinct names (case-insensitively distinct too)."""
    samples = draw(st.lists(raw_files(), min_size=1, max_size=max_files))
    return [RawSample(f"{i:02d}-{s.name}", s.data) for i, s in enumerate(samples)]


SOURCE_TOML = """\
name = "fuzz"
publisher = "test"
license = "CC0-1.0"
homepage = "https://example.org"
collected = "2026-11-28"
languages = ["en"]
description = "Generated malformed raw files."
caveats = []
"""


def write_raw_folder(root: Path, samples: list[RawSample], source: str = "fuzz") -> Path:
    """Lay samples out as `root/<source>/source.toml` + files; return the raw folder (root)."""
    folder = Path(root) / source
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "source.toml").write_text(
        SOURCE_TOML.replace('name = "fuzz"', f'name = "{source}"'), encoding="utf-8"
    )
    for sample in samples:
        (folder / sample.name).write_bytes(sample.data)
    return Path(root)
