"""Publication dates read off a line of text, as ISO 8601; None when the line is ambiguous.

"14 Jun, 2023 05:23" -> "2023-06-14T05:23". A numeric date like 05/06/2023 is only read when
the day is unambiguous (> 12); otherwise we would be presenting a guess as a fact.
"""

from __future__ import annotations

import re

_MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("jan", "january", "janeiro", "januar", "enero", "janvier", "января"),
            ("feb", "february", "fevereiro", "februar", "febrero", "février", "февраля"),
            ("mar", "march", "março", "märz", "marzo", "mars", "марта"),
            ("apr", "april", "abril", "avril", "апреля"),
            ("may", "maio", "mai", "mayo", "мая"),
            ("jun", "june", "junho", "juni", "junio", "juin", "июня"),
            ("jul", "july", "julho", "juli", "julio", "juillet", "июля"),
            ("aug", "august", "agosto", "août", "августа"),
            ("sep", "sept", "september", "setembro", "septiembre", "septembre", "сентября"),
            ("oct", "october", "outubro", "oktober", "octubre", "octobre", "октября"),
            ("nov", "november", "novembro", "noviembre", "novembre", "ноября"),
            ("dec", "december", "dezembro", "dezember", "diciembre", "décembre", "декабря"),
        ],
        1,
    )
    for m in names
}
_MON = r"(?P<mon>[^\W\d_]{3,10})\.?"
_TIME = r"(?:,?\s*(?:at\s+)?(?P<h>\d{1,2}):(?P<mi>\d{2})\s*(?P<ampm>[ap]\.?m\.?)?)?"
_PATTERNS = [
    re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<h>\d{2}):(?P<mi>\d{2}))?"),
    re.compile(
        r"\b(?P<d>\d{1,2})(?:st|nd|rd|th)?\s+(?:de\s+)?"
        + _MON
        + r",?\s+(?:de\s+)?(?P<y>\d{4})\b"
        + _TIME,
        re.I,
    ),
    re.compile(
        r"\b" + _MON + r"\s+(?P<d>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<y>\d{4})\b" + _TIME, re.I
    ),
    re.compile(r"\b(?P<a>\d{1,2})[./](?P<b>\d{1,2})[./](?P<y>\d{4})\b" + _TIME),
]


def _iso(y: int, m: int, d: int, h: int | None, mi: int | None) -> str | None:
    if not (1900 <= y <= 2100 and 1 <= m <= 12 and 1 <= d <= 31):
        return None
    if h is not None and mi is not None and h < 24 and mi < 60:
        return f"{y:04d}-{m:02d}-{d:02d}T{h:02d}:{mi:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def parse_date(text: str) -> str | None:
    """The first unambiguous date in `text`, ISO 8601 (with minutes when a time follows)."""
    for pattern in _PATTERNS:
        for m in pattern.finditer(text):
            g = m.groupdict()
            if "mon" in g and g["mon"] is not None:
                month = _MONTHS.get(g["mon"].lower())
                if month is None:
                    continue
                day = int(g["d"])
            elif "a" in g and g.get("a"):
                a, b = int(g["a"]), int(g["b"])
                if a > 12 >= b:
                    day, month = a, b
                elif b > 12 >= a:
                    day, month = b, a
                else:
                    continue  # 05/06/2023: day-first or month-first, we cannot tell
            else:
                day, month = int(g["d"]), int(g["m"])
            h = int(g["h"]) if g.get("h") else None
            mi = int(g["mi"]) if g.get("mi") else None
            if h is not None and g.get("ampm"):
                pm = g["ampm"].lower().startswith("p")
                h = (h % 12) + (12 if pm else 0)
            iso = _iso(int(g["y"]), month, day, h, mi)
            if iso:
                return iso
    return None
