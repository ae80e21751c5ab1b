"""DATASHEET.md: the seven question groups of Gebru et al., answered from sources and the build.

Nothing here is boilerplate the build did not check: counts, languages, dates, rejections and
caveats come from what was measured or from what each source declares about itself.
"""

from __future__ import annotations

from pathlib import Path

from builder.ingest.sources import Source


def caveats(summary: dict, sources: list[Source]) -> list[str]:
    """Each source's declared caveats, then the ones the build itself noticed."""
    found = []
    for source in sources:
        info = source.info
        if info.get("state_affiliated"):
            found.append(
                f"**{info['name']}**: the publisher, {info['publisher']}, is "
                "state-affiliated media; its pages present that state's positions."
            )
        found += [f"**{info['name']}**: {c}" for c in info.get("caveats", [])]
    kept = summary["kept"] or 1
    if summary["documents_without_date"]:
        n = summary["documents_without_date"]
        found.append(
            f"{n:,} of {summary['kept']:,} documents ({n / kept:.0%}) have no "
            "publication date; `published_at` is null for them, never guessed."
        )
    if summary["low_confidence_language"]:
        n = summary["low_confidence_language"]
        found.append(
            f"{n:,} documents ({n / kept:.0%}) have a low-confidence or undetermined "
            "language label (`language_score` < 0.8 or `und`)."
        )
    if summary["pii_found"]:
        found.append(
            f"{summary['pii_found']:,} e-mail addresses, phone numbers or IP addresses "
            f"were found in {summary['pii_documents']:,} documents (see `pii_count`)."
        )
    found.append(
        "Main-text extraction is automatic: some page furniture (captions, teasers, "
        "footers) may remain, and some article text may be lost."
    )
    return found


def write_datasheet(folder: Path, meta: dict, summary: dict, sources: list[Source]) -> None:
    (folder / "DATASHEET.md").write_text(render(meta, summary, sources), encoding="utf-8")


