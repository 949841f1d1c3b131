"""Who, where and when of the main event on the Giveme5W1H gold standard, for newswatch and a baseline.

Data: ``fivew1h/gold_standard.jsonl`` (96 news articles; see ``fivew1h/SOURCE.md``). Each question
has a list of annotated phrases ``{text, coderPhraseCount, parsed?}``.

Gold: every annotated phrase that has a ``text`` counts as a right answer, whatever its
``coderPhraseCount`` (the number of coders who chose it): each is a phrase some coder read as the
answer. An item without ``text`` records that the coders found no answer; an article is scored on
a question only when it has at least one phrase with text, so ``n`` differs per question. For the
``when`` date rule the gold is the ``parsed`` dates (YYYY-MM-DD) of those phrases; an article
without any is left out of that row.

Input text, the same string for every system: the title, the description (unless the text already
starts with it) and the text, joined by blank lines. newswatch also gets the publication date
(``date_publish``), title, publisher and URL as metadata; its ingest step may drop the title line
as header, which is its normal behaviour on a raw article.

Predictions (one answer per question per article):

* ``newswatch`` (``Analyzer.analyze_many``). The **top event** is the event with the highest
  confidence, the earliest on a tie.

  - who: the top event's actor (its entity's canonical name when it is linked to one, else the
    actor phrase); without a top event or actor, the PERSON or ORG entity with the most mentions
    (the earliest first mentioned on a tie).
  - where: the top event's location (the canonical name of the place's entity, else the
    gazetteer name); else the place with the most mentions (earliest on a tie).
  - when: the top event's date when it came from a time expression (``date_source`` sentence or
    context), with that expression's text; else the first resolved date or range expression;
    else the publication date (a date with no text, so it can only score on the date rule).

* ``spacy-first``: the bare spaCy model newswatch uses, on the same text. who: the first PERSON or
  ORG entity; where: the first GPE, LOC or FAC entity; when: the first DATE entity, resolved
  against the publication date with newswatch's resolver (``extract.times.resolve``) for the
  date rule.
* ``pubdate`` (when, date rule only): the publication date.

Two diagnostic variants, same run: ``newswatch-noevent`` (newswatch's answers with the event
step skipped, i.e. only the entity, place and time fallbacks) and ``spacy-first-body`` (the
baseline on ``brief.article.body``, the text newswatch parses after ingest: ingest takes the
title line off as header, so this baseline sees no title either).

Matching. Text is **normalised**: Unicode NFKC, lowercased, a possessive ``'s``/``’s`` at the end
of a word removed, every character that is not a letter or digit turned into a space, split on
spaces. **Content tokens** are the normalised tokens not in spaCy's English stop-word list.

* **strict**: the prediction has at least one content token and all its content tokens occur
  among the tokens of one single gold phrase ("Boris Johnson" matches "Foreign Secretary Boris
  Johnson"; "Donald Trump" does not match "Trump").
* **lenient**: the prediction shares at least one content token with at least one gold phrase
  ("Donald Trump" matches "Trump"; "London" matches "central London").
* **date** (when only): the predicted date (the first day of a range) equals a gold ``parsed``
  date.

Accuracy is the share of scored articles whose one prediction matches; no prediction is wrong.
"""

from __future__ import annotations

import datetime as dt
import re
import time
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from bench.common import Row, data_dir, read_jsonl, evaluation_parser, print_rows, with_progress

QUESTIONS = ("who", "where", "when")
DATA_LABEL = "giveme5w1h"
SYSTEMS = ("newswatch", "newswatch-noevent", "spacy-first", "spacy-first-body", "pubdate")
_POSSESSIVE = re.compile(r"(?<=\w)['’]s\b")
_NON_WORD = re.compile(r"[^0-9a-z]+")


@dataclass
class Answer:
    text: str | None = None
    date: dt.date | None = None
    origin: str = ""  # where the answer came from: event, entity, place, time, publication, ...


@dataclass
class Gold:
    phrases: list[str] = field(default_factory=list)
    dates: list[dt.date] = field(default_factory=list)


@dataclass
class Tally:
    right: int = 0
    total: int = 0

    def add(self, ok: bool) -> None:
        self.right += ok
        self.total += 1

    @property
    def accuracy(self) -> float | None:
        return self.right / self.total if self.total else None


# ---------------------------------------------------------------- normalising and matching


def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


def tokens(text: str) -> list[str]:
    text = unicodedata.normalize("NFKC", text).lower()
    text = _POSSESSIVE.sub("", text)
    return [t for t in _NON_WORD.split(text) if t]


