"""Cross-document event coreference on ECB+ (gold mentions), scored with MUC, B³, CEAF-e and CoNLL F1.

Data: ``ecbplus/`` (see its SOURCE.md): ``ECB+/<topic>/<topic>_<n>ecb.xml`` and ``…ecbplus.xml``,
and ``ECBplus_coreference_sentences.csv``.

Gold (Cybulska & Vossen 2014/2015 and the usual practice since, e.g. Barhom et al. 2019):

* **Mentions** are the token-anchored ``ACTION_*`` and ``NEG_ACTION_*`` markables (instance
  markables, which have no tokens, are not mentions). Only mentions in the sentences listed in
  ``ECBplus_coreference_sentences.csv`` are kept: the README says those are the sentences whose
  coreference annotation was checked and asks evaluations to restrict themselves to them. A
  mention's sentence is that of its first token.
* **Clusters**: mentions in one ``CROSS_DOC_COREF`` relation (its ``note``, the instance id)
  form one cluster, across the documents of a topic; mentions in one ``INTRA_DOC_COREF``
  relation form a within-document cluster; every other mention is a singleton. Singletons are
  scored, as is usual on ECB+.
* **Topics**: each topic is one pool (its ECB and ECB+ sub-topics together, i.e. gold topics,
  not sub-topics); no cluster, gold or predicted, crosses a topic. Test = topics 36-45 (the
  split of Cybulska & Vossen 2015); ``all`` = all 43 topics, test included.
* **Gold mention setting**: every system is given the gold mention boundaries and only decides
  which mentions corefer.

Scores are computed once over all mentions of the topics scored (micro average; the same as the
reference CoNLL scorer given every topic in one file, as clusters never cross topics):

* **MUC** (Vilain et al. 1995): links. R = Σ_K (|K| − |p(K)|) / Σ_K (|K| − 1), p(K) being the
  pieces the response cuts key cluster K into (a key mention missing from the response is a piece
  of its own); P the same with key and response swapped; 0 where the denominator is 0.
* **B³** (Bagga & Baldwin 1998): per mention. R = Σ_K Σ_R |K∩R|²/|K| / Σ_K |K|, P the same
  with |R| and Σ_R |R|.
* **CEAF-e** (Luo 2005): entity-based. φ(K, R) = 2|K∩R| / (|K| + |R|), the best one-to-one
  alignment of key and response clusters (Hungarian algorithm, scipy) gives Φ; R = Φ / #key
  clusters, P = Φ / #response clusters.
* **CoNLL F1** = mean of the MUC, B³ and CEAF-e F1 (Pradhan et al. 2014).

Systems, in the same run, on the same mentions:

* ``same-lemma``: within a topic, mentions whose head lemma (lowercased) is the same are one
  cluster (the standard baseline). The head is spaCy's root of the mention's tokens, parsed with
  newswatch's spaCy model on the rebuilt text below.
* ``newswatch``: each document's text is rebuilt from its tokens (sentences as paragraphs,
  tokens joined by spaces except before closing punctuation and clitics, after opening brackets
  and inside double quotes, with the ECB files' PTB quotes `` and '' written as “ and ”; the URL line, sentence 0 of ``*ecbplus.xml`` files, is left out) and
  analysed with ``Analyzer.analyze_many`` (publication date unknown). A gold mention is assigned
  a coded event when the event's trigger overlaps the mention's characters (the trigger lies in
  the event's evidence, so the mention overlaps the evidence too); of several such events the
  most confident is taken. All events of a topic's documents are then clustered with
  ``merge_events`` (window 3 days, places from the brief as in the situation report); mentions
  of events in one merged cluster are one cluster, mentions no event covers are singletons.
  newswatch's ingest takes a first line that looks like a headline as the title and analyses the
  body only, as it does for any article, so mentions in ECB headlines cannot be covered; the
  coverage row counts them.
  Dates: with no publication date an event has a date only when its own sentence (or the one
  before) gives an absolute one; ``merge_events`` never blocks a record without a date (it
  "fits" any cluster) nor a cluster without dates, so the window only applies between events
  whose text states dates.
* ``newswatch+lemma``: as ``newswatch``, but mentions no event covers are clustered by head
  lemma (among themselves, within the topic).
* ``singletons``: every mention alone; a reference point (B³ P = 1, MUC 0).

The rows also give how many gold mentions newswatch events cover.

``--limit N`` keeps the first N documents of every topic, in document-number order (``1ecb``,
``1ecbplus``, ``2ecb``, …), so both sub-topics are sampled.
"""

