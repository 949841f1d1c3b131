"""Named entities (PER, ORG, LOC) on the CoNLL++ test set, for newswatch and the bare spaCy model.

Data: ``ner/conllpp_test.txt`` (CoNLL-2003 four columns, BIO2 tags, documents opened by
``-DOCSTART-``; see ``ner/SOURCE.md``).

Text: within a sentence the tokens are joined with single spaces; sentences are joined with a
blank line (``"\\n\\n"``), so each gold sentence is a paragraph. Every token keeps its character
offsets, and all spans are compared in that character space.

Unit of analysis: the **document** (everything between two ``-DOCSTART-`` lines). newswatch is an
article tool: its extractor merges mentions across the article (one type per canonical entity)
and adds repeats the model missed, so a sentence alone would not show what it does. Both systems
get exactly the same document texts.

Systems, in the same run:

* ``spacy``: the bare model newswatch uses (``spacy.load(DEFAULT_MODEL)``, no newswatch
  components), ``nlp.pipe`` over the documents, ``doc.ents`` as predictions.
* ``newswatch``: newswatch's own pipeline (``newswatch.nlp.load``, which adds its sentence hints
  before the parser; spaCy's NER does not cross sentence boundaries, so the two parses can
  differ), then ``extract_entities(doc)``. Every mention of an entity is one prediction, typed with
  the entity's (cluster) type. Ingest (boilerplate and dateline removal) is not run: the CoNLL
  text is not an article with a header, and offsets stay those of the data.

Type mapping (both systems): PERSON -> PER, ORG -> ORG, GPE/LOC/FAC -> LOC. Every other label
(NORP, EVENT, PRODUCT, DATE, ...) maps to nothing and the prediction is dropped. Gold MISC is not
scored: it is removed from the gold, and no prediction maps to it.

Matching rule: a prediction is right when its (start, end, type) equals a gold entity's exactly
(character span and type). Spans and types are compared as sets per document. Micro P/R/F1 per
type and overall (PER, ORG, LOC pooled); a right span with the wrong type is one false positive
(its type) and one false negative (the gold type), as in conlleval. ``--limit N`` scores the first
N sentences (the document holding sentence N is cut there).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import PRF, Row, data_dir, evaluation_parser, print_rows, with_progress

TYPES = ("PER", "ORG", "LOC")
LABEL_MAP = {"PERSON": "PER", "PER": "PER", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}
SENTENCE_SEPARATOR = "\n\n"
SYSTEMS = ("newswatch", "spacy")
DATA_LABEL = "conll++/test"


@dataclass(frozen=True)
class Entity:
    start: int
    end: int
    type: str


@dataclass
class Sentence:
    tokens: list[str]
    tags: list[str]


@dataclass
class Document:
    sentences: list[Sentence] = field(default_factory=list)
    text: str = ""
    offsets: list[list[tuple[int, int]]] = field(default_factory=list)  # per sentence, per token

    def build(self) -> Document:
        """Join tokens with spaces and sentences with a blank line; record token offsets."""
        parts: list[str] = []
        pos = 0
        self.offsets = []
        for i, sentence in enumerate(self.sentences):
            if i:
                parts.append(SENTENCE_SEPARATOR)
                pos += len(SENTENCE_SEPARATOR)
            spans = []
            for j, token in enumerate(sentence.tokens):
                if j:
                    parts.append(" ")
                    pos += 1
                spans.append((pos, pos + len(token)))
                parts.append(token)
                pos += len(token)
            self.offsets.append(spans)
        self.text = "".join(parts)
        return self

    def gold(self) -> set[Entity]:
        out: set[Entity] = set()
        for sentence, spans in zip(self.sentences, self.offsets):
            for first, last, etype in bio_spans(sentence.tags):
                if etype in TYPES:
                    out.add(Entity(spans[first][0], spans[last][1], etype))
        return out


def bio_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """(first token, last token inclusive, type) of each entity in a BIO2 tag list.

    An I- tag that does not continue an entity of its type (after O or another type) starts a
    new entity, as conlleval reads it.
    """
    out: list[tuple[int, int, str]] = []
    current: list | None = None
    for i, tag in enumerate(tags):
        prefix, _, etype = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == etype:
            current[1] = i
            continue
        if current is not None:
            out.append(tuple(current))
            current = None
        if prefix in ("B", "I") and etype:
            current = [i, i, etype]
    if current is not None:
        out.append(tuple(current))
    return out


def read_conll(path: Path, limit: int | None = None) -> list[Document]:
    """Documents of a CoNLL-2003 file (word POS chunk NER), cut after `limit` sentences."""
    docs: list[Document] = []
    doc = Document()
    sentence = Sentence([], [])
    n_sentences = 0

    def close_sentence() -> None:
        nonlocal sentence, n_sentences
        if sentence.tokens and (limit is None or n_sentences < limit):
            doc.sentences.append(sentence)
            n_sentences += 1
        sentence = Sentence([], [])

    def close_document() -> None:
        nonlocal doc
        close_sentence()
        if doc.sentences:
            docs.append(doc.build())
        doc = Document()

    with open(path, encoding="utf-8") as handle:
        for line in handle:
            columns = line.split()
            if not columns:
                close_sentence()
            elif columns[0] == "-DOCSTART-":
                close_document()
            else:
                sentence.tokens.append(columns[0])
                sentence.tags.append(columns[-1])
            if limit is not None and n_sentences >= limit:
                break
    close_document()
    return docs


def spacy_entities(doc) -> set[Entity]:
    return {Entity(e.start_char, e.end_char, LABEL_MAP[e.label_]) for e in doc.ents if e.label_ in LABEL_MAP}


def newswatch_entities(doc) -> set[Entity]:
    from newswatch.extract.entities import extract_entities

    out: set[Entity] = set()
    for entity in extract_entities(doc):
        etype = LABEL_MAP.get(entity.type)
        if etype is None:
            continue
        out.update(Entity(m.start, m.end, etype) for m in entity.mentions)
    return out


@dataclass
class Score:
    by_type: dict[str, PRF] = field(default_factory=lambda: {t: PRF() for t in TYPES})
    seconds: float = 0.0

    @property
    def overall(self) -> PRF:
        return PRF(*(sum(getattr(p, k) for p in self.by_type.values()) for k in ("tp", "fp", "fn")))


def score_document(score: Score, gold: set[Entity], predicted: set[Entity]) -> None:
    """Exact (start, end, type) matching; predictions of unscored types are ignored."""
    predicted = {p for p in predicted if p.type in TYPES}
    gold = {g for g in gold if g.type in TYPES}
    for etype, prf in score.by_type.items():
        g = {e for e in gold if e.type == etype}
        p = {e for e in predicted if e.type == etype}
        tp = len(g & p)
        prf.tp += tp
        prf.fp += len(p) - tp
        prf.fn += len(g) - tp


def evaluate(docs: list[Document], batch_size: int = 16) -> dict[str, Score]:
    import spacy

    from newswatch import nlp as nlp_mod

    scores = {name: Score() for name in SYSTEMS}
    texts = [d.text for d in docs]
    golds = [d.gold() for d in docs]

    started = time.perf_counter()
    bare = spacy.load(nlp_mod.DEFAULT_MODEL)
    for gold, parsed in zip(with_progress(golds, "ner: bare spaCy"), bare.pipe(texts, batch_size=batch_size)):
        score_document(scores["spacy"], gold, spacy_entities(parsed))
    scores["spacy"].seconds = time.perf_counter() - started

    started = time.perf_counter()
    model = nlp_mod.load()
    for gold, parsed in zip(with_progress(golds, "ner: newswatch"), nlp_mod.parse(model, texts, batch_size=batch_size)):
        score_document(scores["newswatch"], gold, newswatch_entities(parsed))
    scores["newswatch"].seconds = time.perf_counter() - started
    return scores


def rows_for(scores: dict[str, Score], docs: list[Document]) -> list[Row]:
    n_sentences = sum(len(d.sentences) for d in docs)
    rows = []
    for system, score in scores.items():
        note = f"{len(docs)} docs, {n_sentences} sentences, {score.seconds:.0f} s incl. parsing"
        overall = score.overall
        n_gold = overall.tp + overall.fn
        rows += [
            Row("ner", DATA_LABEL, "F1 (PER+ORG+LOC)", system, overall.f1, n_gold, note),
            Row("ner", DATA_LABEL, "P (PER+ORG+LOC)", system, overall.precision, overall.tp + overall.fp, note),
            Row("ner", DATA_LABEL, "R (PER+ORG+LOC)", system, overall.recall, n_gold, note),
        ]
        for etype, prf in score.by_type.items():
            rows.append(Row("ner", DATA_LABEL, f"{etype} F1", system, prf.f1, prf.tp + prf.fn, note))
    return rows


def run(data: Path, limit: int | None = None) -> list[Row]:
    docs = read_conll(data / "ner" / "conllpp_test.txt", limit)
    return rows_for(evaluate(docs), docs)


def main() -> None:
    args = evaluation_parser(__doc__.split("\n")[0], "score only the first N sentences").parse_args()
    print_rows(run(data_dir(args.data), args.limit))


if __name__ == "__main__":
    main()