def content_tokens(text: str) -> set[str]:
    stop = _stop_words()
    return {t for t in tokens(text) if t not in stop}


def match_strict(predicted: str | None, gold: Iterable[str]) -> bool:
    """All content tokens of the prediction (at least one) occur in one gold phrase."""
    if not predicted:
        return False
    wanted = content_tokens(predicted)
    return bool(wanted) and any(wanted <= set(tokens(g)) for g in gold)


def match_lenient(predicted: str | None, gold: Iterable[str]) -> bool:
    """The prediction shares a content token with some gold phrase."""
    if not predicted:
        return False
    wanted = content_tokens(predicted)
    return any(wanted & content_tokens(g) for g in gold)


def match_date(predicted: dt.date | None, gold: Iterable[dt.date]) -> bool:
    return predicted is not None and predicted in set(gold)


# ---------------------------------------------------------------- data


def gold_answers(record: dict) -> dict[str, Gold]:
    out = {}
    for question in QUESTIONS:
        gold = Gold()
        for item in record["annotations"].get(question, []):
            text = (item.get("text") or "").strip()
            if not text:
                continue
            gold.phrases.append(text)
            if item.get("parsed"):
                try:
                    gold.dates.append(dt.date.fromisoformat(item["parsed"][:10]))
                except ValueError:
                    pass
        out[question] = gold
    return out


def article_text(record: dict) -> str:
    parts = [(record.get("title") or "").strip()]
    description = (record.get("description") or "").strip()
    body = (record.get("text") or "").strip()
    if description and not body.startswith(description[:60]):
        parts.append(description)
    parts.append(body)
    return "\n\n".join(p for p in parts if p)


def published(record: dict) -> dt.date | None:
    try:
        return dt.date.fromisoformat((record.get("date_publish") or "")[:10])
    except ValueError:
        return None


# ---------------------------------------------------------------- systems


def _most_mentioned(items):
    items = [i for i in items if i.mentions]
    if not items:
        return None
    return max(items, key=lambda i: (len(i.mentions), -min(m.start for m in i.mentions)))


def top_event(brief):
    if not brief.events:
        return None
    return max(brief.events, key=lambda e: (e.confidence, -e.trigger.start))


def newswatch_answers(brief, use_events: bool = True) -> dict[str, Answer]:
    entities = {e.id: e for e in brief.entities}
    places = {p.id: p for p in brief.places}
    event = top_event(brief) if use_events else None

    def place_name(place) -> str:
        entity = entities.get(place.entity_id) if place.entity_id else None
        return entity.name if entity else place.name

    # who
    if event is not None and event.actor is not None:
        entity = entities.get(event.actor.entity_id) if event.actor.entity_id else None
        who = Answer(entity.name if entity else event.actor.text, origin="event")
    elif (entity := _most_mentioned(e for e in brief.entities if e.type in ("PERSON", "ORG"))) is not None:
        who = Answer(entity.name, origin="entity")
    else:
        who = Answer(origin="none")

    # where
    if event is not None and event.location in places:
        where = Answer(place_name(places[event.location]), origin="event")
    elif (place := _most_mentioned(brief.places)) is not None:
        where = Answer(place_name(place), origin="place")
    else:
        where = Answer(origin="none")

    # when
    when = None
    if event is not None and event.date is not None and event.date_source in ("sentence", "context"):
        source = [t for t in brief.times if t.resolved and t.start == event.date and t.span.start < event.evidence.end]
        when = Answer(source[-1].text if source else None, event.date, origin="event")
    if when is None:
        first = next((t for t in sorted(brief.times, key=lambda t: t.span.start) if t.resolved and t.kind in ("date", "range")), None)
        if first is not None:
            when = Answer(first.text, first.start, origin="time")
    if when is None:
        pub = brief.article.published
        when = Answer(None, pub, origin="publication" if pub else "none")
    return {"who": who, "where": where, "when": when}


def baseline_answers(doc, pub: dt.date | None) -> dict[str, Answer]:
    from newswatch.extract.times import resolve

    def first(labels: set[str]):
        return next((e for e in doc.ents if e.label_ in labels), None)

    who = first({"PERSON", "ORG"})
    where = first({"GPE", "LOC", "FAC"})
    date = first({"DATE"})
    when_date = None
    if date is not None:
        fields = resolve(date.text, pub)
        when_date = fields.get("start") if fields.get("resolved") else None
    return {
        "who": Answer(who.text if who is not None else None, origin="first entity"),
        "where": Answer(where.text if where is not None else None, origin="first entity"),
        "when": Answer(date.text if date is not None else None, when_date, origin="first entity"),
    }


