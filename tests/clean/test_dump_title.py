"""A dump's title: the headline when the page shows one, None rather than page furniture.

Article lines come from the seed; the header lines are copied from real syndicated copies
(raw/wire-copies) and from dumps of the dev pages.
"""

from __future__ import annotations

import json
from pathlib import Path

from builder.clean import CleanConfig, extract

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "seed_expected.json").read_text(encoding="utf-8"))
ARTICLE = EXPECTED["text_paragraphs_in_order"]
HEADLINE = "Counteroffensive will help Kiev in negotiations – NATO chief"


def title(lines: list[str]) -> str | None:
    return extract("\n".join(lines), "text", CleanConfig()).title


def test_a_syndicated_copy_under_a_site_header_has_no_title():
    header = ["Home | News | Politics | Business | Tech | Sports | Opinion"]
    assert title(header + ["Subscribe now for unlimited access"] + ARTICLE) is None
    assert title(["Skip to main content", "Menu Search Sign in"] + ARTICLE) is None
    assert title(["TRENDING: Elections | Weather | Markets | Video"] + ARTICLE) is None


def test_calls_to_action_and_prompts_are_never_the_title():
    for line in (
        "Sign up for our daily newsletter and get the news in your inbox",
        "Get unlimited digital access for 99 cents a month",
        "We use cookies to improve your experience on our site",
        "Download the app for the latest headlines",
    ):
        assert title(["News", line] + ARTICLE) is None, line
        assert title([line, "News", line] + ARTICLE) is None, line  # repeated near the top


def test_the_headline_above_a_byline_and_a_dateline():
    lines = [HEADLINE, "By Staff Writer", "Published 10:02 AM EST Nov 19, 2019"] + ARTICLE
    assert title(lines) == HEADLINE


def test_a_headline_the_page_repeats_near_its_top():
    assert title(["Podcasts", HEADLINE, "RT Features", HEADLINE] + ARTICLE) == HEADLINE
