"""Counts and equipment in a sentence: "four SU-34 Fullback fighters" -> 4, fighter aircraft."""

from __future__ import annotations

import functools
import re

from spacy.tokens import Span as SpacySpan

from .. import lexicons
from ..schema import Quantity, Span

_NUMBER_WORDS = {
    w: i for i, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
        "sixteen seventeen eighteen nineteen twenty".split()
    )
}
_SCALES = {"dozen": 12, "dozens": 12, "hundred": 100, "hundreds": 100, "thousand": 1000, "thousands": 1000, "million": 1e6}
_COMPARATORS = [
    (re.compile(r"\b(more than|over|at least|upwards of|in excess of)\s+$", re.I), ">"),
    (re.compile(r"\b(fewer than|less than|under|at most|up to)\s+$", re.I), "<"),
    (re.compile(r"\b(about|around|roughly|nearly|almost|some|approximately|an estimated|several)\s+$", re.I), "~"),
]


@functools.lru_cache(maxsize=1)
def _equipment() -> list[tuple[re.Pattern, str]]:
    patterns = []
    for klass, forms in lexicons.load("equipment").items():
        for form in forms:
            body = form[3:] if form.startswith("re:") else re.escape(form)
            patterns.append((re.compile(rf"(?<![\w-]){body}(?![\w-])", re.I), klass))
    # Longest surface first, so "long-range bombers" wins over "bombers".
    return sorted(patterns, key=lambda p: -len(p[0].pattern))


def parse_number(text: str) -> float | None:
    words = text.lower().replace(",", "").split()
    if not words:
        return None
    total = None
    for word in words:
        if re.fullmatch(r"\d+(\.\d+)?", word):
            total = float(word) if total is None else total * float(word)
        elif word in _NUMBER_WORDS:
            total = float(_NUMBER_WORDS[word]) if total is None else total + _NUMBER_WORDS[word]
        elif word in _SCALES:
            total = _SCALES[word] if total is None else total * _SCALES[word]
        elif total is None:
            continue  # "more than 600": the words before the number are its comparator
        else:
            return total
    return total


def find_equipment(text: str) -> list[tuple[int, int, str]]:
    """(start, end, class) of equipment mentions, without overlaps."""
    found: list[tuple[int, int, str]] = []
    for pattern, klass in _equipment():
        for m in pattern.finditer(text):
            if not any(s < m.end() and m.start() < e for s, e, _ in found):
                found.append((m.start(), m.end(), klass))
    return sorted(found)


def extract_quantities(sent: SpacySpan) -> list[Quantity]:
    """Quantities of equipment and forces in one sentence (doc coordinates)."""
    text = sent.text
    base = sent.start_char
    out: list[Quantity] = []
    equipment = find_equipment(text)
    numbers = [e for e in sent.ents if e.label_ in ("CARDINAL", "QUANTITY")]
    for start, end, klass in equipment:
        # The closest number before the equipment phrase, within a few words ("four Russian SU-34 Fullback fighters").
        number = None
        for ent in numbers:
            gap = text[ent.end_char - base : start]
            if ent.end_char - base <= start and len(gap.split()) <= 4 and not re.search(r"[,.;]", gap):
                number = ent
        phrase_start = number.start_char - base if number is not None else start
        # Extend the item to the head noun that follows the equipment word ("SU-34 Fullback fighters").
        item_end = end
        for other_start, other_end, other_class in equipment:
            if other_start >= end and len(text[end:other_start].split()) <= 1 and other_class in (klass, "fighter aircraft", "aircraft"):
                item_end = other_end
        if any(q.span.start - base <= start < q.span.end - base for q in out):
            continue
        value = comparator = None
        if number is not None:
            value = parse_number(number.text)
            comparator = "="
            # The comparator is inside the entity ("more than 600") or just before it.
            lead = number.text.rsplit(" ", 1)[0] + " " if " " in number.text else ""
            before = text[max(0, phrase_start - 25) : phrase_start]
            for pattern, symbol in _COMPARATORS:
                if pattern.search(lead) or pattern.search(before):
                    comparator = symbol
                    break
        item = text[start:item_end]
        phrase = text[phrase_start:item_end]
        out.append(
            Quantity(
                text=phrase,
                span=Span(start=base + phrase_start, end=base + item_end, text=phrase),
                value=value,
                comparator=comparator or "=",
                item=item,
                equipment_class=klass,
            )
        )
    return out
