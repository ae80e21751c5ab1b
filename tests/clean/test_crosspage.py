"""Furniture learned across pages of one source (pass A of a build).

data/crosspage/ holds seven small dumps of medium.com pages (rendered from bench pages: the
article's first lines and the page's tail). One furniture line there reads like prose and the
classifier alone keeps it on some pages; the source's other pages show it for what it is.
"""

from __future__ import annotations

from pathlib import Path

from builder.clean import CleanConfig, CleanStage, Furniture, extract
from builder.document import Document

PAGES = [
    p.read_text(encoding="utf-8")
    for p in sorted((Path(__file__).parent / "data" / "crosspage").glob("*.txt"))
]
UNLISTED = "The author chose to make this story unlisted"


def test_learns_recurring_lines_only():
    furniture = Furniture.learn(PAGES)
    assert furniture.pages == len(PAGES)
    assert any(
        UNLISTED in line for page in PAGES for line in page.splitlines() if line in furniture
    )
    first_lines = [page.splitlines()[0] for page in PAGES]
    recurring = [line for line in first_lines if sum(line in p.splitlines() for p in PAGES) >= 3]
    assert all(line in furniture for line in recurring)
    article = max(PAGES[0].splitlines(), key=len)
    assert article not in furniture


def test_furniture_helps_where_the_classifier_alone_fails():
    cfg = CleanConfig()
    furniture = Furniture.learn(PAGES)
    alone = [extract(p, "text", cfg).text for p in PAGES]
    learned = [extract(p, "text", cfg, furniture).text for p in PAGES]
    assert sum(UNLISTED in t for t in alone) >= 1
    assert sum(UNLISTED in t for t in learned) == 0
    for a, b in zip(alone, learned, strict=True):  # nothing else is lost
        assert set(b.split("\n\n")) <= set(a.split("\n\n"))
        assert len(b) >= 0.8 * len(a)


def test_learning_is_deterministic_and_capped():
    assert Furniture.learn(PAGES) == Furniture.learn(iter(PAGES))
    small = Furniture.learn(PAGES, max_lines=50)
    assert len(small) <= 50
    assert Furniture.learn([]).pages == 0 and len(Furniture.learn([])) == 0


def test_a_single_page_source_learns_nothing():
    assert len(Furniture.learn(PAGES[:1])) == 0
    assert len(Furniture.learn(PAGES[:2])) == 0  # below min_pages: no evidence yet


def test_stage_uses_the_furniture_of_the_document_source():
    furniture = {"medium": Furniture.learn(PAGES)}
    docs = [Document(source="medium", raw_path=f"{i}.txt", content=p) for i, p in enumerate(PAGES)]
    out = list(CleanStage(CleanConfig(), furniture).run(docs))
    assert all(UNLISTED not in d.text for d in out)
    off = [Document(source="medium", raw_path=f"{i}.txt", content=p) for i, p in enumerate(PAGES)]
    out = list(CleanStage(CleanConfig(cross_page=False), furniture).run(off))
    assert any(UNLISTED in d.text for d in out)
