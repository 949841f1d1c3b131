"""Lexicons are YAML data files under newswatch/data/lexicons, reviewed like code."""

from __future__ import annotations

import functools
from importlib import resources
from typing import Any

import yaml


class LexiconError(ValueError):
    pass


@functools.lru_cache(maxsize=None)
def load(name: str) -> Any:
    """Load `data/lexicons/<name>.yaml`. Cached: lexicons are read-only data."""
    path = resources.files("newswatch") / "data" / "lexicons" / f"{name}.yaml"
    try:
        with path.open("r", encoding="utf-8") as handle:
            return yaml.safe_load(handle)
    except FileNotFoundError as exc:
        raise LexiconError(f"lexicon {name!r} not found at {path}") from exc
    except yaml.YAMLError as exc:
        raise LexiconError(f"lexicon {path}: {exc}") from exc