from __future__ import annotations

import argparse
import csv
import re
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Row, data_dir

TEST_TOPICS = tuple(str(t) for t in range(36, 46))
WINDOW_DAYS = 3
SYSTEMS = ("same-lemma", "newswatch", "newswatch+lemma", "singletons")
METRICS = ("MUC", "B3", "CEAF-e")

# ------------------------------------------------------------------------------------- metrics


@dataclass(frozen=True)
class Score:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


Clusters = list[frozenset]


def clusters_of(assignment: Mapping[Hashable, Hashable]) -> Clusters:
    """Mention -> cluster id, as a list of clusters (sets of mentions)."""
    groups: dict[Hashable, set] = defaultdict(set)
    for mention, cluster in assignment.items():
        groups[cluster].add(mention)
    return [frozenset(g) for g in groups.values()]


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _muc_recall(key: Clusters, response: Clusters) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = den = 0
    for k in key:
        pieces = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(pieces)
        den += len(k) - 1
    return _ratio(num, den)


def muc(key: Clusters, response: Clusters) -> Score:
    return Score(_muc_recall(response, key), _muc_recall(key, response))


def _b3_recall(key: Clusters, response: Clusters) -> float:
    where = {m: i for i, r in enumerate(response) for m in r}
    num = 0.0
    for k in key:
        overlaps = Counter(where[m] for m in k if m in where)
        num += sum(n * n for n in overlaps.values()) / len(k)
    return _ratio(num, sum(len(k) for k in key))


def b_cubed(key: Clusters, response: Clusters) -> Score:
    return Score(_b3_recall(response, key), _b3_recall(key, response))


def ceaf_e(key: Clusters, response: Clusters) -> Score:
    """Entity CEAF with φ4; the alignment is solved per connected group of overlapping clusters."""
    import numpy as np
    from scipy.optimize import linear_sum_assignment

    where = {m: i for i, r in enumerate(response) for m in r}
    # Union-find over key clusters (k, i) and response clusters (r, j) that share mentions.
    parent: dict[tuple, tuple] = {}

    def find(x: tuple) -> tuple:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    shared: dict[tuple[int, int], int] = Counter()
    for i, k in enumerate(key):
        find(("k", i))
        for m in k:
            if m in where:
                j = where[m]
                shared[i, j] += 1
                parent[find(("k", i))] = find(("r", j))
    groups: dict[tuple, tuple[list[int], list[int]]] = defaultdict(lambda: ([], []))
    for i in range(len(key)):
        groups[find(("k", i))][0].append(i)
    for j in range(len(response)):
        if ("r", j) in parent:
            groups[find(("r", j))][1].append(j)
    total = 0.0
    for ks, rs in groups.values():
        if not ks or not rs:
            continue
        sim = np.zeros((len(ks), len(rs)))
        for a, i in enumerate(ks):
            for b, j in enumerate(rs):
                n = shared.get((i, j), 0)
                if n:
                    sim[a, b] = 2 * n / (len(key[i]) + len(response[j]))
        rows, cols = linear_sum_assignment(sim, maximize=True)
        total += float(sim[rows, cols].sum())
    return Score(_ratio(total, len(response)), _ratio(total, len(key)))


def score_all(key: Clusters, response: Clusters) -> dict[str, Score]:
    return {"MUC": muc(key, response), "B3": b_cubed(key, response), "CEAF-e": ceaf_e(key, response)}


def conll_f1(scores: Mapping[str, Score]) -> float:
    return sum(scores[m].f1 for m in METRICS) / len(METRICS)


# -------------------------------------------------------------------------------------- reader


@dataclass
class Mention:
    doc: str
    m_id: str
    tag: str
    t_ids: tuple[str, ...]
    sentence: int
    gold: str  # cluster id

    @property
    def key(self) -> tuple[str, str]:
        return (self.doc, self.m_id)


@dataclass
class Document:
    name: str  # file stem, e.g. "36_1ecbplus"
    topic: str
    tokens: list[tuple[str, int, str]]  # (t_id, sentence, text) in order
    mentions: list[Mention]  # action mentions in checked sentences
    text: str = ""
    offsets: dict[str, tuple[int, int]] = field(default_factory=dict)  # t_id -> (start, end) in text


def is_action(tag: str) -> bool:
    return tag.startswith(("ACTION_", "NEG_ACTION_"))


