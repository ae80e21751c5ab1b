"""HTML pages, both modes: the article stays, the page furniture goes, metadata is read."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from builder.clean import CleanConfig, CleanStage, extract
from builder.clean.dates import parse_date
from builder.document import Document

DATA = Path(__file__).parent / "data"
EXPECTED = json.loads((DATA / "seed_expected.json").read_text(encoding="utf-8"))
PARAS = EXPECTED["text_paragraphs_in_order"]
# The seed's article, in the markup a news site wraps around it (nav, share bar, teaser,
# caption, related block, footer, cookie banner), all real text from the seed page.
PAGE = f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{EXPECTED["title"]} — RT Russia &amp; Former Soviet Union</title>
<meta property="og:title" content="{EXPECTED["title"]}">
<meta property="article:published_time" content="2023-06-14T05:23:00+00:00">
<meta property="article:section" content="{EXPECTED["section"]}">
</head><body>
<nav><ul><li><a href="/">Home</a></li>
<li><a href="/russia/">Russia &amp; Former Soviet Union</a></li>
<li><a href="/podcast/">Podcasts</a></li><li><a href="/features/">RT Features</a></li></ul></nav>
<article><h1>{EXPECTED["title"]}</h1>
<p class="summary">{PARAS[0]}</p>
<figure><img src="a.jpg"><figcaption>NATO Secretary General Jens Stoltenberg at an event in
Washington, DC, June 13, 2023. © Andrew Caballero-Reynolds / AFP</figcaption></figure>
{"".join(f"<p>{p}</p>" for p in PARAS[1:4])}
<div class="read-more"><a href="/x">NATO states may send troops to Ukraine – ex-chief</a>
<span>Read more</span></div>
{"".join(f"<p>{p}</p>" for p in PARAS[4:])}
</article>
<aside><h2>Top stories</h2><ul>
<li><a href="/a">Is a new conflict brewing near Ukraine? How a clampdown on anti-NATO
opposition figures has raised tensions</a></li>
<li><a href="/b">Ukraine's propaganda machine is vital for Zelensky: Here is how it works</a></li>
</ul></aside>
<footer><p>© Autonomous Nonprofit Organization “TV-Novosti”, 2005–2023. All rights reserved.</p>
<div class="cookies">This website uses cookies. Read RT Privacy policy to find out more.
<button>Accept cookies</button></div></footer></body></html>"""


@pytest.mark.parametrize("mode", ["fast", "best"])
def test_article_kept_and_furniture_dropped(mode):
    out = extract(PAGE, "html", CleanConfig(html_mode=mode))
    paragraphs = out.text.split("\n\n")
    for p in PARAS[1:]:
        assert p in paragraphs
    for line in EXPECTED["must_not_contain_lines"]:
        if len(line) > 12:
            assert line not in out.text


@pytest.mark.parametrize("mode", ["fast", "best"])
def test_declared_metadata(mode):
    out = extract(PAGE, "html", CleanConfig(html_mode=mode))
    assert out.title == EXPECTED["title"]
    assert out.published_at == "2023-06-14T05:23"
    assert out.section == EXPECTED["section"]
    assert out.author is None


def test_absent_metadata_is_none():
    page = "<html><body><p>" + " ".join(PARAS[1:]) + "</p></body></html>"
    out = extract(page, "html", CleanConfig())
    assert out.published_at is None and out.section is None and out.author is None
    assert PARAS[1][:60] in out.text


def test_unknown_mode_is_refused_up_front():
    with pytest.raises(ValueError):
        CleanStage(CleanConfig(html_mode="fastest"))


def test_stage_rejects_a_page_without_text():
    doc = Document(
        source="s", raw_path="e.html", content="<html><body></body></html>", content_type="html"
    )
    [doc] = CleanStage(CleanConfig()).run([doc])
    assert doc.rejected == ("clean", "empty_text")
    assert doc.content == ""


def test_text_is_nfc():
    decomposed = "Cafe\u0301 owners in Kiev’s centre have stayed open through the war, " * 3
    out = extract(decomposed + "\n" + PARAS[1], "text", CleanConfig())
    assert "e\u0301" not in out.text


def test_dates_are_read_only_when_unambiguous():
    assert parse_date("14 Jun, 2023 05:23") == "2023-06-14T05:23"
    assert parse_date("Nov. 18, 2019 7:04 pm ET") == "2019-11-18T19:04"
    assert parse_date("21/06/2014") == "2014-06-21"
    assert parse_date("05/06/2023") is None  # day-first or month-first: we cannot tell
    assert parse_date("no date here") is None
