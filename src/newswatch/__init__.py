"""newswatch: who did what to whom, where and when, from the news."""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as _dt
import functools as _functools
from collections.abc import Iterable, Iterator

from .schema import Brief

__all__ = ["Analyzer", "ArticleInput", "Brief", "analyze", "analyze_many", "__version__"]


def __getattr__(name):
    # Keep `import newswatch` cheap: spaCy loads only when analysis is asked for.
    if name in ("Analyzer", "ArticleInput"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)


@_functools.lru_cache(maxsize=4)
def _analyzer(model: str | None):
    from .nlp import DEFAULT_MODEL
    from .pipeline import Analyzer

    return Analyzer(model or DEFAULT_MODEL)


def analyze(text: str, published: _dt.date | str | None = None, model: str | None = None) -> Brief:
    """Analyse one article text into a Brief. The model is loaded on first use and reused."""
    if isinstance(published, str):
        published = _dt.date.fromisoformat(published)
    return _analyzer(model).analyze(text, published=published)


def analyze_many(texts: Iterable, model: str | None = None) -> Iterator[Brief]:
    """Analyse many texts (str or ArticleInput), loading the model once and parsing in batches."""
    return _analyzer(model).analyze_many(texts)
