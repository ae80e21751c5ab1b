"""What a build measured, gathered while writing, for the card, datasheet and summary."""

from __future__ import annotations

from collections import Counter

LENGTH_BUCKETS = (0, 50, 100, 200, 500, 1000, 2000, 5000, 10000)  # words


class Stats:
    def __init__(self, splits: tuple[str, ...]) -> None:
        self.splits = splits
        self.records = 0
        self.kept = 0
        self.rejected: Counter = Counter()  # (stage, reason) -> n
        self.by_split: Counter = Counter({s: 0 for s in splits})
        self.by_language: Counter = Counter()
        self.by_source: Counter = Counter()
        self.records_by_source: Counter = Counter()
        self.language_by_split: Counter = Counter()
        self.duplicates: Counter = Counter()  # kind -> n
        self.length_words: Counter = Counter()  # bucket lower edge -> n
        self.words = 0
        self.chars = 0
        self.published: list[str] = []
        self.fetched: list[str] = []
        self.no_date = 0
        self.low_confidence = 0
        self.pii = 0
        self.pii_documents = 0

    def add_ledger(self, row: dict) -> None:
        self.records += 1
        self.records_by_source[row["source"]] += 1
        if row["status"] == "kept":
            self.kept += 1
        else:
            self.rejected[(row["stage"], row["reason"])] += 1
            if row["stage"] == "dedup" and row["duplicate_kind"]:
                self.duplicates[row["duplicate_kind"]] += 1

    def add_document(self, doc: dict, split: str) -> None:
        self.by_split[split] += 1
        self.by_language[doc["language"]] += 1
        self.language_by_split[(doc["language"], split)] += 1
        self.by_source[doc["source"]] += 1
        words = doc["n_words"]
        self.words += words
        self.chars += doc["n_chars"]
        self.length_words[max(b for b in LENGTH_BUCKETS if b <= words)] += 1
        if doc["published_at"]:
            self._span(self.published, doc["published_at"])
        else:
            self.no_date += 1
        if doc["fetched_at"]:
            self._span(self.fetched, doc["fetched_at"])
        if doc["language"] == "und" or doc["language_score"] < 0.8:
            self.low_confidence += 1
        if doc["pii_count"]:
            self.pii += doc["pii_count"]
            self.pii_documents += 1

    @staticmethod
    def _span(span: list[str], value: str) -> None:
        if not span:
            span.extend([value, value])
        else:
            span[0] = min(span[0], value)
            span[1] = max(span[1], value)

    def summary(self) -> dict:
        """Plain JSON-able numbers, sorted, so the manifest's bytes never depend on dict order."""
        return {
            "records": self.records,
            "kept": self.kept,
            "rejected": sum(self.rejected.values()),
            "rejected_by_reason": {f"{s}:{r}": n for (s, r), n in sorted(self.rejected.items())},
            "splits": {s: self.by_split[s] for s in self.splits},
            "languages": dict(sorted(self.by_language.items(), key=lambda kv: (-kv[1], kv[0]))),
            "languages_by_split": {
                f"{lang}:{split}": n for (lang, split), n in sorted(self.language_by_split.items())
            },
            "sources": dict(sorted(self.by_source.items())),
            "records_by_source": dict(sorted(self.records_by_source.items())),
            "duplicates_removed": dict(sorted(self.duplicates.items())),
            "length_words": {str(b): self.length_words[b] for b in LENGTH_BUCKETS},
            "words": self.words,
            "chars": self.chars,
            "published_range": self.published or None,
            "fetched_range": self.fetched or None,
            "documents_without_date": self.no_date,
            "low_confidence_language": self.low_confidence,
            "pii_found": self.pii,
            "pii_documents": self.pii_documents,
        }
