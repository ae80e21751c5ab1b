"""PII: count, and optionally redact, e-mail addresses, phone numbers and IP addresses.

Precision comes before recall. A corpus whose dates, prices, ISBNs and version numbers were
turned into `<PHONE>` is damaged for every user, while a missed phone number in a news page is a
small loss; so each rule below only fires on shapes that are hard to mistake:

- e-mail: `local@domain.tld`, subdomains and plus-addressing included; a domain must end in a
  letter-only top-level label, and image names such as `logo@2x.png` are not addresses.
- phone: international `+CC ...` numbers with a real country calling code and 9-15 digits;
  North American `(NNN) NNN-NNNN`, `NNN-NNN-NNNN`, `NNN.NNN.NNNN`; a trunk code in brackets
  `(030) 1234567`; Russian `8 (495) 123-45-67`; French `01 23 45 67 89`; Japanese/Korean
  `03-1234-5678`. Any other grouping (`030 1234567`, `555-0143`) counts only right after a word
  such as Tel, Phone, Fax, Telefon, тел (a count such as `1 234 567` only directly after it).
  Nothing counts right after Order, ISBN, Ref, No., #, ID, unless a phone word comes first.
- IP: IPv4 with four valid octets and no leading zeros; IPv6 as `ipaddress` accepts it, with at
  least two non-empty groups and a decimal digit (so `::`, `::1` and `dead::beef` are not).
  Every valid address counts, private ones too: a redactor that keeps some addresses needs a
  reason per address, and a private address costs the text little.

Decision on version numbers: a dotted quad right after a version word ("version 1.2.3.4",
"Build 10.0.0.1", "v1.2.3.4", "версия 1.2.3.4") is a version, not an address; likewise after
section words ("Section 1.2.3.4", "§ 1.2.3.4"). A bare "1.2.3.4" elsewhere is an address.

Speed: every pattern is compiled once, and each kind is only searched when a cheap test on the
text says it could be there (an `@` for e-mail; `::` or two colons for IPv6).
"""

from __future__ import annotations

import ipaddress
import re
from dataclasses import dataclass

from builder.stage import Stage

VERSION = "pii_regex_v1"  # names the rules in the datasheet; bump when a rule changes
KINDS = ("email", "phone", "ip")


@dataclass(frozen=True)
class PiiConfig:
    """TOML [pii]. Off by default: redaction changes the text, so a release opts in."""

    enabled: bool = False
    email_token: str = "<EMAIL>"
    phone_token: str = "<PHONE>"
    ip_token: str = "<IP_ADDRESS>"
    redact: bool = True  # False: only count


# --- e-mail -------------------------------------------------------------------------------------

_EMAIL = re.compile(
    # local part: ASCII (so `联系editor@x.cn` starts at `editor`), dots only between characters
    r"(?<![A-Za-z0-9_.+%-])[A-Za-z0-9_+%-]+(?:\.[A-Za-z0-9_+%-]+)*"
    r"@"
    r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+"  # domain labels, internationalised ones too
    # top-level label: ASCII letters in one case, so `x@y.fiAsiakastuki` ends at `.fi`
    r"([a-z]{2,24}|[A-Z][a-z]{1,23}|[A-Z]{2,24})"
    r"(?![a-z0-9_-])"
)
# Top-level labels that are file types: `icon@2x.png` is an image, not an address.
_FILE_TLD_LIST = (
    "png jpg jpeg gif svg webp avif bmp ico tif tiff css js mjs json map woff woff2 ttf otf eot "
    "mp3 mp4 webm pdf zip gz php html htm xml txt"
)
_FILE_TLDS = frozenset(_FILE_TLD_LIST.split())

# --- phone --------------------------------------------------------------------------------------

