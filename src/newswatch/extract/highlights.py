"""Generated highlights: an extractive summary for articles that carry no highlights of their own.

Each sentence gets a score from a small logistic model over position, length, centrality and
quotation features (weights in data/lexicons/highlight_weights.yaml, fitted on one half of the
CNN/DM test set by `python -m bench.eval_highlights --train`). The best sentences are taken in
score order, skipping near-repeats of one already taken, and returned in article order.

Only tokenizer-level attributes and `doc.sents` are used, so a Doc from a sentence-only pipeline
works as well as a fully parsed one, and lowercased text scores almost like cased text (only the
tokenizer's case-sensitive exceptions, such as "U.S.", differ).
"""

from __future__ import annotations

import functools
import math
from collections import Counter

from spacy.tokens import Doc, Span as SpacySpan

from .. import lexicons
from ..schema import Highlight, Span

MIN_WORDS = 5
REDUNDANCY = 0.4  # share of a candidate's content words already in a chosen sentence (tuned on the training half)
_FIRST_PERSON = frozenset({"i", "we", "me", "us", "my", "our"})
FEATURES = (
    "bias",
    "first", "second", "third", "fourth", "fifth", "lead_decay", "relative_position",
    "words", "words_sq", "short", "long", "first_words",
    "centrality", "first_overlap", "word_share",
    "quoted_share", "opens_with_quote", "first_person", "question", "digits",
)


@functools.lru_cache(maxsize=1)
def _weights() -> tuple[float, ...]:
    table = lexicons.load("highlight_weights")["weights"]
    return tuple(float(table.get(name, 0.0)) for name in FEATURES)


def _content_words(sent: SpacySpan) -> list[str]:
    return [t.lower_ for t in sent if (t.is_alpha or t.like_num) and not t.is_stop]


def _quoted_share(sent: SpacySpan) -> float:
    inside, count, words = False, 0, 0
    for token in sent:
        if token.is_quote and token.text not in ("'", "’"):
            inside = not inside
            continue
        if token.is_alpha:
            words += 1
            count += inside
    return count / words if words else 0.0


def sentence_features(doc: Doc) -> list[tuple[SpacySpan, list[float]]]:
    """Every sentence with at least MIN_WORDS words, with its feature vector (order of FEATURES)."""
    sents = [s for s in doc.sents if sum(t.is_alpha for t in s) >= MIN_WORDS]
    if not sents:
        return []
    contents = [_content_words(s) for s in sents]
    doc_frequency = Counter(w for words in contents for w in set(words))
    first = set(contents[0])
    rows = []
    for index, (sent, words) in enumerate(zip(sents, contents)):
        n_words = sum(t.is_alpha or t.like_num for t in sent)
        unique = set(words)
        centrality = sum(doc_frequency[w] - 1 for w in unique) / (len(sents) * math.sqrt(len(unique) or 1))
        overlap = len(unique & first) / (len(unique | first) or 1) if index else 1.0
        stripped = sent.text.strip()
        n_tokens = sum(not t.is_space for t in sent)
        features = [
            1.0,
            float(index == 0), float(index == 1), float(index == 2), float(index == 3), float(index == 4),
            1.0 / (1 + index), index / len(sents),
            n_words / 30, (n_words / 30) ** 2, float(n_words < 10), float(n_words > 45), float(index == 0) * n_words / 30,
            centrality, overlap, n_words / (n_tokens or 1),
            _quoted_share(sent), float(sent[0].is_quote or stripped[:1] in "“\"'"),
            float(any(t.lower_ in _FIRST_PERSON for t in sent)), float(stripped.endswith("?") or stripped.rstrip("\"”' ").endswith("?")),
            float(any(t.like_num for t in sent)),
        ]
        rows.append((sent, features))
    return rows


def _score(features: list[float]) -> float:
    z = sum(w * f for w, f in zip(_weights(), features))
    return 1.0 / (1.0 + math.exp(-z))


def extract_highlights(doc: Doc, n: int = 3) -> list[Highlight]:
    scored = [(_score(f), sent) for sent, f in sentence_features(doc)]
    chosen: list[tuple[float, SpacySpan, set[str]]] = []
    for score, sent in sorted(scored, key=lambda pair: -pair[0]):
        words = set(_content_words(sent))
        if any(len(words & taken) > REDUNDANCY * len(words) for _, _, taken in chosen):
            continue
        chosen.append((score, sent, words))
        if len(chosen) == n:
            break
    out = []
    for score, sent, _ in sorted(chosen, key=lambda item: item[1].start):
        text = sent.text.strip()
        start = sent.start_char + sent.text.index(text)
        out.append(Highlight(text=text, source="generated", span=Span(start=start, end=start + len(text), text=text), score=round(score, 4)))
    return out