def read_checked_sentences(path: Path) -> dict[str, set[int]]:
    """ECBplus_coreference_sentences.csv -> {"36_1ecb": {0, 1, ...}}."""
    out: dict[str, set[int]] = defaultdict(set)
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            out[f"{row['Topic'].strip()}_{row['File'].strip()}"].add(int(row["Sentence Number"]))
    return out


def read_document(path: Path, checked: set[int] | None) -> Document:
    """One ECB+ XML file; `checked` = the sentences to keep mentions from (None: all)."""
    root = ET.parse(path).getroot()
    name = path.name.removesuffix(".xml")
    topic = name.split("_", 1)[0]
    tokens = [(t.get("t_id"), int(t.get("sentence")), t.text or "") for t in root.iter("token")]
    sentence_of = {t_id: s for t_id, s, _ in tokens}
    markables = root.find("Markables")
    mentions: dict[str, Mention] = {}
    for m in markables if markables is not None else []:
        anchors = tuple(a.get("t_id") for a in m.findall("token_anchor"))
        if not anchors or not is_action(m.tag):
            continue
        anchors = tuple(sorted(anchors, key=int))
        mentions[m.get("m_id")] = Mention(name, m.get("m_id"), m.tag, anchors, sentence_of[anchors[0]], "")
    relations = root.find("Relations")
    intra: dict[str, str] = {}
    for rel in relations if relations is not None else []:
        members = [s.get("m_id") for s in rel.findall("source")] + [t.get("m_id") for t in rel.findall("target")]
        for m_id in members:
            if m_id not in mentions:
                continue
            if rel.tag == "CROSS_DOC_COREF" and not mentions[m_id].gold:
                mentions[m_id].gold = f"{topic}/{rel.get('note')}"
            elif rel.tag == "INTRA_DOC_COREF":
                intra[m_id] = f"{name}/intra{rel.get('r_id')}"
    for m_id, mention in mentions.items():
        mention.gold = mention.gold or intra.get(m_id) or f"{name}/single{m_id}"
    kept = [m for m in mentions.values() if checked is None or m.sentence in checked]
    kept.sort(key=lambda m: (int(m.t_ids[0]), int(m.m_id)))
    doc = Document(name, topic, tokens, kept)
    rebuild_text(doc)
    return doc


_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "...", "'s", "’s", "'", "’"}
_CLITICS = re.compile(r"^(n't|n’t|'(s|re|ve|ll|d|m)|’(s|re|ve|ll|d|m))$", re.IGNORECASE)
_NO_SPACE_AFTER = {"(", "[", "{", "$", "#", "“", "‘"}
_RENDER = {"``": "“", "''": "”"}  # PTB-style quotes in the ECB files


def rebuild_text(doc: Document) -> None:
    """Text from tokens: one paragraph per sentence; the token -> character map in doc.offsets.

    The URL that ``*ecbplus.xml`` files keep as sentence 0 is left out.
    """
    skip = {0} if doc.name.endswith("ecbplus") else set()
    parts: list[str] = []
    pos = 0
    current = None
    glue = True  # no space before the next token
    quote_open = False
    for t_id, sentence, text in doc.tokens:
        if sentence in skip:
            continue
        text = _RENDER.get(text, text)
        if current is not None and sentence != current:
            parts.append("\n\n")
            pos += 2
            glue, quote_open = True, False
        current = sentence
        if text == '"':
            space = not glue and not quote_open
            quote_open = not quote_open
            after_glue = quote_open
        else:
            space = not glue and text not in _NO_SPACE_BEFORE and not _CLITICS.match(text) and text not in {"”"}
            after_glue = text in _NO_SPACE_AFTER
        if space:
            parts.append(" ")
            pos += 1
        doc.offsets[t_id] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        glue = after_glue
    doc.text = "".join(parts)


def _doc_order(path: Path) -> tuple[int, int, str]:
    match = re.match(r"\d+_(\d+)(ecbplus|ecb)$", path.stem)
    return (int(match.group(1)), match.group(2) == "ecbplus", path.stem) if match else (10**9, 0, path.stem)


def load_topics(root: Path, topics: Iterable[str] | None = None, limit: int | None = None) -> dict[str, list[Document]]:
    """Topic -> its documents (first `limit` by document number), mentions restricted to checked sentences."""
    checked = read_checked_sentences(root / "ECBplus_coreference_sentences.csv")
    corpus = root / "ECB+"
    names = sorted((p.name for p in corpus.iterdir() if p.is_dir() and p.name.isdigit()), key=int)
    wanted = set(topics) if topics is not None else None
    out = {}
    for topic in names:
        if wanted is not None and topic not in wanted:
            continue
        paths = sorted(corpus.joinpath(topic).glob("*.xml"), key=_doc_order)[:limit]
        out[topic] = [read_document(p, checked.get(p.stem, set())) for p in paths]
    return out


