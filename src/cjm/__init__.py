"""cjm: Customer Journey Maps as code."""

__version__ = "0.1.0"
