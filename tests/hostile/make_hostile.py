"""Write a raw folder of small hostile files: every way a crawl dump can be broken or malicious.

    python tests/hostile/make_hostile.py OUT_DIR [--seed 0] [--bomb-bytes N] [--bad-sources DIR]

lays out `OUT_DIR/hostile/source.toml` and the files, plus `OUT_DIR/stray.txt` (a file that
belongs to no source). The same seed gives the same bytes, file for file. `EXPECTED` (and
README.md beside this file) says, for each file, what it attacks and what a robust reader
should put in the ledger: `kept` or a rejection reason, one entry per raw record.

Nothing here depends on the builder: the files are made with the standard library and warcio,
so the corpus can test any reader.
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import os
import random
import stat
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

SOURCE = "hostile"
SOURCE_TOML = """\
name = "hostile"
publisher = "test"
license = "CC0-1.0"
homepage = "https://example.org"
collected = "2026-11-28"
languages = ["en"]
description = "Hand-made hostile raw files: broken archives, bad encodings, bombs, traversal."
caveats = []
"""
BOMB_BYTES = 1_100_000_000  # what each gzip bomb expands to; the files stay about 1 MB
WARC_DATE = "2026-11-28T12:00:00Z"

# One line per attack: for each path (relative to OUT_DIR), the ledger outcome of each raw
# record in order. "kept" means read and kept by ingest; "a|b" means either is acceptable.
# A reader may keep more records than listed before a break, never crash or hang.
EXPECTED: dict[str, list[str]] = {}
ATTACKS: dict[str, str] = {}

PROSE_EN = (
    "The city council met on Tuesday to discuss the new budget. Members argued about the cost "
    "of repairing the old bridge, which has been closed since the spring floods. "
)
PROSE_DE = "Größere Straßen, schöne Grüße aus Köln: Bürger über Änderungen verärgert. "
PROSE_FR = "Le maire a déclaré que les travaux commenceraient à l'été, malgré les critiques. "
PROSE_RU = "Городской совет обсудил новый бюджет и ремонт старого моста через реку. "
PROSE_JA = "市議会は火曜日に新しい予算について議論した。"
PNG_1X1 = bytes.fromhex(
    "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082"
)


def page(title: str, body: str) -> str:
    return f"<!DOCTYPE html><html><head><title>{title}</title></head><body>{body}</body></html>"


def article(n: int = 3, prose: str = PROSE_EN) -> str:
    return page("News", "".join(f"<p>{prose * 2}</p>" for _ in range(n)))


# --- gzip --------------------------------------------------------------------------------------


def gz(data: bytes) -> bytes:
    """gzip with a fixed header (mtime 0, no name), so the bytes are reproducible."""
    return gzip.compress(data, compresslevel=6, mtime=0)


def bomb_block(unit: bytes) -> bytes:
    """About 1 MiB of whole `unit`s: what a gzip bomb repeats."""
    return unit * max(1, (1 << 20) // len(unit))


def gzip_bomb(path: Path, head: bytes, unit: bytes, copies: int, tail: bytes = b"") -> int:
    """Stream a one-member gzip file of `head + bomb_block(unit) * copies + tail`.

    Deflate after a full flush starts afresh, so every copy of the block compresses to the
    same bytes: they are computed once and written `copies` times, and memory stays small.
    The CRC is computed over the real data, so the file is valid gzip to its trailer.
    Returns the decompressed size.
    """
    block = bomb_block(unit)
    deflate = zlib.compressobj(9, zlib.DEFLATED, -15)
    first = deflate.compress(head) + deflate.flush(zlib.Z_FULL_FLUSH)
    packed = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    again = deflate.compress(block) + deflate.flush(zlib.Z_FULL_FLUSH)
    assert packed == again, "a block after a full flush must compress the same every time"
    last = deflate.compress(tail) + deflate.flush()
    crc = zlib.crc32(head)
    for _ in range(copies):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(tail, crc)
    size = len(head) + copies * len(block) + len(tail)
    with open(path, "wb") as f:
        f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\xff")  # magic, deflate, mtime 0
        f.write(first)
        for _ in range(copies):
            f.write(packed)
        f.write(last)
        f.write(struct.pack("<II", crc & 0xFFFFFFFF, size & 0xFFFFFFFF))
    return size


def copies_for(total: int, unit: bytes) -> int:
    return max(1, -(-total // len(bomb_block(unit))))


def flip(data: bytes, rng: random.Random, start: int, end: int, n: int = 8) -> bytes:
    out = bytearray(data)
    for _ in range(n):
        i = rng.randrange(start, end)
        out[i] ^= 0xFF
    return bytes(out)


# --- WARC --------------------------------------------------------------------------------------


def warc(records: list[dict], compress: bool) -> bytes:
    """WARC bytes from plain dicts, with fixed record ids and dates (reproducible)."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    writer = WARCWriter(buf, gzip=compress)
    for i, spec in enumerate(records):
        kind = spec.get("type", "response")
        body = spec.get("body", b"")
        http = None
        if kind == "response":
            headers = [("Content-Type", spec.get("mime", "text/html; charset=utf-8"))]
            headers += spec.get("headers", [])
            http = StatusAndHeaders(spec.get("status", "200 OK"), headers, protocol="HTTP/1.1")
        elif kind == "request":
            http = StatusAndHeaders(
                "GET / HTTP/1.1", [("Host", "example.org")], is_http_request=True
            )
        warc_headers = {
            "WARC-Record-ID": f"<urn:uuid:00000000-0000-4000-8000-{i:012d}>",
            "WARC-Date": spec.get("date", WARC_DATE),
        }
        record = writer.create_warc_record(
            spec.get("uri", f"https://example.org/page/{i}"),
            kind,
            payload=io.BytesIO(body),
            length=len(body) if kind in ("metadata", "warcinfo", "resource") else None,
            warc_content_type="application/warc-fields" if kind in ("metadata", "warcinfo") else "",
            warc_headers_dict=warc_headers,
            http_headers=http,
        )
        writer.write_record(record)
    return buf.getvalue()


