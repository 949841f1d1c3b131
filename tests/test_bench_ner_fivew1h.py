"""The NER (CoNLL) and 5W1H benchmark scripts: reader, span and phrase matching, and a smoke run."""

import datetime as dt
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # bench/ lives beside src/, not in the package

from bench import eval_fivew1h as fw
from bench import eval_ner as ner

CONLL = """-DOCSTART- -X- -X- O

Anna NNP B-NP B-PER
Berg NNP I-NP I-PER
visited VBD B-VP O
Oslo NNP B-NP B-LOC
. . O O

The DT B-NP O
Acme NNP I-NP B-ORG
Corp NNP I-NP I-ORG
sells VBZ B-VP O
Dutch JJ B-NP B-MISC
tulips NNS I-NP O
. . O O

-DOCSTART- -X- -X- O

Berg NNP B-NP B-PER
left VBD B-VP O
. . O O
"""


@pytest.fixture
def conll_file(tmp_path):
    path = tmp_path / "tiny.txt"
    path.write_text(CONLL, encoding="utf-8")
    return path


def _span(text: str, phrase: str, etype: str) -> ner.Entity:
    start = text.index(phrase)
    return ner.Entity(start, start + len(phrase), etype)


# ---------------------------------------------------------------- CoNLL reader


def test_reader_builds_text_offsets_and_gold_without_misc(conll_file):
    docs = ner.read_conll(conll_file)
    assert len(docs) == 2
    first = docs[0]
    assert first.text == "Anna Berg visited Oslo .\n\nThe Acme Corp sells Dutch tulips ."
    for sentence, offsets in zip(first.sentences, first.offsets):
        assert [first.text[s:e] for s, e in offsets] == sentence.tokens
    assert first.gold() == {
        _span(first.text, "Anna Berg", "PER"),
        _span(first.text, "Oslo", "LOC"),
        _span(first.text, "Acme Corp", "ORG"),
    }  # "Dutch" (MISC) is not scored
    assert docs[1].text == "Berg left ."
    assert docs[1].gold() == {ner.Entity(0, 4, "PER")}


def test_reader_limit_counts_sentences_across_documents(conll_file):
    docs = ner.read_conll(conll_file, limit=1)
    assert len(docs) == 1 and len(docs[0].sentences) == 1
    assert docs[0].text == "Anna Berg visited Oslo ."
    docs = ner.read_conll(conll_file, limit=2)
    assert [len(d.sentences) for d in docs] == [2]


def test_bio_spans_reads_stray_inside_tags_as_starts():
    assert ner.bio_spans(["B-PER", "I-PER", "O", "I-LOC", "I-LOC", "B-PER", "B-PER", "I-ORG"]) == [
        (0, 1, "PER"), (3, 4, "LOC"), (5, 5, "PER"), (6, 6, "PER"), (7, 7, "ORG"),
    ]


# ---------------------------------------------------------------- NER scoring


def test_exact_span_and_type_are_both_required():
    text = "Anna Berg visited Oslo ."
    gold = {_span(text, "Anna Berg", "PER"), _span(text, "Oslo", "LOC")}
    score = ner.Score()
    ner.score_document(score, gold, {
        _span(text, "Anna Berg", "PER"),  # right
        _span(text, "Berg", "PER"),  # span too short: wrong
        _span(text, "Oslo", "ORG"),  # right span, wrong type: fp ORG and fn LOC
        _span(text, "visited", "MISC"),  # unscored type: ignored
    })
    assert (score.by_type["PER"].tp, score.by_type["PER"].fp, score.by_type["PER"].fn) == (1, 1, 0)
    assert (score.by_type["ORG"].tp, score.by_type["ORG"].fp, score.by_type["ORG"].fn) == (0, 1, 0)
    assert (score.by_type["LOC"].tp, score.by_type["LOC"].fp, score.by_type["LOC"].fn) == (0, 0, 1)
    overall = score.overall
    assert (overall.tp, overall.fp, overall.fn) == (1, 2, 1)
    assert overall.precision == pytest.approx(1 / 3) and overall.recall == pytest.approx(1 / 2)


def test_perfect_predictions_score_one_and_an_off_by_one_span_scores_zero():
    text = "Acme Corp sells ."
    gold = {_span(text, "Acme Corp", "ORG")}
    perfect, shifted = ner.Score(), ner.Score()
    ner.score_document(perfect, gold, set(gold))
    ner.score_document(shifted, gold, {ner.Entity(0, 8, "ORG")})
    assert perfect.overall.f1 == 1.0
    assert shifted.overall.f1 == 0.0


def test_spacy_labels_are_mapped_and_others_dropped():
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

    words = ["Anna", "Berg", "of", "Acme", "flew", "to", "Oslo", "and", "Dutch", "Pier", "7"]
    ents = ["B-PERSON", "I-PERSON", "O", "B-ORG", "O", "O", "B-GPE", "O", "B-NORP", "B-FAC", "I-FAC"]
    doc = Doc(Vocab(), words=words, ents=ents)
    got = {(doc.text[e.start:e.end], e.type) for e in ner.spacy_entities(doc)}
    assert got == {("Anna Berg", "PER"), ("Acme", "ORG"), ("Oslo", "LOC"), ("Pier 7", "LOC")}


# ---------------------------------------------------------------- 5W1H matching


