"""The nesting estimate that guards the extractors against pathological pages."""

from __future__ import annotations

from pathlib import Path

from builder.ingest.depth import html_depth, too_deep

PAGES = Path(__file__).parents[1] / "data" / "pages"


def test_nesting_is_counted_and_closing_tags_step_back():
    assert html_depth("<div><section><div>x</div></section></div>", 100) == 3
    assert html_depth("<div></div><div></div><div><span>x</span></div>", 100) == 2
    assert html_depth("<DIV><Div>x</div></DIV>", 100) == 2  # names in any case


def test_optional_and_void_tags_are_not_counted():
    page = "<html><body><p>a<p>b<ul><li>c<li>d</ul><br><img src=x><hr/></body></html>"
    assert html_depth(page, 100) == 1  # only the <ul>


def test_self_closing_tags_and_stray_brackets_are_not_counted():
    assert html_depth("<div/><span/><x-y/>", 100) == 0
    assert html_depth("a < b and c <= d, 1<2", 100) == 0
    # A `<` inside an attribute belongs to its tag, not to a tag of its own.
    assert html_depth('<div title="<span <b">x</div>', 100) == 1


def test_stray_closing_tags_never_go_below_zero():
    assert html_depth("</div></div></div><div><div>x", 100) == 2


def test_a_tag_whose_end_is_too_far_is_not_a_tag():
    assert html_depth("<div" + " " * 2000 + "><div>", 100) == 2
    assert html_depth("<div" + " " * 2001 + "><div>", 100) == 1


def test_deep_pages_are_capped_and_real_pages_are_shallow():
    assert html_depth("<div>" * 100_000, 1_001) == 1_001
    for path in sorted(PAGES.glob("*.html")):
        assert 5 < html_depth(path.read_text("utf-8"), 1_001) < 100, path.name


def test_too_deep_agrees_with_the_depth_on_real_and_deep_pages():
    pages = [p.read_text("utf-8") for p in sorted(PAGES.glob("*.html"))]
    pages += ["<div>" * 30 + "x", "<br>" * 30, "<div></div>" * 30]
    for page in pages:
        for limit in (3, 10, 25, 1_000):
            assert too_deep(page, limit) == (html_depth(page, limit + 1) > limit)
    assert too_deep("<div>" * 1_001, 1_000) and not too_deep("<div>" * 1_000, 1_000)
