"""One typed BuildConfig, read from a TOML file, with defaults that serve without one.

Each stage owns the dataclass of its own section (`[clean]` lives in builder/clean/config.py,
and so on); this module composes them. Section and key names are a public contract: scripts
outside the project write these files, so keys are only ever added, never renamed.
"""

from __future__ import annotations

import dataclasses
import tomllib
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path

from builder.clean.config import CleanConfig, QualityConfig
from builder.dedup.config import DedupConfig
from builder.label.language import LanguageConfig
from builder.label.pii import PiiConfig


class ConfigError(ValueError):
    """A config file that cannot be used, with the key at fault."""


@dataclass(frozen=True)
class IngestConfig:
    """Limits that keep hostile raw input from exhausting the machine."""

    max_page_bytes: int = 8_000_000  # one page (HTML or dump) after decoding
    max_line_chars: int = 200_000  # one line of a page; longer lines are not text
    max_html_depth: int = 1_000  # element nesting; deeper pages stall DOM parsers
    max_records_per_file: int = 1_000_000
    max_decompressed_bytes: int = 1_000_000_000  # per compressed file: gzip bombs stop here
    max_compression_ratio: int = 200  # text compresses ~5-20x; far more is a bomb
    sources: tuple[str, ...] = ()  # build only these sources of the raw folder (empty: all)


@dataclass(frozen=True)
class SplitConfig:
    """Split ratios; a zero ratio means no such split."""

    train: float = 0.8
    validation: float = 0.1
    test: float = 0.1


@dataclass(frozen=True)
class ReleaseConfig:
    name: str = "corpus"
    pretty_name: str = "Corpus"
    description: str = "Web pages cleaned to their main text, language-tagged and deduplicated."
    license: str = "other"
    date: str | None = None  # release date; else SOURCE_DATE_EPOCH; else today (UTC)
    authors: tuple[str, ...] = ()
    doi: str | None = None
    homepage: str | None = None
    task_categories: tuple[str, ...] = ("text-generation",)
    shard_rows: int = 50_000  # rows per Parquet shard


@dataclass(frozen=True)
class EngineConfig:
    shard_records: int = 256  # raw records per work shard (the unit of parallelism and resume)
    # ...and at most this many characters of raw pages in one: a shard of large HTML pages is
    # cut sooner, so the pages in flight between the reader and the workers stay a few hundred MB.
    shard_bytes: int = 16_000_000
    # Shards of plain-text dumps wait for their source's furniture, pickled in the work folder,
    # up to this many characters of raw pages; shards past it are read again instead.
    held_bytes: int = 4_000_000_000
    workers: int = 0  # 0: all cores


@dataclass(frozen=True)
class BuildConfig:
    ingest: IngestConfig = field(default_factory=IngestConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    quality: QualityConfig = field(default_factory=QualityConfig)
    language: LanguageConfig = field(default_factory=LanguageConfig)
    pii: PiiConfig = field(default_factory=PiiConfig)
    dedup: DedupConfig = field(default_factory=DedupConfig)
    split: SplitConfig = field(default_factory=SplitConfig)
    release: ReleaseConfig = field(default_factory=ReleaseConfig)
    engine: EngineConfig = field(default_factory=EngineConfig)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> BuildConfig:
        return _build(cls, data, "")

    @classmethod
    def load(cls, path: str | Path | None) -> BuildConfig:
        if path is None:
            return cls()
        try:
            data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read config {path}: {exc}") from exc
        config = cls.from_dict(data)
        config.check()
        return config

    def check(self) -> None:
        ratios = (self.split.train, self.split.validation, self.split.test)
        if any(r < 0 for r in ratios) or abs(sum(ratios) - 1.0) > 1e-9:
            raise ConfigError(f"[split] ratios must be >= 0 and sum to 1, got {ratios}")
        engine = self.engine
        if min(engine.shard_records, engine.shard_bytes, self.release.shard_rows) < 1:
            raise ConfigError(
                "[engine] shard_records, shard_bytes and [release] shard_rows must be >= 1"
            )
        if engine.held_bytes < 0:
            raise ConfigError("[engine] held_bytes must be >= 0")
        from builder.label.language import LanguageTagger

        try:
            LanguageTagger(self.language)  # cheap: models load on the first text
        except ValueError as exc:
            raise ConfigError(str(exc)) from None


def _build(cls: type, data: dict, where: str) -> object:
    if not isinstance(data, dict):
        raise ConfigError(f"[{where}] must be a table")
    hints = typing.get_type_hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    unknown = sorted(set(data) - known)
    if unknown:
        raise ConfigError(f"unknown config key(s) {unknown} in [{where or 'top level'}]")
    values = {}
    for name, value in data.items():
        key = f"{where}.{name}" if where else name
        hint = hints[name]
        if dataclasses.is_dataclass(hint):
            values[name] = _build(hint, value, key)
        else:
            values[name] = _coerce(hint, value, key)
    try:
        return cls(**values)
    except ValueError as exc:  # a section's own check of its values
        text = str(exc)
        raise ConfigError(text if text.startswith("[") else f"[{where}] {text}") from None


def _coerce(hint: object, value: object, key: str) -> object:
    """Check a TOML value against the field's type; TOML arrays become tuples."""
    allowed = typing.get_args(hint) if isinstance(hint, types.UnionType) else (hint,)
    for kind in allowed:
        origin = typing.get_origin(kind) or kind
        if kind is type(None) and value is None:
            return None
        if origin is tuple and isinstance(value, list):
            return tuple(value)
        if origin is float and isinstance(value, int | float) and not isinstance(value, bool):
            return float(value)
        if origin is int and isinstance(value, bool):
            continue
        if isinstance(origin, type) and isinstance(value, origin):
            return value
    raise ConfigError(f"config key {key} = {value!r} is not of type {hint}")
