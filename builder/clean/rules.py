"""Named kinds of page furniture that a line classifier misses or cannot see alone.

Each rule looks at one line (and sometimes its neighbours) and says "furniture" or nothing. They
are deliberately narrow: the classifier does the bulk, these catch the kinds every site has
(cookie banners, newsletter boxes, captions and credits, icon-label runs, "Read more" teasers,
comment sections) and that the seed and the dev pages showed the classifier letting through.
"""

from __future__ import annotations

import re
from collections import Counter

_I = re.IGNORECASE
COOKIE = re.compile(
    r"\b(?:cookies?|gdpr|consent)\b.*\b(?:accept|agree|use|uses|using|policy|privacy|settings|"
    r"preferences|experience|consent)\b|^(?:accept|allow|reject|decline)(?: all)? cookies\b|"
    r"^(?:accept|agree|i agree|ok|got it|manage (?:preferences|settings))$",
    _I,
)
NEWSLETTER = re.compile(
    r"\b(?:sign up|subscribe|register)\b.*\b(?:newsletter|inbox|e-?mail|updates|alerts)\b|"
    r"\bnewsletter\b.*\b(?:sign up|subscribe|delivered|inbox)\b|"
    r"^(?:subscribe(?: now| today)?|sign up(?: now)?|sign in|log in|register)$",
    _I,
)
CREDIT = re.compile(
    r"©|\((?:photo|image|picture|credit)s?\b|\b(?:photo|image|picture)s?(?: credit)?: |"
    r"\b(?:getty images|shutterstock|istock(?:photo)?|associated press|ap photo|reuters/|afp/)|"
    r"/ (?:afp|reuters|getty|ap|epa|dpa|xinhua|tass|sputnik)\b",
    _I,
)
READ_MORE = re.compile(
    r"^(?:read more|read also|see also|more:|related(?: articles?| stories| posts)?:?|"
    r"recommended(?: for you)?|you may (?:also )?like|more from|also read|watch:)\b.{0,3}$",
    _I,
)
SECTION_END = re.compile(
    r"^(?:top stories|most (?:read|popular|viewed|shared)|trending(?: now| stories)?|"
    r"related(?: articles| stories| posts| news| content| coverage)?|more (?:stories|news)|"
    r"latest (?:news|stories|posts|articles)|you (?:may|might) (?:also )?(?:like|enjoy)|"
    r"recommended(?: for you| stories| articles)?|popular (?:posts|stories)|read next|"
    r"what to read next|up next|"
    r"você (?:pode|também pode) gostar|veja também|leia também|mais lidas|"
    r"te puede interesar|también te puede (?:gustar|interesar)|lee también|noticias relacionadas|"
    r"das könnte sie auch interessieren|mehr zum thema|weitere artikel|meistgelesen|"
    r"à lire aussi|vous aimerez aussi|sur le même sujet|"
    r"читайте также|похожие (?:статьи|записи)|рекомендуем)\W{0,4}$",
    _I,
)
COMMENT_HEAD = re.compile(
    r"\b(?:says|said|wrote|writes|schreibt|disse|escreveu|dice|dit|пишет)\s*:?$|"
    r"^\d+\.?\s.{1,60}\bsays:?$",
    _I,
)
COMMENTS_START = re.compile(
    r"^(?:\d+\s+)?(?:comments?|responses?|replies|discussion|leave a (?:reply|comment)|"
    r"add a comment|join the (?:discussion|conversation)|kommentare?|comentários?|"
    r"comentarios?|commentaires?|комментари[ий]\w*)(?:\s*\(\d+\))?:?$|"
    r"^\d+ (?:thoughts|responses|comments|replies) (?:on|to)\b",
    _I,
)
SHORTCODE = re.compile(r"\[(\w+)\b[^\]]*\].*\[/\1\]")  # unrendered WordPress shortcodes
POST_META = re.compile(
    r"^(?:posted|published|publicado|publicada|veröffentlicht|publié|опубликовано)\b.{0,40}"
    r"\b(?:by|por|von|par|on|em|am|le)\b|\b(?:categor(?:y|ia|ie|ies)|tags?|filed under)\s*:",
    _I,
)
PROMO = re.compile(r"\bclick here\b.*\b(?:subscri\w*|issues?|offer|sign up|more information)\b", _I)
# A line that asks the reader to do something (subscribe, sign up, download, get an offer),
# or sells access. Only verbs that are rarely a headline's first word, so a headline starting
# with "Support for..." or "Book review:" is not caught.
CALL_TO_ACTION = re.compile(
    r"^(?:subscribe|sign (?:up|in)|log ?in|register|join (?:us|now|today|the|our)|download|"
    r"install|click|tap|follow us|donate|upgrade|unlock|don'?t miss|get (?:it|the app|our|your|"
    r"unlimited|access|started|more)|try (?:it|our|free)|start (?:your|a) free|shop now|buy now|"
    r"learn more|see more|read more|watch now|listen now|continue reading)\b|"
    r"\b(?:unlimited (?:access|digital)|free trial|subscribers? only|ad-free|per month|/month)\b",
    _I,
)
COMMENT_SECTION = re.compile(
    r"\b(?:comments?|responses? to|replies|reactions|leave a reply|kommentare?|comentários?|"
    r"comentarios?|commentaires?|комментари\w*)\b",
    _I,
)
_WORD = re.compile(r"\w+")
_HEAD_ENDS = (
    ":",
    "says",
    "said",
    "wrote",
    "writes",
    "schreibt",
    "disse",
    "escreveu",
    "dice",
    "dit",
    "пишет",
)


