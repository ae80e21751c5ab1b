"""JSON Schemas (draft 2020-12) from `schemas/`, used at run time to validate what flows in and out.

`schemas/` is a link to `builder/schemas/`, so the files ship inside the wheel.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from jsonschema import Draft202012Validator

SCHEMAS = ("source", "raw_record", "document", "manifest")


@cache
def load_schema(name: str) -> dict:
    text = resources.files("builder").joinpath("schemas", f"{name}.schema.json").read_text("utf-8")
    return json.loads(text)


@cache
def validator(name: str) -> Draft202012Validator:
    return Draft202012Validator(
        load_schema(name), format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def errors(name: str, instance: object) -> list[str]:
    """Every way `instance` breaks schema `name`, as 'path: message' lines (empty when valid)."""
    found = sorted(validator(name).iter_errors(instance), key=lambda e: list(map(str, e.path)))
    return [f"{'/'.join(map(str, e.path)) or '(root)'}: {e.message}" for e in found]
