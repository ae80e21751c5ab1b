from __future__ import annotations

import polars as pl

from builder.dedup.cluster import find_duplicates
from builder.dedup.config import DedupConfig

from .helpers import Loader, dev_gold, dev_texts, features, pairwise_scores

CFG = DedupConfig()


def run(texts, cfg=CFG, fetched_at=None, pinned=frozenset(), order=None):
    frame = features(texts, cfg, fetched_at)
    if order is not None:
        frame = frame[order]
    return find_duplicates(frame, Loader(texts), cfg, pinned)


def by_id(result: pl.DataFrame) -> dict[str, dict]:
    return {row["id"]: row for row in result.iter_rows(named=True)}


def test_dev_clusters_match_gold_and_index_pages_stay_alone():
    texts, gold = dev_texts(), dev_gold()
    result = by_id(run(texts))
    precision, recall = pairwise_scores({i: r["cluster"] for i, r in result.items()}, gold)
    assert precision == 1.0
    assert recall >= 0.95
    for index_page in ("d00019", "d00033", "d00063", "d00097"):
        assert result[index_page]["cluster"] == index_page
        assert result[index_page]["duplicate_of"] is None
    # A copy holding half the article, with typos, is found through containment.
    assert result["d00010"]["cluster"] == result["d00044"]["cluster"]


def test_every_removed_document_names_its_kept_representative():
    result = by_id(run(dev_texts()))
    kept = {i for i, r in result.items() if r["duplicate_of"] is None}
    for row in result.values():
        if row["duplicate_of"] is None:
            assert row["cluster"] == row["id"] and row["kind"] is None
        else:
            assert row["duplicate_of"] == row["cluster"] and row["duplicate_of"] in kept
            assert row["kind"] in ("exact", "near")
            assert 0.0 < row["similarity"] <= 1.0
    # d00078 is an exact copy of d00040; both duplicate the longer copy with a site's header.
    assert result["d00078"]["duplicate_of"] == result["d00040"]["duplicate_of"] == "d00065"
    assert result["d00078"]["similarity"] == result["d00040"]["similarity"]
    assert result["d00010"]["kind"] == "near" and result["d00010"]["similarity"] >= CFG.containment


def test_the_longest_text_is_kept_then_the_earliest_fetch_then_the_smallest_id():
    body = dev_texts()["d00044"]
    texts = {
        "b": body,
        "a": body,
        "c": body + "\nOne more closing line of the story here.",
        "d": body,
    }
    result = by_id(
        run(texts, fetched_at={"a": "2024-05-02T00:00:00Z", "b": "2024-05-01T00:00:00Z"})
    )
    assert {r["cluster"] for r in result.values()} == {"c"}
    assert result["c"]["duplicate_of"] is None
    assert result["b"]["kind"] == "near"  # one line shorter: not the same text
    texts.pop("c")
    result = by_id(
        run(texts, fetched_at={"a": "2024-05-02T00:00:00Z", "b": "2024-05-01T00:00:00Z"})
    )
    assert result["a"]["duplicate_of"] == "b" and result["d"]["duplicate_of"] == "b"
    assert result["a"]["kind"] == "exact"
    result = by_id(run(texts))  # no fetch times: the smallest id
    assert result["b"]["duplicate_of"] == "a"


def test_two_runs_and_any_input_order_keep_the_same_documents():
    texts = dev_texts()
    first = run(texts).sort("id")
    n = len(texts)
    shuffled = run(texts, order=[(i * 7) % n for i in range(n)]).sort("id")
    assert first.equals(shuffled)
    assert first.equals(run(texts).sort("id"))


def test_released_documents_stay_and_represent_their_cluster():
    texts = dev_texts()
    result = by_id(run(texts, pinned=frozenset({"d00010", "d00053"})))
    assert result["d00010"]["duplicate_of"] is None and result["d00053"]["duplicate_of"] is None
    assert result["d00044"]["duplicate_of"] in {"d00010", "d00053"}
    assert {result[i]["cluster"] for i in ("d00007", "d00044", "d00053")} == {"d00053"}


def test_exact_only_leaves_near_copies_alone():
    result = by_id(run(dev_texts(), cfg=DedupConfig(near=False)))
    removed = {i: r for i, r in result.items() if r["duplicate_of"] is not None}
    assert set(removed) == {"d00078"}
    assert removed["d00078"]["duplicate_of"] == "d00040"


def test_only_candidate_texts_are_loaded():
    texts = dev_texts()
    loader = Loader(texts)
    find_duplicates(features(texts, CFG), loader, CFG)
    assert loader.asked < set(texts)  # documents in no candidate pair are never read


def test_no_documents_give_an_empty_frame():
    empty = features({}, CFG)
    result = find_duplicates(empty, Loader({}), CFG)
    assert result.height == 0
    assert result.columns == ["id", "cluster", "duplicate_of", "similarity", "kind"]


def test_a_page_quoting_a_short_article_first_then_other_openings_is_not_its_copy():
    texts = dev_texts()
    article = texts["d00056"].split("\n")[2]  # a one-paragraph article (with a site's chrome)
    openings = [texts[i].split("\n")[0] for i in ("d00044", "d00051", "d00007")]
    texts["index"] = "\n".join(["Latest stories", article, *openings, "More headlines"])
    result = by_id(run(texts))
    assert result["index"]["cluster"] == "index"
    assert result["d00056"]["cluster"] != "index"