def icon_run(line: str, words: list[str] | None = None) -> bool:
    """Labels of an icon font rendered as text ("icon bookmark-bicon cameraicon ...").

    `words`: the line's lowercased words, when the caller has them already."""
    return _icon_run(line.lower(), words)


def _icon_run(lower: str, words: list[str] | None) -> bool:
    if lower.count("icon") >= 4:
        return True
    if words is None:
        words = _WORD.findall(lower)
    if len(words) < 8 or len(set(words)) > 0.8 * len(words):
        return False
    return max(Counter(words).values()) >= 0.3 * len(words)  # a few labels, each many times


_CREDIT_HINTS = (
    "©",
    "photo",
    "image",
    "picture",
    "credit",
    "getty",
    "shutterstock",
    "istock",
    "associated press",
    "reuters",
    "afp",
    "/ ",
)
_TEASER_ENDS = (
    "read more",
    "continue reading",
    "weiterlesen",
    "leia mais",
    "leer más",
    "lire la suite",
)
_META_STARTS = ("posted", "published", "publicad", "veröffentlicht", "publié", "опубликовано")


def kind_of(line: str, n_words: int, words: list[str] | None = None) -> str | None:
    """The furniture kind of one line on its own, or None. Long prose lines are never judged.

    `words`: the line's lowercased words (features.lower_words), when the caller has them.

    Each rule is guarded by a plain substring test first: most lines are prose, and the
    regular expressions are then never run on them.
    """
    lower = line.lower()
    if _icon_run(lower, words):  # icon-font label runs can be long
        return "icon_labels"
    if n_words > 60:
        return None
    if (
        n_words <= 40
        and ("cookie" in lower or "gdpr" in lower or "consent" in lower or n_words <= 3)
        and COOKIE.search(line)
    ):
        return "cookie_banner"
    if (
        n_words <= 30
        and any(h in lower for h in ("sign", "subscri", "regist", "newsletter", "log in"))
        and NEWSLETTER.search(line)
    ):
        return "newsletter"
    if n_words <= 30 and any(h in lower for h in _CREDIT_HINTS) and CREDIT.search(line):
        return "caption_credit"
    if n_words <= 4 and READ_MORE.match(line):
        return "read_more"
    if n_words <= 20 and lower.rstrip(" .»>›→…").endswith(_TEASER_ENDS):
        return "read_more"  # "Headline of another story Read more"
    if "[/" in line and SHORTCODE.search(line):
        return "shortcode"
    if n_words <= 30 and (":" in line or lower.startswith(_META_STARTS)) and POST_META.search(line):
        return "post_meta"
    if n_words <= 40 and "click here" in lower and PROMO.search(line):
        return "promo"
    if n_words <= 3 and COMMENTS_START.match(line):
        return "comments_heading"
    return None


def comments_start(lines: list[str]) -> int | None:
    """Index where a comment section begins: two or more "X says:" headers, or a heading."""
    heads = [
        i
        for i, line in enumerate(lines)
        if len(line) < 120
        and line.rstrip().lower().endswith(_HEAD_ENDS)
        and COMMENT_HEAD.search(line.strip())
    ]
    if len(heads) < 2:
        return None
    first = heads[0]
    for j in range(first - 1, max(first - 8, -1), -1):
        if COMMENTS_START.match(lines[j].lstrip("*+o- ")):
            return j
    return first
