"""Direct quotes and their speakers on PolNeAR, for newswatch and textacy.

PolNeAR annotates every attribution (source, cue, content), direct or not. The rules used here:

* A gold **direct quote** is an attribution whose content is enclosed in double quotation marks:
  every fragment of the content, trimmed of spaces and of trailing ``.,;:``, starts with an
  opening mark (“ or ") or directly follows one, ends with a closing mark (” or ") or directly
  precedes one, and holds no double quotation mark inside. Single marks (‘ ’ ') are not counted:
  they are apostrophes or quotes within quotes.
* Spans are compared after **normalising** both sides: quotation marks, spaces and ``.,;:!?``
  are trimmed from both ends, so “We will.” and We will match whether or not the marks or the
  final full stop were included.
* **Span F1** counts quote stretches: each fragment of a gold direct quote is one gold unit (a
  quote split by "he said" is two), each predicted direct quote one predicted unit. Units are
  paired one-to-one, exactly (same normalised start and end) or by overlap (any shared character).
* **Speaker accuracy** is over gold direct quotes that have a source span: a quote counts as
  right when a predicted quote overlapping one of its fragments has a speaker mention whose span
  overlaps the gold source span. Pronoun sources count as the pronoun ("he" is right for "he
  said" even before resolution). A newswatch quote that continues an earlier one carries the
  earlier speaker's mention, so it scores only when PolNeAR links the same mention.

Both systems parse the article's raw text with the same spaCy pipeline (newswatch's, without
ingest, so offsets are those of the data). textacy's ``direct_quotations`` refuses a document
with an odd number of quotation-mark tokens; such documents count as no predictions for it.

The PolNeAR authors ask that dev and test articles not be read by hand: this script prints only
aggregate figures. Use ``--split train`` while developing.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import PRF, Row, data_dir, read_jsonl, evaluation_parser, print_rows

OPENING = {"“", '"'}
CLOSING = {"”", '"'}
DOUBLE_MARKS = {"“", "”", '"'}
_TRIM = " \t\r\n\u00a0“”\"‘’'.,;:!?"


@dataclass
class Stretch:
    start: int
    end: int


@dataclass
class GoldQuote:
    fragments: list[Stretch]
    source: list[Stretch]


@dataclass
class PredictedQuote:
    span: Stretch
    speaker: Stretch | None


@dataclass
class Score:
    exact: PRF = field(default_factory=PRF)
    overlap: PRF = field(default_factory=PRF)
    speaker_right: int = 0
    speaker_total: int = 0
    docs: int = 0
    skipped_docs: int = 0
    seconds: float = 0.0


def normalise(text: str, start: int, end: int) -> Stretch | None:
    while start < end and text[start] in _TRIM:
        start += 1
    while end > start and text[end - 1] in _TRIM:
        end -= 1
    return Stretch(start, end) if end > start else None


def _is_enclosed(text: str, start: int, end: int) -> bool:
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ".,;:"):
        end -= 1
    if end <= start:
        return False
    before = text[start - 1] if start > 0 else ""
    after = text[end] if end < len(text) else ""
    opens = text[start] in OPENING or before in OPENING
    closes = text[end - 1] in CLOSING or after in CLOSING
    inner_start = start + (text[start] in OPENING)
    inner_end = end - (text[end - 1] in CLOSING)
    return opens and closes and not any(c in DOUBLE_MARKS for c in text[inner_start:inner_end])


def gold_direct_quotes(record: dict) -> list[GoldQuote]:
    text = record["text"]
    quotes = []
    for attribution in record["attributions"]:
        content = attribution.get("content")
        if not content:
            continue
        parts = [content["spans"]] + ([attribution["content2"]["spans"]] if attribution.get("content2") else [])
        fragments = [(s, e) for spans in parts for s, e in spans]
        if not fragments or not all(_is_enclosed(text, s, e) for s, e in fragments):
            continue
        stretches = [n for s, e in fragments if (n := normalise(text, s, e))]
        source = attribution.get("source")
        source_stretches = [Stretch(s, e) for s, e in source["spans"]] if source else []
        if stretches:
            quotes.append(GoldQuote(stretches, source_stretches))
    return quotes


def newswatch_quotes(doc) -> list[PredictedQuote]:
    from newswatch.extract.entities import extract_entities
    from newswatch.extract.quotes import extract_quotes

    out = []
    for quote in extract_quotes(doc, extract_entities(doc)):
        if quote.kind != "direct":
            continue
        span = normalise(doc.text, quote.span.start, quote.span.end)
        speaker = quote.speaker.span
        if span:
            out.append(PredictedQuote(span, Stretch(speaker.start, speaker.end) if speaker else None))
    return out


def textacy_quotes(doc) -> list[PredictedQuote] | None:
    """None when textacy refuses the document (an odd number of quotation marks)."""
    from textacy.extract.triples import direct_quotations

    try:
        triples = list(direct_quotations(doc))
    except ValueError:
        return None
    out = []
    for triple in triples:
        content = triple.content
        span = normalise(doc.text, content.start_char, content.end_char)
        speaker = Stretch(triple.speaker[0].idx, triple.speaker[-1].idx + len(triple.speaker[-1].text)) if triple.speaker else None
        if span:
            out.append(PredictedQuote(span, speaker))
    return out


def _overlaps(a: Stretch, b: Stretch) -> bool:
    return a.start < b.end and b.start < a.end


def _pair(gold: list[Stretch], predicted: list[Stretch], same) -> int:
    """Greedy one-to-one pairing in text order; returns the number of pairs."""
    used: set[int] = set()
    pairs = 0
    for g in gold:
        for i, p in enumerate(predicted):
            if i not in used and same(g, p):
                used.add(i)
                pairs += 1
                break
    return pairs


def score_document(score: Score, gold: list[GoldQuote], predicted: list[PredictedQuote]) -> None:
    gold_units = sorted((f for q in gold for f in q.fragments), key=lambda s: s.start)
    predicted_units = sorted((p.span for p in predicted), key=lambda s: s.start)
    for prf, same in (
        (score.exact, lambda g, p: (g.start, g.end) == (p.start, p.end)),
        (score.overlap, _overlaps),
    ):
        tp = _pair(gold_units, predicted_units, same)
        prf.tp += tp
        prf.fp += len(predicted_units) - tp
        prf.fn += len(gold_units) - tp
    for quote in gold:
        if not quote.source:
            continue
        score.speaker_total += 1
        if any(
            p.speaker is not None
            and any(_overlaps(f, p.span) for f in quote.fragments)
            and any(_overlaps(s, p.speaker) for s in quote.source)
            for p in predicted
        ):
            score.speaker_right += 1


def evaluate(records: Iterable[dict]) -> dict[str, Score]:
    from newswatch import nlp

    model = nlp.load()
    systems = {"newswatch": newswatch_quotes, "textacy": textacy_quotes}
    scores = {name: Score() for name in systems}
    for record in records:
        doc = model(record["text"])
        gold = gold_direct_quotes(record)
        for name, system in systems.items():
            began = time.perf_counter()
            predicted = system(doc)
            scores[name].seconds += time.perf_counter() - began
            scores[name].docs += 1
            if predicted is None:
                scores[name].skipped_docs += 1
                predicted = []
            score_document(scores[name], gold, predicted)
    return scores


def run(data: Path, limit: int | None = None, split: str = "test") -> list[Row]:
    path = data / "polnear" / f"{split}.jsonl"
    scores = evaluate(read_jsonl(path, limit))
    rows = []
    label = f"polnear/{split}"
    for system, s in scores.items():
        n_gold = s.exact.tp + s.exact.fn
        note = f"{s.docs} docs" + (f", {s.skipped_docs} refused (odd quotation marks)" if s.skipped_docs else "")
        for kind, prf in (("exact", s.exact), ("overlap", s.overlap)):
            rows.append(Row("quotes", label, f"direct span P ({kind})", system, prf.precision, prf.tp + prf.fp, note))
            rows.append(Row("quotes", label, f"direct span R ({kind})", system, prf.recall, n_gold, note))
            rows.append(Row("quotes", label, f"direct span F1 ({kind})", system, prf.f1, n_gold, note))
        accuracy = s.speaker_right / s.speaker_total if s.speaker_total else None
        rows.append(Row("quotes", label, "speaker accuracy", system, accuracy, s.speaker_total, note))
        rows.append(Row("quotes", label, "extractor ms/doc", system, 1000 * s.seconds / max(s.docs, 1), s.docs, "excludes parsing"))
    return rows


def main() -> None:
    parser = evaluation_parser(__doc__.split("\n")[0], "score only the first N articles")
    parser.add_argument("--split", default="test", choices=["train", "dev", "test"], help="tune on train; test is scored once")
    args = parser.parse_args()
    print_rows(run(data_dir(args.data), args.limit, args.split))


if __name__ == "__main__":
    main()
