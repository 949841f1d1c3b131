"""Who, whom and where of events against WikiEvents (KAIROS ontology), test split.

Data: ../shared/data/wikievents/test.jsonl (see its SOURCE.md): 20 news documents with event
mentions, their triggers and their arguments (token spans in the document). The file's `text`
runs sentences together without a space ("said.The official"), which no news text does, so the
text analysed is the file's sentences joined by single spaces.

KAIROS types are mapped to PLOVER where the two mean the same act (written by us):

| KAIROS | PLOVER |
|---|---|
| Conflict.Attack.* | ASSAULT |
| Life.Die.*, Life.Injure.* with a Killer or Injurer argument | ASSAULT |
| Justice.ArrestJailDetain.*, Justice.Sentence.*, Justice.Convict.* | COERCE |
| Justice.ChargeIndict.*, Justice.InvestigateCrime.*, Justice.TrialHearing.* | ACCUSE |
| Justice.ReleaseParole.* | RETREAT |
| Contact.Contact.Meet, Contact.RequestCommand.Meet | CONSULT |
| Contact.RequestCommand.* (other) | REQUEST |
| Contact.ThreatenCoerce.* | THREATEN |
| Conflict.Demonstrate.* | PROTEST |

Other types (statements, transport, transactions, deaths with no killer named, disease) have
no PLOVER counterpart and are left out as gold; newswatch events on their triggers are not
counted as errors.

Matching rules:
- An event is found when a newswatch event's trigger overlaps the gold trigger (characters),
  whatever its modality. Detection recall = found / mapped gold mentions. Detection precision
  = newswatch events whose trigger overlaps any gold trigger (mapped or not) / all newswatch
  events in the documents.
- Type accuracy: over found mentions, the overlapping event's type equals the mapped type.
- Who / whom / where accuracy: over found mentions that have such a gold argument, the
  event's actor (who), target (whom) or location (where) overlaps a gold argument of that
  kind (characters; for where, any mention of the event's place, or the same name). Who is
  Attacker, Killer, Injurer, Jailer, Communicator, Demonstrator, Prosecutor, Investigator,
  JudgeCourt, Damager or the first Participant; whom is Target, Victim, Detainee, Defendant,
  Recipient, or a later Participant; where is Place.
- Baselines in the same run: for detection and type, every trigger-lexicon word is an event of
  its lexicon type (keyword-only); for roles, over the same found mentions, the nearest noun
  phrase before the trigger in its sentence (who), the nearest after it (whom) and the first
  place name in the sentence (where), as a positional coder would guess.
"""

from __future__ import annotations

import json
from pathlib import Path

from bench.common import PRF, Row

WHO = {"Attacker", "Killer", "Injurer", "Jailer", "Communicator", "Demonstrator", "Prosecutor", "Investigator", "JudgeCourt", "Damager"}
WHOM = {"Target", "Victim", "Detainee", "Defendant", "Recipient"}


def plover_of(mention: dict) -> str | None:
    kind = mention["event_type"]
    roles = {a["role"] for a in mention["arguments"]}
    if kind.startswith("Conflict.Attack."):
        return "ASSAULT"
    if kind.startswith(("Life.Die.", "Life.Injure.")):
        return "ASSAULT" if roles & {"Killer", "Injurer"} else None
    if kind.startswith(("Justice.ArrestJailDetain.", "Justice.Sentence.", "Justice.Convict.")):
        return "COERCE"
    if kind.startswith(("Justice.ChargeIndict.", "Justice.InvestigateCrime.", "Justice.TrialHearing.")):
        return "ACCUSE"
    if kind.startswith("Justice.ReleaseParole."):
        return "RETREAT"
    if kind in ("Contact.Contact.Meet", "Contact.RequestCommand.Meet"):
        return "CONSULT"
    if kind.startswith("Contact.RequestCommand."):
        return "REQUEST"
    if kind.startswith("Contact.ThreatenCoerce."):
        return "THREATEN"
    if kind.startswith("Conflict.Demonstrate."):
        return "PROTEST"
    return None


