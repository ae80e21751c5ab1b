"""Exact and near-duplicate detection.

Pass B (workers, per document): `features.exact_key` and `features.band_keys` (rensa MinHash
LSH over word 5-gram shingles, plus the key of the document's opening line).
Pass C (main process, whole corpus, features only): `cluster.find_duplicates` groups exact keys,
pairs documents sharing a band key (`candidates`), verifies each pair on its texts by shingle
containment (`verify`, `openings`) and joins verified pairs by union-find. Every cluster keeps
one representative: released documents first, then the longest text, the earliest fetch, the
smallest id. Each removed document names it, with the similarity and the kind (exact or near).
Pass D (sequential): `paragraphs.ParagraphDeduper` drops paragraphs repeated within a source.
Settings: `config.DedupConfig`, the TOML section `[dedup]`.
"""
