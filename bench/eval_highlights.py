"""Generated highlights on the CNN/DM test set: newswatch vs Lead-3 vs TextRank (ROUGE).

* Data: ``cnndm/test.jsonl.gz`` as released (lowercased, PTB-tokenized). Only the PTB quote pairs
  `` and '' are rewritten to " before parsing so the tokenizer sees one quotation mark; ROUGE's own
  tokenizer drops punctuation, so this does not change any score.
* Sentences: newswatch's spaCy model with only its ``senter`` component (no tagger, parser or NER);
  all three systems choose among the same sentences. Lead-3 is the first three sentences;
  TextRank (Mihalcea and Tarau 2004, word-overlap similarity, PageRank d=0.85) is implemented here.
* Scores: rouge-score 0.1.2, ``use_stemmer=True``; F1 averaged over articles; ROUGE-Lsum with
  summary sentences joined by newlines.
* The newswatch scorer's weights are fitted on the even-numbered ids (``--train``); figures are
  given on the odd-numbered ids (held out) as well as on the CNN subset and on all ids.
* Cased text: on full runs (no --limit), also the 250 FRANK items (``frank_cased.jsonl``, raw cased
  articles; their ids are in the test set too, so half of them were seen in training).

Run: ``python -m bench.eval_highlights [--limit N] [--cache DIR] [--train]``.
"""

from __future__ import annotations

import argparse
import math
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.progress import Progress
from rich.table import Table
from spacy.tokens import Doc, DocBin

from bench.common import ROOT, Row, data_dir, read_jsonl

METRICS = ("rouge1", "rouge2", "rougeLsum")
SYSTEMS = ("newswatch", "lead3", "textrank")
WEIGHTS_FILE = ROOT / "src" / "newswatch" / "data" / "lexicons" / "highlight_weights.yaml"
CACHE_CHUNK = 1000


def sentence_pipeline(model: str | None = None):
    """The newswatch model reduced to its sentence splitter (the floor cost of finding sentences)."""
    import spacy

    from newswatch.nlp import DEFAULT_MODEL

    nlp = spacy.load(model or DEFAULT_MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "lemmatizer", "ner"])
    nlp.enable_pipe("senter")
    return nlp


def prepare(article: str) -> str:
    return article.replace("``", '"').replace("''", '"')


def parsed(records: list[dict], cache: Path | None, progress: Progress) -> Iterator[Doc]:
    """Docs for the records in order, parsed with nlp.pipe (or read back from a DocBin cache)."""
    nlp = sentence_pipeline()
    task = progress.add_task("parsing", total=len(records))
    for begin in range(0, len(records), CACHE_CHUNK):
        chunk = records[begin : begin + CACHE_CHUNK]
        path = cache / f"cnndm-{chunk[0]['id']}-{len(chunk)}.spacy" if cache else None
        if path and path.exists():
            docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
        else:
            docs = list(nlp.pipe((prepare(r["article"]) for r in chunk), batch_size=64))
            if path:
                path.parent.mkdir(parents=True, exist_ok=True)
                DocBin(docs=docs).to_disk(path)
        for doc in docs:
            progress.advance(task)
            yield doc


def sentences(doc: Doc) -> list[str]:
    return [s.text.strip() for s in doc.sents if s.text.strip()]


def lead3(doc: Doc) -> list[str]:
    return sentences(doc)[:3]


def textrank(doc: Doc, n: int = 3) -> list[str]:
    sents = sentences(doc)
    if len(sents) <= n:
        return sents
    words = [{t.lower_ for t in s if t.is_alpha and not t.is_stop} for s in doc.sents if s.text.strip()]
    size = len(sents)
    similarity = np.zeros((size, size))
    for i in range(size):
        for j in range(i + 1, size):
            shared = len(words[i] & words[j])
            if shared and len(words[i]) > 1 and len(words[j]) > 1:
                similarity[i, j] = similarity[j, i] = shared / (math.log(len(words[i])) + math.log(len(words[j])))
    totals = similarity.sum(axis=1, keepdims=True)
    transition = np.divide(similarity, totals, out=np.full_like(similarity, 1 / size), where=totals > 0)
    rank = np.full(size, 1 / size)
    for _ in range(50):
        rank = 0.15 / size + 0.85 * transition.T @ rank
    top = sorted(np.argsort(-rank, kind="stable")[:n])
    return [sents[i] for i in top]


def newswatch(doc: Doc) -> list[str]:
    from newswatch.extract.highlights import extract_highlights

    return [h.text for h in extract_highlights(doc)]


# --- training ---------------------------------------------------------------------------------


def _oracle(sentence_tokens: list[list[str]], reference: list[str], n: int = 3) -> set[int]:
    """Greedy oracle: add the sentence that most raises ROUGE-1 + ROUGE-2 F against the reference."""

    def grams(tokens: list[str], k: int) -> Counter:
        return Counter(zip(*(tokens[i:] for i in range(k))))

    ref = [grams(reference, 1), grams(reference, 2)]

    def f1(tokens: list[str]) -> float:
        total = 0.0
        for k, ref_k in enumerate(ref, start=1):
            mine = grams(tokens, k)
            hit = sum((mine & ref_k).values())
            if hit:
                p, r = hit / sum(mine.values()), hit / sum(ref_k.values())
                total += 2 * p * r / (p + r)
        return total

    chosen: list[int] = []
    best = 0.0
    while len(chosen) < n:
        candidates = [
            (f1([t for j in sorted(chosen + [i]) for t in sentence_tokens[j]]), i)
            for i in range(len(sentence_tokens)) if i not in chosen
        ]
        if not candidates:
            break
        score, index = max(candidates)
        if score <= best:
            break
        chosen.append(index)
        best = score
    return set(chosen)