# ------------------------------------------------------------------------------------- systems


def mention_span(doc: Document, mention: Mention) -> tuple[int, int] | None:
    spans = [doc.offsets[t] for t in mention.t_ids if t in doc.offsets]
    return (min(s for s, _ in spans), max(e for _, e in spans)) if spans else None


def head_lemmas(docs: list[Document], progress=None, task=None) -> dict[tuple[str, str], str]:
    """(doc, m_id) -> lowercased lemma of the spaCy root of the mention's tokens."""
    from newswatch import nlp as nlp_mod

    model = nlp_mod.load()
    out = {}
    disabled = [p for p in ("ner",) if p in model.pipe_names]
    for doc, parsed in zip(docs, model.pipe((d.text for d in docs), batch_size=32, disable=disabled)):
        for m in doc.mentions:
            span = mention_span(doc, m)
            char_span = parsed.char_span(*span, alignment_mode="expand") if span else None
            if char_span is not None and len(char_span):
                out[m.key] = char_span.root.lemma_.lower()
            else:
                out[m.key] = f"#{doc.name}:{m.m_id}"  # no text to parse: a lemma of its own
        if progress is not None:
            progress.advance(task)
    return out


@dataclass
class NewswatchResult:
    assignment: dict[tuple[str, str], str]  # covered mention -> cluster id
    events: int = 0
    clusters: int = 0
    dated_events: int = 0
    seconds: float = 0.0
    not_in_body: set = field(default_factory=set)  # mentions in text that ingest set aside (title, boilerplate)


def newswatch_clusters(topics: Mapping[str, list[Document]], progress=None, task=None) -> NewswatchResult:
    from newswatch.monitor.merge import EventRecord, merge_events
    from newswatch.pipeline import Analyzer, ArticleInput

    analyzer = Analyzer()
    docs = [d for ds in topics.values() for d in ds]
    began = time.perf_counter()
    briefs = {}
    for doc, brief in zip(docs, analyzer.analyze_many(ArticleInput(text=d.text) for d in docs)):
        briefs[doc.name] = brief
        if progress is not None:
            progress.advance(task)
    result = NewswatchResult({}, seconds=time.perf_counter() - began)
    for topic, topic_docs in topics.items():
        records = []
        chosen: dict[tuple[str, str], str] = {}  # mention -> event id
        for doc in topic_docs:
            brief = briefs[doc.name]
            places = {p.id: p for p in brief.places}
            for event in brief.events:
                place = places.get(event.location) if event.location else None
                records.append(EventRecord(doc.name, None, event, place.country_code if place else None, place.name if place else None))
                result.dated_events += event.date is not None
            body = [(g.text_start, g.text_start + g.length) for g in brief.article.body_segments] or [(0, len(doc.text))]
            for m in doc.mentions:
                span = mention_span(doc, m)
                if span is None:
                    continue
                if not any(start <= span[0] and span[1] <= end for start, end in body):
                    result.not_in_body.add(m.key)
                hits = [e for e in brief.events if e.trigger.start < span[1] and span[0] < e.trigger.end]
                if hits:
                    chosen[m.key] = max(hits, key=lambda e: e.confidence).id
        clusters = merge_events(records, window_days=WINDOW_DAYS)
        cluster_of = {(r.article_id, r.event.id): c.cluster_id for c in clusters for r in c.events}
        for (doc_name, m_id), event_id in chosen.items():
            result.assignment[doc_name, m_id] = f"{topic}/nw{cluster_of[doc_name, event_id]}"
        result.events += len(records)
        result.clusters += len(clusters)
    return result


def system_assignments(topics: Mapping[str, list[Document]], lemmas: Mapping, nw: NewswatchResult) -> dict[str, dict]:
    out: dict[str, dict] = {name: {} for name in SYSTEMS}
    for topic, docs in topics.items():
        for doc in docs:
            for m in doc.mentions:
                lemma = f"{topic}/lemma:{lemmas[m.key]}"
                out["same-lemma"][m.key] = lemma
                out["singletons"][m.key] = m.key
                covered = nw.assignment.get(m.key)
                out["newswatch"][m.key] = covered or m.key
                out["newswatch+lemma"][m.key] = covered or lemma
    return out


# ------------------------------------------------------------------------------------------ run


