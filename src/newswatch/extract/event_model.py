"""A small learned PLOVER event-type classifier, scored without scikit-learn.

The weights (`data/models/event_types.json`) come from `scripts/train_events.py` (`make
train-events`): a multinomial logistic regression trained on the development half (even ids)
of the PLOVER gold-standard records and on our own labelled sentences (training/events), with
the thresholds for overriding the rules chosen on the calibration sentences. The file holds the
feature vocabulary (lemmas and parse relations, no sentence text), the classes, one coefficient
row per class, the intercepts and the thresholds; scoring is a sum of weights over the
sentence's features and a softmax.

Features of a sentence (`features`): content lemmas; trigger-lexicon types of its words; the
root predicate and, when the root is a speech verb, the predicate of what was said; their
negation, particles, objects, prepositional objects, open complements and subjects (lemma,
sector, entity type); the types and lemmas of the triggers the rule coder found, and future /
obligation / negation cues crossed with the main rule type. Bigrams were tried and dropped (no
gain in cross-validation, a larger file); so were the parser's token vectors (doc.tensor):
+0.02 on the calibration sentences, but wrong on short plain sentences ("The army shelled the
village" as no event). The same function builds features at training and at run time.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Span as SpacySpan, Token

from .. import lexicons
from .actors import sector_of_noun

MODEL_NAME = "event_types.json"
PRED_DEPS = ("dobj", "obj", "attr", "oprd", "dative")


@functools.lru_cache(maxsize=1)
def _cues() -> dict[str, frozenset[str]]:
    """Negation, future and intent cue words of the model's features (event_modality.yaml)."""
    return {k: frozenset(v) for k, v in lexicons.load("event_modality")["model_cues"].items()}


@functools.lru_cache(maxsize=1)
def _speech() -> frozenset[str]:
    return frozenset(lexicons.load("speech_cues")["verbs"])


def _lemma(tok: Token) -> str:
    return tok.lemma_.lower().strip()


def _predicates(sent: SpacySpan) -> list[Token]:
    """The root and, under a speech verb, the verb of the reported clause ("X said Y attacked")."""
    root = sent.root
    out = [root]
    if _lemma(root) in _speech():
        out.extend(c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ in ("VERB", "AUX"))
    # "X condemned Y, Z said": the reported clause is the root's ccomp even when root is not speech
    elif root.pos_ != "VERB":
        out.extend(c for c in root.children if c.dep_ in ("ccomp", "xcomp") and c.pos_ == "VERB")
    return out


def predicate(sent: SpacySpan) -> Token:
    """The token that names the sentence's main act: the root, or what a speech root reports."""
    preds = _predicates(sent)
    return preds[1] if len(preds) > 1 else preds[0]


