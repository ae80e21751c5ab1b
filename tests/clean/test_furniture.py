"""Each kind of page furniture leaves a dump, on small snippets of real pages.

Article lines come from the seed (RT, 2023); furniture lines are copied from real pages (the
seed, and dumps of the dev and bench pages). Each test wraps one kind of furniture around the
same article and checks that the article stays and the furniture goes.
"""

from __future__ import annotations

import json
from pathlib import Path

from builder.clean import CleanConfig, Furniture, extract, rules

DATA = Path(__file__).parent / "data"
SEED = (DATA / "seed.txt").read_text(encoding="utf-8").splitlines()
EXPECTED = json.loads((DATA / "seed_expected.json").read_text(encoding="utf-8"))
ARTICLE = EXPECTED["text_paragraphs_in_order"][1:]  # the seed's six body paragraphs
HEAD, TAIL = ARTICLE[:3], ARTICLE[3:]


def clean(lines: list[str], furniture: Furniture | None = None) -> list[str]:
    return extract("\n".join(lines), "text", CleanConfig(), furniture).text.split("\n\n")


def assert_article_kept(out: list[str]) -> None:
    for line in ARTICLE:
        assert line in out


def test_teaser_pair_around_read_more():
    teaser = "NATO states may send troops to Ukraine – ex-chief"
    out = clean(HEAD + [teaser, "Read more", teaser] + TAIL)
    assert_article_kept(out)
    assert teaser not in out and "Read more" not in out


def test_repeated_block_of_teasers():
    block = [
        "Top stories",
        "Is a new conflict brewing near Ukraine? How a clampdown on anti-NATO opposition "
        "figures has raised tensions",
        "Ukraine's propaganda machine is vital for Zelensky: Here is how it works",
        "A petri dish for fascism: How Ukraine has become a magnet for Western neo-Nazis",
    ]
    out = clean(ARTICLE + block + block)
    assert_article_kept(out)
    assert not set(block) & set(out)


def test_cookie_banner():
    banner = [
        "This website uses cookies to improve your experience. We'll assume you're ok with this, "
        "but you can opt-out if you wish. Accept Read More",
        "Accept cookies",
    ]
    out = clean(ARTICLE + banner)
    assert_article_kept(out)
    assert not set(banner) & set(out)


def test_icon_label_run():
    icons = SEED[0]
    assert icons.startswith("icon bookmark")
    out = clean([icons] + ARTICLE)
    assert_article_kept(out)
    assert icons not in out
    assert rules.kind_of(icons, len(icons.split())) == "icon_labels"


def test_caption_and_credit():
    caption = (
        "NATO Secretary General Jens Stoltenberg at an event in Washington, DC, June 13, 2023. "
        "©  Andrew Caballero-Reynolds / AFP"
    )
    out = clean(HEAD + [caption] + TAIL)
    assert_article_kept(out)
    assert not any("Caballero-Reynolds" in line for line in out)
    assert rules.kind_of("Photo: Getty Images", 3) == "caption_credit"


def test_comment_section_ends_the_article():
    comments = [
        "Comments",
        "* Milan Griffes on September 12, 2018 at 4:47 pm said:",
        "Any update on how the Blattman et al. follow-up paper will affect GiveDirectly’s "
        "recommendation?",
        "* Catherine (GiveWell) on September 13, 2018 at 5:23 pm said:",
        "Hi Milan,",
        "We haven’t yet reviewed Blattman et al., but plan to consider it as part of our year-end "
        "review of cash transfers, and we will share what we find on our blog.",
    ]
    out = clean(ARTICLE + comments)
    assert_article_kept(out)
    assert not set(comments) & set(out)


def test_named_rules_on_real_lines():
    cases = {
        "newsletter": "Sign up for our daily newsletter and get the news in your inbox",
        "shortcode": "[button link=”http://www.morebikes.co.uk/submit-kit-review/” type=”big” "
        "newwindow=”yes”] Send us YOUR kit review[/button]",
        "post_meta": "05/10/2018 - Publicado por: Clarissa Borba - Categoria: Saúde - Tags: sad",
        "promo": "Get Motor Cycle Monthly delivered through your letterbox every month. 12 issues "
        "for £11.99. Click here for more information.",
        "read_more": "Read more",
    }
    for kind, line in cases.items():
        assert rules.kind_of(line, len(line.split())) == kind, line
    for line in ARTICLE:
        assert rules.kind_of(line, len(line.split())) is None


def test_single_line_pages_and_empty_input():
    assert extract("", "text", CleanConfig()).text == ""
    assert extract("\n\n  \n", "text", CleanConfig()).text == ""
    one = ARTICLE[0]
    assert extract(one, "text", CleanConfig()).text == one
