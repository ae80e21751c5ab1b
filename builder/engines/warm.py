"""Imported once by the local engine's forkserver, before it forks the workers.

Every worker needs the same modules and models (py3langid's model, the compiled language
kernel, the stop-word index, the line models): about a second and 150 MB each. Loaded here,
they are paid for once, and each worker starts with them, sharing their pages copy-on-write.
The warm-up runs the default stages over one small page of prose, so it loads what a build with
the default config uses and nothing more (lingua, asked only about short unsure texts, is not).
"""

from __future__ import annotations

from builder.config import BuildConfig
from builder.dedup.features import band_keys, exact_key
from builder.document import Document
from builder.pipeline import make_stages

_PROSE = (
    "The city council met on Monday evening to discuss the new budget for the coming year. "
    "Members argued for more than three hours about the money set aside for schools, roads "
    "and the public library, which has been closed for repairs since the spring floods. "
    "In the end the budget passed by a narrow vote, and the mayor said that work on the "
    "library would begin before the end of the month, with the doors open again by summer."
)
_MORE = (
    "Parents who came to the meeting asked why the school buses would run less often, and a "
    "teacher spoke about classes of more than thirty children. The council promised to look "
    "at the bus routes again in the autumn, once the new timetable has been tried for a term."
)
_PAGE = (
    "<html><head><title>Council passes budget</title></head><body><nav>Home | News</nav>"
    f"<article><h1>Council passes budget</h1><p>{_PROSE}</p><p>{_MORE}</p></article>"
    "<footer>Contact us</footer></body></html>"
)


def warm_up() -> None:
    config = BuildConfig()
    docs = [
        Document(source="warm", raw_path="warm.html", content=_PAGE, content_type="html"),
        Document(source="warm", raw_path="warm.txt", content=f"{_PROSE}\n{_MORE}"),
    ]
    for stage in make_stages(config, None):
        docs = list(stage.run(docs))
    for doc in docs:
        exact_key(doc.text)
        band_keys(doc.text, config.dedup)


warm_up()
