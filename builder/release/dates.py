"""The release date: fixed by config or SOURCE_DATE_EPOCH, so rebuilds give the same bytes."""

from __future__ import annotations

import os
from datetime import UTC, datetime


def release_date(configured: str | None) -> str:
    """YYYY-MM-DD from the config, else SOURCE_DATE_EPOCH, else today in UTC."""
    if configured:
        return datetime.fromisoformat(configured).date().isoformat()
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    moment = datetime.fromtimestamp(int(epoch), UTC) if epoch else datetime.now(UTC)
    return moment.date().isoformat()
