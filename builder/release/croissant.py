"""croissant.json: MLCommons Croissant 1.0 metadata, so ML tooling can find and read the release.

Every Parquet file is a FileObject with its SHA-256; one FileSet gathers them for the RecordSet,
which has one field per column (list-of-struct columns as repeated fields with sub-fields).
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa

from builder.release.manifest import file_sha256
from builder.rows import RELEASE_SCHEMA

CONTEXT = {
    "@language": "en",
    "@vocab": "https://schema.org/",
    "citeAs": "cr:citeAs",
    "column": "cr:column",
    "conformsTo": "dct:conformsTo",
    "cr": "http://mlcommons.org/croissant/",
    "rai": "http://mlcommons.org/croissant/RAI/",
    "data": {"@id": "cr:data", "@type": "@json"},
    "dataType": {"@id": "cr:dataType", "@type": "@vocab"},
    "dct": "http://purl.org/dc/terms/",
    "equivalentProperty": "cr:equivalentProperty",
    "examples": {"@id": "cr:examples", "@type": "@json"},
    "extract": "cr:extract",
    "field": "cr:field",
    "fileProperty": "cr:fileProperty",
    "fileObject": "cr:fileObject",
    "fileSet": "cr:fileSet",
    "format": "cr:format",
    "includes": "cr:includes",
    "isLiveDataset": "cr:isLiveDataset",
    "jsonPath": "cr:jsonPath",
    "key": "cr:key",
    "md5": "cr:md5",
    "parentField": "cr:parentField",
    "path": "cr:path",
    "recordSet": "cr:recordSet",
    "references": "cr:references",
    "regex": "cr:regex",
    "repeated": "cr:repeated",
    "replace": "cr:replace",
    "samplingRate": "cr:samplingRate",
    "sc": "https://schema.org/",
    "separator": "cr:separator",
    "source": "cr:source",
    "subField": "cr:subField",
    "transform": "cr:transform",
}
FILESET = "parquet-files"
RECORDS = "documents"


def _data_type(kind: pa.DataType) -> str:
    if pa.types.is_integer(kind):
        return "sc:Integer"
    if pa.types.is_floating(kind):
        return "sc:Float"
    if pa.types.is_boolean(kind):
        return "sc:Boolean"
    return "sc:Text"


def _field(column: pa.Field) -> dict:
    source = {"fileSet": {"@id": FILESET}, "extract": {"column": column.name}}
    field = {"@type": "cr:Field", "@id": f"{RECORDS}/{column.name}", "name": column.name}
    if pa.types.is_list(column.type) and pa.types.is_struct(column.type.value_type):
        field["repeated"] = True
        field["subField"] = [
            {
                "@type": "cr:Field",
                "@id": f"{RECORDS}/{column.name}/{sub.name}",
                "name": sub.name,
                "dataType": _data_type(sub.type),
                "source": {**source, "transform": {"jsonPath": sub.name}},
            }
            for sub in column.type.value_type
        ]
    else:
        field["dataType"] = _data_type(column.type)
        field["source"] = source
    return field


def croissant(folder: Path, meta: dict, data_files: dict, cite_as: str) -> dict:
    distribution = [
        {
            "@type": "cr:FileObject",
            "@id": name,
            "name": name,
            "contentUrl": name,
            "encodingFormat": "application/x-parquet",
            "sha256": file_sha256(folder / name),
        }
        for files in data_files.values()
        for name, _ in files
    ]
    distribution.append(
        {
            "@type": "cr:FileSet",
            "@id": FILESET,
            "name": FILESET,
            "encodingFormat": "application/x-parquet",
            "includes": "data/*.parquet",
        }
    )
    return {
        "@context": CONTEXT,
        "@type": "sc:Dataset",
        "name": meta["name"],
        "description": meta["description"],
        "conformsTo": "http://mlcommons.org/croissant/1.0",
        "license": meta["license"],
        "url": meta["homepage"] or "https://huggingface.co/datasets",
        "version": meta["version"],
        "datePublished": meta["date"],
        "citeAs": cite_as,
        "creator": [{"@type": "sc:Person", "name": a} for a in meta["authors"]]
        or [{"@type": "sc:Organization", "name": "corpus-builder maintainers"}],
        "distribution": distribution,
        "recordSet": [
            {
                "@type": "cr:RecordSet",
                "@id": RECORDS,
                "name": RECORDS,
                "description": "One cleaned web page per record; see README.md.",
                "field": [_field(c) for c in RELEASE_SCHEMA],
            }
        ],
    }


def write_croissant(folder: Path, meta: dict, data_files: dict) -> None:
    cite = (
        f"@misc{{{meta['name'].replace('-', '_')}_{meta['version'].replace('.', '_')},"
        f" title={{{meta['pretty_name']}}}, version={{{meta['version']}}},"
        f" year={{{meta['date'][:4]}}}}}"
    )
    doc = croissant(folder, meta, data_files, cite)
    (folder / "croissant.json").write_text(
        json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
