"""Title, publication date, section and author of an HTML page, from what the page declares.

Declared metadata first (Open Graph / article:* meta tags, JSON-LD, <time datetime>), because it
is cheap and is the publisher's own statement; htmldate only when the page declares no date.
Anything absent stays None: we never present a guess as a fact.
"""

from __future__ import annotations

import html as htmllib
import json
import re

from builder.clean.dates import parse_date
from builder.clean.text import normalize_line

_TITLE_KEYS = ("og:title", "twitter:title", "title", "dc.title", "headline")
_DATE_KEYS = (
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "dc.date",
    "dc.date.issued",
    "pubdate",
    "publishdate",
    "publish-date",
    "sailthru.date",
    "parsely-pub-date",
)
_SECTION_KEYS = ("article:section", "og:article:section", "section", "parsely-section")
_AUTHOR_KEYS = (
    "author",
    "article:author",
    "dc.creator",
    "parsely-author",
    "byl",
    "sailthru.author",
)
_LD_KEYS = ("datePublished", "articleSection", "author", "headline")
_SITE_SUFFIX = re.compile(r"\s+[|–—-]\s+[^|–—-]{2,40}$")


_META = re.compile(r"<meta\b[^>]*>", re.I)
_ATTR = re.compile(r"""([\w:.-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""")


_HINTS = re.compile(r"title|date|time|section|author|byl|creator|headline")  # on lowercase


def _metas(html: str) -> dict[str, str]:
    """<meta> tags by property/name/itemprop (a regex over the raw page: no DOM walk needed)."""
    out: dict[str, str] = {}
    end = html.find("</head>")
    head = html[: end if end > 0 else 200_000]
    for tag in _META.findall(head):
        if not _HINTS.search(tag.lower()):  # (re.I would be 6x slower)
            continue  # viewport, charset, verification tokens...: nothing we read
        attrs = {m[0].lower(): m[1] or m[2] or m[3] for m in _ATTR.findall(tag)}
        key = (attrs.get("property") or attrs.get("name") or attrs.get("itemprop") or "").lower()
        value = attrs.get("content")
        if key and value and key not in out:
            out[key] = htmllib.unescape(value).strip()
    return out


def _json_ld(html: str) -> dict:
    found: dict = {}
    blocks, at = [], html.find("ld+json")
    while at >= 0:
        start = html.find(">", at) + 1
        end = html.find("</script>", start)
        if start <= 0 or end < 0:
            break
        blocks.append(html[start:end])
        at = html.find("ld+json", end)
    for block in blocks:
        try:
            data = json.loads(block)
        except (ValueError, TypeError):
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                for key in _LD_KEYS:
                    if key in item and key not in found:
                        found[key] = item[key]
                stack.extend(v for k, v in item.items() if k == "@graph")
    return found


def _name(value) -> str | None:
    if isinstance(value, list):
        names = [_name(v) for v in value]
        names = [n for n in names if n]
        return ", ".join(names) if names else None
    if isinstance(value, dict):
        value = value.get("name")
    if not isinstance(value, str):
        return None
    value = normalize_line(value)
    if not value or value.startswith("http") or len(value) > 100:
        return None
    return value


def _iso(value: str | None) -> str | None:
    if not value:
        return None
    iso = parse_date(value)
    return iso[:-6] if iso and iso.endswith("T00:00") else iso


def html_metadata(tree, html: str, use_htmldate: bool = True) -> dict:
    """{"title", "published_at", "section", "author"}, each None when the page does not say."""
    metas = _metas(html)
    declared = (
        any(metas.get(k) for k in _DATE_KEYS)
        and any(metas.get(k) for k in _SECTION_KEYS)
        and any(metas.get(k) for k in _AUTHOR_KEYS)
    )
    ld = {} if declared else _json_ld(html)  # JSON-LD can be large: parse only when needed
    title = next((metas[k] for k in _TITLE_KEYS if metas.get(k)), None) or _name(ld.get("headline"))
    if not title:
        h1 = tree.document.query_selector("h1")
        title = h1.text if h1 is not None else None
    if not title and tree.title:
        title = _SITE_SUFFIX.sub("", tree.title)
    date = next((_iso(metas[k]) for k in _DATE_KEYS if _iso(metas.get(k))), None)
    if not date:
        date = _iso(ld.get("datePublished") if isinstance(ld.get("datePublished"), str) else None)
    if not date:
        el = tree.document.query_selector("time[datetime]")
        date = _iso(el.getattr("datetime")) if el is not None else None
    if not date and use_htmldate:
        date = _htmldate(html)
    section = next((metas[k] for k in _SECTION_KEYS if metas.get(k)), None)
    if not section and ld.get("articleSection"):
        s = ld["articleSection"]
        section = s[0] if isinstance(s, list) and s else s if isinstance(s, str) else None
    author = next((_name(metas[k]) for k in _AUTHOR_KEYS if _name(metas.get(k))), None)
    author = author or _name(ld.get("author"))
    clean = lambda v: normalize_line(v) or None if isinstance(v, str) else None  # noqa: E731
    return {
        "title": clean(title),
        "published_at": date,
        "section": clean(section),
        "author": clean(author),
    }


def _htmldate(html: str) -> str | None:
    try:
        from htmldate import find_date

        found = find_date(
            html, extensive_search=False, original_date=True, outputformat="%Y-%m-%dT%H:%M"
        )
    except Exception:  # htmldate raises on odd pages; a missing date is not an error
        return None
    return _iso(found)