def load(path: Path, limit: int | None = None) -> list[dict]:
    """Documents with char offsets for every token, and gold mentions with char spans."""
    docs = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            d = json.loads(line)
            # The `text` field runs sentences together ("said.The official"): rebuild the text
            # with a space between sentences, as an article would have it.
            text = " ".join(sentence_text for _, sentence_text in d["sentences"])
            offsets = _align(text, [token for sentence, _ in d["sentences"] for token, _, _ in sentence])
            sentence_of = [i for i, (sentence, _) in enumerate(d["sentences"]) for _ in sentence]

            def chars(start: int, end: int) -> tuple[int, int]:
                return offsets[start][0], offsets[end - 1][1]

            entities = {e["id"]: chars(e["start"], e["end"]) for e in d["entity_mentions"]}
            mentions = []
            for m in d["event_mentions"]:
                who, whom, where = [], [], []
                participants = 0
                for arg in m["arguments"]:
                    span = entities.get(arg["entity_id"])
                    if span is None:
                        continue
                    role = arg["role"]
                    if role in WHO or (role == "Participant" and participants == 0):
                        who.append(span)
                    elif role in WHOM or role == "Participant":
                        whom.append(span)
                    elif role == "Place":
                        where.append((span, arg["text"]))
                    participants += role == "Participant"
                mentions.append({
                    "type": plover_of(m), "trigger": chars(m["trigger"]["start"], m["trigger"]["end"]),
                    "sentence": sentence_of[m["trigger"]["start"]], "who": who, "whom": whom, "where": where,
                })
            docs.append({"id": d["doc_id"], "text": text, "mentions": mentions})
            if limit is not None and len(docs) >= limit:
                break
    return docs


def _align(text: str, tokens: list[str]) -> list[tuple[int, int]]:
    """Char span of each token in `text`, found in order (the file's own offsets do not index
    its `text` field past the first sentence)."""
    spans, cursor = [], 0
    for token in tokens:
        start = text.find(token, cursor)
        if start < 0:  # not found verbatim: keep an empty span at the cursor
            spans.append((cursor, cursor))
            continue
        spans.append((start, start + len(token)))
        cursor = start + len(token)
    return spans


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _span(actor) -> tuple[int, int] | None:
    return (actor.span.start, actor.span.end) if actor is not None and actor.span is not None else None


