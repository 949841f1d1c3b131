"""Generated highlights: an extractive summary for articles that carry no highlights of their own.

News puts its key facts first, so sentence scores combine a lead prior with centrality (how many
of the article's frequent content words a sentence carries). Fragments, questions, captions and
sentences that are only a quotation are skipped; near-repeats of a chosen sentence are dropped.
"""

from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc, Span as SpacySpan

from ..schema import Highlight, Span

MIN_TOKENS, MAX_TOKENS = 6, 60
LEAD_WEIGHT = 0.6
REDUNDANCY = 0.5


def _content(sent: SpacySpan) -> set[str]:
    return {t.lemma_.lower() for t in sent if t.is_alpha and not t.is_stop and t.pos_ in ("NOUN", "PROPN", "VERB", "ADJ", "NUM")}


def _eligible(sent: SpacySpan) -> bool:
    words = [t for t in sent if not t.is_space and not t.is_punct]
    if not MIN_TOKENS <= len(words) <= MAX_TOKENS:
        return False
    text = sent.text.strip()
    if text.endswith("?") or text[:1] in "“\"" and text.rstrip(".")[-1:] in "”\"":
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in sent)


def extract_highlights(doc: Doc, n: int = 3) -> list[Highlight]:
    sents = [s for s in doc.sents if s.text.strip()]
    candidates = [(i, s) for i, s in enumerate(sents) if _eligible(s)]
    if not candidates:
        return []
    frequency = Counter(lemma for _, s in candidates for lemma in _content(s))
    top = {w for w, c in frequency.most_common(30) if c > 1}
    scored = []
    for rank, (i, sent) in enumerate(candidates):
        words = _content(sent)
        centrality = len(words & top) / (len(top) or 1) if top else 0.0
        lead = 1.0 / (1 + rank)
        score = LEAD_WEIGHT * lead + (1 - LEAD_WEIGHT) * centrality
        if sent.text.lstrip()[:1] in "“\"":
            score *= 0.5  # "“...,” X said." carries a voice, rarely the news itself
        scored.append((score, i, sent, words))
    chosen = []
    for score, i, sent, words in sorted(scored, key=lambda x: -x[0]):
        if any(len(words & w) / (len(words | w) or 1) > REDUNDANCY for _, _, _, w in chosen):
            continue
        chosen.append((score, i, sent, words))
        if len(chosen) == n:
            break
    out = []
    for score, _, sent, _ in sorted(chosen, key=lambda x: x[1]):
        text = sent.text.strip()
        start = sent.start_char + sent.text.index(text)
        out.append(Highlight(text=text, source="generated", span=Span(start=start, end=start + len(text), text=text), score=round(score, 4)))
    return out