# Where a phone number may be: digits in groups joined by one separator (space, no-break space,
# - . /) or brackets; not glued to a word, a path, a URL query or a decimal number.
_PHONE_CANDIDATE = re.compile(
    r"[+(0-9](?<![\w+/#@=&%$€£.,-].)"  # starts with + ( or a digit, not glued to a word
    r"(?:(?<=\+)\d|(?<=\()\+?\d{1,5}\)[ \u00a0]?\d|(?<=\d))"  # +4, (030) 1, (+49) 3, or 0
    # bounded repeat: a long run of spaced digits cannot make the search quadratic
    r"(?:[ \u00a0]?\(\d{1,5}(?:[ \u00a0]\d{1,4})?\)[ \u00a0]?"  # (0) or (03 40) inside
    r"|(?:[ \u00a0]?/[ \u00a0]?|[ \u00a0./-])?\d){2,24}"
    r"(?![\w@°%]|[.,-]\d)"
)
_CALLING_CODE_LIST = (
    "1 7 20 27 30 31 32 33 34 36 39 40 41 43 44 45 46 47 48 49 51 52 53 54 55 56 57 58 60 61 "
    "62 63 64 65 66 81 82 84 86 90 91 92 93 94 95 98 211 212 213 216 218 220 221 222 223 224 "
    "225 226 227 228 229 230 231 232 233 234 235 236 237 238 239 240 241 242 243 244 245 246 "
    "247 248 249 250 251 252 253 254 255 256 257 258 260 261 262 263 264 265 266 267 268 269 "
    "290 291 297 298 299 350 351 352 353 354 355 356 357 358 359 370 371 372 373 374 375 376 "
    "377 378 380 381 382 383 385 386 387 389 420 421 423 500 501 502 503 504 505 506 507 508 "
    "509 590 591 592 593 594 595 596 597 598 599 670 672 673 674 675 676 677 678 679 680 681 "
    "682 683 685 686 687 688 689 690 691 692 800 808 850 852 853 855 856 870 878 880 881 882 "
    "883 886 888 960 961 962 963 964 965 966 967 968 970 971 972 973 974 975 976 977 979 992 "
    "993 994 995 996 998"
)
_CALLING_CODES = frozenset(_CALLING_CODE_LIST.split())
# Shapes that are phone numbers wherever they stand.
_STRONG_PHONE = [
    re.compile(p)
    for p in (
        # North America: (202) 555-0143, 202-555-0143, 202.555.0143, 1-800-555-0199
        r"(?:1[ .-]?)?\([2-9]\d\d\)[ \u00a0]?[2-9]\d\d[-.]\d{4}",
        r"(?:1-)?[2-9]\d\d-[2-9]\d\d-\d{4}",
        r"(?:1\.)?[2-9]\d\d\.[2-9]\d\d\.\d{4}",
        # a trunk code in brackets: (030) 1234567, (0171) 123 45 67, (01) 234-56-78
        r"\(0\d{1,4}\)[ \u00a0]?\d{2,4}(?:[ \u00a0-]?\d{2,4}){0,3}",
        # Russia and neighbours: 8 (495) 123-45-67, 8-800-555-35-35
        r"8[ \u00a0-]?\(?\d{3,5}\)?[ \u00a0-]?\d{1,3}-\d\d-\d\d",
        # France: 01 23 45 67 89, 01.23.45.67.89
        r"0[1-9](?:[ \u00a0]\d\d){4}|0[1-9](?:\.\d\d){4}|0[1-9](?:-\d\d){4}",
        # Japan, Korea: 03-1234-5678, 010-1234-5678
        r"0\d{1,4}-\d{1,4}-\d{4}",
    )
]
# Any other grouping is a phone number only right after a phone word.
_LINK = (  # words that may stand between a phone word and its number: "call us on", "Tel. / Fax"
    r"(?:us|me|at|on|to|the|our|number|nummer|no|nr|num|and|or|und|oder|de|du|au|la|le|al|del"
    r"|en|et|y|o|ou|a|uns|unter|free|toll|gratis|direct|direkt|fax|tel|mobile|mobil|office"
    r"|service|zentrale|\(\w{1,15}\))"
)
_SURE_PHONE_WORD = (
    r"(?:\b(?:tel|tél|telephone|téléphone|telefon(?:nummer|nr|e|o|os|isch)?|tel[eé]fonos?"
    r"|telefones?|fono|telf|tlf|tfn|phones?|fax|faks|telefax|тел|телефон\w*|факс|τηλ|τηλέφωνο)\b"
    r"|電話|电话|전화)"
)
_OTHER_PHONE_WORD = (  # words with other meanings too
    r"\b(?:mobile|mobil|mob|móvil|cell|cellphone|handy|hotline|helpline|whatsapp|ph|fon|fone"
    r"|call|ring|dial)\b"
)
# Right after a phone word, with only linking words between: "Tel.:", "call us on", "Mobil".
_NEAR_PHONE_WORD = re.compile(
    rf"(?:{_SURE_PHONE_WORD}|{_OTHER_PHONE_WORD})[^\w\n]{{0,3}}(?:{_LINK}[^\w\n]{{1,3}}){{0,2}}$",
    re.IGNORECASE,
)
# A little further: "Tel. Centralita: 971 788 300", "Tel: 971 504 472 - 971 504 002",
# "call police at 502-9991"; but not "calls rose to ...".
_FAR_PHONE_WORD = re.compile(
    rf"(?:{_SURE_PHONE_WORD}[^\w\n]{{0,3}}(?:[\w()+]+[^\w\n]{{1,3}}){{0,3}}"
    r"|\bcall\b[^\w\n]{1,3}(?:\w+[^\w\n]{1,3}){0,3}(?:on|at)[^\w\n]{1,3})$",
    re.IGNORECASE,
)
_THOUSANDS = re.compile(
    r"\d{1,3}(?:[ \u00a0.,]\d{3})+"
)  # 1 234 567: a count, unless "Tel. 1 234 567"
_NOT_PHONE_WORDS = re.compile(
    r"\b(?:isbn|issn|ean|upc|gtin|sku|order|orders|invoice|ref|reference|no|nr|num|number"
    r"|id|ids|tracking|account|acct|iban|bic|swift|serial|patent|case|ticket|doi|pmid|arxiv"
    r"|version|ver|build|zip|postcode|plz|bestellnummer|rechnung|заказ|номер)"
    r"[^\w\n]{0,3}$|#\s?$|№\s?$",
    re.IGNORECASE,
)
_DATE_LIKE = re.compile(
    r"\d{1,4}[./-]\d{1,2}[./-]\d{1,4}|\d{1,2}[./-]\d{4}|\d{4}[./-]\d{1,2}"
    r"|(?:1[89]|20)\d\d[/-](?:1[89]|20)\d\d"  # 1998-2003
)

