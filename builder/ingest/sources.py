"""Find the sources in a raw folder and the files of each, in a fixed order.

A source is a folder of `raw/` with a `source.toml` (validated against schemas/source). Files are
listed sorted, so every run reads the same records in the same order; links that lead outside
the raw folder, and files outside any source, become rejected records, not crashes.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from builder.ingest.readers import RawFile
from builder.schema import errors as schema_errors

SOURCE_FILE = "source.toml"


class SourceError(ValueError):
    """A source.toml that cannot be used; the build stops with this message."""


@dataclass(frozen=True)
class Source:
    name: str
    folder: Path
    info: dict = field(hash=False, compare=False)


@dataclass(frozen=True)
class Unsafe:
    """A path in raw/ that is not read: it escapes the folder, or belongs to no source."""

    rel: str
    reason: str
    detail: str
    source: str = "(none)"


def load_source(folder: Path) -> Source:
    path = folder / SOURCE_FILE
    try:
        info = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise SourceError(f"{path}: {exc}") from exc
    problems = schema_errors("source", info)
    if problems:
        raise SourceError(f"{path}: " + "; ".join(problems))
    return Source(info["name"], folder, info)


def find_sources(raw: Path) -> list[Source]:
    """Every source under `raw` (a folder with source.toml, or raw itself), sorted by name."""
    raw = raw.resolve()
    folders = [raw] if (raw / SOURCE_FILE).is_file() else []
    folders += sorted(p.parent for p in raw.rglob(SOURCE_FILE) if p.parent != raw)
    sources = [load_source(folder) for folder in folders]
    names = [s.name for s in sources]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise SourceError(f"two source.toml files use the name(s) {dupes}")
    return sorted(sources, key=lambda s: s.name)


def raw_files(raw: Path, sources: list[Source]) -> Iterator[RawFile | Unsafe]:
    """Each raw file, owned by its nearest source, in sorted path order."""
    raw = raw.resolve()
    owners = {s.folder.resolve(): s for s in sources}
    for path in sorted(raw.rglob("*"), key=lambda p: p.relative_to(raw).as_posix()):
        rel = path.relative_to(raw).as_posix()
        if (
            path.name == SOURCE_FILE
            or path.name.endswith(".meta.json")
            or path.name.startswith(".")
        ):
            continue
        owner = _owner(path, raw, owners)
        name = owner.name if owner else "(none)"
        problem = _unsafe(path, raw, rel)
        if problem == "skip":
            continue
        if problem:
            yield Unsafe(printable(rel), *problem, name)
        elif owner is None:
            yield Unsafe(rel, "no_source", f"no {SOURCE_FILE} in this folder or above it")
        else:
            yield RawFile(owner.name, path, rel, owner.info.get("license"))


def printable(rel: str) -> str:
    """A path as text the ledger can store: undecodable bytes of a file name escaped."""
    return rel.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def _unsafe(path: Path, raw: Path, rel: str) -> tuple[str, str] | str | None:
    """Why a path must not be read (reason, detail), "skip" for folders, None when it is fine."""
    if printable(rel) != rel:
        return "unsafe_path", "the file name is not valid UTF-8"
    try:
        if path.is_symlink():
            target = path.resolve(strict=True)
            if not target.is_relative_to(raw):
                return "unsafe_path", "a symbolic link that points outside the raw folder"
            if target.is_dir():
                return "skip"  # its files are listed where they really are
        elif path.is_dir():
            return "skip"
    except (OSError, RuntimeError) as exc:
        return "unsafe_path", f"a symbolic link that cannot be followed ({exc.__class__.__name__})"
    if not path.is_file():
        return "unreadable", "not a regular file (a pipe, socket or device)"
    return None


def _owner(path: Path, raw: Path, owners: dict[Path, Source]) -> Source | None:
    for parent in path.parents:
        if parent in owners:
            return owners[parent]
        if parent == raw:
            return None
    return None
