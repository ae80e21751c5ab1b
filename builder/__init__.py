"""corpus-builder: raw web page dumps in, versioned dataset releases out."""

__version__ = "0.2.0"


def load(release, **kwargs):
    """A release folder as a `datasets.DatasetDict` (see builder/load.py)."""
    from builder.load import load as _load

    return _load(release, **kwargs)
