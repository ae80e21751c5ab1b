"""CITATION.cff (Citation File Format 1.2.0): how a paper cites this exact version."""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

import yaml


def citation(meta: dict) -> dict:
    authors = [_author(a) for a in meta["authors"]] or [{"name": "corpus-builder maintainers"}]
    cff = {
        "cff-version": "1.2.0",
        "message": "If you use this dataset, please cite this exact version.",
        "type": "dataset",
        "title": f"{meta['pretty_name']}",
        "version": meta["version"],
        "date-released": meta["date"],
        "authors": authors,
        "license": meta["license"] if _spdx_like(meta["license"]) else None,
        "abstract": meta["description"],
        "doi": meta["doi"],
        "url": meta["homepage"],
    }
    return {k: v for k, v in cff.items() if v is not None}


def write_citation(folder: Path, meta: dict) -> None:
    text = yaml.safe_dump(citation(meta), sort_keys=False, allow_unicode=True)
    (folder / "CITATION.cff").write_text(text, encoding="utf-8")


def _author(name: str) -> dict:
    """'Given Family' -> CFF person; a name with no space is an entity."""
    parts = name.strip().rsplit(" ", 1)
    if len(parts) == 2:
        return {"given-names": parts[0], "family-names": parts[1]}
    return {"name": name.strip()}


@cache
def cff_schema() -> dict:
    """The Citation File Format 1.2.0 JSON Schema (CC-BY-4.0, citation-file-format project)."""
    path = resources.files("builder").joinpath("release", "cff-1.2.0.schema.json")
    return json.loads(path.read_text("utf-8"))


def _spdx_like(license_id: str) -> bool:
    """CFF accepts only SPDX ids from its list; anything else is left out, not made up."""
    return license_id in cff_schema()["definitions"]["license-enum"]["enum"]
