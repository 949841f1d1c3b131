"""newswatch: who did what to whom, where and when, from the news."""

from __future__ import annotations

__version__ = "0.1.0"

import datetime as _dt
from collections.abc import Iterable, Iterator

from .schema import Brief

__all__ = ["Analyzer", "ArticleInput", "Brief", "analyze", "analyze_many", "__version__"]


def __getattr__(name):
    # Keep `import newswatch` cheap: spaCy loads only when analysis is asked for.
    if name in ("Analyzer", "ArticleInput"):
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(name)


def _analyzer(model: str | None):
    from .nlp import DEFAULT_MODEL
    from .pipeline import Analyzer

    return _cached_analyzer(model or DEFAULT_MODEL, Analyzer)


def _cached_analyzer(model, factory, _cache={}):  # noqa: B006 - one Analyzer per model per process
    if model not in _cache:
        _cache[model] = factory(model)
    return _cache[model]


def analyze(text: str, published: _dt.date | str | None = None, model: str | None = None) -> Brief:
    """Analyse one article text into a Brief."""
    if isinstance(published, str):
        published = _dt.date.fromisoformat(published)
    return _analyzer(model).analyze(text, published=published)


def analyze_many(texts: Iterable, model: str | None = None) -> Iterator[Brief]:
    """Analyse many texts (str or ArticleInput), loading the model once and parsing in batches."""
    return _analyzer(model).analyze_many(texts)
