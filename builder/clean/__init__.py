"""Cleaning: main-text extraction from HTML and plain-text dumps, metadata, quality rules.

extract(content, content_type, cfg, furniture=None, url=None) -> Extracted
Furniture.learn(pages) -> per-source recurring lines
CleanStage(cfg, furniture), QualityStage(cfg): the two pipeline stages
"""

from builder.clean.config import CleanConfig, QualityConfig
from builder.clean.extract import Extracted, extract
from builder.clean.furniture import Furniture
from builder.clean.quality import QualityStage
from builder.clean.stage import CleanStage

__all__ = [
    "CleanConfig",
    "CleanStage",
    "Extracted",
    "Furniture",
    "QualityConfig",
    "QualityStage",
    "extract",
]