def evaluate(topics: Mapping[str, list[Document]], label: str, lemmas: Mapping, nw: NewswatchResult) -> list[Row]:
    mentions = [m for docs in topics.values() for d in docs for m in d.mentions]
    key = clusters_of({m.key: m.gold for m in mentions})
    n_docs = sum(len(d) for d in topics.values())
    note = f"{len(topics)} topics, {n_docs} docs, {len(mentions)} mentions, {len(key)} gold clusters"
    rows = []
    for system, assignment in system_assignments(topics, lemmas, nw).items():
        response = clusters_of(assignment)
        scores = score_all(key, response)
        for metric in METRICS:
            s = scores[metric]
            rows.append(Row("coref", label, f"{metric} P", system, s.precision, len(mentions), note))
            rows.append(Row("coref", label, f"{metric} R", system, s.recall, len(mentions), note))
            rows.append(Row("coref", label, f"{metric} F1", system, s.f1, len(mentions), note))
        rows.append(Row("coref", label, "CoNLL F1", system, conll_f1(scores), len(mentions), note))
    covered = sum(m.key in nw.assignment for m in mentions)
    keys = {m.key for m in mentions}
    in_clusters = Counter(v for k, v in nw.assignment.items() if k in keys)
    rows.append(Row(
        "coref", label, "mentions covered by events", "newswatch", covered / len(mentions) if mentions else None, len(mentions),
        f"{covered} of {len(mentions)} mentions; they fall in {len(in_clusters)} merged clusters, "
        f"{sum(1 for n in in_clusters.values() if n > 1)} of them with 2+ mentions; "
        f"{sum(m.key in nw.not_in_body for m in mentions)} mentions are in the title or lines ingest set aside",
    ))
    return rows


def run(data: Path, limit: int | None = None, scope: str = "both") -> list[Row]:
    from rich.progress import Progress

    root = data / "ecbplus"
    topics = load_topics(root, None if scope in ("all", "both") else TEST_TOPICS, limit)
    docs = [d for ds in topics.values() for d in ds]
    with Progress(transient=True) as progress:
        task = progress.add_task("ECB+ same-lemma: parsing", total=len(docs))
        lemmas = head_lemmas(docs, progress, task)
        task = progress.add_task("ECB+ newswatch: analysing", total=len(docs))
        nw = newswatch_clusters(topics, progress, task)
    rows = []
    test = {t: ds for t, ds in topics.items() if t in TEST_TOPICS}
    rows += evaluate(test, "ecbplus/test", lemmas, nw)
    if scope in ("all", "both"):
        rows += evaluate(topics, "ecbplus/all", lemmas, nw)
    n_docs = len(docs)
    rows.append(Row("coref", "ecbplus", "newswatch ms/doc", "newswatch", 1000 * nw.seconds / max(n_docs, 1), n_docs,
                    f"analysis incl. parsing and first-use loading; {nw.events} events ({nw.dated_events} dated), {nw.clusters} merged clusters over all topics run"))
    return rows


def print_table(rows: list[Row]) -> None:
    scored = [r for r in rows if r.metric.split()[0] in (*METRICS, "CoNLL")]
    pivot: dict[tuple[str, str], dict[str, float]] = defaultdict(dict)
    for r in scored:
        pivot[r.data, r.system][r.metric] = r.value
    columns = [f"{m} {x}" for m in METRICS for x in ("P", "R", "F1")] + ["CoNLL F1"]
    print(f"{'data':<13} {'system':<16} " + " ".join(f"{c:>9}" for c in columns))
    for (data, system), values in pivot.items():
        print(f"{data:<13} {system:<16} " + " ".join(f"{100 * values[c]:>9.1f}" for c in columns))
    notes = dict.fromkeys(r.note for r in scored)
    for note in notes:
        print(f"  ({note})")
    for r in rows:
        if r not in scored:
            value = "-" if r.value is None else f"{r.value:.3f}" if r.value <= 1 else f"{r.value:.1f}"
            print(f"{r.data:<13} {r.metric:<28} {value:>8}  {r.note}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", help="evaluation data folder (default: $NEWSWATCH_DATA or ../shared/data)")
    parser.add_argument("--limit", type=int, help="keep only the first N documents of every topic")
    parser.add_argument("--scope", default="both", choices=["test", "both"], help="test topics 36-45 only, or also all 43 topics")
    args = parser.parse_args()
    began = time.perf_counter()
    print_table(run(data_dir(args.data), args.limit, args.scope))
    print(f"({time.perf_counter() - began:.0f} s)")


if __name__ == "__main__":
    main()