# --- IP -----------------------------------------------------------------------------------------

# Each pattern starts with a plain character class and checks the character before it with a
# lookbehind only then: the regex engine can skip ahead to candidate characters (5x faster).
_IPV4 = re.compile(r"[0-9](?<![\w.][0-9])[0-9]{0,2}(?:\.[0-9]{1,3}){3}(?![\w]|\.\d)")
_IPV6 = re.compile(
    r"[0-9A-Fa-f:](?<![\w:.].)(?:(?<=:)|[0-9A-Fa-f]{0,3})(?::[0-9A-Fa-f]{0,4}){1,7}"
    r"(?:(?<=:)(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3})?"
    r"(?![\w:]|\.\d)"
)
_IPV6_HINT = re.compile(r":[0-9A-Fa-f]{1,4}:")  # a literal first: fast
_NOT_IP_WORDS = re.compile(
    r"\b(?:version|versions|ver|v|release|rel|build|firmware|fw|patch|update|kernel|api|sdk"
    r"|versión|versão|versione|versie|wersja|версия|версии|section|sect|sec|chapter|chap|ch"
    r"|clause|rule|step|figure|fig|table|tab|art|article|paragraph|para|par|appendix)"
    r"[^\w\n]{0,3}$|§\s?$|バージョン\s?$",
    re.IGNORECASE,
)

_CONTEXT = 40  # characters before a match in which a context word is looked for
_MAX_LOCAL = 64  # RFC 5321 limits on the parts of an address
_MAX_DOMAIN = 256


def pii_spans(text: str) -> list[tuple[int, int, str]]:
    """(start, end, kind) of every PII match, sorted and non-overlapping."""
    found: list[tuple[int, int, str]] = []
    found += _emails(text)
    found += [(m.start(), m.end(), "ip") for m in _IPV4.finditer(text) if _is_ipv4(text, m)]
    if ":" in text and ("::" in text or _IPV6_HINT.search(text)):
        found += [(m.start(), m.end(), "ip") for m in _IPV6.finditer(text) if _is_ipv6(m)]
    found += [
        (m.start(), m.end(), "phone") for m in _PHONE_CANDIDATE.finditer(text) if _is_phone(text, m)
    ]
    return _without_overlaps(found)