def features(sent: SpacySpan, rule_triggers: list[tuple[str, str]] = ()) -> list[str]:
    """Binary feature names of one sentence; `rule_triggers` are (type, lemma) pairs, main one first."""
    out: set[str] = set()
    lemmas = [_lemma(t) for t in sent if t.is_alpha and not t.is_stop]
    out.update(f"w={lem}" for lem in lemmas)
    preds = _predicates(sent)
    for i, pred in enumerate(preds):
        tag = "root" if i == 0 else "said"
        lem = _lemma(pred)
        out.add(f"{tag}={lem}")
        out.add(f"pred={lem}")
        for c in pred.children:
            clem = _lemma(c)
            if c.dep_ == "neg" or c.lower_ in _cues()["negation"]:
                out.add("neg")
                out.add(f"neg={lem}")
            elif c.dep_ in PRED_DEPS:
                out.add(f"obj={clem}")
                out.add(f"{lem}>obj={clem}")
            elif c.dep_ == "prt":
                out.add(f"{lem}+{c.lower_}")
            elif c.dep_ == "prep":
                out.add(f"prep={c.lower_}")
                out.add(f"{lem}+{c.lower_}")
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    out.add(f"{c.lower_}>{_lemma(pobj)}")
            elif c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                out.add(f"comp={clem}")
                out.add(f"{lem}>comp={clem}")
                for g in c.children:
                    if g.dep_ in PRED_DEPS:
                        out.add(f"obj={_lemma(g)}")
            elif c.dep_ in ("aux", "auxpass") and c.lower_ in ("will", "would", "could", "may", "might"):
                out.add(f"aux={c.lower_}")
            elif c.dep_ in ("nsubj", "nsubjpass"):
                # Who acts says much of what is done: rioters riot, police arrest, armies shell.
                sector = sector_of_noun(clem)
                out.add(f"subj={clem}")
                if sector:
                    out.add(f"subjsec={sector}")
                if c.ent_type_:
                    out.add(f"subjent={c.ent_type_}")
    # Trigger-lexicon types: of any word, and of the predicates and their complements.
    kinds = _lexicon_types()
    for t in sent:
        out.update(f"lex={k}" for k in kinds.get(_lemma(t), ()))
    modal = set()
    for pred in preds:
        for c in [pred, *(c for c in pred.children if c.dep_ in ("xcomp", "ccomp", "dobj", "obj"))]:
            out.update(f"plex={k}" for k in kinds.get(_lemma(c), ()))
        for c in pred.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in _cues()["future"]:
                modal.add("fut")
            if c.lower_ in ("must", "should"):
                modal.add("must")
            if c.dep_ == "neg" or c.lower_ in _cues()["negation"]:
                modal.add("neg")
        if _lemma(pred) in _cues()["intent"]:
            modal.add("fut")
    main = rule_triggers[0][0] if rule_triggers else "NONE"
    out.add(f"rule0={main}")
    for m in modal:
        out.add(m)
        out.add(f"{m}&rule0={main}")
    for etype, lemma in rule_triggers:
        out.add(f"rule={etype}")
        out.add(f"trig={lemma}")
    return sorted(out)


@functools.lru_cache(maxsize=1)
def _lexicon_types() -> dict[str, frozenset[str]]:
    kinds: dict[str, set[str]] = {}
    for etype, spec in lexicons.load("event_triggers").items():
        if isinstance(spec, dict):
            for w in spec.get("verbs", []) + spec.get("nouns", []):
                kinds.setdefault(w.split()[0], set()).add(etype)
    return {k: frozenset(v) for k, v in kinds.items()}


@dataclass
class Prediction:
    type: str
    probability: float
    probabilities: dict[str, float]


class EventTypeModel:
    """Logistic-regression weights over named features; no scikit-learn needed."""

    def __init__(self, spec: dict):
        self.classes: list[str] = list(spec["classes"])
        self.index: dict[str, int] = {f: i for i, f in enumerate(spec["vocabulary"])}
        self.coef: list[list[float]] = spec["coef"]  # one row per class, one column per feature
        self.intercept: list[float] = spec["intercept"]
        self.agree_threshold: float = spec.get("agree_threshold", 0.0)
        self.retype_threshold: float = spec.get("retype_threshold", 0.5)
        self.propose_threshold: float = spec.get("propose_threshold", 0.6)
        # Above it, the model's NONE drops the rules' events of the sentence (1.01: never).
        self.veto_threshold: float = spec.get("veto_threshold", 1.01)
        self.meta: dict = spec.get("meta", {})

    @classmethod
    def from_json(cls, text: str) -> "EventTypeModel":
        return cls(json.loads(text))

    def scores(self, names: list[str]) -> list[float]:
        cols = sorted({self.index[n] for n in names if n in self.index})
        return [b + sum(row[j] for j in cols) for row, b in zip(self.coef, self.intercept)]

    def predict_names(self, names: list[str]) -> Prediction:
        scores = self.scores(names)
        top = max(scores)
        exp = [math.exp(s - top) for s in scores]
        total = sum(exp)
        probs = {c: e / total for c, e in zip(self.classes, exp)}
        best = max(range(len(scores)), key=lambda k: (scores[k], -k))
        return Prediction(self.classes[best], probs[self.classes[best]], probs)

    def predict(self, sent: SpacySpan, rule_triggers: list[tuple[str, str]] = ()) -> Prediction:
        return self.predict_names(features(sent, rule_triggers))


@functools.lru_cache(maxsize=1)
def load() -> EventTypeModel | None:
    """The shipped model, or None when the weights file is missing (rules alone then)."""
    path = resources.files("newswatch") / "data" / "models" / MODEL_NAME
    try:
        return EventTypeModel.from_json(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