def render(meta: dict, summary: dict, sources: list[Source]) -> str:
    name, version = meta["pretty_name"], meta["version"]
    s = summary
    out = [
        f"# Datasheet: {name} v{version}",
        "",
        "Answers to the questions of *Datasheets for Datasets* (Gebru et al., 2021), written "
        "by corpus-builder from the sources' `source.toml` files and from what this build "
        "measured.",
        "",
    ]
    out += [
        "## 1. Motivation",
        "",
        f"- **Why was it created?** {meta['description']}",
        "- **Who created it?** "
        + (", ".join(meta["authors"]) or "the maintainers of this release (see CITATION.cff)")
        + ".",
        "- **Funding:** not stated.",
        "",
    ]
    out += [
        "## 2. Composition",
        "",
        f"- **Instances:** {s['kept']:,} documents (web pages reduced to their main text), "
        f"{s['words']:,} words, {s['chars']:,} characters.",
        f"- **Raw records:** {s['records']:,} read; {s['kept']:,} kept and "
        f"{s['rejected']:,} rejected (see below and `ledger.parquet`).",
        "- **Splits:** " + ", ".join(f"{k} {v:,}" for k, v in s["splits"].items()) + ".",
        "- **Sample or complete?** A sample: the pages in the raw folder, not a crawl of "
        "any whole site.",
        "- **Labels:** language (automatic), duplicate cluster, and labels carried from the "
        "raw records' metadata.",
        "- **Confidential or offensive content:** pages are published web text and may "
        "contain either; see the caveats.",
        "",
    ]
    out += [
        "### Sources",
        "",
        "| source | publisher | license | raw records | documents |",
        "|---|---|---|---:|---:|",
    ]
    for source in sources:
        i = source.info
        out.append(
            f"| {i['name']} | {i['publisher']} | {i['license']} | "
            f"{s['records_by_source'].get(i['name'], 0):,} | "
            f"{s['sources'].get(i['name'], 0):,} |"
        )
    out += ["", "### Languages", "", "| language | documents | share |", "|---|---:|---:|"]
    for code, n in s["languages"].items():
        out.append(f"| {code} | {n:,} | {n / max(s['kept'], 1):.1%} |")
    out += [
        "",
        "![Documents by language](figures/languages.svg)",
        "",
        "### Lengths (words per document)",
        "",
        "![Documents by length](figures/lengths.svg)",
        "",
        "| at least | documents |",
        "|---:|---:|",
    ]
    out += [f"| {edge} | {n:,} |" for edge, n in s["length_words"].items() if n]
    pub, fetched = s["published_range"], s["fetched_range"]
    out += [
        "",
        "### Dates",
        "",
        f"- Published: {pub[0]} to {pub[1]}." if pub else "- Published: no page states a date.",
        f"- Fetched: {fetched[0]} to {fetched[1]}." if fetched else "- Fetched: not recorded.",
        "",
    ]
    out += ["## 3. Collection process", ""]
    for source in sources:
        i = source.info
        out.append(
            f"- **{i['name']}** ({i.get('homepage', 'no homepage')}): {i['description']} "
            f"Collected: {i['collected']}."
            + (f" Method: {i['collection_method']}." if i.get("collection_method") else "")
        )
    out += [
        "",
        "## 4. Preprocessing, cleaning, labeling",
        "",
        "Each raw record was decoded (byte-order mark, UTF-8, declared charset, then "
        "charset-normalizer), validated against `schemas/raw_record`, reduced to its main "
        "text, NFC-normalised, filtered by quality rules, language-tagged and deduplicated "
        "(exact hash, then MinHash LSH verified by shingle containment). The raw pages are "
        "not part of the release; `raw_path`, `raw_offset` and `raw_sha256` trace every row "
        "back to them.",
        "",
        "Methods, by name and setting:",
        "",
    ]
    out += [f"- {m}" for m in meta.get("methods", [])]
    out += ["", "| stage | reason | records |", "|---|---|---:|"]
    for key, n in s["rejected_by_reason"].items():
        stage, reason = key.split(":", 1)
        out.append(f"| {stage} | {reason} | {n:,} |")
    dupes = s["duplicates_removed"]
    out += [
        "",
        "Duplicates removed: "
        + (", ".join(f"{k} {v:,}" for k, v in dupes.items()) or "none")
        + ".",
        f"Personal data (e-mail, phone, IP) found: {s['pii_found']:,}.",
        "",
    ]
    out += [
        "## 5. Uses",
        "",
        "- **Intended:** language-model pre-training and evaluation research, corpus "
        "studies, and as a worked example of a reproducible web-text release.",
        "- **Not suitable for:** factual reference, or any use the source licenses forbid; "
        "read each source's license below before redistributing text.",
        "- **Risks:** the caveats below.",
        "",
    ]
    out += ["### Caveats", ""] + [f"- {c}" for c in caveats(s, sources)] + [""]
    out += [
        "## 6. Distribution",
        "",
        f"- **License of the release:** {meta['license']}. Source licenses:",
    ]
    out += [
        f"  - {src.info['name']}: {src.info['license']}"
        + (f" ({src.info['license_note']})" if src.info.get("license_note") else "")
        for src in sources
    ]
    out += [
        "- **Format:** Parquet shards with a dataset card (`README.md`), `schema.json`, "
        "`manifest.json` (SHA-256 of every file) and `CITATION.cff`.",
        "",
    ]
    out += [
        "## 7. Maintenance",
        "",
        f"- **Version:** {version}"
        + (f", built on v{meta['parent']}" if meta["parent"] else "")
        + f"; released {meta['date']}.",
        "- **Updates:** new versions are built on top of this one with `--parent`; "
        "documents keep their ids and splits, and `CHANGES.md` lists what changed.",
        "- **Errata and removal requests:** open an issue with the document `id`.",
        "",
    ]
    return "\n".join(out)