def find_pii(text: str) -> dict[str, int]:
    """How many e-mail addresses, phone numbers and IP addresses the text holds."""
    counts = dict.fromkeys(KINDS, 0)
    for _, _, kind in pii_spans(text):
        counts[kind] += 1
    return counts


def redact_pii(text: str, cfg: PiiConfig) -> tuple[str, dict[str, int]]:
    """The text with each match replaced by its kind's token, and the counts."""
    tokens = {"email": cfg.email_token, "phone": cfg.phone_token, "ip": cfg.ip_token}
    counts = dict.fromkeys(KINDS, 0)
    parts: list[str] = []
    last = 0
    for start, end, kind in pii_spans(text):
        counts[kind] += 1
        parts += (text[last:start], tokens[kind])
        last = end
    if not parts:
        return text, counts
    parts.append(text[last:])
    return "".join(parts), counts


class PiiStage(Stage):
    """Sets `doc.pii` (counts per kind) and, when `cfg.redact`, replaces matches in `doc.text`.

    A disabled stage passes documents through untouched, so a pipeline may always include it.
    """

    name = "pii"

    def __init__(self, cfg: PiiConfig) -> None:
        self.cfg = cfg

    def process(self, doc) -> None:
        if not self.cfg.enabled:
            return
        if self.cfg.redact:
            doc.text, doc.pii = redact_pii(doc.text, self.cfg)
        else:
            doc.pii = find_pii(doc.text)


def _emails(text: str) -> list[tuple[int, int, str]]:
    """Only around each `@`: a page without one costs one `find`."""
    found = []
    end = 0
    at = text.find("@")
    while at >= 0:
        for m in _EMAIL.finditer(text, max(end, at - _MAX_LOCAL), at + _MAX_DOMAIN):
            if m.start() < at < m.end():
                if m.group(1).lower() not in _FILE_TLDS:
                    found.append((m.start(), m.end(), "email"))
                    end = m.end()
                break
        at = text.find("@", max(at + 1, end))
    return found


def _is_ipv4(text: str, m: re.Match) -> bool:
    for octet in m.group().split("."):
        if int(octet) > 255 or (len(octet) > 1 and octet[0] == "0"):
            return False
    return not _NOT_IP_WORDS.search(text, max(0, m.start() - _CONTEXT), m.start())


def _is_ipv6(m: re.Match) -> bool:
    candidate = m.group()
    if sum(1 for group in candidate.split(":") if group) < 2:
        return False
    if not any(c.isdigit() for c in candidate):
        return False
    try:
        ipaddress.IPv6Address(candidate)
    except ValueError:
        return False
    return True


def _is_phone(text: str, m: re.Match) -> bool:
    candidate = m.group()
    digits = sum(c.isdigit() for c in candidate)
    if digits < 7 or digits > 15:
        return False
    before = text[max(0, m.start() - _CONTEXT) : m.start()]
    near = bool(_NEAR_PHONE_WORD.search(before))
    after_phone_word = near or (
        not _THOUSANDS.fullmatch(candidate) and bool(_FAR_PHONE_WORD.search(before))
    )
    if not after_phone_word and _NOT_PHONE_WORDS.search(before):
        return False
    if candidate.startswith(("+", "(+")):
        return _is_international(candidate, digits)
    if _DATE_LIKE.fullmatch(candidate):
        return False
    return after_phone_word or any(p.fullmatch(candidate) for p in _STRONG_PHONE)


def _is_international(candidate: str, digits: int) -> bool:
    """+CC numbers: a real calling code, 9-15 digits, and no decimal-number look."""
    if digits < 9:
        return False
    national = "".join(c for c in candidate if c.isdigit())
    if not any(national[:n] in _CALLING_CODES for n in (1, 2, 3)):
        return False
    if national[0] == "1" and national[1] in "01":
        return False  # North American area codes start with 2-9
    separators = {c for c in candidate if c in " \u00a0./-"}
    # A dot mixed with other separators is a coordinate or a sum (+40.7128-074.0060), not a phone.
    return not ("." in separators and len(separators) > 1)


def _without_overlaps(spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """Earliest first, the longer one on a tie; a span overlapping a kept one is dropped."""
    kept: list[tuple[int, int, str]] = []
    end = -1
    for span in sorted(spans, key=lambda s: (s[0], -s[1])):
        if span[0] >= end:
            kept.append(span)
            end = span[1]
    return kept