def run(data: Path, analyzer, limit: int | None = None, split: str = "test") -> list[Row]:
    """Rows for the test split (the dev split is the one whose errors are read)."""
    from newswatch.pipeline import ArticleInput

    docs = load(data / "wikievents" / f"{split}.jsonl", limit)
    briefs = list(analyzer.analyze_many(ArticleInput(text=d["text"]) for d in docs))
    nlp = analyzer.nlp
    from bench.eval_events import keyword_lexicon

    keywords = keyword_lexicon()
    gold_total = sum(1 for d in docs for m in d["mentions"] if m["type"])
    name = f"WikiEvents {split} ({len(docs)} documents, {gold_total} mentions with a PLOVER type)"
    detection = {"newswatch": PRF(), "keyword-only": PRF()}
    type_ok = {"newswatch": [], "keyword-only": []}
    roles = {(system, role): [] for system in ("newswatch", "positional") for role in ("who", "whom", "where")}
    for d, brief in zip(docs, briefs):
        doc = nlp(d["text"])
        gold_triggers = [m["trigger"] for m in d["mentions"]]
        place_spans = {p.id: [((m.start, m.end), p.name) for m in p.mentions] for p in brief.places}
        events = [(e, (e.trigger.start, e.trigger.end)) for e in brief.events]
        detection["newswatch"].fp += sum(not any(_overlaps(span, g) for g in gold_triggers) for _, span in events)
        detection["newswatch"].tp += sum(any(_overlaps(span, g) for g in gold_triggers) for _, span in events)
        keyword_hits = [((t.idx, t.idx + len(t.text)), keywords[t.lemma_.lower()]) for t in doc if t.lemma_.lower() in keywords]
        detection["keyword-only"].fp += sum(not any(_overlaps(span, g) for g in gold_triggers) for span, _ in keyword_hits)
        detection["keyword-only"].tp += sum(any(_overlaps(span, g) for g in gold_triggers) for span, _ in keyword_hits)
        for m in d["mentions"]:
            if not m["type"]:
                continue
            found = next((e for e, span in events if _overlaps(span, m["trigger"])), None)
            keyword = next((etype for span, etype in keyword_hits if _overlaps(span, m["trigger"])), None)
            if keyword is not None:
                type_ok["keyword-only"].append(keyword == m["type"])
            if found is None:
                continue
            type_ok["newswatch"].append(found.type == m["type"])
            guess = _positional(doc, m["trigger"])
            if m["who"]:
                roles[("newswatch", "who")].append(_hit(_span(found.actor), m["who"]))
                roles[("positional", "who")].append(_hit(guess["who"], m["who"]))
            if m["whom"]:
                roles[("newswatch", "whom")].append(_hit(_span(found.target), m["whom"]))
                roles[("positional", "whom")].append(_hit(guess["whom"], m["whom"]))
            if m["where"]:
                predicted = place_spans.get(found.location, [])
                roles[("newswatch", "where")].append(_place_hit(predicted, m["where"]))
                roles[("positional", "where")].append(_place_hit([(guess["where"], "")] if guess["where"] else [], m["where"]))
    # Detection recall is over the mapped gold mentions; precision over all gold triggers.
    rows = []
    for system, prf in detection.items():
        found = len(type_ok[system])
        precision = prf.tp / (prf.tp + prf.fp) if prf.tp + prf.fp else 0.0
        recall = found / gold_total if gold_total else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append(Row("events", name, "event detection F1 (trigger overlap)", system, round(f1, 3), gold_total, f"P {precision:.3f} R {recall:.3f}"))
        rows.append(Row("events", name, "type accuracy (found mentions)", system, round(sum(type_ok[system]) / found, 3) if found else None, found))
    for (system, role), hits in roles.items():
        label = {"who": "who (actor span)", "whom": "whom (target span)", "where": "where (event place)"}[role]
        rows.append(Row("events", name, f"{label} accuracy (found mentions)", system, round(sum(hits) / len(hits), 3) if hits else None, len(hits)))
    return rows


def _hit(span: tuple[int, int] | None, gold: list[tuple[int, int]]) -> bool:
    return span is not None and any(_overlaps(span, g) for g in gold)


def _place_hit(predicted: list[tuple[tuple[int, int], str]], gold: list[tuple[tuple[int, int], str]]) -> bool:
    return any(_overlaps(span, g_span) or (name and name.lower() == g_text.lower()) for span, name in predicted for g_span, g_text in gold)


def _positional(doc, trigger: tuple[int, int]) -> dict:
    """Nearest noun phrase before and after the trigger in its sentence, first place name in it."""
    sentence = next((s for s in doc.sents if s.start_char <= trigger[0] < s.end_char), None)
    if sentence is None:
        return {"who": None, "whom": None, "where": None}
    chunks = list(sentence.noun_chunks)
    before = [c for c in chunks if c.end_char <= trigger[0]]
    after = [c for c in chunks if c.start_char >= trigger[1]]
    places = [e for e in sentence.ents if e.label_ in ("GPE", "LOC", "FAC")]
    return {
        "who": (before[-1].start_char, before[-1].end_char) if before else None,
        "whom": (after[0].start_char, after[0].end_char) if after else None,
        "where": (places[0].start_char, places[0].end_char) if places else None,
    }
