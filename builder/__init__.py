"""corpus-builder: raw web page dumps in, versioned dataset releases out."""

__version__ = "0.1.0"