def test_normalisation_strips_case_possessives_and_punctuation():
    assert fw.tokens("Anna Berg’s “new” plan, (U.S.)") == ["anna", "berg", "new", "plan", "u", "s"]
    assert fw.content_tokens("in the Town of Oslo") == {"town", "oslo"}


def test_strict_needs_every_content_token_in_one_gold_phrase():
    gold = ["Chief Inspector Anna Berg", "the police"]
    assert fw.match_strict("Anna Berg", gold)
    assert fw.match_strict("Berg's", gold)
    assert not fw.match_strict("Anna Lind", gold)  # "lind" is in no phrase
    assert not fw.match_strict("Berg police", gold)  # tokens split over two phrases
    assert not fw.match_strict("the", gold)  # no content token
    assert not fw.match_strict(None, gold)


def test_lenient_needs_one_shared_content_token():
    gold = ["Berg", "in central Oslo"]
    assert fw.match_lenient("Anna Berg", gold)
    assert fw.match_lenient("Oslo, Norway", gold)
    assert not fw.match_lenient("Bergen", gold)  # tokens, not substrings
    assert not fw.match_lenient("in the", gold)  # stop words do not count
    assert not fw.match_strict("Anna Berg", gold)


def test_date_rule():
    gold = [dt.date(2016, 11, 9)]
    assert fw.match_date(dt.date(2016, 11, 9), gold)
    assert not fw.match_date(dt.date(2016, 11, 8), gold)
    assert not fw.match_date(None, gold)


def test_gold_keeps_phrases_with_text_and_their_parsed_dates():
    record = {"annotations": {
        "who": [{"coderPhraseCount": 1, "text": "Anna Berg"}, {"coderPhraseCount": 3}],
        "where": [{"coderPhraseCount": 3}],
        "when": [{"coderPhraseCount": 2, "text": "on Monday", "parsed": "2016-11-07"}],
    }}
    gold = fw.gold_answers(record)
    assert gold["who"].phrases == ["Anna Berg"]
    assert gold["where"].phrases == []
    assert gold["when"].dates == [dt.date(2016, 11, 7)]


def test_article_text_skips_a_description_the_text_repeats():
    record = {"title": "T", "description": "Lead sentence.", "text": "Lead sentence. More."}
    assert fw.article_text(record) == "T\n\nLead sentence. More."
    record["text"] = "Other start."
    assert fw.article_text(record) == "T\n\nLead sentence.\n\nOther start."


def test_articles_without_gold_are_not_scored_and_no_answer_is_wrong():
    score = fw.Score()
    gold = {"who": fw.Gold(["Anna Berg"]), "where": fw.Gold(), "when": fw.Gold(["Monday"], [dt.date(2016, 11, 7)])}
    fw.score_article(score, gold, {"who": fw.Answer("Berg"), "where": fw.Answer("Oslo"), "when": fw.Answer(None, dt.date(2016, 11, 7))})
    assert (score.strict["who"].right, score.strict["who"].total) == (1, 1)
    assert score.strict["where"].total == 0
    assert (score.strict["when"].right, score.strict["when"].total) == (0, 1)
    assert (score.date.right, score.date.total) == (1, 1)


def _brief(events=()):
    from newswatch.schema import Actor, Article, Brief, Entity, Event, Span

    def span(s, e):
        return Span(start=s, end=e, text="x")

    brief = Brief(
        article=Article(id="x", text="x", body="x", published=dt.date(2020, 1, 2)),
        entities=[
            Entity(id="E1", name="Anna Berg", type="PERSON", mentions=[span(0, 4)]),
            Entity(id="E2", name="Acme Corp", type="ORG", mentions=[span(10, 14), span(20, 24)]),
        ],
    )
    for i, (actor_id, confidence) in enumerate(events):
        brief.events.append(Event(
            id=f"V{i + 1}", type="ACCUSE", actor=Actor(text="she", entity_id=actor_id), trigger=span(30 + i, 31 + i),
            evidence=span(30 + i, 40 + i), confidence=confidence,
        ))
    return brief


def test_newswatch_who_prefers_the_top_event_actor_then_the_most_mentioned_entity():
    assert fw.newswatch_answers(_brief()).get("who").text == "Acme Corp"
    answers = fw.newswatch_answers(_brief([("E2", 0.5), ("E1", 0.7)]))
    assert (answers["who"].text, answers["who"].origin) == ("Anna Berg", "event")
    assert fw.newswatch_answers(_brief([("E1", 0.7)]), use_events=False)["who"].text == "Acme Corp"
    when = fw.newswatch_answers(_brief())["when"]
    assert (when.text, when.date, when.origin) == (None, dt.date(2020, 1, 2), "publication")


# ---------------------------------------------------------------- smoke runs on the real data


def _check_rows(rows, facet):
    assert rows
    for row in rows:
        assert row.facet == facet
        assert row.value is None or 0.0 <= row.value <= 1.0


def test_ner_smoke(shared_data):
    rows = ner.run(shared_data, limit=3)
    _check_rows(rows, "ner")
    assert {r.system for r in rows} == {"newswatch", "spacy"}


def test_fivew1h_smoke(shared_data):
    rows = fw.run(shared_data, limit=3)
    _check_rows(rows, "fivew1h")
    assert {"newswatch", "spacy-first", "pubdate"} <= {r.system for r in rows}