def html_responses(n: int) -> list[dict]:
    return [{"uri": f"https://example.org/news/{i}", "body": article(2).encode()} for i in range(n)]


def record_offsets(data: bytes) -> list[int]:
    """Start offset of each record of WARC bytes (compressed or not)."""
    from warcio.archiveiterator import ArchiveIterator

    it = ArchiveIterator(io.BytesIO(data))
    offsets = []
    for record in it:
        offsets.append(it.get_record_offset())
        record.content_stream().read()
    return offsets


# --- the corpus --------------------------------------------------------------------------------


class Corpus:
    """Collects files under OUT_DIR/hostile with what each attacks and what it should give."""

    def __init__(self, out: Path, seed: int) -> None:
        self.out = out
        self.dir = out / SOURCE
        self.rng = random.Random(seed)

    def add(self, name: str, data: bytes, attack: str, expect: list[str]) -> Path:
        path = self.dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.note(name, attack, expect)
        return path

    def note(self, name: str, attack: str, expect: list[str]) -> None:
        key = f"{SOURCE}/{name}"
        ATTACKS[key] = attack
        EXPECTED[key] = expect


def make_hostile(out: Path, seed: int = 0, bomb_bytes: int = BOMB_BYTES) -> dict[str, list[str]]:
    """Write the corpus into `out` (which must be empty or absent); return EXPECTED."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    EXPECTED.clear()
    ATTACKS.clear()
    c = Corpus(out, seed)
    c.dir.mkdir(exist_ok=True)
    (c.dir / "source.toml").write_text(SOURCE_TOML, encoding="utf-8")
    for make in PARTS:
        make(c, bomb_bytes)
    (out / "stray.txt").write_text(PROSE_EN, encoding="utf-8")
    ATTACKS["stray.txt"] = "a file in the raw folder that belongs to no source"
    EXPECTED["stray.txt"] = ["no_source"]
    return dict(EXPECTED)


def text_dumps(c: Corpus, _: int) -> None:
    c.add("empty.txt", b"", "an empty file", ["empty"])
    c.add("whitespace.txt", b" \n\t\r\n  \n", "only whitespace", ["empty"])
    text = (PROSE_EN * 4).encode()
    nul = b"\x00".join(text[i : i + 97] for i in range(0, len(text), 97))
    c.add("nul_bytes.txt", nul, "a few NUL bytes inside real text", ["kept"])
    c.add("nul_heavy.txt", b"\x00" * 3000 + text, "mostly NUL bytes", ["binary"])
    c.add("latin1.txt", (PROSE_DE + PROSE_FR).encode("latin-1") * 3, "latin-1, no BOM", ["kept"])
    c.add("cp1251.txt", PROSE_RU.encode("cp1251") * 4, "cp1251 Cyrillic, no BOM", ["kept"])
    c.add("utf16le_bom.txt", (PROSE_DE * 3).encode("utf-16"), "UTF-16 LE with BOM", ["kept"])
    c.add(
        "utf16be_bom.txt",
        b"\xfe\xff" + (PROSE_RU * 3).encode("utf-16-be"),
        "UTF-16 BE with BOM",
        ["kept"],
    )
    c.add(
        "utf16le_nobom.txt", (PROSE_EN * 3).encode("utf-16-le"), "UTF-16 LE without BOM", ["kept"]
    )
    c.add(
        "utf16_odd_length.txt",
        (PROSE_EN * 2).encode("utf-16")[:-1],
        "UTF-16 with BOM cut in the middle of a code unit",
        ["invalid_encoding|kept"],
    )
    bad = (
        PROSE_EN.encode()
        + b" overlong \xc0\xaf slash, lone continuation \x80\xbf, surrogate \xed\xa0\x80, "
        + b"bad lead \xfe\xff, 5-byte \xf8\x88\x80\x80\x80 "
        + PROSE_EN.encode()
        + b" cut at the end \xe2\x82"
    )
    c.add(
        "invalid_utf8.txt",
        bad,
        "invalid UTF-8 sequences amid UTF-8 text",
        ["kept|invalid_encoding"],
    )
    mixed = b"\n".join(
        (PROSE_DE.encode("utf-8") if i % 2 else PROSE_DE.encode("latin-1")) for i in range(8)
    )
    c.add(
        "mixed_encoding.txt",
        mixed,
        "UTF-8 and latin-1 lines in one file",
        ["kept|invalid_encoding"],
    )
    words = (PROSE_EN * (1_200_000 // len(PROSE_EN) + 1))[:1_200_000]
    c.add("megabyte_line.txt", words.encode(), "one 1.2 MB line, no newline", ["line_too_long"])
    c.add(
        "random_bytes.txt",
        c.rng.randbytes(4096),
        "4 KiB of random bytes",
        ["binary|invalid_encoding"],
    )
    c.add("gzip_named.txt", gz(text), "gzip data named .txt", ["binary"])
    c.add("png_header.txt", PNG_1X1, "a PNG named .txt", ["binary"])
    deep = "/".join(["d"] * 150) + "/deep.txt"
    c.add(deep, text, "a file 150 folders deep", ["kept"])
    long_name = "n" * 240 + ".txt"
    c.add(long_name, text, "a 244-byte file name", ["kept"])
    c.add("UPPER.TXT", text, "an upper-case extension", ["kept"])
    c.add("notes.md", text, "an extension no reader knows", ["unsupported_format"])
    c.add(
        "archive.tar.gz", gz(text), "a compressed archive no reader knows", ["unsupported_format"]
    )
    c.add("no_extension", text, "no extension at all", ["unsupported_format"])
    c.add(
        "looks_like_a_file.txt/inner.txt",
        text,
        "a folder named like a text file: walked, not opened; the file inside is fine",
        ["kept"],
    )
    c.add("line\nbreak.txt", text, "a newline in the file name", ["kept"])
    odd = os.fsencode(c.dir) + b"/bad_name_\xff\xfe.txt"
    with open(odd, "wb") as f:
        f.write(text)
    c.note(
        "bad_name_\udcff\udcfe.txt",
        "a file name that is not valid UTF-8 (os.fsdecode gives lone surrogates, which the "
        "ledger's Parquet writer cannot encode)",
        ["unsafe_path|kept"],
    )


def special_files(c: Corpus, _: int) -> None:
    fifo = c.dir / "fifo.txt"
    os.mkfifo(fifo)
    c.note("fifo.txt", "a named pipe: opening it for reading blocks forever", ["unreadable"])
    locked = c.add(
        "unreadable.txt",
        PROSE_EN.encode(),
        "mode 000 (root can still read it)",
        ["unreadable|kept"],
    )
    os.chmod(locked, 0)
    links = {
        "link_outside_abs.txt": ("/etc/passwd", "a symlink to /etc/passwd"),
        "link_outside_rel.txt": ("../../../../../../../../etc/hostname", "a relative symlink out"),
        "link_dangling.txt": ("/nonexistent/nowhere.txt", "a dangling symlink outside"),
        "link_dir_outside": ("/etc", "a symlink to a folder outside (its files must not be read)"),
        "link_loop.txt": ("link_loop.txt", "a symlink to itself (resolve() raises on the loop)"),
    }
    for name, (target, attack) in links.items():
        os.symlink(target, c.dir / name)
        c.note(name, attack, ["unsafe_path"])
    os.symlink("latin1.txt", c.dir / "link_inside.txt")
    c.note("link_inside.txt", "a symlink to a file inside the source: fine", ["kept"])
    EXPECTED[f"{SOURCE}/link_loop.txt"] = ["unsafe_path|unreadable"]


def html_pages(c: Corpus, _: int) -> None:
    c.add("empty.html", b"", "an empty page", ["empty"])
    c.add("png_header.html", PNG_1X1, "a PNG named .html", ["binary"])
    c.add("elf.htm", b"\x7fELF\x02\x01\x01" + bytes(57) + b"main text", "an ELF binary", ["binary"])
    c.add("pdf.html", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n", "a PDF", ["binary"])
    depth = 100_000
    nested = "<div>" * depth + "<p>" + PROSE_EN + "</p>" + "</div>" * depth
    c.add(
        "nested_divs.html",
        page("Deep", nested).encode(),
        "100,000 nested divs",
        ["too_deeply_nested|kept|empty"],
    )
    c.add(
        "unclosed_divs.html",
        page("Deep", "<div><span>" * 50_000 + PROSE_EN).encode(),
        "100,000 unclosed tags",
        ["too_deeply_nested|kept|empty"],
    )
    laughs = ['<!ENTITY lol "lol">', '<!ENTITY lol1 "' + "&lol;" * 10 + '">']
    laughs += [f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(2, 10)]
    billion = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [\n' + "\n".join(laughs) + "\n]>\n"
        '<html xmlns="http://www.w3.org/1999/xhtml"><head><title>&lol9;</title></head>'
        f"<body><p>{PROSE_EN}</p><p>&lol9;</p></body></html>"
    )
    c.add(
        "billion_laughs.html", billion.encode(), "XML entity expansion (billion laughs)", ["kept"]
    )
    big = "x" * 100_000
    quadratic = (
        f'<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY big "{big}">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        f"<p>{PROSE_EN}</p><p>{'&big;' * 20_000}</p></body></html>"
    )
    c.add(
        "quadratic_blowup.html", quadratic.encode(), "one 100 kB entity used 20,000 times", ["kept"]
    )
    xxe = (
        '<?xml version="1.0"?>\n<!DOCTYPE html [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>\n'
        '<html xmlns="http://www.w3.org/1999/xhtml"><body>'
        f"<p>{PROSE_EN}</p><p>&xxe;</p></body></html>"
    )
    c.add("xxe.html", xxe.encode(), "an external entity naming /etc/passwd", ["kept"])
    utf7 = page("UTF-7", f"<p>{PROSE_EN}</p><p>+ADw-script+AD4-alert(1)+ADw-/script+AD4-</p>")
    utf7 = utf7.replace("<head>", '<head><meta charset="utf-7">')
    c.add("utf7.html", utf7.encode(), "declares UTF-7 (a known XSS trick)", ["kept"])
    lying = page("Lie", f"<p>{PROSE_RU * 5}</p>").replace("<head>", '<head><meta charset="utf-8">')
    c.add("lying_charset.html", lying.encode("cp1251"), "declares UTF-8, is cp1251", ["kept"])
    unknown = page("?", f"<p>{PROSE_DE * 5}</p>").replace(
        "<head>", '<head><meta charset="x-bogus-42">'
    )
    c.add(
        "unknown_charset.html", unknown.encode("latin-1"), "an unknown declared charset", ["kept"]
    )
    c.add(
        "unclosed_comment.html",
        (page("C", f"<p>{PROSE_EN}</p><!--") + "-" * 1_000_000).encode(),
        "an unclosed comment running 1 MB",
        ["kept|empty"],
    )
    line = "".join(f"<p>{PROSE_EN}</p>" for _ in range(1_200_000 // (len(PROSE_EN) + 7)))
    c.add("megabyte_line.html", page("Long", line).encode(), "1.2 MB of HTML on one line", ["kept"])
    c.add(
        "nul_bytes.html",
        article().replace("<p>", "<p>\x00").encode(),
        "NUL bytes in HTML",
        ["kept"],
    )
    c.add(
        "utf16be_bom.html",
        b"\xfe\xff" + article().encode("utf-16-be"),
        "UTF-16 BE with BOM",
        ["kept"],
    )
    c.add(
        "script_only.html",
        page("JS", "<script>" + "var a=1;" * 1000 + "</script>").encode(),
        "no text, only a script",
        ["kept"],
    )
    refs = "&#0; &#x0; &#xD800; &#xDFFF; &#1114112; &#x110000; &#x1F; &#128512; &#xFFFE;"
    c.add(
        "char_refs.html",
        page("Refs", f"<p>{PROSE_EN}</p><p>{refs}</p>").encode(),
        "numeric references to NUL, surrogates and code points past U+10FFFF",
        ["kept"],
    )
    attr = page("Attr", f'<div class="{"a" * 1_000_000}"><p>{PROSE_EN}</p></div>')
    c.add("huge_attribute.html", attr.encode(), "a 1 MB attribute value", ["kept"])
    c.add("UPPER.HTML", article().encode(), "an upper-case extension", ["kept"])


def sidecars(c: Corpus, _: int) -> None:
    body = article().encode()
    cases = {
        "sidecar_bad_json.html": (
            b'{"url": "https://example.org/a",',
            "sidecar is not JSON",
            "invalid_sidecar",
        ),
        "sidecar_not_object.html": (b"[1, 2, 3]", "sidecar is a JSON list", "invalid_sidecar"),
        "sidecar_wrong_types.html": (
            json.dumps({"url": 42, "fetched_at": "yesterday", "labels": "news"}).encode(),
            "sidecar fields of the wrong types",
            "schema",
        ),
        "sidecar_traversal.html": (
            json.dumps(
                {"url": "../../../etc/passwd", "labels": {"split": "../../x", "id": "/etc"}}
            ).encode(),
            "sidecar url and labels with ../ and absolute paths (data, never a path)",
            "kept|schema",
        ),
        "sidecar_huge.html": (
            b'{"labels": {"x": "' + b"y" * 2_000_000 + b'"}}',
            "a 2 MB sidecar",
            "invalid_sidecar|kept",
        ),
        "sidecar_utf16.html": (
            json.dumps({"url": "https://example.org/u"}).encode("utf-16"),
            "a UTF-16 sidecar",
            "kept|invalid_sidecar",
        ),
    }
    for name, (meta, attack, reason) in cases.items():
        c.add(name, body, attack, [reason])
        (c.dir / f"{name}.meta.json").write_bytes(meta)
    c.add(
        "sidecar_link.html",
        body,
        "its sidecar is a symlink to /etc/passwd",
        ["invalid_sidecar|unsafe_path"],
    )
    os.symlink("/etc/passwd", c.dir / "sidecar_link.html.meta.json")
    (c.dir / "orphan.txt.meta.json").write_bytes(b'{"url": "https://example.org/orphan"}')
    c.note("orphan.txt.meta.json", "a sidecar whose file does not exist (no record)", [])


def jsonl_files(c: Corpus, bomb_bytes: int) -> None:
    ok = PROSE_EN
    c.add("empty.jsonl", b"", "an empty JSONL file (no records)", [])
    typed: list[tuple[str, str]] = [
        ('{"text": 42}', "schema"),
        ('{"text": ["a", "b"]}', "schema"),
        ('{"text": null}', "missing_text|schema"),
        ('{"text": {"nested": "x"}}', "schema"),
        ('{"text": true}', "schema"),
        ('{"html": 3.14}', "schema"),
        ('{"text": NaN}', "schema|invalid_json"),
        ('{"text": Infinity}', "schema|invalid_json"),
        (f'{{"text": "{ok}", "id": {{"a": 1}}}}', "kept|schema"),
        (f'{{"text": "{ok}", "id": [1, 2]}}', "kept|schema"),
        (f'{{"text": "{ok}", "id": true}}', "kept|schema"),
        (f'{{"text": "{ok}", "id": 1e400}}', "kept|schema"),
        (f'{{"text": "{ok}", "id": -0.0}}', "kept|schema"),
        (f'{{"text": "{ok}", "labels": "news"}}', "schema"),
        (f'{{"text": "{ok}", "labels": {{"topic": 5}}}}', "schema"),
        (f'{{"text": "{ok}", "labels": {{"a": {{"b": "c"}}}}}}', "schema"),
        (f'{{"text": "{ok}", "labels": ["x"]}}', "schema"),
        (f'{{"text": "{ok}", "url": 42}}', "schema"),
        (f'{{"text": "{ok}", "url": ["https://example.org"]}}', "schema"),
        (f'{{"text": "{ok}", "fetched_at": "yesterday"}}', "schema"),
        (f'{{"text": "{ok}", "fetched_at": 1686700800}}', "schema"),
        (f'{{"text": "{ok}", "fetched_at": "2023-02-30T25:61:00Z"}}', "schema"),
        (f'{{"text": "{ok}", "title": ["t"]}}', "schema"),
        ('{"text": "dup", "text": 5}', "schema"),
        ("{}", "missing_text"),
        ('{"text": ""}', "empty"),
        ('{"text": "   \\n\\t "}', "empty"),
        ('{"html": "<p></p>", "text": 7}', "kept|schema"),
    ]
    c.add(
        "wrong_types.jsonl",
        "\n".join(line for line, _ in typed).encode() + b"\n",
        "JSON lines whose fields have the wrong types",
        [r for _, r in typed],
    )
    bad_lines: list[tuple[bytes, str]] = [
        (b"[1, 2, 3]", "invalid_json"),
        (b'"just a string"', "invalid_json"),
        (b"null", "invalid_json"),
        (b"42", "invalid_json"),
        (b'{"text": "unterminated', "invalid_json"),
        (b"{'text': 'single quotes'}", "invalid_json"),
        (b'{"text": "raw bytes \xff\xfe here"}', "invalid_json|invalid_encoding"),
        (b'{"text": "a raw NUL \x00 inside"}', "invalid_json"),
        (b'{"text": "trailing comma",}', "invalid_json"),
        (f'{{"text": "{ok}"}} {{"text": "two objects"}}'.encode(), "invalid_json"),
        (f'{{"text": "{ok}", "id": {"9" * 5000}}}'.encode(), "invalid_json|kept"),
        (
            b'{"text": "x", "labels": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
            "invalid_json|schema",
        ),
        (b'{"a":' * 50_000 + b"1" + b"}" * 50_000, "invalid_json|missing_text"),
    ]
    c.add(
        "bad_lines.jsonl",
        b"\n".join(line for line, _ in bad_lines) + b"\n",
        "lines that are not one JSON object: other JSON types, syntax errors, raw bytes, "
        "a 5,000-digit id (Python's int limit raises ValueError, not JSONDecodeError), "
        "100,000-deep nesting (RecursionError)",
        [r for _, r in bad_lines],
    )
    odd_text = [
        ('{"text": "lone surrogate \\ud800 here and \\udfff there"}', "invalid_encoding|kept"),
        ('{"text": "escaped NUL \\u0000 inside"}', "kept"),
        ('{"text": "bidi \\u202e override and zero width \\u200b\\ufeff"}', "kept"),
        ('{"text": "' + "\\u0001" * 50 + '"}', "kept|binary|empty"),
    ]
    c.add(
        "odd_text.jsonl",
        "\n".join(line for line, _ in odd_text).encode(),
        "escapes that decode to lone surrogates, NUL, bidi controls; no final newline",
        [r for _, r in odd_text],
    )
    paths = [
        {"id": "../../../../etc/passwd"},
        {"id": "/etc/passwd"},
        {"id": "..\\..\\windows\\system32\\config"},
        {"id": "C:\\Windows\\System32\\drivers\\etc\\hosts"},
        {"id": "a/../../b"},
        {"id": "nul\u0000byte"},
        {"id": ""},
        {"id": "CON"},
        {"id": "id\nwith\nnewlines"},
        {"id": "🙂" * 10},
        {"url": "file:///etc/passwd"},
        {"url": "../../../etc/passwd"},
        {"url": "/absolute/path/page.html"},
        {"url": "javascript:alert(1)"},
        {"url": "http://example.org/../../../etc/passwd"},
        {"url": "http://example.org/%2e%2e/%2e%2e/etc/passwd"},
        {"url": "\\\\server\\share\\file"},
        {"id": "x" * 5000},
    ]
    lines = [json.dumps({**p, "text": f"{ok} ({i})"}) for i, p in enumerate(paths)]
    expect = ["kept"] * (len(paths) - 1) + ["schema"]
    c.add(
        "paths.jsonl",
        "\n".join(lines).encode() + b"\n",
        "ids and urls with ../, absolute and Windows paths, NUL, newlines (data, never a path)",
        expect,
    )
    big = json.dumps({"text": (ok * (1_200_000 // len(ok) + 1))[:1_200_000]})
    c.add(
        "megabyte_line.jsonl",
        (big + "\n" + json.dumps({"text": ok}) + "\n").encode(),
        "a 1.2 MB line (one line of text) then a normal line",
        ["line_too_long", "kept"],
    )
    rows = "\r\n".join(json.dumps({"text": f"{ok} {i}"}) for i in range(3)) + "\r\n\r\n\n"
    c.add(
        "crlf_bom.jsonl",
        b"\xef\xbb\xbf" + rows.encode(),
        "a UTF-8 BOM, CRLF line ends, blank lines",
        ["kept|invalid_json", "kept", "kept"],
    )
    c.add(
        "utf16.jsonl",
        rows.encode("utf-16"),
        "UTF-16 JSON lines (b'\\n' splits code units)",
        ["invalid_json|kept"] * 3,
    )
    c.add(
        "gzip_named.jsonl",
        gz(rows.encode()),
        "gzip data named .jsonl",
        ["kept*", "invalid_json|binary|kept"],
    )
    gzip_files(c, bomb_bytes)


def jsonl_rows(n: int) -> bytes:
    return b"".join(
        json.dumps({"id": f"r{i}", "text": f"{PROSE_EN} {i}"}).encode() + b"\n" for i in range(n)
    )


def gzip_files(c: Corpus, bomb_bytes: int) -> None:
    rows = jsonl_rows(20)
    packed = gz(rows)
    c.add(
        "truncated.jsonl.gz",
        packed[: len(packed) * 6 // 10],
        "gzip cut at 60%",
        ["kept*", "corrupt_gzip"],
    )
    crc = bytearray(packed)
    crc[-8] ^= 0xFF
    c.add(
        "bad_crc.jsonl.gz", bytes(crc), "a wrong CRC in the gzip trailer", ["kept*", "corrupt_gzip"]
    )
    c.add(
        "corrupt_middle.jsonl.gz",
        flip(packed, c.rng, 40, len(packed) - 20),
        "bytes flipped inside the deflate stream",
        ["kept*", "invalid_json*", "corrupt_gzip"],
    )
    c.add(
        "trailing_garbage.jsonl.gz",
        packed + c.rng.randbytes(100),
        "random bytes after the member",
        ["kept*", "corrupt_gzip|kept"],
    )
    c.add(
        "multi_member.jsonl.gz",
        gz(jsonl_rows(2)) + gz(jsonl_rows(2)),
        "two gzip members back to back (all four records must be read)",
        ["kept"] * 4,
    )
    c.add("not_gzip.jsonl.gz", rows, "plain JSONL named .jsonl.gz", ["kept*", "corrupt_gzip|kept"])
    c.add("empty.jsonl.gz", b"", "a 0-byte .gz (no records)", [])
    c.add("header_only.jsonl.gz", packed[:10], "only the 10-byte gzip header", ["corrupt_gzip"])
    c.add("empty_member.jsonl.gz", gz(b""), "a valid gzip of nothing (no records)", [])
    unit = json.dumps({"text": "a" * 16_000}).encode() + b"\n"
    gzip_bomb(c.dir / "bomb_lines.jsonl.gz", b"", unit, copies_for(bomb_bytes, unit))
    c.note(
        "bomb_lines.jsonl.gz",
        f"a gzip bomb: ~1 MB expanding to {bomb_bytes:,} bytes of valid 16 kB records",
        ["kept*", "decompression_limit|too_many_records"],
    )
    gzip_bomb(
        c.dir / "bomb_one_line.jsonl.gz",
        b'{"text": "',
        b"a" * 4096,
        copies_for(bomb_bytes, b"a" * 4096),
    )
    c.note(
        "bomb_one_line.jsonl.gz",
        f"a gzip bomb: one JSON line of {bomb_bytes:,} bytes that never ends",
        ["page_too_large|decompression_limit"],
    )


def warc_files(c: Corpus, bomb_bytes: int) -> None:
    mixed = [{"type": "warcinfo", "body": b"software: make_hostile\r\n"}]
    mixed += [{"type": "request", "uri": "https://example.org/news/0"}]
    mixed += html_responses(3)
    mixed += [{"type": "metadata", "uri": "https://example.org/news/0", "body": b"via: test\r\n"}]
    c.add(
        "good.warc.gz",
        warc(mixed, True),
        "a valid WARC (warcinfo, request, 3 responses, metadata)",
        ["kept"] * 3,
    )
    five = warc(html_responses(5), True)
    cut = record_offsets(five)[3] + 40
    c.add(
        "truncated.warc.gz",
        five[:cut],
        "gzip WARC cut inside the 4th record",
        ["kept"] * 3 + ["corrupt_warc|truncated_record"],
    )
    plain = warc(html_responses(3), False)
    cut = record_offsets(plain)[1] + 600
    c.add(
        "truncated.warc",
        plain[:cut],
        "plain WARC cut inside the 2nd record's body",
        ["kept", "truncated_record|corrupt_warc|kept"],
    )
    offsets = record_offsets(five)
    c.add(
        "corrupt_member.warc.gz",
        flip(five, c.rng, offsets[1] + 30, offsets[2] - 10),
        "bytes flipped inside the 2nd record's gzip member",
        ["kept", "corrupt_warc*"],
    )
    c.add(
        "bad_version.warc",
        plain.replace(b"WARC/1.0", b"WARC/9.9", 1),
        "an unknown WARC version",
        ["corrupt_warc"],
    )
    c.add("garbage.warc", c.rng.randbytes(2048), "random bytes named .warc", ["corrupt_warc"])
    c.add(
        "garbage.warc.gz",
        gz(c.rng.randbytes(2048)),
        "gzip of random bytes named .warc.gz",
        ["corrupt_warc"],
    )
    c.add("not_gzip.warc.gz", plain, "a plain WARC named .warc.gz", ["kept"] * 3)
    c.add("empty.warc", b"", "a 0-byte WARC (no records)", [])
    c.add("empty.warc.gz", b"", "a 0-byte .warc.gz (no records)", [])
    c.add(
        "no_responses.warc.gz",
        warc([{"type": "warcinfo", "body": b"x: y\r\n"}, {"type": "request"}], True),
        "only warcinfo and request records (no records)",
        [],
    )
    c.add(
        "non_html.warc.gz",
        warc(
            [
                {"mime": "image/png", "body": PNG_1X1},
                {"mime": "application/pdf", "body": b"%PDF-1.4"},
                {"mime": "text/html", "body": article().encode()},
            ],
            True,
        ),
        "responses that are a PNG and a PDF, then one HTML page",
        ["not_html", "not_html", "kept"],
    )
    c.add(
        "traversal_uri.warc.gz",
        warc(
            [
                {"uri": u, "body": article().encode()}
                for u in ("../../../etc/passwd", "file:///etc/passwd", "/absolute", "C:\\x\\y")
            ],
            True,
        ),
        "WARC-Target-URI values that look like paths (data, never a path)",
        ["kept"] * 4,
    )
    c.add(
        "odd_responses.warc.gz",
        warc(
            [
                {"status": "404 Not Found", "body": b"<p>gone</p>"},
                {"body": b""},
                {"mime": "text/html; charset=x-bogus", "body": PROSE_RU.encode("cp1251") * 5},
                {"date": "not a date", "body": article().encode()},
            ],
            True,
        ),
        "a 404, an empty body, a bogus charset, a bad WARC-Date",
        ["kept|not_found", "empty", "kept", "kept|schema"],
    )
    lengths = plain.replace(b"Content-Length: ", b"Content-Length: 9", 1)
    c.add(
        "huge_length.warc",
        lengths,
        "a Content-Length far past the end of the file",
        ["truncated_record|corrupt_warc"],
    )
    negative = plain.replace(b"Content-Length: ", b"Content-Length: -", 1)
    c.add(
        "negative_length.warc",
        negative,
        "a negative Content-Length",
        ["corrupt_warc|empty", "corrupt_warc*"],
    )
    chunked = warc(
        [
            {
                "headers": [("Transfer-Encoding", "chunked")],
                "body": b"5\r\n<p>hi\r\nZZ\r\nbroken chunk sizes\r\n",
            }
        ],
        False,
    )
    c.add(
        "bad_chunked.warc",
        chunked,
        "Transfer-Encoding: chunked with broken chunk sizes",
        ["kept|truncated_record|empty"],
    )
    unit = b"<p>" + b"a" * 4093
    copies = copies_for(bomb_bytes, unit)
    http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n"
    length = len(http) + copies * len(bomb_block(unit))
    head = (
        "WARC/1.0\r\nWARC-Type: response\r\n"
        "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-00000000b0b0>\r\n"
        f"WARC-Date: {WARC_DATE}\r\nWARC-Target-URI: https://example.org/bomb\r\n"
        f"Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    ).encode() + http
    gzip_bomb(c.dir / "bomb.warc.gz", head, unit, copies, b"\r\n\r\n")
    c.note(
        "bomb.warc.gz",
        f"one WARC record whose gzip member expands to {bomb_bytes:,} bytes",
        ["page_too_large|decompression_limit"],
    )


PARTS: list[Callable[[Corpus, int], None]] = [
    text_dumps,
    special_files,
    html_pages,
    sidecars,
    jsonl_files,
    warc_files,
]

# --- sources that stop a build -----------------------------------------------------------------

BAD_SOURCES: dict[str, tuple[dict[str, bytes], str]] = {
    "invalid_toml": ({"s/source.toml": b'name = "s\npublisher = '}, "source.toml is not TOML"),
    "missing_fields": ({"s/source.toml": b'name = "s"\n'}, "required keys missing"),
    "name_traversal": (
        {"s/source.toml": SOURCE_TOML.replace('"hostile"', '"../../etc"').encode()},
        "a source name with ../ (must not become a folder name)",
    ),
    "binary_toml": ({"s/source.toml": PNG_1X1}, "source.toml is a PNG"),
    "duplicate_names": (
        {"a/source.toml": SOURCE_TOML.encode(), "b/source.toml": SOURCE_TOML.encode()},
        "two sources with one name",
    ),
    "wrong_types": (
        {"s/source.toml": SOURCE_TOML.replace('languages = ["en"]', "languages = 5").encode()},
        "a field of the wrong type",
    ),
}


def make_bad_sources(out: Path) -> dict[str, str]:
    """One raw folder per case under `out`; each must stop the build with a clear message."""
    out = Path(out)
    for case, (files, _) in BAD_SOURCES.items():
        for rel, data in files.items():
            path = out / case / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
            (path.parent / "page.txt").write_text(PROSE_EN, encoding="utf-8")
    link = out / "toml_symlink" / "s"
    link.mkdir(parents=True, exist_ok=True)
    os.symlink("/etc/passwd", link / "source.toml")
    return {
        **{k: v[1] for k, v in BAD_SOURCES.items()},
        "toml_symlink": "source.toml -> /etc/passwd",
    }


def remove_tree(path: Path) -> None:
    """Delete a corpus (its unreadable file and FIFO included) without following symlinks."""
    if not path.exists() and not path.is_symlink():
        return
    for root, dirs, files in os.walk(path, topdown=False):
        for name in files + dirs:
            p = os.path.join(root, name)
            if os.path.islink(p):
                os.unlink(p)
            elif not os.path.isdir(p):
                os.chmod(p, stat.S_IWUSR)
                os.unlink(p)
            else:
                os.rmdir(p)
    os.rmdir(path)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--bomb-bytes", type=int, default=BOMB_BYTES)
    parser.add_argument("--bad-sources", type=Path, help="also write the bad-source cases here")
    parser.add_argument("--expected", type=Path, help="write EXPECTED as JSON here")
    args = parser.parse_args(argv)
    expected = make_hostile(args.out, args.seed, args.bomb_bytes)
    if args.bad_sources:
        make_bad_sources(args.bad_sources)
    if args.expected:
        args.expected.write_text(
            json.dumps(expected, indent=1, ensure_ascii=True), encoding="utf-8"
        )
    print(f"{len(expected)} hostile paths in {args.out}")


if __name__ == "__main__":
    main()