# ---------------------------------------------------------------- scoring


@dataclass
class Score:
    strict: dict[str, Tally] = field(default_factory=lambda: {q: Tally() for q in QUESTIONS})
    lenient: dict[str, Tally] = field(default_factory=lambda: {q: Tally() for q in QUESTIONS})
    date: Tally = field(default_factory=Tally)
    origins: dict[str, dict[str, int]] = field(default_factory=lambda: {q: {} for q in QUESTIONS})
    seconds: float = 0.0


def score_article(score: Score, gold: dict[str, Gold], answers: dict[str, Answer], text_rules: bool = True) -> None:
    for question in QUESTIONS:
        g, a = gold[question], answers.get(question) or Answer(origin="none")
        if text_rules and g.phrases:
            score.strict[question].add(match_strict(a.text, g.phrases))
            score.lenient[question].add(match_lenient(a.text, g.phrases))
            origins = score.origins[question]
            origins[a.origin] = origins.get(a.origin, 0) + 1
        if question == "when" and g.dates:
            score.date.add(match_date(a.date, g.dates))


def evaluate(records: list[dict]) -> dict[str, Score]:
    import spacy

    from newswatch import nlp as nlp_mod
    from newswatch.pipeline import Analyzer, ArticleInput

    scores = {name: Score() for name in SYSTEMS}
    texts = [article_text(r) for r in records]
    golds = [gold_answers(r) for r in records]
    dates = [published(r) for r in records]

    started = time.perf_counter()
    analyzer = Analyzer()
    inputs = [
        ArticleInput(text=text, published=pub, title=r.get("title"), outlet=r.get("publisher"), url=r.get("url"))
        for r, text, pub in zip(records, texts, dates)
    ]
    bodies = []
    for gold, brief in zip(with_progress(golds, "5w1h: newswatch"), analyzer.analyze_many(inputs)):
        score_article(scores["newswatch"], gold, newswatch_answers(brief))
        score_article(scores["newswatch-noevent"], gold, newswatch_answers(brief, use_events=False))
        bodies.append(brief.article.body)
    scores["newswatch"].seconds = time.perf_counter() - started

    started = time.perf_counter()
    bare = spacy.load(nlp_mod.DEFAULT_MODEL)
    for (gold, pub), doc in zip(with_progress(list(zip(golds, dates)), "5w1h: bare spaCy"), bare.pipe(texts, batch_size=16)):
        score_article(scores["spacy-first"], gold, baseline_answers(doc, pub))
    scores["spacy-first"].seconds = time.perf_counter() - started
    for (gold, pub), doc in zip(zip(golds, dates), bare.pipe(bodies, batch_size=16)):
        score_article(scores["spacy-first-body"], gold, baseline_answers(doc, pub))

    for gold, pub in zip(golds, dates):
        score_article(scores["pubdate"], gold, {"when": Answer(None, pub, origin="publication")}, text_rules=False)
    return scores


def rows_for(scores: dict[str, Score], n_docs: int) -> list[Row]:
    rows = []
    for system, score in scores.items():
        base = f"{n_docs} docs, {score.seconds:.0f} s" if score.seconds else f"{n_docs} docs"
        if system != "pubdate":
            for question in QUESTIONS:
                origins = ", ".join(f"{k} {v}" for k, v in sorted(score.origins[question].items()))
                note = f"{base}; answers from: {origins}" if system.startswith("newswatch") else base
                for rule, tallies in (("strict", score.strict), ("lenient", score.lenient)):
                    t = tallies[question]
                    rows.append(Row("fivew1h", DATA_LABEL, f"{question} acc ({rule})", system, t.accuracy, t.total, note))
        t = score.date
        rows.append(Row("fivew1h", DATA_LABEL, "when acc (date)", system, t.accuracy, t.total, base))
    return rows


def run(data: Path, limit: int | None = None) -> list[Row]:
    records = list(read_jsonl(data / "fivew1h" / "gold_standard.jsonl", limit))
    return rows_for(evaluate(records), len(records))


def main() -> None:
    args = evaluation_parser(__doc__.split("\n")[0], "score only the first N articles").parse_args()
    print_rows(run(data_dir(args.data), args.limit))


if __name__ == "__main__":
    main()