def train(records: list[dict], docs: list[Doc]) -> dict[str, float]:
    """Fit the sentence scorer (logistic regression on oracle labels) on the even-numbered ids."""
    from rouge_score.tokenizers import DefaultTokenizer
    from sklearn.linear_model import LogisticRegression

    from newswatch.extract.highlights import FEATURES, sentence_features

    tokenizer = DefaultTokenizer(use_stemmer=True)
    X, y = [], []
    for record, doc in zip(records, docs):
        if int(record["id"]) % 2:
            continue
        rows = sentence_features(doc)
        if not rows:
            continue
        oracle = _oracle([tokenizer.tokenize(s.text) for s, _ in rows], tokenizer.tokenize(" ".join(record["highlights"])))
        for index, (_, features) in enumerate(rows):
            X.append(features)
            y.append(int(index in oracle))
    model = LogisticRegression(C=1.0, max_iter=3000, fit_intercept=False)
    model.fit(np.array(X), np.array(y))
    return {name: round(float(w), 5) for name, w in zip(FEATURES, model.coef_[0])}


def write_weights(weights: dict[str, float], n_train: int) -> None:
    import yaml

    header = (
        "# Sentence-scorer weights for generated highlights (logistic regression, features in\n"
        "# newswatch/extract/highlights.py FEATURES). Fitted by `python -m bench.eval_highlights --train`\n"
        f"# on the {n_train:,} even-numbered ids of the CNN/DM test set (lowercased, tokenized as released).\n"
    )
    WEIGHTS_FILE.write_text(header + yaml.safe_dump({"weights": weights}, sort_keys=False), encoding="utf-8")


# --- evaluation -------------------------------------------------------------------------------


def run(data: Path, limit: int | None = None, cache: Path | None = None, do_train: bool = False) -> list[Row]:
    from rouge_score import rouge_scorer

    records = list(read_jsonl(data / "cnndm" / "test.jsonl.gz", limit))
    scorer = rouge_scorer.RougeScorer(list(METRICS), use_stemmer=True)
    with Progress(transient=True) as progress:
        started = time.perf_counter()
        docs = list(parsed(records, cache, progress))
        parse_seconds = time.perf_counter() - started
        if do_train:
            weights = train(records, docs)
            write_weights(weights, sum(1 for r in records if int(r["id"]) % 2 == 0))
            from newswatch.extract import highlights

            highlights._weights.cache_clear()
            from newswatch import lexicons

            lexicons.load.cache_clear()
        systems = {"newswatch": newswatch, "lead3": lead3, "textrank": textrank}
        scores = {s: {m: [] for m in METRICS} for s in SYSTEMS}
        task = progress.add_task("scoring", total=len(records))
        for record, doc in zip(records, docs):
            reference = "\n".join(record["highlights"])
            for name, system in systems.items():
                result = scorer.score(reference, "\n".join(system(doc)))
                for metric in METRICS:
                    scores[name][metric].append(result[metric].fmeasure)
            progress.advance(task)

    # Cased raw text (the product's input): the 250 FRANK items, parsed the same way. FRANK's
    # references are PTB-tokenized; ROUGE's tokenizer lowercases and drops punctuation.
    frank = list(read_jsonl(data / "cnndm" / "frank_cased.jsonl")) if limit is None else []
    if frank:
        nlp = sentence_pipeline()
        for record, doc in zip(frank, nlp.pipe((r["article"] for r in frank), batch_size=64)):
            reference = "\n".join(record["highlights"])
            for name, system in systems.items():
                result = scorer.score(reference, "\n".join(system(doc)))
                for metric in METRICS:
                    scores[name][metric].append(result[metric].fmeasure)
    cased = list(range(len(records), len(records) + len(frank)))

    subsets = {
        "cnndm-test/cnn": [i for i, r in enumerate(records) if r["source"] == "cnn"],
        "cnndm-test/odd-ids (held out)": [i for i, r in enumerate(records) if int(r["id"]) % 2],
        "cnndm-test/all": list(range(len(records))),
        "frank-cased (raw text; ids also in test)": cased,
    }
    rows = []
    note = f"senter sentences; parse {parse_seconds:.0f}s for {len(records)} articles"
    for subset, indices in subsets.items():
        if not indices:
            continue
        for system in SYSTEMS:
            for metric in METRICS:
                values = [scores[system][metric][i] for i in indices]
                rows.append(Row("highlights", subset, f"{metric}-F", system, 100 * sum(values) / len(values), len(values), note))
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", help="evaluation data folder (default: $NEWSWATCH_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, help="only the first N articles (CNN comes first)")
    parser.add_argument("--cache", type=Path, help="keep parsed docs here (DocBin) to skip parsing next time")
    parser.add_argument("--train", action="store_true", help="refit the scorer weights on the even ids first")
    args = parser.parse_args()
    rows = run(data_dir(args.data), args.limit, args.cache, args.train)
    table = Table(title="Generated highlights, CNN/DM test (ROUGE F1 x100, rouge-score, stemmed)")
    for column in ("data", "n", "system", *METRICS):
        table.add_column(column)
    by_key: dict[tuple[str, str], dict[str, Row]] = {}
    for row in rows:
        by_key.setdefault((row.data, row.system), {})[row.metric] = row
    for (subset, system), metrics in by_key.items():
        first = next(iter(metrics.values()))
        table.add_row(subset, str(first.n), system, *(f"{metrics[f'{m}-F'].value:.2f}" for m in METRICS))
    console = Console()
    console.print(table)
    console.print(rows[0].note if rows else "no data")


if __name__ == "__main__":
    main()
