from __future__ import annotations

from builder.dedup.paragraphs import ParagraphDeduper

from .helpers import dev_texts


def test_repeated_title_and_teaser_lines_go_inside_one_document():
    text = "Title of the story\n\nA teaser line.\n\nTitle of the story\nA teaser line.\nThe body."
    assert (
        ParagraphDeduper().dedup("seed", text)
        == "Title of the story\n\nA teaser line.\n\nThe body."
    )


def test_boilerplate_paragraphs_go_from_later_documents_of_the_same_source_only():
    texts = dev_texts()
    deduper = ParagraphDeduper()
    first = deduper.dedup("ledger", texts["d00056"])  # site header and footer, one paragraph
    assert first == texts["d00056"]
    second = deduper.dedup("ledger", texts["d00003"])  # same site chrome, another article
    assert "Share this article: Facebook Twitter Email" not in second
    assert "Subscribe now for unlimited access" not in second
    assert second.strip() and len(second) < len(texts["d00003"])
    other = ParagraphDeduper()
    other.dedup("ledger", texts["d00056"])
    assert other.dedup("another site", texts["d00003"]) == texts["d00003"]


def test_repeats_differing_only_in_case_and_spacing_are_repeats():
    deduper = ParagraphDeduper()
    deduper.dedup("s", "Sign up for our newsletter")
    assert deduper.dedup("s", "Body.\n  sign up  for our NEWSLETTER \nEnd.") == "Body.\nEnd."
    assert deduper.dedup("s", "Body.\nEnd.") == ""
